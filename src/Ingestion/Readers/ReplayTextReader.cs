namespace PatentNav.Ingestion.Readers;

/// <summary>
/// A TextReader that remembers what it handed out since the last <see cref="Commit"/>. Sylvan's CSV reader cannot
/// continue after a malformed row and buffers ahead, so to resume we need the characters it consumed but did not
/// turn into rows: they start at the committed position. Memory is bounded by the CSV reader's own buffer.
/// </summary>
internal sealed class ReplayTextReader(TextReader inner) : TextReader
{
    private char[] _buffer = new char[1 << 16];
    private int _committed; // start of the first character not yet accounted for by a row
    private int _position;  // next character to hand out
    private int _end;       // end of the characters read from the inner reader
    private bool _innerDone;

    /// <summary>Marks the next <paramref name="count"/> handed-out characters as consumed by a row.</summary>
    public void Commit(int count)
    {
        if (count > _position - _committed)
        {
            throw new InvalidOperationException("Committed more characters than were handed out.");
        }
        _committed += count;
    }

    /// <summary>
    /// Takes the rest of the physical line that starts at the committed position (the malformed row's first line),
    /// and rewinds so the next reader starts on the following line. Returns at most <paramref name="maxChars"/>
    /// characters of the line (without its line break) and whether a line break was found.
    /// </summary>
    public (string Line, bool EndedByNewline) SkipUncommittedLine(int maxChars)
    {
        var kept = new System.Text.StringBuilder();
        _position = _committed;
        while (true)
        {
            var pending = _buffer.AsSpan(_position, _end - _position);
            var newline = pending.IndexOf('\n');
            var take = newline >= 0 ? newline : pending.Length;
            kept.Append(pending[..Math.Min(take, Math.Max(0, maxChars - kept.Length))]);
            if (newline >= 0)
            {
                _position += newline + 1;
                _committed = _position;
                var text = kept.ToString();
                return (text.EndsWith('\r') ? text[..^1] : text, true);
            }
            _position = _end;
            _committed = _position;
            if (!Fill())
            {
                return (kept.ToString(), false);
            }
        }
    }

    public override int Read(Span<char> buffer)
    {
        if (_position == _end && !Fill())
        {
            return 0;
        }
        var count = Math.Min(buffer.Length, _end - _position);
        _buffer.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read() => _position < _end || Fill() ? _buffer[_position++] : -1;

    public override int Peek() => _position < _end || Fill() ? _buffer[_position] : -1;

    /// <summary>Reads more from the inner reader, dropping committed characters first; false at its end.</summary>
    private bool Fill()
    {
        if (_innerDone)
        {
            return false;
        }
        if (_committed > 0)
        {
            _buffer.AsSpan(_committed, _end - _committed).CopyTo(_buffer);
            _position -= _committed;
            _end -= _committed;
            _committed = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = inner.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _innerDone = read == 0;
        return read > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
