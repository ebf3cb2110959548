using PatentNav.Core.Engine;
using PatentNav.Core.Infringement;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Query;

namespace PatentNav.Core.Ledger;

/// <summary>One patent of a ledger (企业专利台账), merged from its publications (A and B of one application are one patent).</summary>
/// <param name="PatentNumber">专利号: ZL + the application number of a granted patent, the bare application number of an application.</param>
/// <param name="NextAnnualFee">The next anniversary of the filing date from today (年费 falls due by it), for a patent in force or unverified.</param>
/// <param name="Source">原始 (first applicant from filing) / 受让 (assigned): the exports do not say, so 未知.</param>
public sealed record LedgerRow(
    string PatentNumber, string PublicationNumber, IReadOnlyList<string> Publications, string? Title, PatentType Type,
    DateOnly? ApplicationDate, DateOnly? GrantDate, LegalState LegalState, string? LegalStatusText, Enforceability Enforceability,
    DateOnly? NextAnnualFee, IReadOnlyList<string> Inventors, IReadOnlyList<string> Applicants, IReadOnlyList<string> Ipc, string Source)
{
    /// <summary>The grant year of the right (<see cref="Enforceability.GrantYear"/> over its publications).</summary>
    public int? GrantYear { get; init; }
}

public sealed record LabelledTotal(string Key, string Label, long Count);

public sealed record ApplicantPortfolio(
    string Applicant, string Key, IReadOnlyList<string> Aliases, long Total, long InForce, long InForceUnverified,
    IReadOnlyDictionary<string, long> ByType, IReadOnlyDictionary<string, long> ByLegalStatus, IReadOnlyDictionary<string, long> ByYear,
    IReadOnlyList<LedgerRow> ExpiringWithin12Months, IReadOnlyList<LabelledTotal> Inventors, IReadOnlyList<LabelledTotal> IpcSubclasses,
    IReadOnlyList<LabelledTotal> CoApplicants, IReadOnlyList<LedgerRow> Rows, DateOnly Today)
{
    /// <summary>Grants per type in each of the last three full years: the counts the 高新技术企业 review asks for.</summary>
    public IReadOnlyList<YearGrants> GrantsLastThreeYears { get; init; } = [];

    /// <summary>Granted patents whose grant year the data does not give (no grant date, an A publication): not in <see cref="GrantsLastThreeYears"/>.</summary>
    public long GrantsWithoutYear { get; init; }
}

public sealed record YearGrants(int Year, long Invention, long UtilityModel, long Design);

/// <summary>
/// The enterprise patent ledger and profile (措施六: 建立专利信息化台账): every patent whose applicants include the
/// standardised name (the grouping key: legal form and width ignored), merged per application, with the figures a
/// company's patent administrator keeps.
/// </summary>
public sealed class ApplicantLedger(IPatentSearcher searcher, TimeProvider? clock = null)
{
    /// <summary>Publications read per ledger at most (the largest portfolio in the bundled data has 10,000).</summary>
    public const int MaxPublications = 50_000;

    /// <param name="reviewYear">The year of a 高新技术企业 review: grants are counted for the three years before it (default: this year).</param>
    public async Task<ApplicantPortfolio?> BuildAsync(string name, int? reviewYear = null, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetLocalNow().Date);
        var key = ApplicantName.ToKey(name);
        var records = new List<PatentRecord>();
        await foreach (var record in SearchPages.RecordsAsync(searcher, new SearchRequest { Query = new KeywordNode(SearchField.Applicant, key), Sort = SortOrder.ApplicationDateDesc },
            MaxPublications, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }
        if (records.Count == 0)
        {
            return null;
        }

        // One patent per application: the A publication and its B grant are two records of the same right.
        var patents = records.GroupBy(r => r.ApplicationNumber ?? r.Id, StringComparer.Ordinal).Select(g => Merge(g.ToList(), today)).ToList();
        var displays = records.SelectMany(r => r.Applicants).Where(a => ApplicantName.ToKey(a) == key)
            .GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var rows = patents.OrderByDescending(p => p.ApplicationDate ?? DateOnly.MinValue).ThenBy(p => p.PatentNumber, StringComparer.Ordinal).ToList();
        var inForce = rows.Count(r => r.Enforceability.InForce == true);
        var unverified = rows.Count(r => r.Enforceability.Code == Enforceability.InForceUnverified);
        var horizon = today.AddMonths(12);
        return new ApplicantPortfolio(
            displays.FirstOrDefault() ?? name.Trim(), key, displays, rows.Count, inForce, unverified,
            WithZeros(Count(rows, r => TypeKey(r.Type)), "invention", "utilityModel", "design"),
            WithZeros(Count(rows, r => StateKey(r.LegalState)), "inForce", "pending", "notInForce", "unknown"),
            new SortedDictionary<string, long>(rows.Where(r => r.ApplicationDate is not null)
                .GroupBy(r => r.ApplicationDate!.Value.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => (long)g.Count()), StringComparer.Ordinal),
            [.. rows.Where(r => r.Enforceability.InForce != false && r.Enforceability.Expiry is { } e && e >= today && e <= horizon).OrderBy(r => r.Enforceability.Expiry)],
            Top(rows.SelectMany(r => r.Inventors), 20),
            Top(rows.SelectMany(r => r.Ipc.Where(c => c.Length >= 4).Select(c => c[..4]).Distinct(StringComparer.Ordinal)), 20),
            CoApplicants(rows, key),
            rows, today)
        {
            GrantsLastThreeYears = [.. Enumerable.Range((reviewYear ?? today.Year) - 3, 3).Select(y => new YearGrants(y,
                rows.Count(r => r.GrantYear == y && r.Type == PatentType.Invention),
                rows.Count(r => r.GrantYear == y && r.Type == PatentType.UtilityModel),
                rows.Count(r => r.GrantYear == y && r.Type == PatentType.Design)))],
            // Codes that only a granted right gets: in force (verified or not) and expired.
            GrantsWithoutYear = rows.Count(r => r.GrantYear is null && r.Enforceability.Code is Enforceability.InForceCode or Enforceability.InForceUnverified or Enforceability.Expired),
        };
    }

