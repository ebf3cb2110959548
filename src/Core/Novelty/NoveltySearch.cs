using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.Core.Novelty;

/// <summary>
/// Novelty (查新) search: weighted key terms → one scored OR query over title, abstract and claims →
/// re-rank the candidates by BM25 and by the weighted share of key terms each contains → passages and IPC votes.
/// </summary>
public sealed class NoveltySearch(IPatentSearcher searcher)
{
    public const int MaxSize = 100;

    private static readonly SearchField[] ScoredFields = [SearchField.Title, SearchField.Abstract, SearchField.Claims];
    private static readonly string[] PassageFields = ["abstract", "claims", "description", "title"];

    private readonly NoveltyTermExtractor _extractor = new(searcher);

    /// <summary>
    /// Share of the BM25 score in the final ranking; the rest is weighted key-term coverage. Coverage dominates because a
    /// paraphrased description shares many of a patent's terms once each rather than a few of them often
    /// (tuned on eval/queries: docs/search-quality.md).
    /// </summary>
    public double ScoreShare { get; init; } = 0.1;

    /// <summary>Coverage at which relevance is 0.5: between the best match of descriptions without prior art (≤ 0.16 on eval/queries/no-prior-art.jsonl) and true prior art (≥ 0.28).</summary>
    public const double CoverageAtHalfRelevance = 0.22;

    /// <summary>Nearest neighbours that vote for IPC subclasses, and how sharply their votes favour the closest.</summary>
    public int IpcNeighbours { get; init; } = 20;
    public double IpcVotePower { get; init; } = 2;

    /// <summary>Candidates fetched for re-ranking, per requested hit.</summary>
    public int CandidatesPerHit { get; init; } = 5;

    public async Task<NoveltyResult> SearchAsync(NoveltyRequest request, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(request.Size, 1, MaxSize);
        var terms = request.Terms is { Count: > 0 } edited
            ? await ReweighAsync(edited, cancellationToken).ConfigureAwait(false)
            : await _extractor.ExtractAsync(request.Text, cancellationToken).ConfigureAwait(false);
        // Extraction analyses up to 20,000 characters: a caller that gave up meanwhile gets no search.
        cancellationToken.ThrowIfCancellationRequested();
        var queryTerms = terms.Where(t => t.DocumentFrequency > 0 && t.Weight > 0).ToList();
        if (queryTerms.Count == 0)
        {
            return new NoveltyResult([], terms, [], 0, searcher.EngineName);
        }

        var query = new WeightedTermsNode([.. queryTerms.Select(t => new WeightedTerm(t.Term, (float)t.Weight, t.Bigram))], ScoredFields);
        var candidates = await searcher.SearchAsync(new SearchRequest
        {
            Query = query,
            Filters = request.Filters,
            Size = Math.Max(50, size * CandidatesPerHit),
            ReportMatchedTerms = true,
        }, cancellationToken).ConfigureAwait(false);
        if (candidates.Hits.Count == 0)
        {
            return new NoveltyResult([], terms, [], candidates.Total, candidates.Engine);
        }

        // Terms absent from the corpus still count against coverage: the description asks for something the corpus lacks.
        var totalWeight = terms.Sum(t => t.Weight);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            weights[term.Term] = Math.Max(weights.GetValueOrDefault(term.Term), term.Weight);
        }
        var maxScore = candidates.Hits.Max(h => h.Score);
        var ranked = candidates.Hits
            .Select(hit =>
            {
                var coverage = hit.MatchedTerms.Sum(t => weights.GetValueOrDefault(t)) / totalWeight;
                var combined = (ScoreShare * (hit.Score / maxScore)) + ((1 - ScoreShare) * coverage);
                return (Hit: hit, Coverage: coverage, Combined: combined);
            })
            .OrderByDescending(x => x.Combined)
            .ThenBy(x => x.Hit.Id, StringComparer.Ordinal)
            .Take(size)
            .ToList();

        var highlighted = (await searcher.SearchAsync(new SearchRequest
        {
            Query = query,
            Ids = [.. ranked.Select(r => r.Hit.Id)],
            Size = ranked.Count,
            Highlight = true,
        }, cancellationToken).ConfigureAwait(false)).Hits.ToDictionary(h => h.Id, StringComparer.Ordinal);

        var hits = ranked.Select(r =>
        {
            var (passage, field) = BestPassage(highlighted.GetValueOrDefault(r.Hit.Id));
            return new NoveltyHit(r.Hit.Id, r.Hit.Record!, Math.Round(r.Combined, 4), Math.Round(Calibrate(r.Coverage), 4), r.Hit.MatchedTerms, passage, field);
        }).ToList();
        // IPC votes come from the BM25 neighbours: the classifier wants textual nearness, not key-term coverage.
        var neighbours = candidates.Hits.Take(IpcNeighbours).Select(h => (h.Record!, Math.Pow(h.Score / maxScore, IpcVotePower)));
        return new NoveltyResult(hits, terms, SuggestIpc(neighbours), candidates.Total, candidates.Engine);
    }

    /// <summary>
    /// Maps weighted key-term coverage to a relevance in [0, 1] that is comparable across queries: a saturating curve
    /// through 0.5 at <see cref="CoverageAtHalfRelevance"/>, so a hit sharing only generic terms stays low.
    /// </summary>
    public static double Calibrate(double coverage) =>
        Math.Clamp(1 - Math.Exp(-Math.Max(coverage, 0) * Math.Log(2) / CoverageAtHalfRelevance), 0, 1);

    private async Task<IReadOnlyList<NoveltyTerm>> ReweighAsync(IReadOnlyList<NoveltyTerm> edited, CancellationToken cancellationToken)
    {
        var keys = edited.Select(t => new TermKey(SearchField.Keywords, t.Term, t.Bigram)).ToList();
        var stats = await searcher.GetTermStatisticsAsync(keys, cancellationToken).ConfigureAwait(false);
        return [.. edited.Zip(stats, (term, stat) => term with { DocumentFrequency = stat.DocumentFrequency })];
    }

    private static (string? Passage, string? Field) BestPassage(SearchHit? hit)
    {
        if (hit is null)
        {
            return (null, null);
        }
        foreach (var field in PassageFields)
        {
            if (hit.Highlights.TryGetValue(field, out var fragments) && fragments.Count > 0)
            {
                return (fragments[0], field);
            }
        }
        return (null, null);
    }

    /// <summary>IPC subclasses voted by the nearest neighbours, weighted by their combined score.</summary>
    private static List<IpcSuggestion> SuggestIpc(IEnumerable<(Model.PatentRecord Record, double Score)> neighbours)
    {
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var (record, score) in neighbours)
        {
            var subclasses = record.Ipc.Where(c => c.Length >= 4).Select(c => c[..4]).Distinct(StringComparer.Ordinal).ToList();
            if (subclasses.Count == 0)
            {
                continue;
            }
            total += score;
            foreach (var subclass in subclasses)
            {
                votes[subclass] = votes.GetValueOrDefault(subclass) + (score / subclasses.Count);
            }
        }
        return total == 0
            ? []
            : [.. votes.OrderByDescending(v => v.Value).Take(5).Select(v => new IpcSuggestion(v.Key, Math.Round(v.Value / total, 4))).Where(s => s.Confidence >= 0.05)];
    }
}
