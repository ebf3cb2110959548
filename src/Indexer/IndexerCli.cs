using System.CommandLine;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Regions;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Failover;
using PatentNav.Engine.Lucene;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;
using Spectre.Console;

namespace PatentNav.Indexer;

/// <summary>The <c>patentnav-indexer</c> command line: index, stats, delete.</summary>
public static class IndexerCli
{
    /// <summary>
    /// Exit codes: 0 success (bad records are quarantined, not fatal; cluster misses are journaled, not fatal), 2 unreadable
    /// input, 3 index locked or corrupt, 4 the cluster could not be synced, 1 other fatal error.
    /// </summary>
    public const int Ok = 0, Fatal = 1, InputUnreadable = 2, IndexUnavailable = 3, ClusterUnavailable = 4;

    public static int Run(string[] args, TextWriter? output = null)
    {
        var console = output is null
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var root = new RootCommand("PatentNav indexer: loads patents into the embedded Lucene index.");
        root.Subcommands.Add(IndexCommand(console));
        root.Subcommands.Add(StatsCommand(console));
        root.Subcommands.Add(TrainIpcCommand(console));
        root.Subcommands.Add(DeleteCommand(console));
        root.Subcommands.Add(SynthesizeCommand(console));
        root.Subcommands.Add(ClusterSyncCommand(console));
        root.Subcommands.Add(ReportCommand(console));
        return root.Parse(args).Invoke();
    }

    private static Option<string> IndexDirOption() => new("--index-dir")
    {
        Description = "Folder of the embedded index (created if missing).",
        Required = true,
    };

