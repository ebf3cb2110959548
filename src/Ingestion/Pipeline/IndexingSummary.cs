using System.Text.Json.Serialization;

namespace PatentNav.Ingestion.Pipeline;

/// <summary>What one indexing run did. It always reconciles: <c>read = added + updated + quarantined</c>.</summary>
public sealed class IndexingSummary
{
    [JsonPropertyName("read")] public long Read { get; set; }
    [JsonPropertyName("added")] public long Added { get; set; }
    [JsonPropertyName("updated")] public long Updated { get; set; }
    [JsonPropertyName("quarantined")] public long Quarantined { get; set; }
    /// <summary>Documents in the index after the run.</summary>
    [JsonPropertyName("documents")] public long Documents { get; set; }
    /// <summary>Indexed records that carry at least one flagged problem (wrong check digit, impossible date…).</summary>
    [JsonPropertyName("flagged")] public long Flagged { get; set; }
    /// <summary>Flags and repairs by code, summed over records.</summary>
    [JsonPropertyName("issues")] public SortedDictionary<string, long> Issues { get; } = new(StringComparer.Ordinal);
    /// <summary>Quarantine reasons by their first clause.</summary>
    [JsonPropertyName("quarantineReasons")] public SortedDictionary<string, long> QuarantineReasons { get; } = new(StringComparer.Ordinal);
    [JsonPropertyName("batches")] public long Batches { get; set; }
    [JsonPropertyName("characters")] public long Characters { get; set; }
    [JsonPropertyName("elapsedSeconds")] public double ElapsedSeconds { get; set; }
    [JsonPropertyName("docsPerSecond")] public double DocsPerSecond => ElapsedSeconds > 0 ? Math.Round(Read / ElapsedSeconds, 1) : 0;
    [JsonPropertyName("charsPerSecond")] public double CharsPerSecond => ElapsedSeconds > 0 ? Math.Round(Characters / ElapsedSeconds, 0) : 0;
    /// <summary>Time spent after the last batch waiting for segment merges (not part of <see cref="ElapsedSeconds"/>).</summary>
    [JsonPropertyName("mergeSeconds")] public double MergeSeconds { get; set; }
    [JsonPropertyName("indexBytes")] public long IndexBytes { get; set; }
    [JsonPropertyName("quarantineFile")] public string? QuarantineFile { get; set; }

    [JsonIgnore] public bool Reconciles => Read == Added + Updated + Quarantined;

    internal void CountIssue(string code) => Issues[code] = Issues.GetValueOrDefault(code) + 1;

    internal void CountQuarantine(string reason)
    {
        Quarantined++;
        var key = reason.Split(':', 2)[0].Trim();
        QuarantineReasons[key] = QuarantineReasons.GetValueOrDefault(key) + 1;
    }
}
