using PatentNav.Core.Model;
using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>
/// Writes patents into one engine. Upserts are idempotent by <see cref="PatentRecord.Id"/>. Async end to end: a cluster
/// write is network IO that a timeout or a stopping host must be able to cancel (docs/architecture.md).
/// </summary>
public interface IPatentIndexWriter : IDisposable
{
    /// <summary>Adds or replaces the records; a record that appears twice in one batch counts once as added, then as updated.</summary>
    Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Deletes by identity; returns how many of the ids were present.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Makes everything written so far durable and visible at once; a crash before it leaves the previous commit.</summary>
    Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default);
}

/// <summary>Reads and searches one engine; safe to call from many threads.</summary>
public interface IPatentSearcher
{
    /// <summary>Which engine answers (<c>lucene</c>, <c>elasticsearch</c>), reported in responses.</summary>
    string EngineName { get; }

    Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one search. Cancelling <paramref name="cancellationToken"/> (the client went away, the request's time budget
    /// ran out) stops the work: the embedded engine within a few hundred documents, a cluster call at once.
    /// </summary>
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Document frequency of analysed terms, for weighting novelty terms against the corpus.</summary>
    Task<IReadOnlyList<TermStatistic>> GetTermStatisticsAsync(IReadOnlyList<TermKey> terms, CancellationToken cancellationToken = default);
}

/// <summary>Operator view of the engines behind the service: counts, sizes, last commit, and what waits for the cluster.</summary>
public interface IPatentIndexAdmin
{
    /// <summary>One entry per engine, the embedded index first; an engine that cannot be reached says so instead of throwing.</summary>
    Task<IReadOnlyList<EngineStats>> GetStatsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// One engine's state for operators. <see cref="Documents"/> is null when the engine could not be asked
/// (<see cref="Status"/> says why); <see cref="Role"/> is <c>primary</c>, <c>fallback</c> or <c>only</c>.
/// </summary>
public sealed record EngineStats(string Engine, string Role, long? Documents, string Status)
{
    public long? SizeBytes { get; init; }
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
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
    /// <summary>The publishing office (CN, US, WO …).</summary>
    Office,
    /// <summary>Inventor names as the record writes them (namesakes count together: a name is not a person).</summary>
    Inventor,
    /// <summary>The kinds of a record's applicants (<see cref="Normalization.ApplicantKind"/>), each once.</summary>
    ApplicantKind,
    /// <summary>Applicant keys of the universities and research institutes among a record's applicants (partners for 企业出题、高校答卷).</summary>
    AcademicApplicant,
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
    /// <summary>Named aggregations over every matching document (navigation maps); see <see cref="AggregationLimits"/>.</summary>
    public IReadOnlyDictionary<string, AggregationRequest> Aggregations { get; init; } = new Dictionary<string, AggregationRequest>();
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
    string Engine)
{
    public IReadOnlyDictionary<string, AggregationResult> Aggregations { get; init; } = new Dictionary<string, AggregationResult>();
}
