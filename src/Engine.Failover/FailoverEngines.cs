using System.Diagnostics.Metrics;
using System.Globalization;
using Elastic.Transport;
using PatentNav.Core.Engine;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Lucene;

namespace PatentNav.Engine.Failover;

/// <summary>
/// The cluster as the primary engine with the embedded index as its live fallback: the resilient searcher, the dual
/// writer, the admin view of both, and the background work that keeps the cluster in step (index check, journal replay).
/// </summary>
public sealed class FailoverEngines : IPatentIndexAdmin, IDisposable
{
    private readonly ElasticsearchOptions _options;
    private readonly TimeProvider _time;
    private bool _countsChecked;

    public FailoverEngines(LucenePatentIndex embedded, ElasticsearchOptions options, string dataDir, IMeterFactory? meters = null, TimeProvider? time = null, IRequestInvoker? invoker = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        Embedded = embedded;
        Cluster = new ElasticsearchPatentIndex(ElasticsearchClientFactory.Create(options, invoker), options, _time);
        Journal = new ClusterJournal(dataDir, _time);
        Status = new ClusterStatus();
        Metrics = new EngineMetrics(meters, Status, () => Journal.Depth);
        Sync = new ClusterSync(Cluster, embedded, Journal, Status, Metrics, options, _time);
        Searcher = new ResilientPatentSearcher(Cluster, embedded, options, Status, Metrics, _time);
        Writer = new DualPatentIndexWriter(embedded, Sync);
    }

    public LucenePatentIndex Embedded { get; }
    public ElasticsearchPatentIndex Cluster { get; }
    public ClusterJournal Journal { get; }
    public ClusterStatus Status { get; }
    public EngineMetrics Metrics { get; }
    public ClusterSync Sync { get; }
    public ResilientPatentSearcher Searcher { get; }
    public DualPatentIndexWriter Writer { get; }

    /// <summary>
    /// One round of keeping the cluster in step: check or create its index until that has succeeded, then replay the
    /// journal. Failures are recorded in <see cref="Status"/>, never thrown: the embedded index serves meanwhile.
    /// </summary>
    public async Task MaintainAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (!Status.IndexReady)
            {
                await Cluster.EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
                Status.IndexChecked();
            }
            if (!_countsChecked && Journal.Depth == 0)
            {
                // Once per process: a cluster configured beside an existing embedded index (or emptied, or restored from
                // an old snapshot) is re-synced when its count differs and nothing waits in the journal to explain it.
                if (await Cluster.CountAsync(cancellationToken).ConfigureAwait(false) != Embedded.DocumentCount)
                {
                    await Sync.ResyncAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                _countsChecked = true;
            }
            if (Journal.Depth > 0)
            {
                await Sync.ReplayAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (Status.DegradedReason is not null)
            {
                // Nothing to replay and no reads arriving: a cheap call tells whether the cluster is back.
                await Cluster.CountAsync(cancellationToken).ConfigureAwait(false);
                Status.Succeeded();
            }
        }
        catch (MappingVersionMismatchException mismatch)
        {
            Status.MappingMismatch(mismatch.Message);
        }
        catch (Exception ex) when (ex is ClusterUnavailableException or HttpRequestException or System.Text.Json.JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Status.Failed(ex.Message);
        }
    }

    /// <summary>Runs <see cref="MaintainAsync"/> at once and then every <see cref="ElasticsearchOptions.JournalReplaySeconds"/> until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, _options.JournalReplaySeconds)), _time);
        do
        {
            await MaintainAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<EngineStats>> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var embedded = Embedded.Stats("fallback");
        long? clusterCount = null;
        string clusterStatus;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(_options.ReadTimeoutMs));
            clusterCount = await Cluster.CountAsync(timeout.Token).ConfigureAwait(false);
            clusterStatus = Status.DegradedReason ?? "ok";
        }
        catch (Exception ex) when (ex is ClusterUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            clusterStatus = "unavailable: " + ex.Message;
        }
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alias"] = Cluster.Alias,
            ["index"] = PatentIndexTemplate.IndexName(Cluster.Alias),
            ["mappingVersion"] = PatentIndexTemplate.MappingVersion.ToString(CultureInfo.InvariantCulture),
            ["journal.depth"] = Journal.Depth.ToString(CultureInfo.InvariantCulture),
            ["fallbacks"] = Metrics.Fallbacks.ToString(CultureInfo.InvariantCulture),
        };
        if (Journal.OldestAt is { } oldest)
        {
            details["journal.oldestAt"] = oldest.ToString("O", CultureInfo.InvariantCulture);
        }
        if (Status.LastReplayAt is { } replayed)
        {
            details["journal.lastReplayAt"] = replayed.ToString("O", CultureInfo.InvariantCulture);
        }
        if (Status.LastFailure is { } failure)
        {
            details["journal.lastError"] = failure;
        }
        foreach (var (call, state) in Status.Breakers)
        {
            details["breaker." + call] = state.ToString();
        }
        // Counts reconcile when nothing waits: the cluster then holds what the embedded index holds.
        if (clusterCount is { } count && embedded.Documents is { } local)
        {
            details["reconciled"] = (Journal.Depth == 0 && count == local) ? "true" : "false";
        }
        return [new EngineStats(ElasticsearchPatentIndex.Engine, "primary", clusterCount, clusterStatus) { Details = details }, embedded];
    }

    public void Dispose()
    {
        Sync.Dispose();
        Journal.Dispose();
        Metrics.Dispose();
    }
}
