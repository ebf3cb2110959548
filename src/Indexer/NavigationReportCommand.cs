using System.Diagnostics;
using PatentNav.Core.Normalization;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.NavigationMaps;
using Spectre.Console;

namespace PatentNav.Indexer;

/// <summary><c>report</c>: one chain's navigation report from an index, as the service's report endpoint writes it.</summary>
internal static class NavigationReportCommand
{
    public sealed record Options(string IndexDir, string Chain, string Region, int? From, int? To, string Office, string Out, string ChainsDir, string EffectsFile, string Chromium);

    private const int Ok = 0;
    private const int Usage = 2;

    public static int Run(IAnsiConsole console, LucenePatentIndex index, Options options)
    {
        var catalog = ChainCatalog.Load(options.ChainsDir);
        if (catalog.Find(options.Chain) is not { } chain)
        {
            console.MarkupLineInterpolated($"[red]No chain '{options.Chain}'[/] in {options.ChainsDir} (known: {string.Join(", ", catalog.Chains.Select(c => c.Id))}).");
            return Usage;
        }
        if (RegionResolver.Default.NameOf(options.Region.Trim()) is not { } regionName)
        {
            console.MarkupLineInterpolated($"[red]'{options.Region}' is not a GB/T 2260 code[/] (14, 1407, 140702).");
            return Usage;
        }
        string? office = options.Office.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : PatentOffice.Parse(options.Office);
        if (office is null && !options.Office.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            console.MarkupLineInterpolated($"[red]'{options.Office}' is not an office code[/] (CN, US, WO … or all).");
            return Usage;
        }
        var extension = Path.GetExtension(options.Out).ToLowerInvariant();
        if (extension is not (".html" or ".xlsx" or ".pdf"))
        {
            console.MarkupLineInterpolated($"[red]--out must end in .html, .xlsx or .pdf[/]: {options.Out}");
            return Usage;
        }
        var reports = new NavigationReports(index, new NavigationMapService(index), EffectVocabulary.Load(options.EffectsFile));
        var corpus = $"索引 {Path.GetFullPath(options.IndexDir)} 中的 {index.DocumentCount} 件专利";
        var region = options.Region.Trim();
        if (extension == ".xlsx")
        {
            File.WriteAllBytes(options.Out, reports.XlsxAsync(chain, region, options.From, options.To, regionName, office, corpus).GetAwaiter().GetResult());
            console.MarkupLineInterpolated($"Wrote {options.Out}");
            return Ok;
        }
        var echarts = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "lib", "echarts", "echarts.min.js"));
        var html = reports.HtmlAsync(chain, region, options.From, options.To, regionName, office, corpus, echarts, DateTimeOffset.UtcNow).GetAwaiter().GetResult();
        if (extension == ".html")
        {
            File.WriteAllText(options.Out, html);
            console.MarkupLineInterpolated($"Wrote {options.Out}");
            return Ok;
        }
        return Print(console, html, options);
    }

    /// <summary>PDF: the HTML printed by headless Chromium, which runs the embedded charts first.</summary>
    private static int Print(IAnsiConsole console, string html, Options options)
    {
        if (!File.Exists(options.Chromium))
        {
            console.MarkupLineInterpolated($"[red]PDF needs Chromium[/] at {options.Chromium} (apt-get install chromium, or --chromium PATH); .html and .xlsx do not.");
            return Usage;
        }
        var folder = Directory.CreateTempSubdirectory("patentnav-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            File.WriteAllText(page, html);
            var pdf = Path.GetFullPath(options.Out);
            using var process = Process.Start(new ProcessStartInfo(options.Chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri])
                { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                console.MarkupLineInterpolated($"[red]Chromium could not print the report[/] (exit {process.ExitCode}): {errors}");
                return 1;
            }
            console.MarkupLineInterpolated($"Wrote {options.Out}");
            return Ok;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
