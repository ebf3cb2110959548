namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// How to reach the cluster (<c>PatentNav:Elasticsearch</c>). Without <see cref="Url"/> the service runs on the embedded
/// index alone, exactly as before the cluster engine existed.
/// </summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "PatentNav:Elasticsearch";

    /// <summary>One node's address, or several separated by commas or semicolons (a static node pool).</summary>
    public string? Url { get; set; }

    /// <summary>An Elasticsearch API key (the encoded form <c>id:key</c> in base64, as Kibana shows it).</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>SHA-256 fingerprint of the cluster's CA certificate (self-signed clusters, as Elasticsearch prints on first start).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>The alias searches and writes go through; the index behind it is <c>{IndexAlias}-v{mapping version}</c>.</summary>
    public string IndexAlias { get; set; } = "patentnav";

    public int NumberOfShards { get; set; } = 1;
    public int NumberOfReplicas { get; set; } = 1;

    /// <summary>Longest one read may take before the embedded index answers instead.</summary>
    public int ReadTimeoutMs { get; set; } = 2000;

    /// <summary>Longest one bulk request may take before its items are journaled.</summary>
    public int WriteTimeoutMs { get; set; } = 30_000;

    /// <summary>Items per bulk request; with the stored record each patent is a few kilobytes.</summary>
    public int BulkSize { get; set; } = 500;

    /// <summary>Retries of a read answered 429 or 503 (or not answered) before the breaker counts it as a failure.</summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>Retries of bulk items rejected with 429 before they are journaled.</summary>
    public int BulkRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff with jitter, for reads and rejected bulk items.</summary>
    public int RetryBaseDelayMs { get; set; } = 100;

    /// <summary>Share of failed reads within <see cref="BreakerSamplingSeconds"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 4;
    public int BreakerSamplingSeconds { get; set; } = 30;
    /// <summary>How long the breaker stays open (every read answered by the embedded index) before one read probes the cluster.</summary>
    public int BreakerBreakSeconds { get; set; } = 15;

    /// <summary>How often the journal of writes the cluster missed is replayed while it is not empty.</summary>
    public int JournalReplaySeconds { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(Url);

    public IReadOnlyList<Uri> Nodes =>
        [.. (Url ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u, UriKind.Absolute))];
}
