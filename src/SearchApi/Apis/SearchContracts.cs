using System.Text.Json.Serialization;
using PatentNav.Core.Model;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST /api/v1/search</c>; unknown members are rejected so typos do not silently change a search.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SearchBody
{
    /// <summary>Expert query, e.g. <c>TI=(锂电池 OR 钠离子电池) AND IPC=H01M</c>; bare words search title, abstract and claims.</summary>
    public required string Q { get; init; }
    /// <summary>Extra non-scoring filters in the same query language, combined with AND.</summary>
    public IReadOnlyList<string?>? Filters { get; init; }
    /// <summary><c>relevance</c> (default), <c>applicationDate</c>, <c>-applicationDate</c>, <c>publicationDate</c>, <c>-publicationDate</c>.</summary>
    public string? Sort { get; init; }
    public int? From { get; init; }
    public int? Size { get; init; }
    /// <summary>The <c>nextCursor</c> of the previous page (search-after); replaces <c>from</c>.</summary>
    public string? Cursor { get; init; }
    /// <summary>Facets to count, e.g. <c>ipcSubclass</c>, <c>type</c>, <c>legalState</c>, <c>applicationYear</c>, <c>applicant</c>, <c>province</c>, <c>city</c>.</summary>
    public IReadOnlyList<string?>? Facets { get; init; }
    public bool? Highlight { get; init; }
    /// <summary>Restrict to a collection's patents (专题库 id); collections are user data, so this needs an API key.</summary>
    public string? Collection { get; init; }
}

public sealed record SearchResponse(
    string Query,
    long Total,
    IReadOnlyList<SearchHitDto> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetBucketDto>> Facets,
    string? NextCursor,
    string Engine,
    double TookMs);

/// <summary>One hit; <see cref="PublicationNumber"/> is the source id for records that have no publication number.</summary>
public sealed record SearchHitDto(
    string PublicationNumber,
    string Id,
    string? Title,
    string? Abstract,
    IReadOnlyList<string> Applicants,
    IReadOnlyList<string> Ipc,
    string? MainIpc,
    DateOnly? ApplicationDate,
    DateOnly? PublicationDate,
    PatentType Type,
    LegalState LegalState,
    double Score,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

public sealed record FacetBucketDto(string Value, long Count, string? Label);

/// <summary>Body of <c>POST /api/v1/novelty</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NoveltyBody
{
    /// <summary>The planned project's description (up to 10,000 characters).</summary>
    public required string Text { get; init; }
    public int? Size { get; init; }
    public NoveltyFilters? Filters { get; init; }
    /// <summary>Edited key terms from a previous response; when given they replace extraction.</summary>
    public IReadOnlyList<NoveltyTermDto?>? Terms { get; init; }
    /// <summary><c>product</c> (default) or <c>baseline</c>: the plain baseline the ranking is measured against (docs/search-quality.md).</summary>
    public string? Ranking { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NoveltyFilters
{
    /// <summary>IPC symbols or prefixes, any of which must match (<c>H01M</c>, <c>H01M10/0525</c>).</summary>
    public IReadOnlyList<string?>? Ipc { get; init; }
    public string? ApplicationDateFrom { get; init; }
    public string? ApplicationDateTo { get; init; }
    /// <summary>Patent types: 发明, 实用新型, 外观设计 (or invention, utilityModel, design).</summary>
    public IReadOnlyList<string?>? Type { get; init; }
    /// <summary>Legal status: 有权, 审中, 无权.</summary>
    public string? LegalStatus { get; init; }
    /// <summary>Any further restriction in the expert query language.</summary>
    public string? Query { get; init; }
}

public sealed record NoveltyTermDto(string Term, double Weight, bool Bigram = false, long DocumentFrequency = 0);

public sealed record NoveltyHitDto(
    string PublicationNumber,
    string Id,
    string? Title,
    double Score,
    double Relevance,
    IReadOnlyList<string> MatchedTerms,
    string? Passage,
    string? PassageField,
    IReadOnlyList<string> Ipc,
    string? MainIpc,
    IReadOnlyList<string> Applicants,
    DateOnly? ApplicationDate,
    /// <summary>Weighted share of the description's key terms the patent contains; relevance is calibrated from it.</summary>
    double Coverage);

public sealed record IpcSuggestionDto(string Subclass, double Confidence);

public sealed record NoveltyResponse(
    IReadOnlyList<NoveltyHitDto> Hits,
    IReadOnlyList<NoveltyTermDto> Terms,
    IReadOnlyList<IpcSuggestionDto> SuggestedIpc,
    long Candidates,
    string Engine,
    double TookMs);
