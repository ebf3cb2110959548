using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene;

/// <summary>Field names of the embedded index; the cluster's, mostly the same, are in docs/architecture.md (fields).</summary>
public static class LuceneFields
{
    public const string Id = "id";
    public const string Source = "_source";
    /// <summary>Content hash of the stored record: an upsert of identical content skips the rewrite.</summary>
    public const string ContentHash = "_hash";

    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Claims = "claims";
    public const string Description = "description";
    public const string ApplicantText = "applicant.text";
    public const string InventorText = "inventor.text";
    public const string Address = "address";

    /// <summary>Suffix of the CJK bigram sub-field beside each analysed text field.</summary>
    public const string BigramSuffix = ".bg";

    public const string Applicant = "applicant";
    public const string Inventor = "inventor";
    public const string ApplicationNumber = "an";
    public const string PublicationNumber = "pn";
    public const string ApplicationDate = "ad";
    public const string PublicationDate = "pd";
    public const string Ipc = "ipc";
    public const string MainIpc = "mipc";
    public const string Region = "co";
    public const string Type = "type";
    public const string LegalState = "ls";
    public const string Office = "office";
    public const string ApplicantKind = "apt";
    public const string Synthetic = "synthetic";

    /// <summary>Analysed text fields (each also has a <see cref="BigramSuffix"/> sub-field).</summary>
    public static readonly IReadOnlyList<string> TextFields = [Title, Abstract, Claims, Description, ApplicantText, InventorText, Address];

    public static string Bigram(string field) => field + BigramSuffix;

    private static readonly EngineFieldNames Names = new(Title, Abstract, Claims, Description, Address, ApplicantText, InventorText, Applicant, Inventor, ApplicationNumber, PublicationNumber, Ipc, MainIpc, Region, Type, LegalState, Office, ApplicantKind, Synthetic);

    /// <summary>The analysed fields a field code searches; empty for keyword-only codes.</summary>
    public static IReadOnlyList<string> TextFieldsOf(SearchField field) => Names.TextFieldsOf(field);

    /// <summary>The keyword field for exact values of a field code, or null for text-only codes.</summary>
    public static string? KeywordFieldOf(SearchField field) => Names.KeywordFieldOf(field);

    /// <summary>The doc-values field behind each facet.</summary>
    public static string DocValuesFieldOf(FacetField facet) => facet switch
    {
        FacetField.IpcSection => "f.ipc.section",
        FacetField.IpcClass => "f.ipc.class",
        FacetField.IpcSubclass => "f.ipc.subclass",
        FacetField.IpcMainGroup => "f.ipc.group",
        FacetField.MainIpc => "f.mipc",
        FacetField.Type => "f.type",
        FacetField.LegalState => "f.ls",
        FacetField.ApplicationYear => "f.ay",
        FacetField.PublicationYear => "f.py",
        FacetField.Applicant => "f.applicant",
        FacetField.Province => "f.province",
        FacetField.City => "f.city",
        FacetField.County => "f.county",
        FacetField.Office => "f.office",
        FacetField.Inventor => "f.inventor",
        FacetField.ApplicantKind => "f.apt",
        FacetField.AcademicApplicant => "f.academic",
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet."),
    };

    /// <summary>Facets whose doc values hold several values per document (SortedSet); the others hold one (Sorted).</summary>
    public static bool IsMultiValued(FacetField facet) => facet is
        FacetField.IpcSection or FacetField.IpcClass or FacetField.IpcSubclass or FacetField.IpcMainGroup or FacetField.Applicant
        or FacetField.Inventor or FacetField.ApplicantKind or FacetField.AcademicApplicant;
}
