using Microsoft.Playwright;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>The 政策工具 tab in Chromium: the growth list states its rule; the scope check answers with the notice.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ToolsBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task The_growth_list_and_the_pre_examination_scope_render_with_their_rules()
    {
        var page = await fixture.NewPage();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(fixture.ServiceUrl + "/#/tools", new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        await page.Locator("#growth-submit").ClickAsync();
        await page.Locator("#growth-table tbody tr").First.WaitForAsync();
        Assert.Contains("增加 5 件", await page.Locator("#growth-rule").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("format=xlsx", await page.Locator("#growth-xlsx").GetAttributeAsync("href"), StringComparison.Ordinal);

        await page.GetByLabel("发明名称").FillAsync("一种锂离子电池正极材料及其制备方法");
        await page.Locator("#scope-submit").ClickAsync();
        await page.Locator("#scope-fields li").First.WaitForAsync();
        Assert.Contains("新能源：属于", await page.Locator("#scope-fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("以山西省知识产权保护中心", await page.Locator("#scope-notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("tools.png"), FullPage = true });
    }
}
