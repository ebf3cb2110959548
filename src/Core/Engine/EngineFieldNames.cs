using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>
/// Which of an engine's fields each field code searches. One definition for both engines, each giving its own names
/// (the cluster's differ for applicant and inventor names, docs/architecture.md, fields).
/// </summary>
public sealed record EngineFieldNames(
    string Title, string Abstract, string Claims, string Description, string Address, string ApplicantText, string InventorText,
    string Applicant, string Inventor, string ApplicationNumber, string PublicationNumber, string Ipc, string MainIpc,
    string Region, string Type, string LegalState, string Office, string ApplicantKind, string Synthetic)
{
    /// <summary>The analysed fields a field code searches; empty for keyword-only codes.</summary>
    public IReadOnlyList<string> TextFieldsOf(SearchField field) => field switch
    {
        SearchField.Keywords => [Title, Abstract, Claims],
        SearchField.Title => [Title],
        SearchField.Abstract => [Abstract],
        SearchField.Claims => [Claims],
        SearchField.Description => [Description],
        SearchField.AllText => [Title, Abstract, Claims, Description],
        SearchField.Applicant => [ApplicantText],
        SearchField.Inventor => [InventorText],
        SearchField.Address => [Address],
        _ => [],
    };

    /// <summary>The keyword field for exact values of a field code, or null for text-only codes.</summary>
    public string? KeywordFieldOf(SearchField field) => field switch
    {
        SearchField.Applicant => Applicant,
        SearchField.Inventor => Inventor,
        SearchField.ApplicationNumber => ApplicationNumber,
        SearchField.PublicationNumber => PublicationNumber,
        SearchField.Ipc => Ipc,
        SearchField.MainIpc => MainIpc,
        SearchField.RegionCode => Region,
        SearchField.Type => Type,
        SearchField.LegalStatus => LegalState,
        SearchField.Office => Office,
        SearchField.ApplicantKind => ApplicantKind,
        SearchField.Synthetic => Synthetic,
        _ => null,
    };
}
