using System.Text;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Pipeline;

public sealed class IndexingPipelineTests
{
    private static SourceReadResult Record(int i) => SourceReaders.ParseJsonRecord(
        Encoding.UTF8.GetBytes($$"""{"publicationNumber":"CN1{{i:D8}}A","title":"一种智能掘进机第{{i}}号","abstract":"沿矿体走向划分盘区。"}"""),
        new SourceLocation("pipeline-test", i + 1));

    private static IndexingPipeline Pipeline(IPatentIndexWriter writer) =>
        new(writer, () => 0, new PatentRecordBuilder(RegionResolver.Default));

    [Fact]
    public void The_next_batch_is_read_while_the_previous_one_is_written_and_commits_stay_in_order()
    {
        using var secondBatchStarted = new ManualResetEventSlim();
        IEnumerable<SourceReadResult> Source()
        {
            for (var i = 0; i < 9; i++)
            {
                if (i == 3)
                {
                    secondBatchStarted.Set();
                }
                yield return Record(i);
            }
        }
        // The first upsert returns only once the reader has reached the second batch: without overlap it would time out.
        var writer = new RecordingWriter(batch => batch == 0 && !secondBatchStarted.Wait(TimeSpan.FromSeconds(30))
            ? throw new TimeoutException("the reader did not move on while a batch was written")
            : null);

        var summary = Pipeline(writer).Run(Source(), new IndexingOptions { BatchSize = 3 });

        Assert.Equal(["upsert 3", "commit", "upsert 3", "commit", "upsert 3", "commit", "commit"], writer.Calls);
        Assert.Equal(9, summary.Read);
        Assert.Equal(9, summary.Added);
        Assert.Equal(4, summary.Batches);
    }

    [Fact]
    public void A_failing_write_stops_the_run_with_its_own_exception_after_the_batches_before_it_committed()
    {
        var writer = new RecordingWriter(batch => batch == 1 ? new IOException("disk full") : null);

        var thrown = Assert.Throws<IOException>(() =>
            Pipeline(writer).Run(Enumerable.Range(0, 12).Select(Record), new IndexingOptions { BatchSize = 3 }));

        Assert.Equal("disk full", thrown.Message);
        Assert.Equal(["upsert 3", "commit", "upsert 3"], writer.Calls);
    }

    [Fact]
    public void Several_sources_of_one_patent_merge_field_by_field_within_a_batch_and_across_batches()
    {
        // CN114058170A as the demo corpus has it: cn-titles-ipc (title, IPC), then kppatent-tac (title, abstract, claims).
        SourceReadResult Line(string json, int line) => SourceReaders.ParseJsonRecord(Encoding.UTF8.GetBytes(json), new SourceLocation("merge-test", line));
        var titlesIpc = """{"id":"CN114058170A","publicationNumber":"CN114058170A","title":"一种高性能全生物降解的农用地膜","ipc":["C08J","C08K","C08L","G06T"]}""";
        var tac = """{"id":"CN114058170A","publicationNumber":"CN114058170A","title":"一种高性能全生物降解的农用地膜","abstract":"本发明公开了一种高性能全生物降解的农用地膜。","claims":"1.一种高性能全生物降解的农用地膜，其特征在于，由聚乙交酯制成。"}""";
        foreach (var batchSize in new[] { 1, 10 })
        {
            var held = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
            var writer = new StoringWriter(held);
            var summary = new IndexingPipeline(writer, () => held.Count, new PatentRecordBuilder(RegionResolver.Default), id => held.GetValueOrDefault(id))
                .Run([Line(titlesIpc, 1), Line(tac, 2)], new IndexingOptions { BatchSize = batchSize });
            var record = Assert.Single(held.Values);
            Assert.Equal(["C08J", "C08K", "C08L", "G06T"], record.Ipc);
            Assert.StartsWith("1.一种高性能全生物降解的农用地膜", record.Claims, StringComparison.Ordinal);
            Assert.Equal(summary.Read, summary.Added + summary.Updated + summary.Quarantined);
            Assert.Equal((1, 1), (summary.Added, summary.Updated));
        }
    }

    /// <summary>Keeps the last upserted version of each record, as an index would.</summary>
    private sealed class StoringWriter(Dictionary<string, PatentRecord> held) : IPatentIndexWriter
    {
        public Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default)
        {
            int added = 0, updated = 0;
            foreach (var record in records)
            {
                if (held.ContainsKey(record.Id))
                {
                    updated++;
                }
                else
                {
                    added++;
                }
                held[record.Id] = record;
            }
            return Task.FromResult(new UpsertResult(added, updated));
        }

        public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    /// <summary>Records calls in order; <c>fault(n)</c> may block or return an exception to throw from the n-th upsert.</summary>
    private sealed class RecordingWriter(Func<int, Exception?> fault) : IPatentIndexWriter
    {
        private int _upserts;

        public List<string> Calls { get; } = [];

        public Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add($"upsert {records.Count}");
            }
            if (fault(_upserts++) is { } error)
            {
                throw error;
            }
            return Task.FromResult(new UpsertResult(records.Count, 0));
        }

        public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add("commit");
            }
            return Task.CompletedTask;
        }

        public void Dispose()
        {
        }
    }
}
