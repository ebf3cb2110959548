using System.Net;
using Microsoft.Extensions.Time.Testing;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Query;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Lucene;
using PatentNav.Tests.Contract;
using Polly.CircuitBreaker;

namespace PatentNav.Engine.Failover.Tests;

/// <summary>
/// The cluster as primary with the embedded index as live fallback, against a scripted cluster: reads fall back and say
/// so, the breaker opens and closes on the configured clock, writes are journaled and replayed, and an outage in the
/// middle of an indexing run ends with both engines holding the same records.
/// </summary>
public sealed class FailoverTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-failover-" + Guid.NewGuid().ToString("N"));
    private readonly FakeCluster _cluster = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly LucenePatentIndex _embedded;
    private FailoverEngines? _engines;

    public FailoverTests()
    {
        _embedded = LucenePatentIndex.Open(Path.Combine(_dir, "index"));
    }

    public void Dispose()
    {
        _engines?.Dispose();
        _embedded.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private FailoverEngines Engines(ElasticsearchOptions? options = null, TimeProvider? time = null)
    {
        _engines?.Dispose();
        _engines = new FailoverEngines(_embedded, options ?? FakeCluster.Options(), _dir, time: time ?? _time, invoker: new Elastic.Transport.HttpRequestInvoker((_, _) => _cluster));
        return _engines;
    }

    private static readonly SearchRequest AnySearch = new() { Query = new MatchAllNode(), Size = 5 };

    [Fact]
    public async Task Reads_come_from_the_cluster_while_it_answers_and_from_the_embedded_index_when_it_does_not()
    {
        var engines = Engines();
        await engines.MaintainAsync();
        Assert.True(engines.Status.IndexReady);
        Assert.Equal("elasticsearch", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Null(engines.Status.DegradedReason);

        _cluster.Down = true;
        var result = await engines.Searcher.SearchAsync(AnySearch);
        Assert.Equal("lucene", result.Engine);
        Assert.Contains("answering from the embedded index", engines.Status.DegradedReason, StringComparison.Ordinal);
        Assert.Equal(1, engines.Metrics.Fallbacks);
    }

    [Fact]
    public async Task Until_the_cluster_index_has_been_checked_every_read_is_the_embedded_indexs()
    {
        _cluster.Down = true;
        var engines = Engines();
        await engines.MaintainAsync();
        Assert.False(engines.Status.IndexReady);
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        var before = _cluster.Requests.Count;
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(before, _cluster.Requests.Count);
        Assert.StartsWith("cluster unavailable", engines.Status.DegradedReason, StringComparison.Ordinal);

        _cluster.Down = false;
        await engines.MaintainAsync();
        Assert.True(engines.Status.IndexReady);
        Assert.Equal("elasticsearch", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Null(engines.Status.DegradedReason);
    }

    [Fact]
    public async Task The_breaker_opens_after_the_configured_failures_and_lets_a_probe_through_after_the_break()
    {
        var options = FakeCluster.Options();
        options.BreakerMinimumThroughput = 4;
        options.BreakerFailureRatio = 0.5;
        options.BreakerBreakSeconds = 15;
        options.ReadRetries = 0;
        var engines = Engines(options);
        await engines.MaintainAsync();
        _cluster.Down = true;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        }
        Assert.Equal(CircuitState.Open, engines.Status.Breakers["search"]);
        Assert.Contains("circuit open for search", engines.Status.DegradedReason, StringComparison.Ordinal);

        // While open the cluster is not even asked.
        _cluster.Down = false;
        var asked = _cluster.SearchRequests;
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(asked, _cluster.SearchRequests);

        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(asked, _cluster.SearchRequests);

        // After the break one probe goes through; it succeeds and closes the breaker.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("elasticsearch", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(CircuitState.Closed, engines.Status.Breakers["search"]);
        Assert.Null(engines.Status.DegradedReason);
    }

    [Fact]
    public async Task A_busy_cluster_is_asked_again_after_its_Retry_After_and_a_rejected_query_is_not()
    {
        var engines = Engines(time: TimeProvider.System);
        await engines.MaintainAsync();
        var calls = 0;
        _cluster.Override = (_, path, _) =>
        {
            if (!path.EndsWith("/_search", StringComparison.Ordinal) || Interlocked.Increment(ref calls) > 1)
            {
                return null;
            }
            var busy = FakeCluster.Json(HttpStatusCode.TooManyRequests, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""");
            busy.Headers.Add("Retry-After", "0");
            return busy;
        };
        Assert.Equal("elasticsearch", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(2, calls);

        calls = 0;
        _cluster.Override = (_, path, _) =>
        {
            if (!path.EndsWith("/_search", StringComparison.Ordinal))
            {
                return null;
            }
            Interlocked.Increment(ref calls);
            return FakeCluster.Json(HttpStatusCode.BadRequest, """{"error":{"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}""");
        };
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_long_Retry_After_is_not_waited_for()
    {
        var engines = Engines(time: TimeProvider.System);
        await engines.MaintainAsync();
        _cluster.Override = (_, path, _) =>
        {
            if (!path.EndsWith("/_search", StringComparison.Ordinal))
            {
                return null;
            }
            var busy = FakeCluster.Json(HttpStatusCode.TooManyRequests, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""");
            busy.Headers.Add("Retry-After", "30");
            return busy;
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, _cluster.SearchRequests);
    }

    [Fact]
    public async Task A_slow_cluster_is_abandoned_at_the_read_timeout()
    {
        var options = FakeCluster.Options();
        options.ReadTimeoutMs = 200;
        var engines = Engines(options, TimeProvider.System);
        await engines.MaintainAsync();
        _cluster.Delay = TimeSpan.FromSeconds(20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains("no answer within 200 ms", engines.Status.DegradedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_answered_by_the_fallback()
    {
        var engines = Engines(time: TimeProvider.System);
        await engines.MaintainAsync();
        _cluster.Delay = TimeSpan.FromSeconds(20);
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engines.Searcher.SearchAsync(AnySearch, gone.Token));
        Assert.Equal(0, engines.Metrics.Fallbacks);
    }

    [Fact]
    public async Task A_wildcard_too_broad_is_refused_the_same_way_whichever_engine_would_answer()
    {
        var engines = Engines();
        await engines.Writer.UpsertAsync(ContractCorpus.Records);
        await engines.Writer.CommitAsync();
        await engines.MaintainAsync();
        var broad = new SearchRequest { Query = new ExpertQueryParser().Parse("TI=电*"), MaxTermExpansions = 3 };
        var asked = _cluster.SearchRequests;
        await Assert.ThrowsAsync<QueryParseException>(() => _embedded.SearchAsync(broad));
        await Assert.ThrowsAsync<QueryParseException>(() => engines.Searcher.SearchAsync(broad));
        Assert.Equal(asked, _cluster.SearchRequests);
    }

    [Fact]
    public async Task An_index_of_another_mapping_version_keeps_reads_on_the_embedded_index_and_says_why()
    {
        _cluster.CreateIndexWithVersion(PatentIndexTemplate.MappingVersion + 1);
        var engines = Engines();
        await engines.MaintainAsync();
        Assert.Equal("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine);
        Assert.Contains("mapping version", engines.Status.DegradedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_while_the_cluster_is_down_wait_in_the_journal_survive_a_restart_and_are_replayed()
    {
        var engines = Engines();
        await engines.MaintainAsync();
        _cluster.Down = true;
        var records = ContractCorpus.Records.Take(30).ToList();
        await engines.Writer.UpsertAsync(records);
        await engines.Writer.CommitAsync();
        await engines.Writer.DeleteAsync([records[0].Id]);
        await engines.Writer.CommitAsync();
        Assert.Equal(31, engines.Journal.Depth);
        Assert.Equal(29, _embedded.DocumentCount);

        // A restart reads the journal back.
        engines = Engines();
        Assert.Equal(31, engines.Journal.Depth);
        _cluster.Down = false;
        await engines.MaintainAsync();
        Assert.Equal(0, engines.Journal.Depth);
        Assert.Equal(29, _cluster.Documents.Count);
        Assert.DoesNotContain(records[0].Id, _cluster.Documents.Keys);
        var stats = await engines.GetStatsAsync();
        Assert.Equal([29L, 29L], stats.Select(s => s.Documents!.Value));
        Assert.Equal("true", stats[0].Details["reconciled"]);
        Assert.Equal("0", stats[0].Details["journal.depth"]);
    }

    [Fact]
    public async Task An_outage_in_the_middle_of_an_indexing_run_ends_with_the_cluster_holding_exactly_the_embedded_records()
    {
        // The real clock: rejected items wait out their backoff (1 ms base here) before they are sent again.
        var engines = Engines(time: TimeProvider.System);
        await engines.MaintainAsync();
        var records = ContractCorpus.Records;
        var batches = records.Chunk(30).ToList();

        // First third: 30 % of bulk items fail (refused with 500 or rejected with 429 beyond the retries).
        _cluster.ItemFault = (id, _) => (uint)id.GetHashCode(StringComparison.Ordinal) % 10 < 3 ? (id.Length % 2 == 0 ? 429 : 500) : null;
        foreach (var batch in batches.Take(3))
        {
            await engines.Writer.UpsertAsync(batch);
            await engines.Writer.CommitAsync();
        }
        Assert.True(engines.Journal.Depth > 0);
        var journaledDuringFaults = engines.Journal.Depth;

        // Then the cluster goes down for the next third, and some records already written are deleted.
        _cluster.ItemFault = null;
        _cluster.Down = true;
        foreach (var batch in batches.Skip(3).Take(3))
        {
            await engines.Writer.UpsertAsync(batch);
            await engines.Writer.CommitAsync();
        }
        await engines.Writer.DeleteAsync([records[1].Id, records[2].Id]);
        await engines.Writer.CommitAsync();
        Assert.True(engines.Journal.Depth >= journaledDuringFaults + 90);
        Assert.Contains("lucene", (await engines.Searcher.SearchAsync(AnySearch)).Engine, StringComparison.Ordinal);

        // Back: the rest of the run goes straight through, and the replay brings in what was missed.
        _cluster.Down = false;
        await engines.MaintainAsync();
        foreach (var batch in batches.Skip(6))
        {
            await engines.Writer.UpsertAsync(batch);
            await engines.Writer.CommitAsync();
        }
        await engines.MaintainAsync();

        Assert.Equal(0, engines.Journal.Depth);
        Assert.Equal(_embedded.DocumentCount, _cluster.Documents.Count);
        Assert.Equal(_embedded.AllRecords().Select(r => r.Id).Order(StringComparer.Ordinal), _cluster.Documents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(records.Count - 2, _cluster.Documents.Count);
        var stats = await engines.GetStatsAsync();
        Assert.Equal("true", stats[0].Details["reconciled"]);
    }

    [Fact]
    public async Task A_cluster_configured_beside_an_existing_embedded_index_is_filled_by_the_first_maintenance()
    {
        _embedded.Upsert(ContractCorpus.Records.Take(60).ToList());
        _embedded.Commit();
        var engines = Engines();
        await engines.MaintainAsync();
        Assert.Equal(60, _cluster.Documents.Count);
        // Later rounds do not send everything again.
        var bulks = _cluster.Requests.Count(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        await engines.MaintainAsync();
        Assert.Equal(bulks, _cluster.Requests.Count(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_resync_makes_the_cluster_hold_exactly_the_embedded_records()
    {
        var engines = Engines();
        await engines.MaintainAsync();
        _embedded.Upsert(ContractCorpus.Records.Take(50).ToList());
        _embedded.Commit();
        // The cluster holds a record the embedded index never had, and lacks all fifty.
        await engines.Cluster.BulkAsync([ClusterWrite.Upsert(ContractCorpus.Records[200])]);
        var summary = await engines.Sync.ResyncAsync();
        Assert.Equal(new ResyncSummary(50, 1, 0), summary);
        Assert.Equal(50, _cluster.Documents.Count);
        Assert.DoesNotContain(ContractCorpus.Records[200].Id, _cluster.Documents.Keys);
    }

    [Fact]
    public async Task Stats_show_both_engines_and_the_journal_while_the_cluster_is_unreachable()
    {
        var engines = Engines();
        _cluster.Down = true;
        await engines.Writer.UpsertAsync(ContractCorpus.Records.Take(3).ToList());
        await engines.Writer.CommitAsync();
        var stats = await engines.GetStatsAsync();
        Assert.Equal(["elasticsearch", "lucene"], stats.Select(s => s.Engine));
        Assert.Null(stats[0].Documents);
        Assert.StartsWith("unavailable", stats[0].Status, StringComparison.Ordinal);
        Assert.Equal("3", stats[0].Details["journal.depth"]);
        Assert.Equal(3, stats[1].Documents);
    }
}

public sealed class ClusterJournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Entries_are_kept_in_order_until_acknowledged_and_survive_reopening()
    {
        using (var journal = new ClusterJournal(_dir))
        {
            var entries = journal.Append([("CN1A", false), ("CN2A", true), ("CN3A", false)]);
            journal.Acknowledge([entries[1].Seq]);
            Assert.Equal(2, journal.Depth);
        }
        using var reopened = new ClusterJournal(_dir);
        Assert.Equal(["CN1A", "CN3A"], reopened.Peek(10).Select(e => e.Id));
        var next = reopened.Append([("CN4A", false)]);
        Assert.True(next[0].Seq > reopened.Peek(10)[1].Seq);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_counted()
    {
        using (var journal = new ClusterJournal(_dir))
        {
            journal.Append([("CN1A", false), ("CN2A", false)]);
        }
        File.AppendAllText(Path.Combine(_dir, ClusterJournal.FileName), "{\"seq\":3,\"id\":\"CN3");
        using var reopened = new ClusterJournal(_dir);
        Assert.Equal(2, reopened.Depth);
        Assert.Equal(1, reopened.UnreadableLines);
    }

    [Fact]
    public void An_emptied_journal_leaves_an_empty_file()
    {
        using var journal = new ClusterJournal(_dir);
        var entries = journal.Append([("CN1A", false), ("CN2A", false)]);
        journal.Acknowledge(entries.Select(e => e.Seq));
        Assert.Equal(0, journal.Depth);
        Assert.Equal(0, new FileInfo(Path.Combine(_dir, ClusterJournal.FileName)).Length);
    }
}

public sealed class RebuildTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-rebuild-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_rebuild_replaces_an_index_of_another_mapping_version_and_moves_the_alias_only_when_complete()
    {
        var cluster = new FakeCluster();
        cluster.CreateIndexWithVersion(PatentIndexTemplate.MappingVersion + 1);
        using var embedded = LucenePatentIndex.Open(Path.Combine(_dir, "index"));
        using var engines = new FailoverEngines(embedded, FakeCluster.Options(), _dir, time: TimeProvider.System, invoker: new Elastic.Transport.HttpRequestInvoker((_, _) => cluster));
        await engines.MaintainAsync();
        Assert.Contains("mapping version", engines.Status.DegradedReason, StringComparison.Ordinal);
        await engines.Writer.UpsertAsync(ContractCorpus.Records.Take(40).ToList());
        await engines.Writer.CommitAsync();
        Assert.Equal(40, engines.Journal.Depth);

        Assert.Equal(40, await engines.Sync.RebuildAsync());
        Assert.StartsWith($"patentnav-v{PatentIndexTemplate.MappingVersion}-", cluster.AliasTarget, StringComparison.Ordinal);
        Assert.Equal([$"patentnav-v{PatentIndexTemplate.MappingVersion + 1}"], cluster.DeletedIndices);
        Assert.Equal(40, cluster.Documents.Count);
        Assert.Equal(0, engines.Journal.Depth);
        Assert.Null(engines.Status.DegradedReason);
        await engines.MaintainAsync();
        Assert.Equal("elasticsearch", (await engines.Searcher.SearchAsync(new SearchRequest { Query = new MatchAllNode() })).Engine);
    }
}
