namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Counters a reader keeps while it reads, for run summaries: how much was read and which source fields were ignored
/// because no canonical name matched them (a misspelt header shows up here instead of silently losing data).
/// </summary>
public sealed class SourceReadDiagnostics
{
    private readonly Dictionary<string, long> _ignoredFields = new(StringComparer.Ordinal);

    public long Files { get; private set; }
    public long Records { get; private set; }
    public long Unreadable { get; private set; }
    public long BlankLinesSkipped { get; private set; }

    /// <summary>
    /// Source field names that map to no canonical field, with how often they were seen:
    /// once per file for a CSV/XLSX header column, once per record for a JSON member.
    /// </summary>
    public IReadOnlyDictionary<string, long> IgnoredFields => _ignoredFields;

    internal void FileOpened() => Files++;

    internal void BlankSkipped() => BlankLinesSkipped++;

    internal void FieldIgnored(string name) =>
        _ignoredFields[name] = _ignoredFields.GetValueOrDefault(name) + 1;

    internal SourceReadResult Count(SourceReadResult result)
    {
        if (result is SourceReadResult.Record)
        {
            Records++;
        }
        else
        {
            Unreadable++;
        }
        return result;
    }
}
