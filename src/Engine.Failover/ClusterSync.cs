using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Lucene;

namespace PatentNav.Engine.Failover;

/// <summary>
/// Brings the cluster up to the embedded index: sends committed writes (journaled first), replays the journal, and
/// re-syncs the whole index on request. One send at a time, and a replay reads the embedded record while holding that
/// turn, so an older version can never overwrite a newer one in the cluster.
/// </summary>
public sealed class ClusterSync(
    ElasticsearchPatentIndex cluster,
    LucenePatentIndex embedded,
    ClusterJournal journal,
    ClusterStatus status,
    EngineMetrics metrics,
    ElasticsearchOptions options,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public ClusterJournal Journal => journal;

    public ElasticsearchPatentIndex Cluster => cluster;

    /// <summary>
    /// Journals committed writes, then sends them unless the cluster is known to be down; what the cluster takes is
    /// acknowledged, everything else stays journaled for the replay. Never throws for a cluster failure: the embedded
    /// commit has already made the write durable.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<ClusterWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return;
        }
        var entries = journal.Append(writes.Select(w => (w.Id, w.Record is null)));
        if (!status.AcceptingWrites)
        {
            metrics.ClusterWrites("journaled", writes.Count);
            return;
        }
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendJournaledAsync(writes, entries, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Sends the journal's writes in order, in bulk batches, each as the embedded index holds it now; stops at the first
    /// batch the cluster does not fully take. Returns how many entries were acknowledged.
    /// </summary>
    public async Task<long> ReplayAsync(CancellationToken cancellationToken = default)
    {
        long acknowledged = 0;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (journal.Depth > 0)
            {
                var batch = journal.Peek(Math.Max(1, options.BulkSize));
                // The latest entry per identity: its record is read once, as it is now.
                var ids = batch.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
                var writes = new List<ClusterWrite>(ids.Count);
                foreach (var id in ids)
                {
                    writes.Add(embedded.Get(id) is { } record ? ClusterWrite.Upsert(record) : ClusterWrite.Delete(id));
                }
                var before = journal.Depth;
                var complete = await SendJournaledAsync(writes, batch, cancellationToken).ConfigureAwait(false);
                acknowledged += before - journal.Depth;
                status.LastReplayAt = time.GetUtcNow();
                if (!complete)
                {
                    break;
                }
            }
        }
        finally
        {
            _turn.Release();
        }
        return acknowledged;
    }

    /// <summary>
    /// Makes the cluster hold exactly what the embedded index holds: every embedded record is sent (bulk, per-item
    /// accounting) and every cluster document the embedded index lacks is deleted. Returns the counts.
    /// </summary>
    public async Task<ResyncSummary> ResyncAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await cluster.EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
            status.IndexChecked();
            long sent = 0, failed = 0;
            var embeddedIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in embedded.AllRecords().Chunk(Math.Max(1, options.BulkSize)))
            {
                foreach (var record in chunk)
                {
                    embeddedIds.Add(record.Id);
                }
                var outcome = await cluster.BulkAsync([.. chunk.Select(ClusterWrite.Upsert)], cancellationToken).ConfigureAwait(false);
                sent += chunk.Length - outcome.Failed.Count;
                failed += outcome.Failed.Count;
                if (outcome.Failed.Count > 0)
                {
                    journal.Append(outcome.Failed.Select(f => (f.Write.Id, false)));
                }
                progress?.Report(sent);
            }
            var stale = new List<string>();
            await foreach (var id in cluster.ListIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!embeddedIds.Contains(id))
                {
                    stale.Add(id);
                }
            }
            var deletes = await cluster.BulkAsync([.. stale.Select(ClusterWrite.Delete)], cancellationToken).ConfigureAwait(false);
            if (deletes.Failed.Count > 0)
            {
                journal.Append(deletes.Failed.Select(f => (f.Write.Id, true)));
            }
            await cluster.CommitAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ResyncSummary(sent, stale.Count - deletes.Failed.Count, failed + deletes.Failed.Count);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Rebuilds the cluster index from the embedded one with this build's mapping (alias moved atomically when complete);
    /// everything journaled before it began is then in the cluster and acknowledged.
    /// </summary>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var waiting = journal.Peek(int.MaxValue);
            var outcome = await cluster.RebuildAsync(embedded.AllRecords(), time, cancellationToken).ConfigureAwait(false);
            journal.Acknowledge(waiting.Select(e => e.Seq));
            status.IndexChecked();
            return outcome.Created;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<bool> SendJournaledAsync(IReadOnlyList<ClusterWrite> writes, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        BulkOutcome outcome;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.WriteTimeoutMs), time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            outcome = await cluster.BulkAsync(writes, timeout.Token).ConfigureAwait(false);
            if (outcome.Complete || outcome.Failed.Count < writes.Count)
            {
                await cluster.CommitAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ClusterUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            status.Failed($"write: {ex.Message}");
            metrics.ClusterWrites("journaled", writes.Count);
            return false;
        }
        var failedIds = outcome.Failed.Select(f => f.Write.Id).ToHashSet(StringComparer.Ordinal);
        journal.Acknowledge(entries.Where(e => !failedIds.Contains(e.Id)).Select(e => e.Seq));
        metrics.ClusterWrites("written", writes.Count - failedIds.Count);
        if (failedIds.Count > 0)
        {
            metrics.ClusterWrites("journaled", failedIds.Count);
            status.Failed($"write: {outcome.Failed.Count} of {writes.Count} items refused, first: {outcome.Failed[0].Reason}");
            return false;
        }
        status.Succeeded();
        return true;
    }

    public void Dispose() => _turn.Dispose();
}

public sealed record ResyncSummary(long Sent, long Deleted, long Journaled);

/// <summary>
/// The writer when a cluster is configured: the embedded index first (durable commit), then the cluster, whose misses
/// the journal keeps for replay. Results are the embedded index's, the source of truth.
/// </summary>
public sealed class DualPatentIndexWriter(LucenePatentIndex embedded, ClusterSync sync) : IPatentIndexWriter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PatentRecord?> _uncommitted = new(StringComparer.Ordinal);

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        var result = embedded.Upsert(records);
        lock (_gate)
        {
            foreach (var record in records)
            {
                _uncommitted[record.Id] = record;
            }
        }
        return Task.FromResult(result);
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var deleted = embedded.Delete(ids);
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _uncommitted[id] = null;
            }
        }
        return Task.FromResult(deleted);
    }

    public async Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default)
    {
        List<ClusterWrite> writes;
        lock (_gate)
        {
            embedded.Commit(userData);
            writes = [.. _uncommitted.Select(w => w.Value is { } record ? ClusterWrite.Upsert(record) : ClusterWrite.Delete(w.Key))];
            _uncommitted.Clear();
        }
        await sync.SendAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
    }
}
