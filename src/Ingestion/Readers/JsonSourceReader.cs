using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Reads JSON Lines (one object per physical line, blank lines skipped) and, for <c>.json</c> files whose first
/// character is <c>[</c>, a JSON array of objects. Both stream: only the current record is in memory.
/// Member names map to canonical fields case-insensitively, with the source aliases (<c>pub_no</c>, <c>ipc_subclasses</c>).
/// </summary>
public sealed class JsonSourceReader(SourceReadDiagnostics? diagnostics = null) : IPatentSourceReader
{
    /// <summary>Longer records are reported unreadable instead of being buffered: a file without newlines must not exhaust memory.</summary>
    public const int MaxRecordBytes = 64 * 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public IEnumerable<SourceReadResult> Read(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadIterator(path, ct);
    }

    private IEnumerable<SourceReadResult> ReadIterator(string path, CancellationToken ct)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        diagnostics?.FileOpened();
        // Only a .json file may be one array document; in JSON Lines a line holding an array is an unreadable record.
        var isArrayDocument = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) && StartsWithArray(stream);
        var results = isArrayDocument ? ReadArray(stream, path, ct) : ReadLines(stream, path, ct);
        foreach (var result in results)
        {
            yield return diagnostics?.Count(result) ?? result;
        }
    }

    private IEnumerable<SourceReadResult> ReadLines(Stream stream, string path, CancellationToken ct)
    {
        var lines = new ByteLineReader(stream, MaxRecordBytes);
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            ct.ThrowIfCancellationRequested();
            if (lines.LineNumber == 1 && line.Span.StartsWith(Utf8Bom))
            {
                line = line[Utf8Bom.Length..];
            }
            var location = new SourceLocation(path, lines.LineNumber);
            if (tooLong)
            {
                yield return JsonRecordParser.Unreadable(location, line.Span, $"line longer than {MaxRecordBytes / (1024 * 1024)} MB");
            }
            else if (IsBlank(line.Span))
            {
                diagnostics?.BlankSkipped();
            }
            else
            {
                yield return JsonRecordParser.Parse(line, location, diagnostics);
            }
        }
    }

    /// <summary>
    /// Streams the elements of a top-level JSON array. A small scanner finds where each element ends (tracking
    /// strings and nesting) so only one element is buffered; each element is then parsed like a JSONL line,
    /// which gives a broken element its own unreadable result instead of failing the file.
    /// </summary>
    private IEnumerable<SourceReadResult> ReadArray(Stream stream, string path, CancellationToken ct)
    {
        var chunk = new byte[1 << 16];
        var element = new MemoryStream();
        long line = 1, elementLine = 0;
        var phase = ArrayPhase.BeforeArray;
        int depth = 0;
        bool inString = false, escape = false, composite = false, elementTooLong = false;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < read; i++)
            {
                var b = chunk[i];
                var atElementEnd = false;
                var closesArray = false;
                if (phase == ArrayPhase.BeforeArray)
                {
                    // The caller checked that '[' is the first character after an optional BOM and whitespace.
                    if (b == (byte)'[')
                    {
                        phase = ArrayPhase.Between;
                        depth = 1;
                    }
                }
                else if (phase == ArrayPhase.Between)
                {
                    if (b == (byte)']')
                    {
                        phase = ArrayPhase.AfterArray;
                    }
                    else if (!IsJsonWhitespace(b) && b != (byte)',')
                    {
                        phase = ArrayPhase.InElement;
                        elementLine = line;
                        composite = b is (byte)'{' or (byte)'[';
                        element.SetLength(0);
                        elementTooLong = false;
                    }
                }
                else if (phase == ArrayPhase.AfterArray && !IsJsonWhitespace(b))
                {
                    yield return JsonRecordParser.Unreadable(new SourceLocation(path, line), [b], "not JSON: content after the end of the top-level array");
                    yield break;
                }

                if (phase == ArrayPhase.InElement)
                {
                    if (inString)
                    {
                        if (escape)
                        {
                            escape = false;
                        }
                        else if (b == (byte)'\\')
                        {
                            escape = true;
                        }
                        else if (b == (byte)'"')
                        {
                            inString = false;
                        }
                    }
                    else if (b == (byte)'"')
                    {
                        inString = true;
                    }
                    else if (b is (byte)'{' or (byte)'[')
                    {
                        depth++;
                    }
                    else if (b is (byte)'}' or (byte)']')
                    {
                        depth--;
                        // A scalar element ends at the array's own ']'; a composite one at its closing bracket.
                        closesArray = !composite && depth == 0;
                        atElementEnd = composite ? depth == 1 : closesArray;
                    }
                    else if (!composite && b == (byte)',' && depth == 1)
                    {
                        atElementEnd = true;
                    }

                    var partOfElement = !(atElementEnd && !composite);
                    if (partOfElement && !elementTooLong)
                    {
                        if (element.Length < MaxRecordBytes)
                        {
                            element.WriteByte(b);
                        }
                        else
                        {
                            elementTooLong = true;
                        }
                    }
                    if (atElementEnd)
                    {
                        yield return ElementResult(element, path, elementLine, elementTooLong);
                        phase = closesArray ? ArrayPhase.AfterArray : ArrayPhase.Between;
                        depth = closesArray ? 0 : 1;
                    }
                }
                if (b == (byte)'\n')
                {
                    line++;
                }
            }
        }

        if (phase == ArrayPhase.InElement)
        {
            yield return elementTooLong
                ? ElementResult(element, path, elementLine, tooLong: true)
                : JsonRecordParser.Unreadable(new SourceLocation(path, elementLine), element.GetBuffer().AsSpan(0, (int)element.Length),
                    "invalid JSON: the file ends inside this array element");
        }
        else if (phase == ArrayPhase.Between)
        {
            yield return JsonRecordParser.Unreadable(new SourceLocation(path, line), [], "invalid JSON: the file ends before the top-level array is closed");
        }
    }

    private SourceReadResult ElementResult(MemoryStream element, string path, long line, bool tooLong)
    {
        var location = new SourceLocation(path, line);
        var bytes = element.GetBuffer().AsMemory(0, (int)element.Length);
        return tooLong
            ? JsonRecordParser.Unreadable(location, bytes.Span, $"array element longer than {MaxRecordBytes / (1024 * 1024)} MB")
            : JsonRecordParser.Parse(bytes, location, diagnostics);
    }

    /// <summary>True when the first character after a BOM and whitespace is '['; leaves the stream at its start.</summary>
    private static bool StartsWithArray(FileStream stream)
    {
        var head = new byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var span = head.AsSpan(0, read);
        if (span.StartsWith(Utf8Bom))
        {
            span = span[Utf8Bom.Length..];
        }
        foreach (var b in span)
        {
            if (!IsJsonWhitespace(b))
            {
                return b == (byte)'[';
            }
        }
        return false;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\f\v"u8) < 0;

    private static bool IsJsonWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private enum ArrayPhase
    {
        BeforeArray,
        Between,
        InElement,
        AfterArray,
    }
}
