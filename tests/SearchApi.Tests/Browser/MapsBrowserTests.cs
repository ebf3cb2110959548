using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>
/// The 专利导航 tab in headless Chromium on real Patentics exports: the map's table shows the API's figures, the charts draw
/// (ECharts served by the service), and numbers, table cells and chart elements open exactly the patents behind them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class MapsBrowserTests(BrowserFixture fixture)
{
    private const string Chain = "jinzhong-information-technology";
    private const string Period = "region=14&from=2015&to=2024";
    private const string Query = "chain=" + Chain + "&" + Period;

    private async Task<JsonElement> Map()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.MapsServiceUrl) };
        return await http.GetFromJsonAsync<JsonElement>($"/api/v1/navigation/chains/{Chain}?{Period}");
    }

    private async Task<IPage> OpenMap()
    {
        var page = await fixture.NewPage();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync($"{fixture.MapsServiceUrl}/#/maps?{Query}");
        await page.Locator("#maps-table tbody tr[data-node]").First.WaitForAsync();
        return page;
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement nodes) =>
        nodes.EnumerateArray().SelectMany(n => new[] { n }.Concat(Flatten(n.GetProperty("children"))));

    [ChromiumFact]
    public async Task The_maps_tab_draws_the_chain_with_the_api_figures_and_opens_the_patents_behind_a_number()
    {
        var map = await Map();
        var nodes = Flatten(map.GetProperty("nodes")).ToList();
        Assert.Contains(nodes, n => n.GetProperty("total").GetInt64() > 0);
        var page = await OpenMap();

        var rows = page.Locator("#maps-table tbody tr[data-node]");
        Assert.Equal(nodes.Count, await rows.CountAsync());
        for (var i = 0; i < nodes.Count; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            var nodeTotal = nodes[i].GetProperty("total").GetInt64();
            Assert.Equal(nodeTotal == 0 ? "无数据" : nodeTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), (await cells.Nth(0).InnerTextAsync()).Trim());
            Assert.Contains(nodes[i].GetProperty("positioning").GetString()!, await cells.Nth(4).InnerTextAsync(), StringComparison.Ordinal);
        }
        // ECharts came from the service itself and drew on canvases.
        Assert.True(await page.Locator("#maps-tree canvas").CountAsync() > 0);
        Assert.True(await page.Locator("#maps-trend canvas").CountAsync() > 0);
        var scripts = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.Contains(scripts, s => s == fixture.MapsServiceUrl + "/lib/echarts/echarts.min.js");
        Assert.Contains(scripts, s => s == fixture.MapsServiceUrl + "/maps.js");
        Assert.All(scripts, s => Assert.StartsWith(fixture.MapsServiceUrl, s, StringComparison.Ordinal));
        Assert.Contains("数据截至", await page.Locator("#maps-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("navigation-map.png"), FullPage = true });

        // The biggest node's total opens its patents: the list says the same total.
        var biggest = nodes.Select((n, i) => (Node: n, Index: i)).MaxBy(x => x.Node.GetProperty("total").GetInt64());
        await rows.Nth(biggest.Index).Locator("td").Nth(0).GetByRole(AriaRole.Button).ClickAsync();
        var total = biggest.Node.GetProperty("total").GetInt64();
        await page.Locator("#summary").Filter(new() { HasTextString = $"共 {total} 件" }).WaitForAsync();
        Assert.Equal((int)Math.Min(50, total), await page.Locator("#results > li").CountAsync());
        Assert.Equal(total > 50, await page.Locator("#results-more").IsVisibleAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
    }

    [ChromiumFact]
    public async Task A_cell_of_the_technology_effect_matrix_opens_the_patents_that_state_the_effect()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.MapsServiceUrl) };
        var matrix = await http.GetFromJsonAsync<JsonElement>($"/api/v1/navigation/chains/{Chain}/matrix?from=2015&to=2024");
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        var effects = matrix.GetProperty("effects").EnumerateArray().ToList();
        // The fullest cell of the first row that has any.
        var (rowIndex, effectIndex, count) = rows.SelectMany((r, y) => r.GetProperty("counts").EnumerateArray().Select((c, x) => (y, x, c.GetInt64())))
            .Where(c => c.Item3 > 0).OrderBy(c => c.y).ThenByDescending(c => c.Item3).First();
        var page = await OpenMap();
        await page.Locator("#maps-matrix canvas").First.WaitForAsync();
        await page.Locator("#maps-matrix").ScrollIntoViewIfNeededAsync();
        // The chart lists the rows bottom-up.
        var point = await page.EvaluateAsync<double[]>(
            "([x, y]) => echarts.getInstanceByDom(document.getElementById('maps-matrix')).convertToPixel({ seriesIndex: 0 }, [x, y])",
            new object[] { effectIndex, rows.Count - 1 - rowIndex });
        var box = await page.Locator("#maps-matrix").BoundingBoxAsync();
        await page.Mouse.ClickAsync((float)(box!.X + point[0]), (float)(box.Y + point[1]));

        var effect = effects[effectIndex].GetProperty("name").GetString()!;
        await page.Locator("#summary").Filter(new() { HasTextString = $"（{effect}）：共 {count} 件" }).WaitForAsync();
        Assert.StartsWith(rows[rowIndex].GetProperty("name").GetString()!, await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal((int)Math.Min(50, count), await page.Locator("#results > li").CountAsync());
        await page.Locator("#maps-matrix-box").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath("navigation-matrix.png") });
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
    }

    [ChromiumFact]
    public async Task The_report_prints_to_a_pdf_with_its_charts_drawn_from_the_embedded_library()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.MapsServiceUrl) };
        var response = await http.GetAsync(new Uri($"/api/v1/navigation/chains/{Chain}/report?{Period}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal($"patentnav-{Chain}-140000-2015-2024.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var html = await response.Content.ReadAsStringAsync();
        var folder = Directory.CreateTempSubdirectory("patentnav-report-").FullName;
        try
        {
            var file = Path.Combine(folder, "report.html");
            await File.WriteAllTextAsync(file, html);
            var page = await fixture.NewPage();
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            // Self-contained: nothing but the file itself is loaded, and the charts drew from the embedded library.
            Assert.All(requests, r => Assert.StartsWith("file://", r, StringComparison.Ordinal));
            foreach (var chart in new[] { "#trend", "#quotients", "#matrix" })
            {
                Assert.True(await page.Locator($"{chart} canvas").CountAsync() > 0, $"{chart} has no chart");
            }
            var pdf = Path.Combine(folder, "report.pdf");
            await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true, Margin = new() { Top = "12mm", Bottom = "12mm", Left = "10mm", Right = "10mm" } });
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5), StringComparison.Ordinal);
            if (File.Exists("/usr/bin/pdftoppm"))
            {
                // The first page and the one with the positioning chart, as images for docs/.
                using var convert = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "3", pdf, Path.Combine(folder, "page")]) { UseShellExecute = false })!;
                await convert.WaitForExitAsync();
                Assert.Equal(0, convert.ExitCode);
                var pages = Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).ToList();
                Assert.True(pages.Count >= 3, "the report runs over at least three pages");
                File.Copy(pages[0], BrowserFixture.ScreenshotPath("navigation-report-page1.png"), overwrite: true);
                File.Copy(pages[2], BrowserFixture.ScreenshotPath("navigation-report-page3.png"), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [ChromiumFact]
    public async Task A_bar_of_the_applicant_chart_opens_that_applicants_patents_in_the_node()
    {
        var map = await Map();
        var node = Flatten(map.GetProperty("nodes")).First(n => n.GetProperty("topApplicants").GetArrayLength() > 0);
        var top = node.GetProperty("topApplicants")[0];
        var page = await OpenMap();
        await page.Locator($"#maps-table tr[data-node='{node.GetProperty("id").GetString()}'] .node-name").ClickAsync();
        await page.Locator("#h-maps-node").Filter(new() { HasTextString = node.GetProperty("name").GetString()! }).WaitForAsync();

        // The top applicant is the chart's last category (bars run bottom-up); click the middle of its bar.
        await page.Locator("#maps-applicants").ScrollIntoViewIfNeededAsync();
        var point = await page.EvaluateAsync<double[]>(
            "([value]) => { const c = echarts.getInstanceByDom(document.getElementById('maps-applicants')); const n = c.getOption().yAxis[0].data.length; return c.convertToPixel({ seriesIndex: 0 }, [value / 2, n - 1]); }",
            new object[] { top.GetProperty("count").GetInt64() });
        var box = await page.Locator("#maps-applicants").BoundingBoxAsync();
        await page.Mouse.ClickAsync((float)(box!.X + point[0]), (float)(box.Y + point[1]));

        var name = top.GetProperty("value").GetString()!;
        var count = top.GetProperty("count").GetInt64();
        await page.Locator("#summary").Filter(new() { HasTextString = $"（{name}）：共 {count} 件" }).WaitForAsync();
        Assert.Equal((int)Math.Min(50, count), await page.Locator("#results > li").CountAsync());
        await page.Locator("#h-results").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("navigation-node.png") });
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
    }
}
