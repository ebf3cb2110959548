namespace PatentNav.Ingestion.Readers;

/// <summary>
/// Splits a stream into physical lines of raw bytes, so each line can be checked for binary content and invalid
/// UTF-8 before it is decoded (a StreamReader would silently turn bad bytes into U+FFFD).
/// Only the current line is buffered; a line longer than the cap is skipped to its end, keeping just its head.
/// </summary>
internal sealed class ByteLineReader(Stream stream, int maxLineBytes)
{
    private const int ChunkSize = 1 << 16;

    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line returned by the last <see cref="TryReadLine"/>.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its <c>\n</c> or <c>\r\n</c>; valid until the next call. <paramref name="tooLong"/> is set
    /// for a line over the cap, whose returned bytes are only its first <c>maxLineBytes</c>.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                tooLong = length > maxLineBytes;
                line = tooLong ? _buffer.AsMemory(_start, maxLineBytes) : TrimCarriageReturn(_buffer.AsMemory(_start, length));
                _start += length + 1;
                LineNumber++;
                return true;
            }
            scanned = _end - _start;
            if (scanned >= maxLineBytes)
            {
                line = _buffer.AsMemory(_start, maxLineBytes).ToArray();
                tooLong = true;
                SkipToNextLine();
                LineNumber++;
                return true;
            }
            if (_eof || !Fill())
            {
                _eof = true;
                if (_end == _start)
                {
                    line = default;
                    return false;
                }
                // The last line has no newline.
                line = TrimCarriageReturn(_buffer.AsMemory(_start, _end - _start));
                _start = _end;
                LineNumber++;
                return true;
            }
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Reads more bytes after the pending ones, compacting or growing the buffer; false at end of stream.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
        }
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read > 0;
    }

    private void SkipToNextLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }
            _start = _end = 0;
            var read = stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return;
            }
            _end = read;
        }
    }
}
