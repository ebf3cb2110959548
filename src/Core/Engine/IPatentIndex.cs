using PatentNav.Core.Model;
using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>Writes patents into one engine. Upserts are idempotent by <see cref="PatentRecord.Id"/>.</summary>
public interface IPatentIndexWriter : IDisposable
{
    /// <summary>Adds or replaces the records; a record that appears twice in one batch counts once as added, then as updated.</summary>
    UpsertResult Upsert(IReadOnlyList<PatentRecord> records);

    /// <summary>Deletes by identity; returns how many of the ids were present.</summary>
    int Delete(IReadOnlyCollection<string> ids);

    /// <summary>Makes everything written so far durable and visible at once; a crash before it leaves the previous commit.</summary>
    void Commit(IReadOnlyDictionary<string, string>? userData = null);
}

/// <summary>Reads and searches one engine; safe to call from many threads.</summary>
public interface IPatentSearcher
{
    /// <summary>Which engine answers (<c>lucene</c>, <c>elasticsearch</c>), reported in responses.</summary>
    string EngineName { get; }

    long DocumentCount { get; }

    PatentRecord? Get(string id);

    /// <summary>
    /// Runs one search. Cancelling <paramref name="cancellationToken"/> (the client went away, the request's time budget
    /// ran out) stops the work within a few hundred documents with <see cref="OperationCanceledException"/>.
    /// </summary>
    SearchResult Search(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Document frequency of analysed terms, for weighting novelty terms against the corpus.</summary>
    IReadOnlyList<TermStatistic> GetTermStatistics(IReadOnlyList<TermKey> terms);
}

public readonly record struct UpsertResult(int Added, int Updated);

/// <summary>A term in one analysed sub-field: <see cref="Bigram"/> false for SmartCn words, true for CJK bigrams.</summary>
public readonly record struct TermKey(SearchField Field, string Term, bool Bigram);

public readonly record struct TermStatistic(TermKey Key, long DocumentFrequency, long DocumentCount);

public enum SortOrder
{
    Relevance = 0,
    ApplicationDateDesc,
    ApplicationDateAsc,
    PublicationDateDesc,
    PublicationDateAsc,
}

/// <summary>Fields that facets and map aggregations count over; each is a doc-values field in every engine.</summary>
public enum FacetField
{
    IpcSection,
    IpcClass,
    IpcSubclass,
    IpcMainGroup,
    MainIpc,
    Type,
    LegalState,
    ApplicationYear,
    PublicationYear,
    Applicant,
    Province,
    City,
    County,
}

public sealed record FacetRequest(FacetField Field, int Size = 10);

public sealed record SearchRequest
{
    public required QueryNode Query { get; init; }
    /// <summary>Non-scoring restrictions, combined with AND.</summary>
    public IReadOnlyList<QueryNode> Filters { get; init; } = [];
    /// <summary>When set, only these identities can match (second-phase fetches of re-ranked hits).</summary>
    public IReadOnlyList<string>? Ids { get; init; }
    public int From { get; init; }
    public int Size { get; init; } = 10;
    public SortOrder Sort { get; init; }
    /// <summary>Opaque cursor from a previous page's <see cref="SearchResult.NextCursor"/>; replaces <see cref="From"/>.</summary>
    public string? SearchAfter { get; init; }
    public IReadOnlyList<FacetRequest> Facets { get; init; } = [];
    /// <summary>Return highlighted fragments (HTML-escaped, matches in <c>&lt;mark&gt;</c>) per text field for hits.</summary>
    public bool Highlight { get; init; }
    /// <summary>Index terms one wildcard or prefix may expand to; beyond it the search is refused as too broad.</summary>
    public int MaxTermExpansions { get; init; } = QueryLimits.Default.MaxWildcardExpansions;
    /// <summary>Report which of the query's terms each hit contains (novelty re-ranking and explanations).</summary>
    public bool ReportMatchedTerms { get; init; }
    /// <summary>Load the stored record of each hit.</summary>
    public bool IncludeRecords { get; init; } = true;
}

/// <summary>A search stopped because it ran longer than the time budget its caller gave it.</summary>
public sealed class SearchBudgetExceededException(TimeSpan budget)
    : Exception($"The search ran longer than its {budget.TotalMilliseconds:F0} ms budget and was stopped.")
{
    public TimeSpan Budget { get; } = budget;
}

/// <summary>One hit. <see cref="Highlights"/> maps a field name (<c>title</c>, <c>abstract</c>, <c>claims</c>, <c>description</c>) to fragments.</summary>
public sealed record SearchHit(string Id, float Score, PatentRecord? Record, IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights)
{
    /// <summary>Query terms found in this document (analysed forms), when requested.</summary>
    public IReadOnlyList<string> MatchedTerms { get; init; } = [];
}

public sealed record FacetBucket(string Value, long Count);

public sealed record SearchResult(
    long Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<FacetField, IReadOnlyList<FacetBucket>> Facets,
    string? NextCursor,
    string Engine);
