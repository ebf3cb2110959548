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

    [ChromiumFact]
    public async Task A_collection_is_created_listed_and_opened_with_the_api_key_typed_in_the_page()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync(fixture.ServiceUrl + "/#/tools", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var name = "掘进机专题库-" + Guid.NewGuid().ToString("N")[..6];

        // A wrong key is refused and says so.
        await page.GetByLabel("API 密钥").FillAsync("wrong-key");
        await page.Locator("#pool-list").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('API 密钥无效')");

        await page.GetByLabel("API 密钥").FillAsync(DemoServiceFixture.ApiKey);
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("检索式（专家检索语法，可选）").FillAsync("TI=掘进机");
        await page.GetByLabel("固定收录的专利号（空格或逗号分隔，可选）").FillAsync("CN114058170A");
        await page.Locator("#pool-create").ClickAsync();
        var item = page.Locator("#pool-list-items li", new() { HasText = name });
        await item.WaitForAsync();
        await item.Locator("button[data-action=patents]").ClickAsync();
        await page.Locator("#pool-patents li").First.WaitForAsync();
        Assert.Contains("CN114058170A", await page.Locator("#pool-patents").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("固定收录", await page.Locator("#pool-patents").InnerTextAsync(), StringComparison.Ordinal);
        // The chosen chain's map drawn on the collection alone: one row per node, the caption naming the collection.
        await page.Locator("#pool-chain").SelectOptionAsync("sei-2021");
        await item.Locator("button[data-action=map]").ClickAsync();
        await page.Locator("#pool-map tbody tr").First.WaitForAsync();
        Assert.Contains("专题库", await page.Locator("#pool-map-caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#pool-map tbody tr").CountAsync() > 10);
        await page.Locator("#pool-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath("collection-map.png") });
        // Nothing of the key is kept beyond the page.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
    }
}
