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

    /// <summary>The fields novelty queries score: title, abstract and claims (the baseline's too).</summary>
    internal static readonly SearchField[] ScoredFields = [SearchField.Title, SearchField.Abstract, SearchField.Claims];
    private static readonly string[] PassageFields = ["abstract", "claims", "description", "title"];

    /// <summary>How key terms are drawn from a description.</summary>
    public NoveltyTermExtractor Extractor { get; init; } = new(searcher);

    /// <summary>
    /// Share of the BM25 score in the final ranking; the rest is weighted key-term coverage. Coverage dominates because a
    /// paraphrased description shares many of a patent's terms once each rather than a few of them often
    /// (tuned on eval/queries: docs/search-quality.md).
    /// </summary>
    public double ScoreShare { get; init; } = 0.05;

    /// <summary>
    /// Relevance is a logistic curve in ln(coverage), 1 / (1 + (c½ / coverage)^k), fitted by class-balanced maximum likelihood
    /// on the dev split: true prior art found in the top 10 (115 descriptions) against the best hit of descriptions without
    /// prior art (25); held-out check and the fit in docs/search-quality.md.
    /// </summary>
    public const double CoverageAtHalfRelevance = 0.138;

    /// <summary>Steepness k of the relevance curve (per unit of ln coverage).</summary>
    public const double RelevanceSteepness = 9.2;

    /// <summary>The supervised IPC model, when one is trained; its probabilities are mixed with the neighbours' votes.</summary>
    public IIpcClassifier? Classifier { get; init; }

    /// <summary>
    /// Share of the model in an IPC suggestion's confidence, the rest the neighbours' vote share: 5-fold on cn-titles-ipc
    /// the mix reaches micro-F1 0.405, the model alone 0.375, the votes alone 0.333 (docs/search-quality.md).
    /// </summary>
    public double ClassifierShare { get; init; } = DefaultClassifierShare;

    public const double DefaultClassifierShare = 0.7;

    /// <summary>Nearest neighbours that vote for IPC subclasses, and how sharply their votes favour the closest.</summary>
    public int IpcNeighbours { get; init; } = 20;
    public double IpcVotePower { get; init; } = 2;

    /// <summary>
    /// Key terms (by weight) that choose each hit's passage: highlighting costs per query term and per hit, and the most
    /// specific terms make the most telling passage. (Selecting candidates by them instead of by every term was measured:
    /// 26 % faster at 1M documents, but 2 of 66 held-out targets fell out of the top 10; docs/search-quality.md.)
    /// </summary>
    public int PassageTerms { get; init; } = 32;

    private static WeightedTermsNode WeightedQuery(IEnumerable<NoveltyTerm> terms) =>
        new([.. terms.Select(t => new WeightedTerm(t.Term, (float)t.Weight, t.Bigram))], ScoredFields);

    /// <summary>
    /// Key terms in more than this share of the index's documents do not choose candidates: their postings are most of
    /// the OR query's cost (a word in 10 % of a million documents is 100,000 postings per field) and, with their low idf,
    /// hardly change which patents come first. They still score the candidates and count in coverage and relevance.
    /// </summary>
    public double CandidateMaxDocumentShare { get; init; } = 0.02;

    /// <summary>
    /// The key terms that choose the candidates (<see cref="CandidateMaxDocumentShare"/>); all of them when every term is
    /// common, so a description of common words still finds something.
    /// </summary>
    public IReadOnlyList<NoveltyTerm> CandidateTerms(IReadOnlyList<NoveltyTerm> queryTerms)
    {
        var distinctive = queryTerms.Where(t => t.DocumentCount <= 0 || t.DocumentFrequency <= CandidateMaxDocumentShare * t.DocumentCount).ToList();
        return distinctive.Count > 0 ? distinctive : queryTerms;
    }

    /// <summary>Candidates re-ranked at least, whatever the number of hits asked for.</summary>
    public int MinimumCandidates { get; init; } = 50;

    /// <summary>Candidates fetched for re-ranking, per requested hit.</summary>
    public int CandidatesPerHit { get; init; } = 5;

    public async Task<NoveltyResult> SearchAsync(NoveltyRequest request, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(request.Size, 1, MaxSize);
        var terms = request.Terms is { Count: > 0 } edited
            ? await ReweighAsync(edited, cancellationToken).ConfigureAwait(false)
            : await Extractor.ExtractAsync(request.Text, cancellationToken).ConfigureAwait(false);
        // Extraction analyses up to 20,000 characters: a caller that gave up meanwhile gets no search.
        cancellationToken.ThrowIfCancellationRequested();
        var queryTerms = terms.Where(t => t.DocumentFrequency > 0 && t.Weight > 0).ToList();
        if (queryTerms.Count == 0)
        {
            return new NoveltyResult([], terms, [], 0, searcher.EngineName);
        }

        var baseline = request.Ranking == NoveltyRanking.Baseline && request.Terms is not { Count: > 0 };
        var plain = baseline ? PlainBaseline.Query(request.Text) : null;
        baseline = plain is not null;
        var query = plain ?? WeightedQuery(queryTerms);
        var candidateCount = baseline ? size : Math.Max(MinimumCandidates, size * CandidatesPerHit);
        var distinctive = baseline ? queryTerms : CandidateTerms(queryTerms);
        var pruned = distinctive.Count < queryTerms.Count;
        var candidates = await searcher.SearchAsync(new SearchRequest
        {
            Query = pruned ? WeightedQuery(distinctive) : query,
            Filters = request.Filters,
            Size = candidateCount,
            ReportMatchedTerms = !pruned,
        }, cancellationToken).ConfigureAwait(false);
        if (candidates.Hits.Count == 0)
        {
            return new NoveltyResult([], terms, [], candidates.Total, candidates.Engine);
        }
        if (pruned)
        {
            // The candidates scored and read by every key term, as if the common ones had chosen them too.
            var rescored = await searcher.SearchAsync(new SearchRequest
            {
                Query = query,
                Ids = [.. candidates.Hits.Select(h => h.Id)],
                Size = candidates.Hits.Count,
                ReportMatchedTerms = true,
            }, cancellationToken).ConfigureAwait(false);
            candidates = rescored with { Total = candidates.Total };
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
                // The baseline keeps the engine's order; coverage and relevance are still reported so both can be compared.
                var combined = baseline ? hit.Score / maxScore : (ScoreShare * (hit.Score / maxScore)) + ((1 - ScoreShare) * coverage);
                return (Hit: hit, Coverage: coverage, Combined: combined);
            })
            .OrderByDescending(x => x.Combined)
            .ThenBy(x => x.Hit.Id, StringComparer.Ordinal)
            .Take(size)
            .ToList();

        var passageQuery = baseline ? query : WeightedQuery(queryTerms.OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal).Take(PassageTerms));
        var highlighted = (await searcher.SearchAsync(new SearchRequest
        {
            Query = passageQuery,
            Ids = [.. ranked.Select(r => r.Hit.Id)],
            Size = ranked.Count,
            Highlight = true,
        }, cancellationToken).ConfigureAwait(false)).Hits.ToDictionary(h => h.Id, StringComparer.Ordinal);

        var description = request.Terms is { Count: > 0 } ? null : NoveltyTermExtractor.DescriptionWords.Of(request.Text);
        var hits = ranked.Select(r =>
        {
            var (passage, field) = BestPassage(highlighted.GetValueOrDefault(r.Hit.Id));
            // Edited terms are the user's own words already; a description is explained in its own words.
            var shown = description is null ? r.Hit.MatchedTerms : description.Matched(r.Hit.MatchedTerms.ToHashSet(StringComparer.Ordinal));
            return new NoveltyHit(r.Hit.Id, r.Hit.Record!, Math.Round(r.Combined, 4), Math.Round(Calibrate(r.Coverage), 4), shown, passage, field)
            {
                Coverage = Math.Round(r.Coverage, 4),
            };
        }).ToList();
        // IPC votes come from the BM25 neighbours: the classifier wants textual nearness, not key-term coverage.
        var neighbours = candidates.Hits.Take(IpcNeighbours).Select(h => (h.Record!, Math.Pow(h.Score / maxScore, IpcVotePower)));
        var suggested = SuggestIpc(neighbours);
        if (Classifier is { } classifier)
        {
            suggested = Mix(suggested, classifier.Suggest(request.Terms is { Count: > 0 } ? string.Join(' ', request.Terms.Select(t => t.Term)) : request.Text, 10), ClassifierShare);
        }
        return new NoveltyResult(hits, terms, suggested, candidates.Total, candidates.Engine);
    }

    /// <summary>
    /// Maps weighted key-term coverage to a relevance in [0, 1] that is comparable across queries (coverage is a share of
    /// the description's own weight): 0.5 at <see cref="CoverageAtHalfRelevance"/>, so a hit sharing only generic terms stays low.
    /// </summary>
    public static double Calibrate(double coverage) =>
        coverage <= 0 ? 0 : 1 / (1 + Math.Pow(CoverageAtHalfRelevance / Math.Min(coverage, 1), RelevanceSteepness));

    private async Task<IReadOnlyList<NoveltyTerm>> ReweighAsync(IReadOnlyList<NoveltyTerm> edited, CancellationToken cancellationToken)
    {
        var keys = edited.Select(t => new TermKey(SearchField.Keywords, t.Term, t.Bigram)).ToList();
        var stats = await searcher.GetTermStatisticsAsync(keys, cancellationToken).ConfigureAwait(false);
        return [.. edited.Zip(stats, (term, stat) => term with { DocumentFrequency = stat.DocumentFrequency, DocumentCount = stat.DocumentCount })];
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

    /// <summary>share × model probability + (1 − share) × vote share per subclass; the five best of at least 0.05.</summary>
    public static List<IpcSuggestion> Mix(IReadOnlyList<IpcSuggestion> votes, IReadOnlyList<IpcSuggestion> model, double share)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            scores[vote.Subclass] = scores.GetValueOrDefault(vote.Subclass) + ((1 - share) * vote.Confidence);
        }
        foreach (var suggestion in model)
        {
            scores[suggestion.Subclass] = scores.GetValueOrDefault(suggestion.Subclass) + (share * suggestion.Confidence);
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(5)
            .Select(s => new IpcSuggestion(s.Key, Math.Round(s.Value, 4))).Where(s => s.Confidence >= 0.05)];
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
