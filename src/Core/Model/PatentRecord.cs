using System.Text.Json.Serialization;

namespace PatentNav.Core.Model;

/// <summary>The patent types of the Chinese system (发明, 实用新型, 外观设计).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatentType>))]
public enum PatentType
{
    Unknown = 0,
    Invention,
    UtilityModel,
    Design,
}

/// <summary>Coarse legal state used for filters and maps; the raw text is kept beside it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LegalState>))]
public enum LegalState
{
    Unknown = 0,
    /// <summary>有权: granted and in force.</summary>
    InForce,
    /// <summary>审中: filed, published or under examination.</summary>
    Pending,
    /// <summary>无权: lapsed, expired, rejected, withdrawn or abandoned.</summary>
    NotInForce,
}

/// <summary>
/// The one canonical patent model every reader produces and every engine indexes.
/// Fields that a source lacks stay null or empty; nothing is invented.
/// </summary>
public sealed record PatentRecord
{
    /// <summary>Identity in the index: normalised publication number, or a stable source id when there is none.</summary>
    public required string Id { get; init; }

    public string? PublicationNumber { get; init; }
    /// <summary>The office that published it (<c>CN</c>, <c>US</c>, <c>WO</c>, <c>TW</c> …): the publication number's country, else the source's office column.</summary>
    public string? Office { get; init; }
    public string? ApplicationNumber { get; init; }
    public string? GrantNumber { get; init; }
    public PatentType Type { get; init; }
    public string? KindCode { get; init; }

    public string? Title { get; init; }
    public string? Abstract { get; init; }
    /// <summary>Claims text as stored for display (figure numerals kept, artefacts removed).</summary>
    public string? Claims { get; init; }
    public ClaimTree? ClaimTree { get; init; }
    public string? Description { get; init; }

    /// <summary>IPC symbols in compact form (<c>H01M10/0525</c>); the main IPC comes first when known.</summary>
    public IReadOnlyList<string> Ipc { get; init; } = [];
    public string? MainIpc { get; init; }

    public IReadOnlyList<string> Applicants { get; init; } = [];
    public IReadOnlyList<string> Inventors { get; init; } = [];
    public string? Address { get; init; }
    public RegionCodes? Region { get; init; }

    public DateOnly? ApplicationDate { get; init; }
    public DateOnly? PublicationDate { get; init; }
    public DateOnly? GrantDate { get; init; }
    public IReadOnlyList<Priority> Priorities { get; init; } = [];

    public LegalState LegalState { get; init; }
    /// <summary>Legal status as the source wrote it (<c>有权-审定授权</c>).</summary>
    public string? LegalStatusText { get; init; }
    public string? Agency { get; init; }

    public SourceLocation? Source { get; init; }
    public IReadOnlyList<string> Keyphrases { get; init; } = [];
    /// <summary>True for generated benchmark records; never set on real data.</summary>
    public bool Synthetic { get; init; }

    /// <summary>Problems found while normalising that did not justify quarantine (wrong check digit, impossible date).</summary>
    public IReadOnlyList<RecordIssue> Issues { get; init; } = [];
}

/// <summary>
/// GB/T 2260 codes of the first applicant's region, and on what they rest (<see cref="RegionBasis"/>): an address, a
/// province column of the export, or a place the applicant's name begins with. A record without any has no region
/// (unknown), never a guessed one.
/// </summary>
public sealed record RegionCodes(string? ProvinceCode, string? CityCode, string? CountyCode)
{
    public string? Basis { get; init; }
}

/// <summary>What a record's region was read from.</summary>
public static class RegionBasis
{
    public const string Address = "address";
    public const string Province = "province";
    public const string Name = "name";
}

public sealed record Priority(string? Number, DateOnly? Date, string? Country);

public sealed record SourceLocation(string File, long Line);

/// <summary>A flagged problem; <see cref="Code"/> is stable so summaries can count by it.</summary>
public sealed record RecordIssue(string Code, string Message);

/// <summary>Stable codes for <see cref="RecordIssue"/>.</summary>
public static class RecordIssueCodes
{
    public const string CheckDigitMismatch = "check-digit-mismatch";
    public const string InvalidDate = "invalid-date";
    public const string InvalidIpc = "invalid-ipc";
    public const string InvalidNumber = "invalid-number";
    public const string TextTruncated = "text-truncated";
    public const string CoverPageRemoved = "repaired-cover-page-title";
    public const string DescriptionMovedOutOfClaims = "repaired-description-in-claims";
    public const string AbstractRunIntoClaims = "repaired-abstract-into-claims";
    public const string FigureLabelRemoved = "repaired-figure-label";
    public const string PageFooterRemoved = "repaired-page-footer";
    /// <summary>An empty title filled from the title line of the description page that ran into the claims.</summary>
    public const string TitleFromDescription = "repaired-title-from-description";
    /// <summary>The claim parser failed; the claims text is kept, without a claim tree.</summary>
    public const string ClaimsUnparsed = "claims-unparsed";
}
