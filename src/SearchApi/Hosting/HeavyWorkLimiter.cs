using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>
/// Admits at most <see cref="ConcurrencyOptions.PermitLimit"/> heavy requests (search, novelty, export) into the engine at
/// once and queues the rest without holding a thread. Engine work is synchronous and CPU-bound: 50 novelty searches let in
/// together took every thread-pool thread on two cores, and <c>/health/ready</c> waited 13 s behind them.
/// </summary>
public sealed class HeavyWorkLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _queueTimeout;

    public HeavyWorkLimiter(IOptions<PatentNavOptions> options)
    {
        var settings = options.Value.Concurrency;
        PermitLimit = settings.EffectivePermitLimit;
        _queueTimeout = TimeSpan.FromMilliseconds(settings.QueueTimeoutMs);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = PermitLimit,
            QueueLimit = Math.Max(0, settings.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int PermitLimit { get; }

    /// <summary>Requests now waiting for a permit.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a permit; null when the queue is full or the wait ran past the queue timeout.</summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(_queueTimeout);
        try
        {
            var lease = await _limiter.AcquireAsync(1, wait.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }
            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}

public static class HeavyWorkLimiterExtensions
{
    /// <summary>Runs the endpoint only with a heavy-work permit; a full queue is a 503 with Retry-After, not a slow request.</summary>
    public static TBuilder WithHeavyWorkLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var limiter = context.HttpContext.RequestServices.GetRequiredService<HeavyWorkLimiter>();
            using var lease = await limiter.AcquireAsync(context.HttpContext.RequestAborted);
            if (lease is null)
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service busy / 服务繁忙",
                    detail: "Too many searches are waiting; retry in a second.",
                    extensions: new Dictionary<string, object?> { ["messageZh"] = "等待处理的检索过多，请稍后重试" });
            }
            return await next(context);
        });
}