    public static string TypeKey(PatentType type) => type switch
    {
        PatentType.Invention => "invention",
        PatentType.UtilityModel => "utilityModel",
        PatentType.Design => "design",
        _ => "unknown",
    };

    public static string StateKey(LegalState state) => state switch
    {
        LegalState.InForce => "inForce",
        LegalState.Pending => "pending",
        LegalState.NotInForce => "notInForce",
        _ => "unknown",
    };

    /// <summary>The next filing anniversary on or after today: annual fees for the coming year fall due by it.</summary>
    public static DateOnly? NextAnniversary(DateOnly? filed, DateOnly today)
    {
        if (filed is not { } f)
        {
            return null;
        }
        var years = today.Year - f.Year;
        var candidate = f.AddYears(Math.Max(years, 1));
        return candidate < today ? f.AddYears(years + 1) : candidate;
    }

    /// <summary>Fields from the grant where there is one, from any publication where the grant lacks them.</summary>
    private static LedgerRow Merge(List<PatentRecord> publications, DateOnly today)
    {
        var ordered = publications.OrderByDescending(r => Enforceability.IsGranted(r) == true).ThenByDescending(r => r.PublicationDate ?? DateOnly.MinValue).ToList();
        var main = ordered[0];
        var state = ordered.Select(r => r.LegalState).FirstOrDefault(s => s != LegalState.Unknown);
        var merged = main with
        {
            ApplicationDate = ordered.Select(r => r.ApplicationDate).FirstOrDefault(d => d is not null),
            GrantDate = ordered.Select(r => r.GrantDate).FirstOrDefault(d => d is not null),
            LegalState = state,
            LegalStatusText = ordered.Select(r => r.LegalStatusText).FirstOrDefault(t => t is not null),
            Type = ordered.Select(r => r.Type).FirstOrDefault(t => t != PatentType.Unknown),
        };
        var enforceability = Enforceability.Of(merged, today);
        return new LedgerRow(
            // ZL marks a granted patent's number; an application is listed by its bare application number.
            main.ApplicationNumber is { } an ? (Enforceability.IsGranted(merged) == true ? "ZL" + an : an) : main.PublicationNumber ?? main.Id,
            main.PublicationNumber ?? main.Id,
            [.. ordered.Select(r => r.PublicationNumber ?? r.Id).Distinct(StringComparer.Ordinal)],
            ordered.Select(r => r.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
            merged.Type, merged.ApplicationDate, merged.GrantDate, merged.LegalState, merged.LegalStatusText, enforceability,
            enforceability.InForce != false && enforceability.Code is Enforceability.InForceCode or Enforceability.InForceUnverified ? NextAnniversary(merged.ApplicationDate, today) : null,
            [.. ordered.SelectMany(r => r.Inventors).Distinct(StringComparer.Ordinal)],
            [.. ordered.SelectMany(r => r.Applicants).Distinct(StringComparer.Ordinal)],
            [.. ordered.SelectMany(r => r.Ipc).Distinct(StringComparer.Ordinal)],
            "未知")
        {
            GrantYear = ordered.Select(Enforceability.GrantYear).FirstOrDefault(y => y is not null),
        };
    }

    private static Dictionary<string, long> Count(IEnumerable<LedgerRow> rows, Func<LedgerRow, string> key) =>
        rows.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    /// <summary>The other applicants on the applicant's patents, by key (one count per patent), named as first written.</summary>
    private static List<LabelledTotal> CoApplicants(List<LedgerRow> rows, string key)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var applicant in row.Applicants)
            {
                var other = ApplicantName.ToKey(applicant);
                if (other != key && keys.Add(other))
                {
                    named.TryAdd(other, applicant);
                    counts[other] = counts.GetValueOrDefault(other) + 1;
                }
            }
        }
        return [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(30).Select(c => new LabelledTotal(c.Key, named[c.Key], c.Value))];
    }

    /// <summary>Every listed key present, zero when no patent has it: a portfolio without designs shows design 0.</summary>
    private static Dictionary<string, long> WithZeros(Dictionary<string, long> counts, params string[] keys)
    {
        foreach (var key in keys)
        {
            counts.TryAdd(key, 0);
        }
        return counts;
    }

    private static List<LabelledTotal> Top(IEnumerable<string> values, int size) =>
        [.. values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(size)
            .Select(g => new LabelledTotal(g.Key, g.Key, g.Count()))];
}
