namespace PatentNav.SearchApi.Configuration;

/// <summary>The <c>PatentNav</c> configuration section (appsettings, or environment variables such as <c>PatentNav__RateLimit__PermitLimit</c>).</summary>
public sealed class PatentNavOptions
{
    public const string Section = "PatentNav";

    /// <summary>Where the index lives; <c>PATENTNAV_DATA_DIR</c> overrides it. Default: <c>.patentnav</c> in the working directory.</summary>
    public string DataDir { get; set; } = ".patentnav";

    /// <summary>Corpus indexed on first start when the index is empty; default: the demo corpus shipped beside the service.</summary>
    public string? DemoCorpus { get; set; }

    /// <summary>Keys accepted in <c>X-Api-Key</c> for write and admin endpoints.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    public QueryOptions Query { get; set; } = new();

    /// <summary>The supervised IPC model kept with the index (trained in the background after the first start).</summary>
    public IpcModelOptions IpcModel { get; set; } = new();

    public ConcurrencyOptions Concurrency { get; set; } = new();

    /// <summary>
    /// Cores one embedded search may score its segments on (default all): novelty's OR query is latency-bound on one core.
    /// Set 1 on a host saturated by concurrent requests, where parallel slices only add overhead.
    /// </summary>
    public int SearchThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Serve <c>/metrics</c> without an API key (for a scraper on a private network); off by default.</summary>
    public bool AnonymousMetrics { get; set; }

    /// <summary>The cluster engine; without <c>Url</c> the embedded index serves alone (the default).</summary>
    public PatentNav.Engine.Elasticsearch.ElasticsearchOptions Elasticsearch { get; set; } = new();

    /// <summary>Folder of industry-chain files (<c>*.chain</c>); default: the chains shipped beside the service.</summary>
    public string? ChainsDir { get; set; }

    /// <summary>The technology–effect vocabulary (技术功效词表); default: effects/technical-effects.effects beside the service.</summary>
    public string? EffectsFile { get; set; }

    /// <summary>The 快速预审 scope file (fields as chain nodes); default <c>scopes/pre-examination.scope</c> beside the service.</summary>
    public string? PreExaminationScopeFile { get; set; }

    /// <summary>Widget site keys, each with the origins allowed to use it.</summary>
    public Dictionary<string, SiteOptions> Sites { get; set; } = new(StringComparer.Ordinal);

    public string IndexDir => Path.Combine(Path.GetFullPath(DataDir), "index");
}

public sealed class RateLimitOptions
{
    /// <summary>Requests per window per client (API key, site key or remote address).</summary>
    public int PermitLimit { get; set; } = 600;
    public int WindowSeconds { get; set; } = 60;
}

public sealed class QueryOptions
{
    public int MaxQueryLength { get; set; } = 4000;
    public int MaxPageSize { get; set; } = 100;
    /// <summary>Deepest offset served by from/size; beyond it clients page with the cursor.</summary>
    public int MaxOffset { get; set; } = 1000;
    public int MaxNoveltyTextLength { get; set; } = 10_000;
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
    /// <summary>Filters per request (<c>filters</c>, and values per novelty filter list).</summary>
    public int MaxFilters { get; set; } = 16;
    /// <summary>
    /// Longest one search or novelty request may work in the engine before it is stopped with a 400. Queries on the demo
    /// corpus take milliseconds and novelty at 1M documents about 50 ms (benchmarks/README.md), so only a runaway query meets it.
    /// </summary>
    public int TimeBudgetMs { get; set; } = 1500;
}

/// <summary>
/// Concurrency of the heavy endpoints (search, novelty, export). Engine work is CPU-bound: more of it at once than there
/// are cores only makes every request slower and starves health probes of threads, so the rest wait in a queue.
/// </summary>
public sealed class ConcurrencyOptions
{
    /// <summary>Heavy requests worked on at once; 0 means one per core.</summary>
    public int PermitLimit { get; set; }
    /// <summary>Heavy requests waiting for a permit; beyond it a request is refused at once with 503 and Retry-After.</summary>
    public int QueueLimit { get; set; } = 200;
    /// <summary>Longest a request waits in the queue before it is refused with 503.</summary>
    public int QueueTimeoutMs { get; set; } = 10_000;

    public int EffectivePermitLimit => PermitLimit > 0 ? PermitLimit : Environment.ProcessorCount;
}

public sealed class SiteOptions
{
    public List<string> AllowedOrigins { get; set; } = [];
    public int PermitLimit { get; set; } = 120;
}

public sealed class IpcModelOptions
{
    /// <summary>Load the index's IPC model, training it when missing or older than the index; off: neighbour votes only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Labelled records the service trains on at most (an evenly spaced sample): 20,000 took 515 s on one core, training time grows with them.</summary>
    public int MaxTrainingRecords { get; set; } = 10_000;
}
