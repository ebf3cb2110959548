using PatentNav.Ingestion.Pipeline;
using Spectre.Console;

namespace PatentNav.Indexer;

/// <summary>Progress bar with rate and ETA on a terminal; periodic plain lines when output is redirected (CI, logs).</summary>
internal static class IndexingProgressView
{
    public static IndexingSummary Run(IAnsiConsole console, long totalBytes, Func<IProgress<IndexingProgress>, IndexingSummary> run)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var lastReport = TimeSpan.Zero;
            return run(new InlineProgress(p =>
            {
                if (p.Elapsed - lastReport < TimeSpan.FromSeconds(5))
                {
                    return;
                }
                lastReport = p.Elapsed;
                var rate = p.Read / Math.Max(p.Elapsed.TotalSeconds, 0.001);
                var fraction = totalBytes > 0 ? Math.Min(1.0, (double)p.BytesRead / totalBytes) : 0;
                var eta = fraction > 0 ? TimeSpan.FromSeconds(p.Elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
                console.WriteLine($"indexed {p.Read:N0} records ({fraction:P0}), {rate:N0} docs/s, ETA {eta:hh\\:mm\\:ss}, quarantined {p.Quarantined:N0}");
            }));
        }

        IndexingSummary? summary = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("indexing", maxValue: Math.Max(1, totalBytes));
                summary = run(new InlineProgress(p =>
                {
                    task.Value = Math.Min(task.MaxValue, p.BytesRead);
                    var rate = p.Read / Math.Max(p.Elapsed.TotalSeconds, 0.001);
                    task.Description = $"{p.Read:N0} records, {rate:N0} docs/s";
                }));
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    public static void WriteSummary(IAnsiConsole console, IndexingSummary summary)
    {
        var table = new Table().AddColumn("summary").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("read", $"{summary.Read:N0}");
        table.AddRow("added", $"{summary.Added:N0}");
        table.AddRow("updated", $"{summary.Updated:N0}");
        table.AddRow("quarantined", $"{summary.Quarantined:N0}");
        table.AddRow("documents in index", $"{summary.Documents:N0}");
        table.AddRow("flagged records", $"{summary.Flagged:N0}");
        foreach (var (code, count) in summary.Issues)
        {
            table.AddRow($"  {Markup.Escape(code)}", $"{count:N0}");
        }
        foreach (var (reason, count) in summary.QuarantineReasons)
        {
            table.AddRow($"  quarantined: {Markup.Escape(reason)}", $"{count:N0}");
        }
        table.AddRow("elapsed", $"{summary.ElapsedSeconds:N1} s");
        table.AddRow("throughput", $"{summary.DocsPerSecond:N0} docs/s, {summary.CharsPerSecond:N0} chars/s");
        table.AddRow("merging after the last batch", $"{summary.MergeSeconds:N1} s");
        table.AddRow("index size", $"{summary.IndexBytes / 1048576.0:N1} MiB");
        if (summary.Quarantined > 0 && summary.QuarantineFile is not null)
        {
            table.AddRow("quarantine file", Markup.Escape(summary.QuarantineFile));
        }
        console.Write(table);
    }

    public static void WriteStats(IAnsiConsole console, IndexStatistics stats)
    {
        console.MarkupLineInterpolated($"[bold]{stats.Path}[/]: {stats.Documents:N0} documents, {stats.SizeBytes / 1048576.0:N1} MiB");
        foreach (var (key, value) in stats.LastCommit)
        {
            console.MarkupLineInterpolated($"  last commit {key}: {value}");
        }
        foreach (var (facet, buckets) in stats.Facets)
        {
            var table = new Table().Title(facet.ToString()).AddColumn("value").AddColumn(new TableColumn("documents").RightAligned());
            foreach (var bucket in buckets)
            {
                table.AddRow(Markup.Escape(bucket.Value), $"{bucket.Count:N0}");
            }
            console.Write(table);
        }
    }

    /// <summary>Reports synchronously on the indexing thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<IndexingProgress> report) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => report(value);
    }
}
