using System.Text.Json.Serialization;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST /api/v1/infringement</c> (and of its exports).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record InfringementBody
{
    /// <summary>The product or process description (up to 20,000 characters).</summary>
    public required string Text { get; init; }

    /// <summary>Patents to check (any pasted number form); when given, exactly these are checked whatever their legal status.</summary>
    public IReadOnlyList<string?>? Patents { get; init; }

    public int? Size { get; init; }

    public InfringementFilters? Filters { get; init; }
}

/// <summary>Restrictions of the candidate search; each becomes an AST filter, never query text.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record InfringementFilters
{
    public IReadOnlyList<string?>? Ipc { get; init; }
    /// <summary>Applicant names, any of which must match.</summary>
    public IReadOnlyList<string?>? Applicant { get; init; }
    /// <summary>GB/T 2260 region code or name of the applicant's region (14, 140700, 山西省).</summary>
    public string? Region { get; init; }
    public string? ApplicationDateFrom { get; init; }
    public string? ApplicationDateTo { get; init; }
    public IReadOnlyList<string?>? Type { get; init; }
    /// <summary>Any further restriction in the expert query language.</summary>
    public string? Query { get; init; }
}

public sealed record InfringementResponse(
    IReadOnlyList<InfringementResultDto> Results,
    long Candidates,
    string Engine,
    double TookMs,
    string Disclaimer);

public sealed record InfringementResultDto(
    string PublicationNumber,
    string Requested,
    bool Found,
    string? Title,
    IReadOnlyList<string> Applicants,
    string? Type,
    DateOnly? ApplicationDate,
    /// <summary>The record's legal state: inForce, pending, notInForce or unknown.</summary>
    string LegalStatus,
    string? LegalStatusText,
    /// <summary>True, false, or null when the data cannot tell (reported as unknown, never as safe): always written, null included.</summary>
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? InForce,
    EnforceabilityDto? Enforceability,
    IReadOnlyList<string> Flags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Verdict,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Risk,
    IReadOnlyList<ClaimCheckDto> Claims);

public sealed record EnforceabilityDto(string Code, DateOnly? Expiry, string Note);

public sealed record ClaimCheckDto(
    int Number,
    bool Independent,
    IReadOnlyList<int> DependsOn,
    string Verdict,
    string Risk,
    IReadOnlyList<string> MissingElements,
    IReadOnlyList<ElementCheckDto> Elements);

public sealed record ElementCheckDto(string Text, string Part, string Status, ElementEvidenceDto Evidence);

public sealed record ElementEvidenceDto(
    string? Sentence,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<string> MissingTerms,
    IReadOnlyList<string> Substitutions,
    string Reason,
    string ReasonCode,
    double LiteralShare,
    double EquivalentShare);
