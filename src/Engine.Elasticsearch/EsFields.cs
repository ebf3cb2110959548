using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// Field names of the cluster index (Resources/patent-index.json). Text fields carry the SmartCn words; their <c>.bg</c>
/// sub-field the CJK bigrams, as the embedded index's <c>.bg</c> fields do. Applicant and inventor names are text fields
/// of their own beside the keyword keys, because a multi-field would analyse the normalised key rather than the name.
/// </summary>
internal static class EsFields
{
    public const string Id = "id";
    public const string Record = "record";
    public const string BigramSuffix = ".bg";

    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Claims = "claims";
    public const string Description = "description";
    public const string Address = "address";
    public const string ApplicantName = "applicant_name";
    public const string InventorName = "inventor_name";

    public const string Applicant = "applicant";
    public const string Inventor = "inventor";
    public const string PublicationNumber = "pn";
    public const string ApplicationNumber = "an";
    public const string ApplicationDate = "ad";
    public const string PublicationDate = "pd";
    public const string ApplicationYear = "ay";
    public const string PublicationYear = "py";
    public const string Ipc = "ipc";
    public const string MainIpc = "mipc";
    public const string MainIpcValue = "mipc_value";
    public const string Region = "co";
    public const string Type = "type";
    public const string LegalState = "ls";
    public const string Office = "office";
    public const string ApplicantKind = "applicant_kind";
    public const string Synthetic = "synthetic";

    /// <summary>Highlighted fields, by the names responses use (the same as the embedded index's).</summary>
    public static readonly IReadOnlyList<string> HighlightFields = [Title, Abstract, Claims, Description];

    public static string Bigram(string field) => field + BigramSuffix;

    private static readonly EngineFieldNames Names = new(Title, Abstract, Claims, Description, Address, ApplicantName, InventorName, Applicant, Inventor, ApplicationNumber, PublicationNumber, Ipc, MainIpc, Region, Type, LegalState, Office, ApplicantKind, Synthetic);

    /// <summary>The analysed fields a field code searches; empty for keyword-only codes.</summary>
    public static IReadOnlyList<string> TextFieldsOf(SearchField field) => Names.TextFieldsOf(field);

    /// <summary>The keyword field for exact values of a field code, or null for text-only codes.</summary>
    public static string? KeywordFieldOf(SearchField field) => Names.KeywordFieldOf(field);

    /// <summary>The doc-values field each facet counts; years are integers, everything else keywords.</summary>
    public static string FacetFieldOf(FacetField facet) => facet switch
    {
        FacetField.IpcSection => "ipc_section",
        FacetField.IpcClass => "ipc_class",
        FacetField.IpcSubclass => "ipc_subclass",
        FacetField.IpcMainGroup => "ipc_group",
        FacetField.MainIpc => MainIpcValue,
        FacetField.Type => Type,
        FacetField.LegalState => LegalState,
        FacetField.ApplicationYear => ApplicationYear,
        FacetField.PublicationYear => PublicationYear,
        FacetField.Applicant => Applicant,
        FacetField.Province => "province",
        FacetField.City => "city",
        FacetField.County => "county",
        FacetField.Office => Office,
        FacetField.Inventor => Inventor,
        FacetField.ApplicantKind => ApplicantKind,
        FacetField.AcademicApplicant => "academic_applicant",
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet."),
    };

    public static bool IsNumeric(FacetField facet) => facet is FacetField.ApplicationYear or FacetField.PublicationYear;
}
