using Microsoft.Extensions.Options;
using PatentNav.Classification;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Novelty;
using PatentNav.Core.Regions;
using System.Diagnostics.Metrics;
using PatentNav.Engine.Failover;
using PatentNav.Engine.Lucene;
using PatentNav.Engine.Lucene.Storage;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>What the engine host is doing, as the readiness probe reports it.</summary>
public enum EngineState
{
    Starting,
    Indexing,
    Ready,
    Failed,
}

/// <summary>
/// Owns the embedded index for the service's lifetime. A first start indexes the bundled demo corpus before it reports
/// ready, and an interrupted first start (killed, disk full) is resumed by the next start until the whole corpus is in:
/// the index records <c>bootstrap=indexing</c> before the first batch and <c>bootstrap=complete</c> after the last.
/// Runs as a <see cref="BackgroundService"/>: its StopAsync cancels the load between batches and waits for it before the
/// index is closed, so a stop never cuts a batch in half.
/// </summary>
public sealed partial class SearchEngineHost(
    IOptions<PatentNavOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SearchEngineHost> logger,
    IMeterFactory meters,
    IServiceProvider services) : BackgroundService
{
    /// <summary>Commit key of the first-start state; <see cref="BootstrapIndexing"/> until the demo corpus is fully in.</summary>
    public const string BootstrapKey = "bootstrap";
    public const string BootstrapIndexing = "indexing";
    public const string BootstrapComplete = "complete";
    /// <summary>Commit key of the bundled corpus's fingerprint: a changed corpus (an upgrade that bundles more) is indexed again.</summary>
    public const string BootstrapFingerprintKey = "bootstrapFingerprint";

    /// <summary>Process exit code when another process holds the index (the indexer uses the same).</summary>
    public const int ExitCodeIndexLocked = 3;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LucenePatentIndex? _index;
    private EngineSet? _engines;
    private FailoverEngines? _failover;
    private volatile string _status = "starting";
    private volatile EngineState _state = EngineState.Starting;

    public bool IsReady => _state == EngineState.Ready;

    public EngineState State => _state;

    /// <summary>What the host is doing, safe to show anyone: no paths, no exception text (those go to the log and to admins).</summary>
    public string Status => _status;

    /// <summary>Why a ready service answers below its configured shape (the cluster is away), or null when it does not.</summary>
    public string? DegradedReason => _failover?.Status.DegradedReason;

    /// <summary>The cluster engine and its fallback, when <c>PatentNav:Elasticsearch:Url</c> is set.</summary>
    public FailoverEngines? Failover => _failover;


    /// <summary>The supervised IPC model of this index, once loaded or trained; null before (votes only).</summary>
    public IIpcClassifier? IpcClassifier => _ipcClassifier;

    private volatile IIpcClassifier? _ipcClassifier;

    /// <summary>
    /// Loads the index's IPC model, or trains one on the index's IPC-labelled records (one thread, beside the queries)
    /// and stores it with the index; a model from an index more than 5 % smaller or larger is trained again.
    /// </summary>
    private void LoadOrTrainIpcModel(LucenePatentIndex index, CancellationToken stoppingToken)
    {
        try
        {
            var manifest = IpcModelStore.ReadManifest(index.IndexPath);
            var stored = IpcModelStore.TryLoad(index.IndexPath);
            if (stored is not null)
            {
                _ipcClassifier = stored;
                // Retrained when the index grew or shrank by more than a twentieth since: a few writes do not cost minutes of CPU.
                if (Math.Abs(index.DocumentCount - manifest!.TrainedOnDocuments) <= manifest.TrainedOnDocuments / 20)
                {
                    LogIpcModelLoaded(manifest.LabelledRecords);
                    return;
                }
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var documents = index.DocumentCount;
            var texts = IpcModelStore.TrainingTexts(index.AllRecords(), options.Value.IpcModel.MaxTrainingRecords);
            stoppingToken.ThrowIfCancellationRequested();
            if (texts.Count == 0)
            {
                return;
            }
            LogIpcModelTraining(texts.Count);
            _ipcClassifier = IpcModelStore.TrainAndSave(index.IndexPath, texts, documents, threads: 1, stoppingToken);
            LogIpcModelTrained(texts.Count, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // An optional model on a background thread: whatever fails (disk, ML.NET), suggestions keep coming from the
            // votes and the model is tried again at the next start.
            LogIpcModelFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IPC model loaded (trained on {Records} labelled records)")]
    private partial void LogIpcModelLoaded(int records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training the IPC model on {Records} labelled records in the background; suggestions use neighbour votes until it is done")]
    private partial void LogIpcModelTraining(int records);

    [LoggerMessage(Level = LogLevel.Information, Message = "IPC model trained on {Records} labelled records in {Seconds:F0} s")]
    private partial void LogIpcModelTrained(int records, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IPC model could not be trained or stored; suggestions use neighbour votes")]
    private partial void LogIpcModelFailed(Exception ex);

    /// <summary>Why the start failed, for the log and the admin endpoint only.</summary>
    public string? FailureDetail { get; private set; }

    /// <summary>The engines to answer from; throws <see cref="EngineNotReadyException"/> until the start is complete.</summary>
    public EngineSet Engines => IsReady && _engines is not null ? _engines : throw new EngineNotReadyException(_status);

    /// <summary>Completes when the engine is ready or has failed to start (tests and benchmarks wait on it).</summary>
    public Task WhenReady => _ready.Task;

    // The load is synchronous CPU and disk work: a thread of its own, so liveness answers at once. With a cluster, the
    // host then keeps it in step (index check, journal replay) until stopped.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Factory.StartNew(() => Start(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (IsReady && _index is { } index && options.Value.IpcModel.Enabled)
        {
            // The service answers meanwhile: suggestions come from the neighbours' votes until the model is there.
            _ = Task.Factory.StartNew(() => LoadOrTrainIpcModel(index, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        if (_failover is { } failover && IsReady)
        {
            try
            {
                await failover.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private void Start(CancellationToken stoppingToken)
    {
        try
        {
            var settings = options.Value;
            _status = "opening index";
            PatentAnalysis.Warm();
            _index = LucenePatentIndex.Open(settings.IndexDir, new LuceneIndexOptions { SearchThreads = Math.Max(1, settings.SearchThreads) });
            LogOpened(settings.IndexDir, _index.DocumentCount);
            IPatentIndexWriter writer = _index;
            if (settings.Elasticsearch.Configured)
            {
                _failover = new FailoverEngines(_index, settings.Elasticsearch, Path.GetFullPath(settings.DataDir), meters, 
                    // A request invoker in DI replaces HTTP to the cluster (tests with a scripted cluster).
                    invoker: services.GetService<Elastic.Transport.IRequestInvoker>());
                writer = _failover.Writer;
                // Check (or create) the cluster index before the first write, so a first start sends the demo corpus to
                // the cluster as it goes instead of journaling all of it; an unreachable cluster costs one read timeout.
                using var firstCheck = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                firstCheck.CancelAfter(TimeSpan.FromMilliseconds(settings.Elasticsearch.ReadTimeoutMs));
                try
                {
                    _failover.MaintainAsync(firstCheck.Token).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    _failover.Status.Failed($"no answer within {settings.Elasticsearch.ReadTimeoutMs} ms at start");
                }
                if (logger.IsEnabled(LogLevel.Information))
                {
                    // Scheme, host and port only: a URL may carry credentials.
                    var nodes = string.Join(", ", settings.Elasticsearch.Nodes.Select(n => $"{n.Scheme}://{n.Host}:{n.Port}"));
                    LogCluster(nodes, settings.Elasticsearch.IndexAlias, _failover.Journal.Depth);
                }
            }
            var commit = _index.LastCommitData;
            var bootstrap = commit.GetValueOrDefault(BootstrapKey);
            var corpus = settings.DemoCorpus ?? Path.Combine(AppContext.BaseDirectory, "demo");
            // An index from before the bootstrap state was recorded holds the corpus path once it was complete.
            var resume = bootstrap == BootstrapIndexing;
            if (resume || (bootstrap is null && _index.DocumentCount == 0))
            {
                IndexDemoCorpus(_index, writer, corpus, null, settings, resume ? BootstrapRun.Resume : BootstrapRun.First, stoppingToken);
            }
            else if (bootstrap == BootstrapComplete && CorpusExists(corpus)
                && BootstrapFingerprint(corpus) is var fingerprint && commit.GetValueOrDefault(BootstrapFingerprintKey) != fingerprint)
            {
                // Unchanged records are skipped by their content hash, so only what the new corpus adds or changes is written.
                IndexDemoCorpus(_index, writer, corpus, fingerprint, settings, BootstrapRun.CorpusChanged, stoppingToken);
            }
            _engines = _failover is { } failover ? new EngineSet(failover.Searcher, failover.Writer, failover) : new EngineSet(_index, _index, _index);
            _state = EngineState.Ready;
            _status = "ready";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _status = "stopped";
            LogStoppedDuringLoad();
        }
        catch (IndexLockedException locked)
        {
            Fail("failed: the index is in use by another process", locked.Message);
            LogIndexLocked(locked.Message);
            // A second process must not serve beside the first: stop with an exit code a supervisor can read.
            Environment.ExitCode = ExitCodeIndexLocked;
            lifetime.StopApplication();
        }
        catch (Exception ex)
        {
            Fail(Errors.StorageFailure.IsNoSpace(ex) ? "failed: no space left on the data disk" : "failed: see the service log", ex.Message);
            LogStartFailed(ex);
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    private void Fail(string status, string detail)
    {
        FailureDetail = detail;
        _state = EngineState.Failed;
        _status = status;
    }

    private enum BootstrapRun
    {
        First,
        Resume,
        CorpusChanged,
    }

    /// <summary>The corpus's content and the document layout: either changing means the bundled corpus is indexed again.</summary>
    public static string BootstrapFingerprint(string corpus) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CorpusFingerprint.Of(corpus)};layout={LucenePatentIndex.DocumentLayoutVersion}");

    private static bool CorpusExists(string corpus) => Directory.Exists(corpus) || File.Exists(corpus);

    /// <param name="fingerprint">The corpus's fingerprint when the caller has read it already (it reads every byte).</param>
    private void IndexDemoCorpus(LucenePatentIndex index, IPatentIndexWriter writer, string corpus, string? fingerprint, PatentNavOptions settings, BootstrapRun run, CancellationToken stoppingToken)
    {
        if (!CorpusExists(corpus))
        {
            LogNoCorpus(corpus);
            return;
        }
        _state = EngineState.Indexing;
        _status = "indexing demo corpus";
        var files = SourceReaders.ExpandInputs([corpus]);
        var totalBytes = SourceReaders.TotalBytes(files);
        fingerprint ??= BootstrapFingerprint(corpus);
        switch (run)
        {
            case BootstrapRun.Resume:
                LogResuming(corpus, index.DocumentCount, files.Count);
                break;
            case BootstrapRun.CorpusChanged:
                LogCorpusChanged(corpus, files.Count, index.DocumentCount);
                break;
            default:
                LogIndexing(corpus, files.Count, totalBytes / (1024 * 1024));
                break;
        }
        // Recorded before the first batch, so a start killed at any point after it is resumed by the next one.
        index.Commit(new Dictionary<string, string> { [BootstrapKey] = BootstrapIndexing });
        // With a cluster the demo corpus goes to both engines (the embedded one first, the cluster's misses journaled).
        var pipeline = new IndexingPipeline(writer, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default), index.Get);
        var progress = new InlineProgress(p =>
        {
            // Spreadsheets and HTML tables have no cheap record count, so progress is the share of the corpus's bytes read.
            var percent = totalBytes == 0 ? 100 : (int)Math.Min(100, p.BytesRead * 100 / totalBytes);
            _status = $"indexing demo corpus: {percent} % ({p.Read} records read)";
            LogProgress(p.Read, percent, p.Quarantined, p.Elapsed.TotalSeconds);
        });
        // Re-running the whole corpus is the resume: records already in with the same content are skipped, not rewritten.
        var summary = pipeline.Run(
            SourceReaders.ReadAll(files, stoppingToken),
            new IndexingOptions { BatchSize = 2000, QuarantinePath = Path.Combine(Path.GetFullPath(settings.DataDir), "quarantine.jsonl") },
            progress,
            stoppingToken);
        index.FinishMerges();
        index.Commit(new Dictionary<string, string>
        {
            [BootstrapKey] = BootstrapComplete,
            ["bootstrapCorpus"] = corpus,
            [BootstrapFingerprintKey] = fingerprint,
        });
        LogIndexed(summary.Read, summary.Added, summary.Updated, summary.Quarantined, summary.ElapsedSeconds, summary.DocsPerSecond);
    }

    public override void Dispose()
    {
        _state = EngineState.Failed;
        _status = "stopped";
        _failover?.Dispose();
        _index?.Dispose();
        base.Dispose();
    }

    private sealed class InlineProgress(Action<IndexingProgress> report) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster engine configured: {Nodes}, alias {Alias}; {Journal} writes waiting in the journal; the embedded index answers until the cluster does")]
    private partial void LogCluster(string nodes, string alias, long journal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened index {IndexDir} with {Documents} documents")]
    private partial void LogOpened(string indexDir, long documents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty index: indexing the demo corpus ({Files} files, {Megabytes} MB) from {Corpus}; ready when it is in (a few minutes on two cores)")]
    private partial void LogIndexing(string corpus, int files, long megabytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The first start was interrupted with {Documents} documents in: resuming from {Corpus} ({Files} files)")]
    private partial void LogResuming(string corpus, long documents, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bundled corpus at {Corpus} ({Files} files) changed since the index was built: indexing what it adds or changes beside the {Documents} documents in")]
    private partial void LogCorpusChanged(string corpus, int files, long documents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Read} records ({Percent} % of the corpus, {Quarantined} quarantined) in {Seconds:F1} s")]
    private partial void LogProgress(long read, int percent, long quarantined, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo corpus indexed: read {Read}, added {Added}, already in {Updated}, quarantined {Quarantined} in {Seconds:F1} s ({Rate} docs/s)")]
    private partial void LogIndexed(long read, long added, long updated, long quarantined, double seconds, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo corpus at {Corpus}: starting with an empty index")]
    private partial void LogNoCorpus(string corpus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped during the first-start load; the next start resumes it")]
    private partial void LogStoppedDuringLoad();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not starting: {Reason}")]
    private partial void LogIndexLocked(string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The search engine failed to start")]
    private partial void LogStartFailed(Exception ex);
}

/// <summary>Thrown while the index is still opening or indexing; answered with 503 and Retry-After.</summary>
public sealed class EngineNotReadyException(string status) : Exception($"The search engine is not ready ({status}).")
{
    public string EngineStatus { get; } = status;
}
