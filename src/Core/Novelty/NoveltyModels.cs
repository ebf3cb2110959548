using PatentNav.Core.Model;
using PatentNav.Core.Query;

namespace PatentNav.Core.Novelty;

/// <summary>A novelty (查新) request: a planned project's description, or edited terms from a previous response.</summary>
public sealed record NoveltyRequest
{
    public required string Text { get; init; }
    public int Size { get; init; } = 10;
    /// <summary>Non-scoring restrictions (IPC, date range, type) as AST filters.</summary>
    public IReadOnlyList<QueryNode> Filters { get; init; } = [];
    /// <summary>Terms edited by the user; when present they replace extraction.</summary>
    public IReadOnlyList<NoveltyTerm>? Terms { get; init; }
    /// <summary>The product ranking, or the plain baseline it is measured against (<see cref="PlainBaseline"/>).</summary>
    public NoveltyRanking Ranking { get; init; } = NoveltyRanking.Product;
}

public enum NoveltyRanking
{
    /// <summary>Key terms weighted by idf, BM25 candidates re-ranked by key-term coverage.</summary>
    Product,
    /// <summary>Every word and bigram of the description as an unweighted OR, engine ranking only.</summary>
    Baseline,
}

/// <summary>A weighted key term; <see cref="Bigram"/> marks a CJK bigram used for a word the dictionary misses.</summary>
public sealed record NoveltyTerm(string Term, double Weight, bool Bigram = false, long DocumentFrequency = 0)
{
    /// <summary>Documents in the index the frequency was counted in (0: unknown); not part of the API's terms.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long DocumentCount { get; init; }
}

public sealed record NoveltyHit(
    string Id,
    PatentRecord Record,
    double Score,
    /// <summary>0..1, comparable across queries: the weighted share of the description's key terms this patent contains.</summary>
    double Relevance,
    /// <summary>The description's words this patent matched, as the user wrote them.</summary>
    IReadOnlyList<string> MatchedTerms,
    string? Passage,
    string? PassageField)
{
    /// <summary>The weighted share of the description's key terms this patent contains, in [0, 1].</summary>
    public double Coverage { get; init; }
}

public sealed record IpcSuggestion(string Subclass, double Confidence);

public sealed record NoveltyResult(
    IReadOnlyList<NoveltyHit> Hits,
    IReadOnlyList<NoveltyTerm> Terms,
    IReadOnlyList<IpcSuggestion> SuggestedIpc,
    long Candidates,
    string Engine);
