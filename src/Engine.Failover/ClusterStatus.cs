using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace PatentNav.Engine.Failover;

/// <summary>
/// What the service knows about the cluster: whether its index is ready to use, the last failure and success, and the
/// read breakers' states. <see cref="DegradedReason"/> is what readiness and the admin view say while reads are answered
/// by the embedded index.
/// </summary>
public sealed class ClusterStatus
{
    private readonly Lock _gate = new();
    private readonly List<(string Call, CircuitBreakerStateProvider State)> _breakers = [];
    private string? _lastFailure;
    // Order of the last failure and success by a counter, not a clock: two events in the same tick stay ordered.
    private long _events;
    private long _lastFailureEvent;
    private long _lastSuccessEvent;
    private string? _mappingProblem;

    /// <summary>The cluster index exists with the expected mapping version (checked or created at start).</summary>
    public bool IndexReady { get; private set; }

    public DateTimeOffset? LastReplayAt { get; set; }

    public string? LastFailure => _lastFailure;

    internal void AddBreaker(string call, CircuitBreakerStateProvider state)
    {
        lock (_gate)
        {
            _breakers.Add((call, state));
        }
    }

    public IReadOnlyDictionary<string, CircuitState> Breakers
    {
        get
        {
            lock (_gate)
            {
                return _breakers.ToDictionary(b => b.Call, b => b.State.CircuitState, StringComparer.Ordinal);
            }
        }
    }

    public void IndexChecked()
    {
        IndexReady = true;
        _mappingProblem = null;
        Succeeded();
    }

    public void MappingMismatch(string problem)
    {
        IndexReady = false;
        _mappingProblem = problem;
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _lastSuccessEvent = ++_events;
        }
    }

    public void Failed(string reason)
    {
        lock (_gate)
        {
            _lastFailure = reason;
            _lastFailureEvent = ++_events;
        }
    }

    /// <summary>Whether a write should be sent now; when false it waits in the journal for the next replay.</summary>
    public bool AcceptingWrites => IndexReady && !Breakers.Values.Any(s => s is CircuitState.Open or CircuitState.Isolated) && !FailingNow;

    private bool FailingNow
    {
        get
        {
            lock (_gate)
            {
                return _lastFailureEvent > _lastSuccessEvent;
            }
        }
    }

    /// <summary>Why reads are (or may be) answered by the embedded index instead of the cluster; null when the cluster serves.</summary>
    public string? DegradedReason
    {
        get
        {
            if (_mappingProblem is { } mapping)
            {
                return "cluster index unusable: " + mapping;
            }
            var open = Breakers.Where(b => b.Value is CircuitState.Open or CircuitState.Isolated).Select(b => b.Key).ToList();
            if (open.Count > 0)
            {
                return $"cluster unavailable (circuit open for {string.Join(", ", open)}: {_lastFailure}); answering from the embedded index";
            }
            if (!IndexReady)
            {
                return $"cluster unavailable ({_lastFailure ?? "not reached yet"}); answering from the embedded index";
            }
            return FailingNow ? $"cluster failing ({_lastFailure}); answering from the embedded index" : null;
        }
    }
}

/// <summary>The failover's instruments (meter <c>PatentNav.Engines</c>): fallbacks, breaker states and journal depth.</summary>
public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "PatentNav.Engines";

    private readonly Meter _meter;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _clusterWrites;

    public EngineMetrics(IMeterFactory? factory, ClusterStatus status, Func<long> journalDepth)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _fallbacks = _meter.CreateCounter<long>("patentnav.engine.fallbacks", description: "Reads answered by the embedded index because the cluster could not answer.");
        _clusterWrites = _meter.CreateCounter<long>("patentnav.engine.cluster_writes", description: "Writes sent to the cluster, by outcome (written, journaled).");
        _meter.CreateObservableGauge("patentnav.engine.breaker_state",
            () => status.Breakers.Select(b => new Measurement<int>((int)b.Value, new KeyValuePair<string, object?>("call", b.Key))),
            description: "Circuit breaker per read kind: 0 closed, 1 open, 2 half-open, 3 isolated.");
        _meter.CreateObservableGauge("patentnav.engine.journal_depth", journalDepth, description: "Writes waiting in the journal for the cluster.");
        _meter.CreateObservableGauge("patentnav.engine.degraded", () => status.DegradedReason is null ? 0 : 1, description: "1 while reads fall back to the embedded index.");
    }

    private long _fallbackCount;

    public long Fallbacks => Interlocked.Read(ref _fallbackCount);

    public void Fallback(string call, string reason)
    {
        Interlocked.Increment(ref _fallbackCount);
        _fallbacks.Add(1, new KeyValuePair<string, object?>("call", call), new KeyValuePair<string, object?>("reason", reason));
    }

    public void ClusterWrites(string outcome, long count) => _clusterWrites.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
