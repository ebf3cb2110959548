using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Engine.Failover;

/// <summary>One write the cluster has not acknowledged: which record, and whether it was an upsert or a delete.</summary>
public sealed record JournalEntry(long Seq, string Id, bool Delete, DateTimeOffset At);

/// <summary>
/// The durable list of writes the cluster still owes (<c>cluster-journal.jsonl</c> in the data folder). Entries are
/// appended and fsynced <em>before</em> the cluster is asked, and acknowledged once it has taken them, so a crash at any
/// point leaves every unacknowledged write in the file. Only identities are kept: a replay sends the record as the
/// embedded index holds it then (or a delete when it no longer has it), so replays converge on the embedded state however
/// often they run. A torn last line (a crash mid-append) is skipped and counted.
/// </summary>
public sealed class ClusterJournal : IDisposable
{
    public const string FileName = "cluster-journal.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, JournalEntry> _pending = [];
    private FileStream _file;
    private long _nextSeq = 1;
    private long _lines;

    public ClusterJournal(string dataDir, TimeProvider? time = null)
    {
        Directory.CreateDirectory(dataDir);
        _path = Path.Combine(dataDir, FileName);
        _time = time ?? TimeProvider.System;
        Load();
        _file = Open();
    }

    /// <summary>Writes waiting for the cluster.</summary>
    public long Depth
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>When the oldest waiting write was journaled, or null when none waits.</summary>
    public DateTimeOffset? OldestAt
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _pending.First().Value.At;
            }
        }
    }

    /// <summary>Lines of the file that could not be read at start (a torn last append).</summary>
    public int UnreadableLines { get; private set; }

    /// <summary>Appends writes and makes them durable before returning.</summary>
    public IReadOnlyList<JournalEntry> Append(IEnumerable<(string Id, bool Delete)> writes)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var entries = writes.Select(w => new JournalEntry(_nextSeq++, w.Id, w.Delete, now)).ToList();
            if (entries.Count == 0)
            {
                return entries;
            }
            var text = new StringBuilder();
            foreach (var entry in entries)
            {
                text.Append(JsonSerializer.Serialize(new Line { Seq = entry.Seq, Id = entry.Id, Delete = entry.Delete ? true : null, At = entry.At }, Json)).Append('\n');
                _pending[entry.Seq] = entry;
            }
            WriteDurably(text.ToString());
            _lines += entries.Count;
            return entries;
        }
    }

    /// <summary>The oldest waiting writes, in the order they were made.</summary>
    public IReadOnlyList<JournalEntry> Peek(int max)
    {
        lock (_gate)
        {
            return [.. _pending.Values.Take(max)];
        }
    }

    /// <summary>Marks writes as taken by the cluster; when none is left waiting the file is emptied.</summary>
    public void Acknowledge(IEnumerable<long> seqs)
    {
        lock (_gate)
        {
            var done = seqs.Where(_pending.ContainsKey).ToList();
            if (done.Count == 0)
            {
                return;
            }
            foreach (var seq in done)
            {
                _pending.Remove(seq);
            }
            if (_pending.Count == 0)
            {
                Compact();
                return;
            }
            WriteDurably(JsonSerializer.Serialize(new Line { Ack = done }, Json) + "\n");
            _lines++;
            // Rewrite a file that is mostly acknowledgements, so start-up reads stay short.
            if (_lines > 10_000 && _lines > 4 * _pending.Count)
            {
                Compact();
            }
        }
    }

    private void WriteDurably(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Writes the waiting entries to a new file, fsyncs it and renames it over the journal (atomic on POSIX).</summary>
    private void Compact()
    {
        var temp = _path + ".tmp";
        using (var next = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var text = new StringBuilder();
            foreach (var entry in _pending.Values)
            {
                text.Append(JsonSerializer.Serialize(new Line { Seq = entry.Seq, Id = entry.Id, Delete = entry.Delete ? true : null, At = entry.At }, Json)).Append('\n');
            }
            next.Write(Encoding.UTF8.GetBytes(text.ToString()));
            next.Flush(flushToDisk: true);
        }
        _file.Dispose();
        File.Move(temp, _path, overwrite: true);
        _file = Open();
        _lines = _pending.Count;
    }

    private FileStream Open() => new(_path, FileMode.Append, FileAccess.Write, FileShare.Read);

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }
        foreach (var text in File.ReadLines(_path))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            _lines++;
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Json);
            }
            catch (JsonException)
            {
                UnreadableLines++;
                continue;
            }
            if (line?.Ack is { } acks)
            {
                foreach (var seq in acks)
                {
                    _pending.Remove(seq);
                }
            }
            else if (line is { Seq: > 0, Id: { Length: > 0 } id })
            {
                _pending[line.Seq] = new JournalEntry(line.Seq, id, line.Delete == true, line.At ?? DateTimeOffset.MinValue);
                _nextSeq = Math.Max(_nextSeq, line.Seq + 1);
            }
            else
            {
                UnreadableLines++;
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_path}: {Depth} waiting");

    public void Dispose() => _file.Dispose();

    private sealed class Line
    {
        public long Seq { get; set; }
        public string? Id { get; set; }
        public bool? Delete { get; set; }
        public DateTimeOffset? At { get; set; }
        public List<long>? Ack { get; set; }
    }
}
