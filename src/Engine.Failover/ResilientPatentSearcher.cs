using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Retry;
using Polly.Timeout;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Lucene;

namespace PatentNav.Engine.Failover;

/// <summary>
/// Reads from the cluster through one Polly pipeline per call kind — timeout per attempt, then retry (exponential with
/// jitter, only for 429 and 503), then a circuit breaker, then fallback to the embedded index — so a cluster outage never
/// stops a search. Every result names the engine that answered. The caller's own cancellation (client gone, time budget)
/// is never turned into a fallback.
/// </summary>
public sealed class ResilientPatentSearcher : IPatentSearcher
{
    /// <summary>A Retry-After longer than this is not waited for: the embedded index answers at once instead.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(1);

    private readonly ElasticsearchPatentIndex _cluster;
    private readonly LucenePatentIndex _embedded;
    private readonly ClusterStatus _status;
    private readonly EngineMetrics _metrics;
    private readonly ReadPipeline<SearchResult> _search;
    private readonly ReadPipeline<PatentRecord?> _get;
    private readonly ReadPipeline<IReadOnlyList<TermStatistic>> _termStatistics;

    public ResilientPatentSearcher(ElasticsearchPatentIndex cluster, LucenePatentIndex embedded, ElasticsearchOptions options, ClusterStatus status, EngineMetrics metrics, TimeProvider time)
    {
        _cluster = cluster;
        _embedded = embedded;
        _status = status;
        _metrics = metrics;
        _search = new ReadPipeline<SearchResult>("search", options, status, metrics, time);
        _get = new ReadPipeline<PatentRecord?>("get", options, status, metrics, time);
        _termStatistics = new ReadPipeline<IReadOnlyList<TermStatistic>>("termStatistics", options, status, metrics, time);
    }

    public string EngineName => ElasticsearchPatentIndex.Engine;

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        // Refusals that do not depend on the engine come first, from the embedded index: a wildcard too broad, a cursor
        // of another sort order. Both engines then refuse exactly the same requests.
        _embedded.CheckExpansions(request, cancellationToken);
        _ = SearchCursor.Decode(request.SearchAfter, request.Sort);
        return _search.ExecuteAsync(ct => _cluster.SearchAsync(request, ct), ct => _embedded.SearchAsync(request, ct), ReadyOrThrow, cancellationToken);
    }

    public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _get.ExecuteAsync(ct => _cluster.GetAsync(id, ct), ct => _embedded.GetAsync(id, ct), ReadyOrThrow, cancellationToken);

    public Task<IReadOnlyList<TermStatistic>> GetTermStatisticsAsync(IReadOnlyList<TermKey> terms, CancellationToken cancellationToken = default) =>
        _termStatistics.ExecuteAsync(ct => _cluster.GetTermStatisticsAsync(terms, ct), ct => _embedded.GetTermStatisticsAsync(terms, ct), ReadyOrThrow, cancellationToken);

    /// <summary>Until the cluster index is known to exist with our mapping, every read is the embedded index's.</summary>
    private bool ReadyOrThrow() => _status.IndexReady;
}

/// <summary>One call kind's pipeline: fallback ⟵ circuit breaker ⟵ retry ⟵ timeout (outermost first).</summary>
internal sealed class ReadPipeline<T>
{
    private static readonly ResiliencePropertyKey<Func<CancellationToken, Task<T>>> FallbackKey = new("patentnav.fallback");

    private readonly string _call;
    private readonly ClusterStatus _status;
    private readonly EngineMetrics _metrics;
    private readonly ResiliencePipeline<T> _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();

    public ReadPipeline(string call, ElasticsearchOptions options, ClusterStatus status, EngineMetrics metrics, TimeProvider time)
    {
        _call = call;
        _status = status;
        _metrics = metrics;
        status.AddBreaker(call, _breaker);
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = time };
        builder
            .AddFallback(new FallbackStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsClusterFailure(ex, args.Context.CancellationToken)),
                FallbackAction = async args =>
                {
                    var fallback = args.Context.Properties.GetValue(FallbackKey, null!);
                    return Outcome.FromResult(await fallback(args.Context.CancellationToken).ConfigureAwait(false));
                },
                OnFallback = args =>
                {
                    var reason = Describe(args.Outcome.Exception);
                    _metrics.Fallback(_call, Kind(args.Outcome.Exception));
                    if (args.Outcome.Exception is not BrokenCircuitException and not ClusterNotReadyException)
                    {
                        _status.Failed(reason);
                    }
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<T>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
                StateProvider = _breaker,
                // An outage opens the breaker; a query the cluster rejects (400) says nothing about its health.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException or ClusterUnavailableException { Transient: true }),
                OnClosed = _ =>
                {
                    _status.Succeeded();
                    return ValueTask.CompletedTask;
                },
            });
        if (options.ReadRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
                // Reads are idempotent; only an overloaded or unavailable cluster (429, 503) is worth asking again, and not
                // when it asks for a longer pause than a search can wait.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClusterUnavailableException { Status: 429 or 503 } busy
                    && (busy.RetryAfter is null || busy.RetryAfter <= ResilientPatentSearcher.MaxRetryWait)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ClusterUnavailableException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            });
        }
        _pipeline = builder.AddTimeout(TimeSpan.FromMilliseconds(options.ReadTimeoutMs)).Build();
    }

    public async Task<T> ExecuteAsync(Func<CancellationToken, Task<T>> primary, Func<CancellationToken, Task<T>> fallback, Func<bool> clusterReady, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(FallbackKey, fallback);
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        if (!state.ClusterReady())
                        {
                            throw new ClusterNotReadyException();
                        }
                        var result = await state.Primary(ctx.CancellationToken).ConfigureAwait(false);
                        state.Status.Succeeded();
                        return Outcome.FromResult(result);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<T>(ex);
                    }
                },
                context,
                (Primary: primary, ClusterReady: clusterReady, Status: _status)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Failures the embedded index answers for: the cluster's, never the caller's own cancellation.</summary>
    private static bool IsClusterFailure(Exception ex, CancellationToken caller) => !caller.IsCancellationRequested && ex is
        ClusterUnavailableException or TimeoutRejectedException or BrokenCircuitException or IsolatedCircuitException
        or MappingVersionMismatchException or ClusterNotReadyException or HttpRequestException or System.Text.Json.JsonException;

    private static string Kind(Exception? ex) => ex switch
    {
        BrokenCircuitException => "circuit_open",
        TimeoutRejectedException => "timeout",
        ClusterNotReadyException => "index_not_ready",
        ClusterUnavailableException { Status: null } => "unreachable",
        ClusterUnavailableException { Status: { } status } => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "error",
    };

    private static string Describe(Exception? ex) => ex switch
    {
        TimeoutRejectedException timeout => $"no answer within {timeout.Timeout.TotalMilliseconds:F0} ms",
        null => "unknown",
        _ => ex.Message,
    };
}

/// <summary>The cluster index has not been checked or created yet (cluster not reached since start).</summary>
public sealed class ClusterNotReadyException() : Exception("The cluster index is not ready.");
