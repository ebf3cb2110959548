using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Ingestion;

/// <summary>
/// Merges two records of the same patent from different sources field by field: a later source fills and updates
/// fields but never erases one an earlier source had, and where both hold different values the choice is recorded on
/// the record as a <c>merge-conflict</c> issue naming both sources. Rules per field:
/// scalars and dates — the later non-empty value; abstract and claims — the longer text (a CNKI export carries claim 1
/// only, another source the whole claims); type and legal state — the later known value; IPC — the union, without codes
/// a more specific code in the list already covers; applicants and inventors — the later non-empty list; keyphrases —
/// the union.
/// </summary>
public static class PatentRecordMerger
{
    public const string ConflictCode = "merge-conflict";

    public static PatentRecord Merge(PatentRecord earlier, PatentRecord later)
    {
        if (!string.Equals(earlier.Id, later.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge {earlier.Id} with {later.Id}: different patents.", nameof(later));
        }
        var conflicts = new List<RecordIssue>();
        var from = Describe(earlier.Source);
        var to = Describe(later.Source);

        string? Scalar(string field, string? a, string? b)
        {
            if (string.IsNullOrWhiteSpace(b))
            {
                return a;
            }
            if (!string.IsNullOrWhiteSpace(a) && !string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal))
            {
                conflicts.Add(Conflict(field, b, to, a, from));
            }
            return b;
        }

        string? Longer(string field, string? a, string? b)
        {
            if (string.IsNullOrWhiteSpace(b))
            {
                return a;
            }
            if (string.IsNullOrWhiteSpace(a) || string.Equals(a, b, StringComparison.Ordinal))
            {
                return b;
            }
            var (kept, keptFrom, other, otherFrom) = b.Length >= a.Length ? (b, to, a, from) : (a, from, b, to);
            conflicts.Add(Conflict(field, kept, keptFrom, other, otherFrom));
            return kept;
        }

        T Known<T>(string field, T a, T b, T unknown) where T : struct, Enum
        {
            if (EqualityComparer<T>.Default.Equals(b, unknown))
            {
                return a;
            }
            if (!EqualityComparer<T>.Default.Equals(a, unknown) && !EqualityComparer<T>.Default.Equals(a, b))
            {
                conflicts.Add(Conflict(field, b.ToString(), to, a.ToString(), from));
            }
            return b;
        }

        DateOnly? Date(string field, DateOnly? a, DateOnly? b)
        {
            if (b is null)
            {
                return a;
            }
            if (a is not null && a != b)
            {
                conflicts.Add(Conflict(field, b.Value.ToString("yyyy-MM-dd"), to, a.Value.ToString("yyyy-MM-dd"), from));
            }
            return b;
        }

        IReadOnlyList<string> List(string field, IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            if (b.Count == 0)
            {
                return a;
            }
            if (a.Count > 0 && !a.ToHashSet(StringComparer.Ordinal).SetEquals(b))
            {
                conflicts.Add(Conflict(field, string.Join("; ", b), to, string.Join("; ", a), from));
            }
            return b;
        }

        var claims = Longer("claims", earlier.Claims, later.Claims);
        var merged = later with
        {
            PublicationNumber = Scalar("publicationNumber", earlier.PublicationNumber, later.PublicationNumber),
            ApplicationNumber = Scalar("applicationNumber", earlier.ApplicationNumber, later.ApplicationNumber),
            GrantNumber = Scalar("grantNumber", earlier.GrantNumber, later.GrantNumber),
            Type = Known("type", earlier.Type, later.Type, PatentType.Unknown),
            KindCode = Scalar("kindCode", earlier.KindCode, later.KindCode),
            Title = Scalar("title", earlier.Title, later.Title),
            Abstract = Longer("abstract", earlier.Abstract, later.Abstract),
            Claims = claims,
            ClaimTree = ReferenceEquals(claims, later.Claims) ? later.ClaimTree ?? earlier.ClaimTree : earlier.ClaimTree ?? later.ClaimTree,
            Description = Longer("description", earlier.Description, later.Description),
            Ipc = MostSpecific([.. earlier.Ipc, .. later.Ipc]),
            MainIpc = Scalar("mainIpc", earlier.MainIpc, later.MainIpc),
            Applicants = List("applicants", earlier.Applicants, later.Applicants),
            Inventors = List("inventors", earlier.Inventors, later.Inventors),
            Address = Scalar("address", earlier.Address, later.Address),
            Region = later.Region ?? earlier.Region,
            ApplicationDate = Date("applicationDate", earlier.ApplicationDate, later.ApplicationDate),
            PublicationDate = Date("publicationDate", earlier.PublicationDate, later.PublicationDate),
            GrantDate = Date("grantDate", earlier.GrantDate, later.GrantDate),
            Priorities = later.Priorities.Count > 0 ? later.Priorities : earlier.Priorities,
            LegalState = Known("legalState", earlier.LegalState, later.LegalState, LegalState.Unknown),
            LegalStatusText = later.LegalState != LegalState.Unknown || earlier.LegalStatusText is null ? later.LegalStatusText ?? earlier.LegalStatusText : earlier.LegalStatusText,
            Agency = Scalar("agency", earlier.Agency, later.Agency),
            Keyphrases = [.. earlier.Keyphrases.Concat(later.Keyphrases).Distinct(StringComparer.Ordinal)],
            Synthetic = earlier.Synthetic || later.Synthetic,
        };
        // Issues of both sources, each once; a conflict found again on a re-run is not recorded twice.
        return merged with { Issues = [.. earlier.Issues.Concat(later.Issues).Concat(conflicts).Distinct()] };
    }

    /// <summary>The codes in order, each once, without a code that another, more specific code of the list lies under.</summary>
    private static List<string> MostSpecific(IEnumerable<string> codes)
    {
        var distinct = codes.Distinct(StringComparer.Ordinal).ToList();
        var levels = distinct.ToDictionary(c => c, c => IpcCode.Parse(c).Value?.Levels ?? [c], StringComparer.Ordinal);
        return [.. distinct.Where(code => !distinct.Any(other => other != code && levels[other].Contains(code, StringComparer.Ordinal) && levels[other][^1] != code))];
    }

    private static RecordIssue Conflict(string field, string kept, string keptFrom, string other, string otherFrom) =>
        new(ConflictCode, $"{field}: kept {Quote(kept)} ({keptFrom}) over {Quote(other)} ({otherFrom})");

    private static string Quote(string value) => value.Length > 80 ? $"\"{value[..80]}…\"" : $"\"{value}\"";

    private static string Describe(SourceLocation? source) =>
        source is null ? "unknown source" : $"{Path.GetFileName(source.File)}:{source.Line}";
}
