using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PatentNav.Core.Engine;
using PatentNav.Core.Infringement;

namespace PatentNav.Evaluation;

/// <summary>
/// One pre-check case (eval/infringement/README.md): a product text written against one claim of one patent, the verdict a
/// patent attorney would give, and for a not-covered case a piece of the element the text drops or changes.
/// </summary>
public sealed record InfringementCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("patent")] string Patent,
    [property: JsonPropertyName("claim")] int Claim,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("missing")] string? Missing = null,
    [property: JsonPropertyName("split")] string? Split = null)
{
    public bool HeldOut => string.Equals(Split, "heldout", StringComparison.Ordinal);

    public static IReadOnlyList<InfringementCase> Load(string path) =>
        QuerySet.LoadLines<InfringementCase>(path, "an infringement case", item => item.Expected is ClaimVerdict.Literal or ClaimVerdict.Equivalent or ClaimVerdict.NotCovered
            ? item
            : throw new JsonException($"expected must be literal, equivalent or not_covered, not '{item.Expected}'"));
}

/// <summary>What the pre-check answered for one case's claim.</summary>
/// <param name="SearchRank">Where the default search (no patents given) put the case's patent (1-based), null when not in its
/// top 10; <see cref="Searchable"/> says whether the search could return it at all (it can be infringed).</param>
public sealed record CaseOutcome(string? Verdict, IReadOnlyList<string> MissingElements, int? SearchRank = null, bool Searchable = false);

public interface IInfringementBackend : IDisposable
{
    CaseOutcome Check(InfringementCase item);
}

public sealed class InProcessInfringementBackend(IPatentSearcher searcher, IDisposable? owner = null, bool plainBaseline = false) : IInfringementBackend
{
    private readonly InfringementCheck _check = new(searcher) { PlainBaseline = plainBaseline };

    public CaseOutcome Check(InfringementCase item)
    {
        var result = _check.CheckAsync(new InfringementRequest { Text = item.Text, Patents = [item.Patent] }).GetAwaiter().GetResult();
        var patent = result.Results.SingleOrDefault();
        var claim = patent?.Claims.FirstOrDefault(c => c.Number == item.Claim);
        var searchable = patent?.Enforceability?.Searchable == true;
        int? rank = null;
        if (searchable)
        {
            var searched = _check.CheckAsync(new InfringementRequest { Text = item.Text, Size = 10 }).GetAwaiter().GetResult();
            var at = searched.Results.ToList().FindIndex(r => r.Record?.PublicationNumber == patent!.Record!.PublicationNumber);
            rank = at < 0 ? null : at + 1;
        }
        return new CaseOutcome(claim?.Verdict, claim?.MissingElements ?? [], rank, searchable);
    }

    public void Dispose() => owner?.Dispose();
}

