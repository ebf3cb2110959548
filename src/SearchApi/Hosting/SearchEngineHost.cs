using Microsoft.Extensions.Options;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>
/// Owns the embedded index for the service's lifetime. On first start (empty index) it indexes the demo
/// corpus before reporting ready; later starts only open the index and warm the analyzer.
/// </summary>
public sealed partial class SearchEngineHost(IOptions<PatentNavOptions> options, ILogger<SearchEngineHost> logger) : IHostedService, IDisposable
{
    private const string BootstrapKey = "bootstrap";
    private LucenePatentIndex? _index;
    private Task? _startup;
    private volatile string _status = "starting";

    public bool IsReady { get; private set; }

    /// <summary>A short description of what the host is doing, for the readiness probe.</summary>
    public string Status => _status;

    public IPatentSearcher Searcher => IsReady && _index is not null ? _index : throw new EngineNotReadyException(_status);

    public IPatentIndexWriter Writer => IsReady && _index is not null ? _index : throw new EngineNotReadyException(_status);

    public LucenePatentIndex Index => IsReady && _index is not null ? _index : throw new EngineNotReadyException(_status);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Start in the background so liveness answers at once; readiness waits for the index.
        _startup = Task.Run(() => Start(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the index is open and ready (tests and benchmarks wait on it).</summary>
    public Task WhenReady => _startup ?? Task.CompletedTask;

    private void Start(CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Value;
            _status = "opening index";
            PatentAnalysis.Warm();
            _index = LucenePatentIndex.Open(settings.IndexDir);
            LogOpened(settings.IndexDir, _index.DocumentCount);
            if (_index.DocumentCount == 0 && !_index.LastCommitData.ContainsKey(BootstrapKey))
            {
                IndexDemoCorpus(_index, settings, cancellationToken);
            }
            IsReady = true;
            _status = "ready";
        }
        catch (Exception ex)
        {
            _status = "failed: " + ex.Message;
            LogStartFailed(ex);
        }
    }

    private void IndexDemoCorpus(LucenePatentIndex index, PatentNavOptions settings, CancellationToken cancellationToken)
    {
        var corpus = settings.DemoCorpus ?? Path.Combine(AppContext.BaseDirectory, "demo");
        if (!Directory.Exists(corpus) && !File.Exists(corpus))
        {
            LogNoCorpus(corpus);
            return;
        }
        _status = "indexing demo corpus";
        LogIndexing(corpus);
        var pipeline = new IndexingPipeline(index, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default));
        var progress = new InlineProgress(p =>
        {
            _status = $"indexing demo corpus: {p.Read} records";
            LogProgress(p.Read, p.Quarantined, p.Elapsed.TotalSeconds);
        });
        var summary = pipeline.Run(
            SourceReaders.ReadAll([corpus], cancellationToken),
            new IndexingOptions { BatchSize = 2000, QuarantinePath = Path.Combine(Path.GetFullPath(settings.DataDir), "quarantine.jsonl") },
            progress,
            cancellationToken);
        index.FinishMerges();
        index.Commit(new Dictionary<string, string> { [BootstrapKey] = corpus });
        LogIndexed(summary.Read, summary.Added, summary.Quarantined, summary.ElapsedSeconds, summary.DocsPerSecond);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        IsReady = false;
        _index?.Dispose();
    }

    private sealed class InlineProgress(Action<IndexingProgress> report) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened index {IndexDir} with {Documents} documents")]
    private partial void LogOpened(string indexDir, long documents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty index: indexing the demo corpus from {Corpus}")]
    private partial void LogIndexing(string corpus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Read} records ({Quarantined} quarantined) in {Seconds:F1} s")]
    private partial void LogProgress(long read, long quarantined, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo corpus indexed: read {Read}, added {Added}, quarantined {Quarantined} in {Seconds:F1} s ({Rate} docs/s)")]
    private partial void LogIndexed(long read, long added, long quarantined, double seconds, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo corpus at {Corpus}: starting with an empty index")]
    private partial void LogNoCorpus(string corpus);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The search engine failed to start")]
    private partial void LogStartFailed(Exception ex);
}

/// <summary>Thrown while the index is still opening or indexing; answered with 503 and Retry-After.</summary>
public sealed class EngineNotReadyException(string status) : Exception($"The search engine is not ready ({status}).")
{
    public string EngineStatus { get; } = status;
}
