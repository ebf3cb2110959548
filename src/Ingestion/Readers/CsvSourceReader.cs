using System.Text;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using Sylvan.Data.Csv;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Reads CSV (RFC 4180, quoted fields may span lines) and TSV exports in the CNIPA / incoPat / Patsnap layouts with
/// Sylvan.Data.Csv. The first row is the header; headers map to canonical fields through the shared alias table.
/// Record locations are the physical line on which a row starts. Text must be UTF-8 (BOM optional; a UTF-16 BOM
/// is honoured too); rows with bytes that are not UTF-8 are reported unreadable, as are rows Sylvan cannot parse,
/// after which reading resumes on the next physical line.
/// </summary>
public sealed class CsvSourceReader(char delimiter = ',', SourceReadDiagnostics? diagnostics = null) : IPatentSourceReader
{
    /// <summary>The largest row Sylvan may buffer, in characters; a larger one is reported unreadable.</summary>
    public const int MaxRowChars = 32 * 1024 * 1024;

    /// <summary>
    /// Invalid bytes decode to U+FFFF, a noncharacter that never appears in real text, instead of U+FFFD, which a
    /// file may legitimately contain: this lets a row be attributed to a decoding error exactly.
    /// </summary>
    private const char InvalidByteMarker = '\uFFFF';

    private static readonly Encoding Utf8WithMarker = Encoding.GetEncoding(
        "utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(InvalidByteMarker.ToString()));

    public static CsvSourceReader Tsv(SourceReadDiagnostics? diagnostics = null) => new('\t', diagnostics);

    public IEnumerable<SourceReadResult> Read(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadIterator(path, ct);
    }

    private IEnumerable<SourceReadResult> ReadIterator(string path, CancellationToken ct)
    {
        var file = new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan };
        using var replay = new ReplayTextReader(new StreamReader(path, Utf8WithMarker, detectEncodingFromByteOrderMarks: true, file));
        diagnostics?.FileOpened();
        TabularColumns? columns = null;
        long line = 1;
        while (true)
        {
            Exception? error;
            using (var csv = TryCreate(replay, out error))
            {
                while (csv is not null)
                {
                    ct.ThrowIfCancellationRequested();
                    if (TryReadRow(csv, out error) is not { } row)
                    {
                        break;
                    }
                    replay.Commit(row.RawLength);
                    var start = line;
                    line += row.LineBreaks;
                    if (TabularColumns.IsBlank(row.Cells))
                    {
                        diagnostics?.BlankSkipped();
                    }
                    else if (columns is null)
                    {
                        columns = new TabularColumns(row.Cells.Select(h => h.Replace(InvalidByteMarker, '\uFFFD')).ToList(), diagnostics);
                    }
                    else
                    {
                        yield return Count(ToResult(columns, new SourceLocation(path, start), row.Cells));
                    }
                }
            }
            if (error is null)
            {
                yield break;
            }

            // Sylvan cannot continue after a malformed row: report the row's first line and restart after it.
            var (text, more) = replay.SkipUncommittedLine(JsonRecordParser.MaxUnreadableChars);
            var what = columns is null ? "header" : "row";
            yield return Count(new UnreadableRecord(new SourceLocation(path, line), text.Replace(InvalidByteMarker, '\uFFFD'),
                $"malformed CSV {what}: {error.Message}"));
            if (columns is null || !more)
            {
                // Without a header no later row can be mapped.
                yield break;
            }
            line++;
        }
    }

    private SourceReadResult Count(SourceReadResult result) => diagnostics?.Count(result) ?? result;

    private static SourceReadResult ToResult(TabularColumns columns, SourceLocation location, string[] cells)
    {
        if (cells.Any(c => c.Contains(InvalidByteMarker, StringComparison.Ordinal)))
        {
            var shown = cells.Select(c => c.Replace(InvalidByteMarker, '\uFFFD')).ToList();
            return new UnreadableRecord(location, columns.ToOriginalText(shown), "not UTF-8 text");
        }
        return columns.ToRecord(location, cells);
    }

    private CsvDataReader? TryCreate(ReplayTextReader text, out Exception? error)
    {
        error = null;
        try
        {
            return CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                // The header is read as an ordinary row so every row, the header included, reports its raw length.
                HasHeaders = false,
                Delimiter = delimiter,
                // Exports have no comment lines; a title starting with '#' is data.
                Comment = '\0',
                MaxBufferSize = MaxRowChars,
                OwnsReader = false,
            });
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            error = ex;
            return null;
        }
    }

    private static CsvRow? TryReadRow(CsvDataReader csv, out Exception? error)
    {
        error = null;
        try
        {
            if (!csv.Read())
            {
                return null;
            }
            var raw = csv.GetRawRecordSpan();
            var cells = new string[csv.RowFieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }
            return new CsvRow(cells, raw.Length, CountLineBreaks(raw));
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            error = ex;
            return null;
        }
    }

    private static bool IsMalformed(Exception ex) => ex is CsvFormatException or CsvRecordTooLargeException;

    /// <summary>Physical line breaks in a raw record: <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c> each count once.</summary>
    private static int CountLineBreaks(ReadOnlySpan<char> raw)
    {
        var count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 >= raw.Length || raw[i + 1] != '\n')))
            {
                count++;
            }
        }
        return count;
    }

    private sealed record CsvRow(string[] Cells, int RawLength, int LineBreaks);
}
