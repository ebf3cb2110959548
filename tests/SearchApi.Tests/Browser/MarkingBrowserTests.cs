using Microsoft.Playwright;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>The 标识检查 tab on real incoPat records of iFlytek (the maps service's corpus): one marking, then an inspector's CSV.</summary>
[Collection(BrowserGroup.Name)]
public sealed class MarkingBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task One_marking_and_a_csv_batch_show_each_finding_with_its_rule()
    {
        var page = await fixture.NewPage();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(fixture.MapsServiceUrl + "/#/marking", new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        // CN207549894U, a utility model filed 2017-12-04 and in force (incoPat: 有效): marked right.
        await page.GetByLabel("标注的专利号").FillAsync("ZL201721666189.3");
        await page.GetByLabel("标注的类型").SelectOptionAsync("实用新型");
        await page.Locator("#marking-submit").ClickAsync();
        await page.Locator("#marking-table tbody tr").First.WaitForAsync();
        Assert.Contains("标识正确", await page.Locator("#marking-table tbody").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("CN207549894U", await page.Locator("#marking-table tbody").InnerTextAsync(), StringComparison.Ordinal);

        // The inspector's file: the same marking, a utility model past its ten years, a lapsed invention, a misprint.
        var csv = Path.Combine(Path.GetTempPath(), $"markings-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "专利号,类型\nZL201721666189.3,实用新型\nZL201620925887.X,实用新型\nZL201410279618.6,发明\nZL201410279618.9,发明\n");
        try
        {
            await page.Locator("#marking-file").SetInputFilesAsync(csv);
            await page.Locator("#marking-batch-submit").ClickAsync();
            await page.Locator("#marking-table tbody tr:nth-child(4)").WaitForAsync();
        }
        finally
        {
            File.Delete(csv);
        }
        var rows = await page.Locator("#marking-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(4, rows.Count);
        Assert.Contains("标识正确", rows[0], StringComparison.Ordinal);
        Assert.Contains("expired-still-marked", rows[1], StringComparison.Ordinal);
        Assert.Contains("lapsed-still-marked", rows[2], StringComparison.Ordinal);
        Assert.Contains("check-digit-wrong", rows[3], StringComparison.Ordinal);
        Assert.Contains("违规 3", await page.Locator("#marking-summary").InnerTextAsync(), StringComparison.Ordinal);
        // The inspector keeps the result: one workbook row per marking, its findings named by rule.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#marking-xlsx").ClickAsync());
        var sheet = SiteKeyAndExportTests.XlsxRows(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(5, sheet.Count);
        Assert.Equal("标注的专利号", sheet[0][0]);
        Assert.Equal("标识正确", sheet[1][4]);
        Assert.Contains("lapsed-still-marked", sheet[3][5], StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("marking.png"), FullPage = true });
    }
}
