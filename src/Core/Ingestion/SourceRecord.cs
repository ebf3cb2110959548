using PatentNav.Core.Model;

namespace PatentNav.Core.Ingestion;

/// <summary>
/// One record as a reader found it: canonical field names (see <see cref="SourceFields"/>) mapped to raw values,
/// with the original text kept so quarantine loses nothing. Readers never normalise; the builder does.
/// </summary>
public sealed record SourceRecord(
    SourceLocation Location,
    string OriginalText,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields)
{
    /// <summary>The first non-blank value of a field, or null.</summary>
    public string? Get(string field) =>
        Fields.TryGetValue(field, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;

    public IReadOnlyList<string> GetAll(string field) =>
        Fields.TryGetValue(field, out var values) ? values : [];
}

/// <summary>A record a reader could not even turn into fields (broken JSON, binary garbage).</summary>
public sealed record UnreadableRecord(SourceLocation Location, string OriginalText, string Reason);

/// <summary>Canonical field names, shared by the JSONL format and every reader's header mapping.</summary>
public static class SourceFields
{
    public const string Id = "id";
    public const string PublicationNumber = "publicationNumber";
    public const string Office = "office";
    public const string ApplicationNumber = "applicationNumber";
    public const string GrantNumber = "grantNumber";
    public const string Type = "type";
    public const string KindCode = "kindCode";
    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Claims = "claims";
    public const string Description = "description";
    public const string Ipc = "ipc";
    public const string MainIpc = "mainIpc";
    public const string Applicants = "applicants";
    public const string Inventors = "inventors";
    public const string Address = "address";
    public const string ProvinceHint = "province";
    public const string ApplicationDate = "applicationDate";
    public const string PublicationDate = "publicationDate";
    public const string GrantDate = "grantDate";
    public const string Priority = "priority";
    public const string PriorityDate = "priorityDate";
    public const string LegalStatus = "legalStatus";
    public const string Agency = "agency";
    public const string Keyphrases = "keyphrases";
    public const string Synthetic = "synthetic";
}
