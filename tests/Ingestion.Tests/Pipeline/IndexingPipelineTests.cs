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