    private static Command IndexCommand(IAnsiConsole console)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files or folders (.jsonl, .csv, .tsv, .xlsx).", Arity = ArgumentArity.OneOrMore };
        var indexDir = IndexDirOption();
        var batchSize = new Option<int>("--batch-size") { Description = "Records per durable commit.", DefaultValueFactory = _ => 2000 };
        var quarantine = new Option<string?>("--quarantine") { Description = "JSONL file that receives rejected records (default: <index-dir>/quarantine.jsonl)." };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Write the run summary as JSON to this file." };
        var threads = new Option<int>("--threads") { Description = "Writer threads that analyse each batch (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cluster = ClusterUrlOption();
        var command = new Command("index", "Index patent files; re-running is an idempotent upsert. With a cluster, the embedded index first, then the cluster.") { inputs, indexDir, batchSize, quarantine, summaryJson, threads, cluster };
        command.SetAction(parse =>
        {
            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                console.MarkupLine("[red]--batch-size must be at least 1.[/]");
                return Fatal;
            }
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                console.MarkupLine("[red]--threads must be at least 1.[/]");
                return Fatal;
            }
            return Index(console, parse.GetValue(inputs)!, parse.GetValue(indexDir)!, size, threadCount, parse.GetValue(quarantine), parse.GetValue(summaryJson), parse.GetValue(cluster));
        });
        return command;
    }

    private static int Index(IAnsiConsole console, string[] inputs, string indexDir, int batchSize, int threads, string? quarantinePath, string? summaryPath, string? clusterUrl)
    {
        long totalBytes;
        try
        {
            totalBytes = SourceReaders.TotalBytes(inputs);
        }
        catch (SourceNotFoundException ex)
        {
            console.MarkupLineInterpolated($"[red]Input not readable:[/] {ex.Message}");
            return InputUnreadable;
        }

        return WithIndex(console, indexDir, new LuceneIndexOptions { IndexingThreads = threads }, index =>
        {
            using var failover = Cluster(console, index, indexDir, clusterUrl);
            var pipeline = new IndexingPipeline(failover?.Writer ?? (IPatentIndexWriter)index, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default), index.Get);
            var options = new IndexingOptions
            {
                BatchSize = batchSize,
                QuarantinePath = quarantinePath ?? Path.Combine(indexDir, "quarantine.jsonl"),
            };
            IndexingSummary summary;
            try
            {
                summary = IndexingProgressView.Run(console, totalBytes, progress =>
                    pipeline.Run(SourceReaders.ReadAll(inputs, CancellationToken.None), options, progress));
            }
            catch (SourceNotFoundException ex)
            {
                console.MarkupLineInterpolated($"[red]Input not readable:[/] {ex.Message}");
                return InputUnreadable;
            }
            var merging = System.Diagnostics.Stopwatch.StartNew();
            index.FinishMerges();
            summary.MergeSeconds = Math.Round(merging.Elapsed.TotalSeconds, 2);
            summary.IndexBytes = index.SizeInBytes;
            IndexingProgressView.WriteSummary(console, summary);
            if (failover is not null)
            {
                // What the cluster missed during the run gets one more try now; the service's replay takes the rest.
                failover.MaintainAsync().GetAwaiter().GetResult();
                console.MarkupLineInterpolated($"Cluster: {failover.Journal.Depth} writes waiting in the journal{(failover.Status.DegradedReason is { } why ? " — " + why : "")}");
            }
            if (summaryPath is not null)
            {
                File.WriteAllText(summaryPath, JsonSerializer.Serialize(summary, SummaryJson));
            }
            return Ok;
        });
    }

    private static Option<string?> ClusterUrlOption() => new("--es-url")
    {
        Description = "Elasticsearch node URL(s), comma-separated; default: PatentNav__Elasticsearch__Url. Credentials come from PatentNav__Elasticsearch__ApiKey (or Username/Password) and CertificateFingerprint.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__Url"),
    };

    /// <summary>The cluster engine beside the embedded index, as the service configures it, or null without a URL.</summary>
    private static FailoverEngines? Cluster(IAnsiConsole console, LucenePatentIndex index, string indexDir, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var options = new ElasticsearchOptions
        {
            Url = url,
            ApiKey = Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__ApiKey"),
            Username = Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__Username"),
            Password = Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__Password"),
            CertificateFingerprint = Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__CertificateFingerprint"),
            IndexAlias = Environment.GetEnvironmentVariable("PatentNav__Elasticsearch__IndexAlias") is { Length: > 0 } alias ? alias : "patentnav",
        };
        // The journal sits beside the index folder, where the service keeps it (<data dir>/cluster-journal.jsonl).
        var dataDir = Path.GetDirectoryName(Path.GetFullPath(indexDir))!;
        var failover = new FailoverEngines(index, options, dataDir);
        failover.MaintainAsync().GetAwaiter().GetResult();
        console.MarkupLineInterpolated($"Cluster {options.IndexAlias}: {failover.Status.DegradedReason ?? "ready"}; {failover.Journal.Depth} writes waiting in the journal.");
        return failover;
    }

    private static Command ClusterSyncCommand(IAnsiConsole console)
    {
        var indexDir = IndexDirOption();
        var cluster = ClusterUrlOption();
        var rebuild = new Option<bool>("--rebuild") { Description = "Build a new cluster index with this version's mapping from the embedded index and move the alias to it when complete (after a mapping-version change)." };
        var command = new Command("es-sync", "Make the cluster index hold exactly what the embedded index holds (send every record, delete what it lacks), then replay the journal.") { indexDir, cluster, rebuild };
        command.SetAction(parse => WithIndex(console, parse.GetValue(indexDir)!, index =>
        {
            using var failover = Cluster(console, index, parse.GetValue(indexDir)!, parse.GetValue(cluster));
            if (failover is null)
            {
                console.MarkupLine("[red]No cluster: give --es-url or set PatentNav__Elasticsearch__Url.[/]");
                return Fatal;
            }
            try
            {
                if (parse.GetValue(rebuild))
                {
                    var written = failover.Sync.RebuildAsync().GetAwaiter().GetResult();
                    console.MarkupLineInterpolated($"Rebuilt the cluster index with mapping version {PatentIndexTemplate.MappingVersion}: {written} records; the alias now points at it.");
                }
                var summary = failover.Sync.ResyncAsync(new Progress<long>(n => console.MarkupLineInterpolated($"  sent {n}"))).GetAwaiter().GetResult();
                failover.MaintainAsync().GetAwaiter().GetResult();
                var stats = failover.GetStatsAsync().GetAwaiter().GetResult();
                console.MarkupLineInterpolated($"Sent {summary.Sent}, deleted {summary.Deleted} the embedded index lacks, {summary.Journaled} journaled. Embedded {stats[1].Documents}, cluster {stats[0].Documents?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, journal {failover.Journal.Depth}.");
                return failover.Journal.Depth == 0 && stats[0].Documents == stats[1].Documents ? Ok : ClusterUnavailable;
            }
            catch (Exception ex) when (ex is ClusterUnavailableException or MappingVersionMismatchException or HttpRequestException)
            {
                console.MarkupLineInterpolated($"[red]The cluster could not be synced:[/] {ex.Message}");
                return ClusterUnavailable;
            }
        }));
        return command;
    }

    private static Command TrainIpcCommand(IAnsiConsole console)
    {
        var indexDir = IndexDirOption();
        var threads = new Option<int>("--threads") { Description = "Training threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxRecords = new Option<int>("--max-records") { Description = "Train on at most this many labelled records (an evenly spaced sample).", DefaultValueFactory = _ => int.MaxValue };
        var command = new Command("train-ipc", "Train the IPC subclass model on the index's IPC-labelled records and store it with the index (the service loads it at start).") { indexDir, threads, maxRecords };
        command.SetAction(parse => WithIndex(console, parse.GetValue(indexDir)!, index =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var texts = Classification.IpcModelStore.TrainingTexts(index.AllRecords(), parse.GetValue(maxRecords));
            if (texts.Count == 0)
            {
                console.MarkupLine("[yellow]No records with a title and IPC codes: nothing to train on.[/]");
                return Ok;
            }
            var classifier = Classification.IpcModelStore.TrainAndSave(index.IndexPath, texts, index.DocumentCount, parse.GetValue(threads));
            console.MarkupLineInterpolated($"Trained the IPC model on {texts.Count:N0} labelled records ({classifier.Subclasses.Count:N0} subclasses) in {clock.Elapsed.TotalSeconds:F0} s.");
            return Ok;
        }, readOnly: true));
        return command;
    }

    private static Command StatsCommand(IAnsiConsole console)
    {
        var indexDir = IndexDirOption();
        var command = new Command("stats", "Show what the index holds.") { indexDir };
        command.SetAction(parse => WithIndex(console, parse.GetValue(indexDir)!, index =>
        {
            var stats = IndexStatistics.Collect(index);
            IndexingProgressView.WriteStats(console, stats);
            return Ok;
        }, readOnly: true));
        return command;
    }

    private static Command DeleteCommand(IAnsiConsole console)
    {
        var numbers = new Argument<string[]>("numbers") { Description = "Publication numbers (any pasted form) or source ids.", Arity = ArgumentArity.OneOrMore };
        var indexDir = IndexDirOption();
        var command = new Command("delete", "Delete patents by identity.") { numbers, indexDir };
        command.SetAction(parse => WithIndex(console, parse.GetValue(indexDir)!, index =>
        {
            var ids = parse.GetValue(numbers)!.Select(RecordIdentity.FromUserInput).ToList();
            var deleted = index.Delete(ids);
            index.Commit(new Dictionary<string, string> { ["pipeline"] = "delete" });
            console.MarkupLineInterpolated($"Deleted {deleted} of {ids.Count}; {index.DocumentCount} documents remain.");
            return Ok;
        }));
        return command;
    }

    private static Command ReportCommand(IAnsiConsole console)
    {
        var indexDir = IndexDirOption();
        var chain = new Option<string>("--chain") { Description = "Chain id (jinzhong-new-energy, sei-2021 …).", Required = true };
        var region = new Option<string>("--region") { Description = "GB/T 2260 code of the focus region (14, 1407, 140702).", DefaultValueFactory = _ => "1407" };
        var from = new Option<int?>("--from") { Description = "First application year." };
        var to = new Option<int?>("--to") { Description = "Last application year." };
        var office = new Option<string>("--office") { Description = "Publishing office counted (CN, US … or all).", DefaultValueFactory = _ => "CN" };
        var outFile = new Option<string>("--out") { Description = "Report file: .html (self-contained), .xlsx (every table) or .pdf (the HTML printed by headless Chromium).", Required = true };
        var chains = new Option<string>("--chains-dir") { Description = "Folder of chain files.", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "chains") };
        var effects = new Option<string>("--effects") { Description = "Effect vocabulary file.", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "effects", "technical-effects.effects") };
        var chromium = new Option<string>("--chromium") { Description = "Chromium for PDF output.", DefaultValueFactory = _ => "/usr/bin/chromium" };
        var command = new Command("report", "Write a chain's navigation report (专利导航报告) for a region and period as HTML, XLSX or PDF; the same as GET /api/v1/navigation/chains/{id}/report.")
            { indexDir, chain, region, from, to, office, outFile, chains, effects, chromium };
        command.SetAction(parse => WithIndex(console, parse.GetValue(indexDir)!, index => NavigationReportCommand.Run(console, index, new NavigationReportCommand.Options(
            parse.GetValue(indexDir)!, parse.GetValue(chain)!, parse.GetValue(region)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(office)!, parse.GetValue(outFile)!,
            parse.GetValue(chains)!, parse.GetValue(effects)!, parse.GetValue(chromium)!)), readOnly: true));
        return command;
    }

    private static Command SynthesizeCommand(IAnsiConsole console)
    {
        var docs = new Option<long>("--docs") { Description = "Number of records to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed and count give the same bytes.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<string>("--out") { Description = "JSONL file to write (never inside the demo corpus).", Required = true };
        var source = new Option<string>("--source") { Description = "Folder of real records whose text and IPC classes are recombined.", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var command = new Command("synthesize", "Write a synthetic, deterministic benchmark corpus recombined from the real demo text.") { docs, seed, outFile, source };
        command.SetAction(parse => Synthesize(console, parse.GetValue(docs), parse.GetValue(seed), parse.GetValue(outFile)!, parse.GetValue(source)!));
        return command;
    }

    private static int Synthesize(IAnsiConsole console, long docs, int seed, string outPath, string sourceFolder)
    {
        if (docs < 1)
        {
            console.MarkupLine("[red]--docs must be at least 1.[/]");
            return Fatal;
        }
        if (!System.IO.Directory.Exists(sourceFolder))
        {
            console.MarkupLineInterpolated($"[red]Source folder not found:[/] {sourceFolder}");
            return InputUnreadable;
        }
        try
        {
            CorpusScaler.EnsureWritableTarget(outPath, sourceFolder);
        }
        catch (CorpusScalerRefusedException ex)
        {
            console.MarkupLineInterpolated($"[red]Refused:[/] {ex.Message}");
            return Fatal;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scaler = CorpusScaler.Load(sourceFolder);
        var partial = outPath + ".partial";
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            scaler.Write(stream, docs, seed, written =>
                Console.Error.WriteLine($"synthesize: {written:N0} of {docs:N0} records ({written * 100 / docs}%), {clock.Elapsed.TotalSeconds:F0} s"));
        }
        File.Move(partial, outPath, overwrite: true);
        console.MarkupLineInterpolated($"Wrote {docs:N0} synthetic records (seed {seed}) to {outPath} in {clock.Elapsed.TotalSeconds:F1} s.");
        return Ok;
    }

    private static int WithIndex(IAnsiConsole console, string indexDir, Func<LucenePatentIndex, int> action, bool readOnly = false) =>
        WithIndex(console, indexDir, new LuceneIndexOptions { ReadOnly = readOnly }, action);

    private static int WithIndex(IAnsiConsole console, string indexDir, LuceneIndexOptions options, Func<LucenePatentIndex, int> action)
    {
        var readOnly = options.ReadOnly;
        LucenePatentIndex index;
        try
        {
            if (readOnly && !DirectoryReader.IndexExists(new NIOFSDirectory(new DirectoryInfo(indexDir))))
            {
                console.MarkupLineInterpolated($"[red]No index at[/] {indexDir}");
                return IndexUnavailable;
            }
            index = LucenePatentIndex.Open(indexDir, options);
        }
        catch (LockObtainFailedException locked)
        {
            // IndexLockedException names the holding process (a running service, another indexer).
            console.MarkupLineInterpolated($"[red]{locked.Message}[/]");
            return IndexUnavailable;
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or IOException)
        {
            console.MarkupLineInterpolated($"[red]The index at {indexDir} cannot be opened:[/] {ex.Message}");
            return IndexUnavailable;
        }
        using (index)
        {
            return action(index);
        }
    }

    private static readonly JsonSerializerOptions SummaryJson = new() { WriteIndented = true };
}