/// <summary>Calls <c>POST /api/v1/infringement</c> of a running service.</summary>
public sealed class HttpInfringementBackend(Uri baseAddress) : IInfringementBackend
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public CaseOutcome Check(InfringementCase item)
    {
        using var response = _client.PostAsJsonAsync("/api/v1/infringement", new { text = item.Text, patents = new[] { item.Patent } }).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var json = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        foreach (var result in json.GetProperty("results").EnumerateArray())
        {
            foreach (var claim in result.GetProperty("claims").EnumerateArray())
            {
                if (claim.GetProperty("number").GetInt32() == item.Claim)
                {
                    return new CaseOutcome(claim.GetProperty("verdict").GetString(),
                        [.. claim.GetProperty("missingElements").EnumerateArray().Select(e => e.GetString()!)]);
                }
            }
        }
        return new CaseOutcome(null, []);
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>
/// Verdict accuracy (three classes: literal, equivalent, not covered) and, of the not-covered cases, how often the
/// element the text drops or changes is named: among the missing elements, with at most <see cref="MaxNamed"/> named
/// (naming every element would always "find" it).
/// </summary>
public static class InfringementEvaluation
{
    public const int MaxNamed = 2;

    public sealed record Row(string Split, int Cases, int Correct, int CoveredCorrect, int NotCovered, int Named, IReadOnlyDictionary<(string Expected, string Got), int> Confusion)
    {
        /// <summary>Cases whose patent the default search may return, and how many it returned first / in its top 10.</summary>
        public (int Searchable, int First, int Top10) Search { get; init; }

        public double Accuracy => Cases == 0 ? 0 : (double)Correct / Cases;
        public double CoveredAccuracy => Cases == 0 ? 0 : (double)CoveredCorrect / Cases;
        public double NamedShare => NotCovered == 0 ? 0 : (double)Named / NotCovered;
    }

    public static bool Names(InfringementCase item, CaseOutcome outcome) =>
        item.Missing is { Length: > 0 } marker
        && outcome.MissingElements.Count is > 0 and <= MaxNamed
        && outcome.MissingElements.Any(e => ClaimElementSegmenter.Clean(e).Contains(marker, StringComparison.Ordinal));

    public static IReadOnlyList<Row> Run(IReadOnlyList<InfringementCase> cases, IInfringementBackend backend, Action<string>? detail = null)
    {
        var outcomes = cases.Select(c => (Case: c, Outcome: backend.Check(c))).ToList();
        foreach (var (item, outcome) in outcomes)
        {
            if (outcome.Verdict != item.Expected || (item.Expected == ClaimVerdict.NotCovered && !Names(item, outcome)))
            {
                detail?.Invoke($"  {item.Id} ({item.Split ?? "dev"}): expected {item.Expected}{(item.Missing is null ? "" : $" [{item.Missing}]")}, got {outcome.Verdict ?? "(no claim)"}"
                    + (outcome.MissingElements.Count > 0 ? $" missing: {string.Join(" | ", outcome.MissingElements)}" : ""));
            }
        }
        return [.. outcomes.GroupBy(o => o.Case.HeldOut ? "heldout" : "dev").OrderBy(g => g.Key, StringComparer.Ordinal).Select(Summarise).Append(Summarise(outcomes.GroupBy(_ => "all").Single()))];

        static Row Summarise(IGrouping<string, (InfringementCase Case, CaseOutcome Outcome)> group)
        {
            var list = group.ToList();
            var confusion = list.GroupBy(o => (o.Case.Expected, o.Outcome.Verdict ?? "none")).ToDictionary(g => g.Key, g => g.Count());
            static bool Covered(string? verdict) => verdict is ClaimVerdict.Literal or ClaimVerdict.Equivalent;
            var notCovered = list.Where(o => o.Case.Expected == ClaimVerdict.NotCovered).ToList();
            return new Row(group.Key, list.Count, list.Count(o => o.Outcome.Verdict == o.Case.Expected),
                list.Count(o => Covered(o.Outcome.Verdict) == Covered(o.Case.Expected)), notCovered.Count,
                notCovered.Count(o => Names(o.Case, o.Outcome)), confusion)
            {
                Search = (list.Count(o => o.Outcome.Searchable), list.Count(o => o.Outcome.SearchRank == 1), list.Count(o => o.Outcome.SearchRank is not null)),
            };
        }
    }

    public static void Print(IReadOnlyList<Row> rows, Action<string> write)
    {
        write($"{"split",-8} {"cases",6} {"verdict accuracy",17} {"covered/not",12} {"not covered",12} {"missing named",14} {"search first/top10 of searchable",33}");
        foreach (var r in rows)
        {
            write(string.Create(CultureInfo.InvariantCulture,
                $"{r.Split,-8} {r.Cases,6} {r.Accuracy,17:F3} {r.CoveredAccuracy,12:F3} {r.NotCovered,12} {r.NamedShare,14:F3} {$"{r.Search.First}/{r.Search.Top10} of {r.Search.Searchable}",33}"));
        }
        var all = rows[^1];
        write("confusion (expected → got): " + string.Join(", ", all.Confusion.OrderBy(c => c.Key.Expected, StringComparer.Ordinal).ThenBy(c => c.Key.Got, StringComparer.Ordinal)
            .Select(c => $"{c.Key.Expected}→{c.Key.Got} {c.Value}")));
    }
}
