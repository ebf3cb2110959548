using System.Collections.Frozen;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Entry point for reading patent sources: expands folders, picks the reader by file extension and concatenates
/// their records. Every input path is checked before the first record is produced, so a typo in a path fails the
/// run up front instead of after hours of indexing.
/// </summary>
public static class SourceReaders
{
    /// <summary>The file extensions a reader exists for, lower case with the dot.</summary>
    public static IReadOnlySet<string> Extensions { get; } =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, ".jsonl", ".json", ".csv", ".tsv", ".xlsx", ".xls");

    /// <summary>
    /// The records of all inputs in order: each file or folder in the order given, a folder's files recursively in
    /// ordinal path order. Throws <see cref="SourceNotFoundException"/> at the call, before any record, for an input
    /// that does not exist or is a file of an unsupported type.
    /// </summary>
    public static IEnumerable<SourceReadResult> ReadAll(
        IEnumerable<string> filesOrFolders, CancellationToken ct, SourceReadDiagnostics? diagnostics = null)
    {
        var files = ExpandInputs(filesOrFolders);
        return ReadFiles(files, diagnostics, ct);
    }

    /// <summary>Maps one canonical JSON object (UTF-8) the way a JSONL line is mapped, for records that arrive over the API.</summary>
    public static SourceReadResult ParseJsonRecord(ReadOnlyMemory<byte> utf8, Core.Model.SourceLocation location) =>
        JsonRecordParser.Parse(utf8, location, null);

    /// <summary>Total size of the files the inputs expand to, for progress reporting; validates like <see cref="ReadAll"/>.</summary>
    public static long TotalBytes(IEnumerable<string> filesOrFolders) =>
        ExpandInputs(filesOrFolders).Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// The files the inputs stand for: a file as given (it must have a supported extension), a folder as its
    /// supported files, recursively and sorted so runs are reproducible. A file reached twice is read once.
    /// </summary>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> filesOrFolders)
    {
        ArgumentNullException.ThrowIfNull(filesOrFolders);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in filesOrFolders)
        {
            if (File.Exists(input))
            {
                if (!Extensions.Contains(Path.GetExtension(input)))
                {
                    throw new SourceNotFoundException(input,
                        $"{input}: unsupported file type '{Path.GetExtension(input)}' (expected {string.Join(", ", Extensions.Order(StringComparer.Ordinal))})");
                }
                Add(input);
            }
            else if (Directory.Exists(input))
            {
                foreach (var file in ListFolder(input))
                {
                    Add(file);
                }
            }
            else
            {
                throw new SourceNotFoundException(input, $"{input}: no such file or folder");
            }
        }
        return files;

        void Add(string file)
        {
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(file);
            }
        }
    }

    /// <summary>A folder's supported files, recursively, sorted; a subfolder we may not list fails the run rather than silently shrinking it.</summary>
    private static List<string> ListFolder(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
                .Where(f => Extensions.Contains(Path.GetExtension(f)) && !IsOfficeLockFile(f))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new SourceNotFoundException(folder, $"{folder}: cannot list the folder: {ex.Message}");
        }
    }

    /// <summary>The reader for a file, by extension.</summary>
    public static IPatentSourceReader ReaderFor(string path, SourceReadDiagnostics? diagnostics = null) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".json" => new JsonSourceReader(diagnostics),
            ".csv" => new CsvSourceReader(',', diagnostics),
            ".tsv" => CsvSourceReader.Tsv(diagnostics),
            ".xlsx" => new XlsxSourceReader(diagnostics),
            // CNKI's "export to Excel" writes an HTML table with an .xls name.
            ".xls" => new HtmlTableSourceReader(diagnostics),
            var other => throw new SourceNotFoundException(path, $"{path}: unsupported file type '{other}'"),
        };

    private static IEnumerable<SourceReadResult> ReadFiles(IReadOnlyList<string> files, SourceReadDiagnostics? diagnostics, CancellationToken ct)
    {
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var result in ReaderFor(file, diagnostics).Read(file, ct))
            {
                yield return result;
            }
        }
    }

    /// <summary>Excel keeps <c>~$name.xlsx</c> owner files beside open workbooks; they are not workbooks.</summary>
    private static bool IsOfficeLockFile(string path) => Path.GetFileName(path).StartsWith("~$", StringComparison.Ordinal);
}
