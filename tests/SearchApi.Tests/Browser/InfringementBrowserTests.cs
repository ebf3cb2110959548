using Microsoft.Playwright;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>The 侵权预判 tab in headless Chromium: the claim chart coloured by status, evidence opening per cell, the disclaimer.</summary>
[Collection(BrowserGroup.Name)]
public sealed class InfringementBrowserTests(BrowserFixture fixture)
{
    private const string Process =
        "本矿山的开采工艺：沿矿体走向划分盘区，盘区内沿倾向布置若干矿块；用智能掘进机对各矿块进行回采，采用房柱采矿方式，在矿块回采时留间柱、点柱和底柱；"
        + "矿块整体回采，一个矿块采完充填后再采上部另一个矿块。";

    [ChromiumFact]
    public async Task The_tab_charts_a_given_patent_colours_each_element_and_opens_its_evidence()
    {
        var page = await fixture.NewPage();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(fixture.ServiceUrl + "/#/infringement", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.GetByLabel("产品或方法描述").FillAsync(Process);
        await page.GetByLabel("指定专利号").FillAsync("CN113914863A");
        await page.Locator("#infringement-submit").ClickAsync();
        await page.Locator("table.claim-chart").First.WaitForAsync();

        Assert.Contains("不构成法律意见", await page.Locator("#infringement-disclaimer").InnerTextAsync(), StringComparison.Ordinal);
        var chart = page.Locator("table.claim-chart").First;
        Assert.Contains("权利要求 1", await chart.Locator("caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("未落入保护范围", await chart.Locator("caption").InnerTextAsync(), StringComparison.Ordinal);
        // Stated elements are red-tinted rows, the missing vertical slices a green one; its evidence opens on click.
        Assert.True(await chart.Locator("tr.cell-literal").CountAsync() >= 3);
        var missing = chart.Locator("tr.cell-missing").First;
        Assert.Contains("竖直分层", await missing.InnerTextAsync(), StringComparison.Ordinal);
        var background = await missing.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(227, 244, 230)", background);
        await missing.Locator("summary").ClickAsync();
        Assert.True(await missing.Locator("details").EvaluateAsync<bool>("e => e.open"));
        Assert.False(await page.Locator("#infringement-xlsx").IsDisabledAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("infringement.png"), FullPage = true });
    }
}
