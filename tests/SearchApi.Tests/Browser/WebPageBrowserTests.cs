using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>The web page and the widget in real headless Chromium; each view leaves a screenshot in docs/screenshots.</summary>
[Collection(BrowserGroup.Name)]
public sealed class WebPageBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // The same engineer's description as the API novelty test; its prior art is CN113914863A.
    private const string MiningProject =
        "我们计划研发一种针对近水平薄矿体的开采工艺：沿着矿体走向把矿区划分成若干盘区，每个盘区沿倾向布置矿块，" +
        "用智能掘进机对矿块逐层回采，采用房柱法并保留间柱和点柱来支撑顶板，从而提高薄矿体的回采率、降低贫化。";

    private const string Prior = "CN113914863A";

    [ChromiumFact]
    public async Task Novelty_search_shows_ranked_hits_edits_terms_reruns_and_exports()
    {
        var page = await fixture.NewPage();
        // The service sends a strict Content-Security-Policy: anything the page does that it refuses is a defect.
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(fixture.ServiceUrl + "/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var transferred = await page.EvaluateAsync<double>(
            "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((s, e) => s + e.transferSize, 0)");
        var resources = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.All(resources, r => Assert.StartsWith(fixture.ServiceUrl, r, StringComparison.Ordinal));
        // The maps tab's script and its 1 MB charting library load only when that tab opens.
        Assert.DoesNotContain(resources, r => r.EndsWith("/maps.js", StringComparison.Ordinal) || r.Contains("echarts", StringComparison.Ordinal));

        // Keyboard only: focus the description, type, submit with the button reached by Tab.
        await page.GetByLabel("技术方案描述").FillAsync(MiningProject);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("novelty-submit", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var clock = Stopwatch.StartNew();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#results > li").First.WaitForAsync();
        var wallMs = clock.Elapsed.TotalMilliseconds;
        var inPageMs = await page.EvaluateAsync<double>("() => performance.measure('first', 'novelty-submit', 'novelty-first-result').duration");

        var first = page.Locator("#results > li").First;
        Assert.Contains(Prior, await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("相关度", await first.Locator(".bar").GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        Assert.EndsWith("%", await first.Locator(".bar > span").EvaluateAsync<string>("e => e.style.width"), StringComparison.Ordinal);
        Assert.True(await first.Locator(".chip").CountAsync() >= 3);
        Assert.True(await first.Locator(".passage mark").CountAsync() >= 1);
        Assert.True(await page.Locator("#terms li").CountAsync() >= 3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("novelty.png"), FullPage = true });

        // Edit the terms: drop them all, add two of our own, re-run; the page sends exactly those.
        while (await page.Locator("#terms li").CountAsync() > 0)
        {
            await page.Locator("#terms li button").First.ClickAsync();
        }
        foreach (var term in new[] { "掘进机", "矿体" })
        {
            await page.GetByLabel("添加检索词").FillAsync(term);
            await page.GetByLabel("添加检索词").PressAsync("Enter");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "按检索词重新检索" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#terms li').length === 2 && document.querySelector('#results > li')");
        Assert.Equal(["掘进机", "矿体"], await page.Locator("#terms li > span").AllInnerTextsAsync());
        Assert.Contains(Prior, await page.Locator("#results > li").First.InnerTextAsync(), StringComparison.Ordinal);
        var shown = await page.Locator("#results > li").CountAsync();

        // CSV: UTF-8 with BOM, a header and one line per shown hit.
        var csv = await Download(page, "导出 CSV");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).TrimEnd().Split("\r\n");
        Assert.StartsWith("序号,公开号,名称", lines[0], StringComparison.Ordinal);
        Assert.Equal(shown + 1, lines.Length);
        Assert.StartsWith("1," + Prior + ",", lines[1], StringComparison.Ordinal);

        var xlsx = SiteKeyAndExportTests.XlsxRows(await Download(page, "导出 XLSX"));
        Assert.Equal(shown + 1, xlsx.Count);
        Assert.Equal(Prior, xlsx[1][1]);

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Measurements.Record(inPageMs, wallMs, transferred);
        output.WriteLine($"novelty first result: {inPageMs:F0} ms in page, {wallMs:F0} ms wall; page load transferred {transferred:F0} bytes");
    }

    [ChromiumFact]
    public async Task Expert_search_marks_a_parse_error_inline_then_searches_with_facets()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync(fixture.ServiceUrl + "/#/expert");
        var box = page.GetByLabel("检索式", new() { Exact = true });
        await box.FillAsync("TI=(锂电池 OR 钠电池) AND (");
        await box.PressAsync("Enter");
        var error = page.Locator("#expert-error");
        await error.WaitForAsync();
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        Assert.Contains("检索式有误", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await error.Locator(".at").CountAsync());
        Assert.Equal("true", await box.GetAttributeAsync("aria-invalid"));
        await page.Locator("#syntax-help summary").ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("expert-error.png") });

        await box.FillAsync("TI=(锂电池 OR 钠电池)");
        await box.PressAsync("Enter");
        await page.Locator("#results > li").First.WaitForAsync();
        Assert.True(await error.IsHiddenAsync());
        var before = await page.Locator("#summary").InnerTextAsync();
        var facet = page.Locator("#facets li button").First;
        Assert.True(await page.Locator("#facets h3").CountAsync() >= 2);
        await facet.ClickAsync();
        await page.WaitForFunctionAsync("s => document.querySelector('#summary').textContent !== s", before);
        Assert.True(await page.Locator("#facets button[aria-label^='取消筛选']").CountAsync() == 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("expert.png") });
    }

    [ChromiumFact]
    public async Task Detail_view_shows_the_claim_tree()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync($"{fixture.ServiceUrl}/#/patent/{Prior}");
        await page.Locator("#claim-tree .claim").First.WaitForAsync();
        Assert.Contains("开采", await page.Locator("#detail-title").InnerTextAsync(), StringComparison.Ordinal);
        var independent = page.Locator("#claim-tree > li > .claim.independent");
        Assert.True(await independent.CountAsync() >= 1);
        // Dependents hang under the claim they cite, each labelled with its references.
        var dependent = page.Locator("#claim-tree > li > ul .claim").First;
        Assert.Contains("从属权利要求", await dependent.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#claim-tree .features li").CountAsync() >= 2);
        Assert.Contains(Prior, await page.Locator("#detail-biblio").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("detail.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task The_widget_searches_from_an_allowed_origin_in_a_sealed_shadow_dom()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync(fixture.AllowedHostUrl + "/");
        var widget = page.Locator("patentnav-search");
        await widget.Locator("input").FillAsync("锂电池");
        await widget.Locator("input").PressAsync("Enter");
        await widget.Locator("li").First.WaitForAsync();
        var href = await widget.Locator("li a").First.GetAttributeAsync("href");
        Assert.StartsWith("/patent-view?no=CN", href, StringComparison.Ordinal);

        // No leaks either way: the host's red !important buttons stop at the shadow root, the widget's input padding stays inside.
        var widgetButton = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('patentnav-search').shadowRoot.querySelector('button')).backgroundColor");
        Assert.NotEqual("rgb(255, 0, 0)", widgetButton);
        var hostInputPadding = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('host-input')).paddingLeft");
        Assert.NotEqual("6px", hostInputPadding);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('li').length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("widget.png") });
    }

    [ChromiumFact]
    public async Task The_widget_is_refused_on_an_origin_that_is_not_allowed()
    {
        var page = await fixture.NewPage();
        var refusedRequests = 0;
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/search", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refusedRequests);
            }
        };
        await page.GotoAsync(fixture.RefusedHostUrl + "/");
        var widget = page.Locator("patentnav-search");
        await widget.Locator("input").FillAsync("锂电池");
        await widget.Locator("input").PressAsync("Enter");
        await widget.Locator(".msg.err").WaitForAsync();
        Assert.Contains("未获授权", await widget.Locator(".msg").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await widget.Locator("li").CountAsync());
        Assert.True(refusedRequests >= 1, "the browser should have blocked the cross-origin search");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("widget-refused.png") });
    }

    private static async Task<byte[]> Download(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }
}

/// <summary>Writes the browser measurements beside the screenshots, so docs/web.md can quote a run.</summary>
internal static class Measurements
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Record(double inPageMs, double wallMs, double transferredBytes)
    {
        var json = JsonSerializer.Serialize(new
        {
            measuredAt = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            noveltyFirstResultMsInPage = Math.Round(inPageMs),
            noveltyFirstResultMsWall = Math.Round(wallMs),
            pageLoadTransferredBytes = transferredBytes,
        }, Indented);
        File.WriteAllText(BrowserFixture.ScreenshotPath("measurements.json"), json + "\n");
    }
}
