using Microsoft.Playwright;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>The 企业台账 tab on the real iFlytek incoPat export (the maps service's corpus).</summary>
[Collection(BrowserGroup.Name)]
public sealed class LedgerBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task The_ledger_tab_shows_the_profile_pages_the_rows_and_links_the_workbook()
    {
        var page = await fixture.NewPage();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(fixture.MapsServiceUrl + "/#/ledger", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.GetByLabel("申请人（企业或高校名称）").FillAsync("科大讯飞股份有限公司");
        await page.Locator("#ledger-submit").ClickAsync();
        await page.Locator("#ledger-table tbody tr").First.WaitForAsync();

        var api = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => fetch('/api/v1/applicants/' + encodeURIComponent('科大讯飞股份有限公司') + '/ledger?size=1').then(r => r.json())");
        var profile = await page.Locator("#ledger-profile").InnerTextAsync();
        Assert.Contains(api.GetProperty("total").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), profile, StringComparison.Ordinal);
        Assert.Contains("实用新型", profile, StringComparison.Ordinal);
        Assert.Equal(50, await page.Locator("#ledger-table tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("ledger.png"), FullPage = false });
        await page.Locator("#ledger-more").ClickAsync();
        await page.Locator("#ledger-table tbody tr:nth-child(100)").WaitForAsync();
        Assert.EndsWith("/ledger.xlsx", await page.Locator("#ledger-xlsx").GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
    }
}
