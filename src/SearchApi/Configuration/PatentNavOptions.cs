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
}

public sealed class SiteOptions
{
    public List<string> AllowedOrigins { get; set; } = [];
    public int PermitLimit { get; set; } = 120;
}
