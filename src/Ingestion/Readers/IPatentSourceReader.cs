namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Reads one source file record by record. Implementations stream: they yield per record and never hold a whole
/// file in memory, so a file of a million records costs no more memory than its largest record.
/// </summary>
public interface IPatentSourceReader
{
    /// <summary>The records of <paramref name="path"/> in file order; data problems become unreadable results, never exceptions.</summary>
    IEnumerable<SourceReadResult> Read(string path, CancellationToken ct);
}
