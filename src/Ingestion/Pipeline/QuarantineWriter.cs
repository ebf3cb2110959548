using System.Text.Json;
using PatentNav.Core.Model;

namespace PatentNav.Ingestion.Pipeline;

/// <summary>
/// Appends rejected records to a JSONL file with their reason, source location and the original content,
/// so nothing a user gave us is lost. The file is only created when something is quarantined.
/// </summary>
public sealed class QuarantineWriter(string path) : IDisposable
{
    private StreamWriter? _writer;

    public string Path { get; } = path;

    public void Write(SourceLocation location, string reason, string originalText)
    {
        if (_writer is null)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            _writer = new StreamWriter(Path, append: true, new System.Text.UTF8Encoding(false));
        }
        var entry = new QuarantineEntry(location.File, location.Line, reason, originalText, DateTimeOffset.UtcNow);
        _writer.WriteLine(JsonSerializer.Serialize(entry, PatentJson.Options));
    }

    /// <summary>Pushes entries to disk; called with each index commit so quarantine and index stay in step.</summary>
    public void Flush() => _writer?.Flush();

    public void Dispose() => _writer?.Dispose();
}

/// <summary>One quarantined record.</summary>
public sealed record QuarantineEntry(string File, long Line, string Reason, string Original, DateTimeOffset QuarantinedAt);
