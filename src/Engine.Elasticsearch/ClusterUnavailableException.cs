namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// The cluster did not give a usable answer: not reachable, timed out, overloaded (429), unavailable or partly failed
/// shards (503, or a 200 with failed shards), or it answered with an error. <see cref="Transient"/> says whether a retry
/// can help; either way the service answers from the embedded index.
/// </summary>
public sealed class ClusterUnavailableException(string message, int? status, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status the cluster answered with, or null when it did not answer at all.</summary>
    public int? Status { get; } = status;

    public bool Transient { get; } = transient;

    /// <summary>What the cluster asked for in <c>Retry-After</c>, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Statuses that a later attempt can succeed on.</summary>
    public static bool IsTransientStatus(int? status) => status is null or 408 or 429 or 502 or 503 or 504;
}

/// <summary>The alias points to an index written with another mapping version than this service expects.</summary>
public sealed class MappingVersionMismatchException(string index, int? found, int expected)
    : Exception($"The cluster index {index} has mapping version {found?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, this service expects {expected}: "
        + "run `patentnav-index es-sync --rebuild` to build the current index from the embedded one; until then the embedded index answers.")
{
    public string Index { get; } = index;
    public int? Found { get; } = found;
    public int Expected { get; } = expected;
}
