using PatentNav.Core.Model;

namespace PatentNav.Core.Infringement;

/// <summary>Whether a patent can be infringed today, and on what the answer rests.</summary>
/// <param name="Code">
/// <c>in_force</c> (granted, within its term, legal status in force), <c>in_force_unverified</c> (granted and within its
/// term, but the data gives no legal status), <c>application</c> (published, not granted: no right to exclude yet),
/// <c>expired</c> (term over), <c>lapsed</c> (legal status not in force), <c>unknown</c> (neither grant nor filing date
/// known).
/// </param>
/// <param name="InForce">True, false, or null when the data cannot tell: unknown is never reported as safe.</param>
/// <param name="Expiry">The last day of the term (filing date + term); null without a filing date.</param>
public sealed record Enforceability(string Code, bool? InForce, DateOnly? Expiry, string Note)
{
    public const string InForceCode = "in_force";
    public const string InForceUnverified = "in_force_unverified";
    public const string Application = "application";
    public const string Expired = "expired";
    public const string Lapsed = "lapsed";
    public const string Unknown = "unknown";

    /// <summary>Designs filed on or after this day have a 15-year term (patent law as amended in 2020, in force 2021-06-01).</summary>
    public static readonly DateOnly FifteenYearDesignsFrom = new(2021, 6, 1);

    /// <summary>Term in years from the filing date: invention 20, utility model 10, design 15 (filed from 2021-06-01) or 10.</summary>
    public static int? TermYears(PatentType type, DateOnly? filed) => type switch
    {
        PatentType.Invention => 20,
        PatentType.UtilityModel => 10,
        PatentType.Design => filed is { } f && f >= FifteenYearDesignsFrom ? 15 : 10,
        _ => null,
    };

    /// <summary>The day before the anniversary of filing in the term's last year.</summary>
    public static DateOnly? ExpiryOf(PatentRecord record) =>
        record.ApplicationDate is { } filed && TermYears(record.Type, filed) is { } years ? filed.AddYears(years).AddDays(-1) : null;

    /// <summary>
    /// Granted when the kind code says so (B/C inventions, U/Y utility models, S/D designs), when a grant date is given, or
    /// when the legal status says in force; a Chinese invention published with kind A is an application.
    /// </summary>
    public static bool? IsGranted(PatentRecord record)
    {
        if (record.GrantDate is not null || record.LegalState == LegalState.InForce)
        {
            return true;
        }
        var kind = record.KindCode is { Length: > 0 } k ? char.ToUpperInvariant(k[0]) : (char?)null;
        return kind switch
        {
            'B' or 'C' or 'U' or 'Y' or 'S' or 'D' => true,
            'A' => false,
            // Utility models and designs are published only once granted.
            _ => record.Type is PatentType.UtilityModel or PatentType.Design ? true : null,
        };
    }

    /// <summary>The year it was granted: its grant date's, else that of a grant publication (B/C, U/Y, S/D); null when neither is known.</summary>
    public static int? GrantYear(PatentRecord record) =>
        record.GrantDate?.Year
        ?? (record.KindCode is { Length: > 0 } kind && char.ToUpperInvariant(kind[0]) is 'B' or 'C' or 'U' or 'Y' or 'S' or 'D' ? record.PublicationDate?.Year : null);

    public static Enforceability Of(PatentRecord record, DateOnly today)
    {
        var expiry = ExpiryOf(record);
        var granted = IsGranted(record);
        // Not in force per legal status, whatever the publication: incoPat lists a family by its A publication, so a
        // granted patent that lapsed and an application that was rejected or withdrawn look alike; neither is in force.
        if (record.LegalState == LegalState.NotInForce && (granted != true || expiry is not { } ended || ended >= today))
        {
            return new(Lapsed, false, expiry, $"法律状态为无权（{record.LegalStatusText ?? "无权"}）。Legal status: not in force.");
        }
        if (granted == false)
        {
            return new(Application, false, expiry,
                "公开的申请，尚未授权：无权禁止他人实施（仅有临时保护）。Published application, not granted: no right to exclude yet (provisional protection only).");
        }
        if (expiry is { } end && end < today)
        {
            return new(Expired, false, expiry, $"保护期已于 {end:yyyy-MM-dd} 届满。Term ended on {end:yyyy-MM-dd}.");
        }
        if (record.LegalState == LegalState.NotInForce)
        {
            return new(Lapsed, false, expiry, $"法律状态为无权（{record.LegalStatusText ?? "无权"}）。Legal status: not in force.");
        }
        if (granted is null)
        {
            return new(Unknown, null, expiry, "数据未给出授权信息，无法判断是否有效，请核实。The data does not say whether it was granted: verify.");
        }
        if (expiry is null)
        {
            // No filing date (CNKI's exports give the publication date only): filing precedes publication, so the term
            // ends at the latest a full term after publication. Past that it has certainly expired; before it, unknown.
            if (record.PublicationDate is { } published && TermYears(record.Type, published) is { } years)
            {
                var latest = published.AddYears(years).AddDays(-1);
                return latest < today
                    ? new(Expired, false, null, $"申请日未知，但自公开日起算的保护期也已于 {latest:yyyy-MM-dd} 前届满。Term ended (filing date unknown; at the latest {latest:yyyy-MM-dd}).")
                    : new(InForceUnverified, null, null,
                        $"已授权；数据缺少申请日和法律状态，保护期最迟至 {latest:yyyy-MM-dd}，请核实。Legal status unknown — verify (granted; filing date not given, term ends by {latest:yyyy-MM-dd} at the latest).");
            }
            return new(Unknown, null, null, "数据缺少申请日，无法计算保护期，请核实。No filing date, so the term cannot be computed: verify.");
        }
        return record.LegalState == LegalState.InForce
            ? new(InForceCode, true, expiry, $"已授权，保护期至 {expiry:yyyy-MM-dd}，法律状态有效。Granted, in term until {expiry:yyyy-MM-dd}, legal status in force.")
            : new(InForceUnverified, null, expiry,
                $"已授权且在保护期内（至 {expiry:yyyy-MM-dd}），但数据未给出法律状态（如年费缴纳），请核实。Legal status unknown — verify (granted, in term until {expiry:yyyy-MM-dd}).");
    }

    /// <summary>What a default pre-check searches: granted, within term, not lapsed; unverified ones are included and flagged.</summary>
    public bool Searchable => Code is InForceCode or InForceUnverified;
}
