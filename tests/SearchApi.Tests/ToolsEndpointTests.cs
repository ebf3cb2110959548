using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class ToolsEndpointTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    [Fact]
    public async Task A_patents_value_indicators_carry_their_definitions_and_no_score()
    {
        var response = await Client.GetAsync(new Uri("/api/v1/patents/CN113914863A/indicators", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        var indicators = json.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(10, indicators["claimCount"].GetProperty("value").GetInt32());
        Assert.Equal(1, indicators["independentClaims"].GetProperty("value").GetInt32());
        Assert.Equal("application", indicators["legalStatus"].GetProperty("value").GetString());
        // Data the exports lack is null, written out, never a guess; every indicator says what it measures.
        Assert.Equal(JsonValueKind.Null, indicators["citations"].GetProperty("value").ValueKind);
        Assert.All(indicators.Values, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("definition").GetString())));
        Assert.DoesNotContain(indicators.Keys, k => k.Contains("score", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri("/api/v1/patents/CN999999999A/indicators", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_growth_list_states_its_rule_and_refuses_a_malformed_region_year_or_format()
    {
        var response = await Client.GetAsync(new Uri("/api/v1/vouchers/growth?region=1407&year=2024&threshold=5", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal(2024, json.GetProperty("year").GetInt32());
        Assert.Contains("增加 5 件", json.GetProperty("rule").GetString()!, StringComparison.Ordinal);
        var xlsx = await Client.GetAsync(new Uri("/api/v1/vouchers/growth?region=1407&year=2024&format=xlsx", UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        foreach (var (query, member) in new[] { ("region=晋中", "region"), ("year=1900", "year"), ("threshold=0", "threshold"), ("format=pdf", "format") })
        {
            var bad = await Client.GetAsync(new Uri($"/api/v1/vouchers/growth?{query}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(member, (await bad.ReadJson()).GetProperty("member").GetString());
        }
    }

    [Fact]
    public async Task A_drafts_pre_examination_scope_comes_with_its_suggested_ipc_and_the_notice_that_the_official_list_prevails()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/pre-examination", new
        {
            title = "一种锂离子电池正极材料及其制备方法",
            @abstract = "本发明公开了一种锂离子电池正极材料，通过包覆改性提高循环稳定性和倍率性能。",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.True(json.GetProperty("inScope").GetBoolean());
        var energy = json.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "新能源");
        Assert.Equal("in_scope", energy.GetProperty("status").GetString());
        Assert.Contains("以山西省知识产权保护中心", json.GetProperty("notice").GetString()!, StringComparison.Ordinal);
        Assert.Contains("H01M", json.GetProperty("suggestedIpc").EnumerateArray().Select(s => s.GetProperty("subclass").GetString()));

        var empty = await Client.PostAsJsonAsync("/api/v1/pre-examination", new { title = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("title", (await empty.ReadJson()).GetProperty("member").GetString());
    }
}
