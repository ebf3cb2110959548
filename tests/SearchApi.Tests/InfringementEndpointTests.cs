using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class InfringementEndpointTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    // A mining process that performs every step of CN113914863A's claim 1, with claim 2's layering and claim 5's panel sizes.
    private const string FullProcess =
        "本矿山的开采工艺：沿矿体走向划分盘区，盘区宽50m，盘区内沿倾向布置5个矿块，矿块斜长50m；用智能掘进机对各矿块进行回采，采用房柱采矿方式，"
        + "在矿块回采时留间柱、点柱和底柱；矿块内沿倾向方向划分为若干竖直分层，竖直分层分为无点柱层和有点柱层，至少每间隔一个无点柱层有一个有点柱层，"
        + "有点柱层内回采时留有点柱；矿块内按竖直分层逐层自下而上回采；一个矿块采完充填后再采上部另一个矿块。";

    // The same process mined from the top down and without the vertical slices.
    private const string TopDownProcess =
        "本矿山的开采工艺：沿矿体走向划分盘区，盘区内沿倾向布置若干矿块；用智能掘进机对各矿块进行回采，采用房柱采矿方式，在矿块回采时留间柱、点柱和底柱；"
        + "矿块整体回采，一个矿块采完充填后再采上部另一个矿块。";

    private static async Task<JsonElement> Check(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/infringement", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJson();
    }

    [Fact]
    public async Task A_given_patent_is_charted_element_by_element_and_its_application_status_is_reported()
    {
        var json = await Check(Client, new { text = FullProcess, patents = new[] { "cn 113914863 a" } });
        Assert.Contains("不构成法律意见", json.GetProperty("disclaimer").GetString()!, StringComparison.Ordinal);
        var result = Assert.Single(json.GetProperty("results").EnumerateArray());
        Assert.Equal("CN113914863A", result.GetProperty("publicationNumber").GetString());
        // A published application: checked because it was asked for, flagged, and never reported as in force.
        Assert.False(result.GetProperty("inForce").GetBoolean());
        Assert.Equal("application", result.GetProperty("enforceability").GetProperty("code").GetString());
        Assert.Contains("application-not-granted", result.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var claims = result.GetProperty("claims").EnumerateArray().ToList();
        var claim1 = claims.Single(c => c.GetProperty("number").GetInt32() == 1);
        Assert.True(claim1.GetProperty("independent").GetBoolean());
        Assert.Equal("literal", claim1.GetProperty("verdict").GetString());
        Assert.Equal("high", claim1.GetProperty("risk").GetString());
        var elements = claim1.GetProperty("elements").EnumerateArray().ToList();
        Assert.True(elements.Count >= 6);
        Assert.All(elements, e =>
        {
            Assert.Equal("literal", e.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("evidence").GetProperty("reason").GetString()));
        });
        Assert.Contains(elements, e => e.GetProperty("evidence").GetProperty("sentence").GetString()!.Contains("智能掘进机", StringComparison.Ordinal));

        // Claim 1 reads, so its dependents are checked: claim 5's 40–60 m panels hold for a 50 m panel.
        var claim5 = claims.Single(c => c.GetProperty("number").GetInt32() == 5);
        Assert.False(claim5.GetProperty("independent").GetBoolean());
        Assert.Equal([1], claim5.GetProperty("dependsOn").EnumerateArray().Select(n => n.GetInt32()));
        Assert.NotEqual("not_covered", claim5.GetProperty("verdict").GetString());
        // Claim 4 (on claim 2, which reads) limits the pillar section to 3–5 m, which the product does not state: not met.
        var claim4 = claims.Single(c => c.GetProperty("number").GetInt32() == 4);
        Assert.Equal("not_covered", claim4.GetProperty("verdict").GetString());
        Assert.Equal("value-not-stated", claim4.GetProperty("elements")[0].GetProperty("evidence").GetProperty("reasonCode").GetString());
    }

    [Fact]
    public async Task A_product_that_lacks_an_element_is_not_covered_and_the_missing_element_is_named()
    {
        var json = await Check(Client, new { text = TopDownProcess, patents = new[] { "CN113914863A" } });
        var claims = json.GetProperty("results")[0].GetProperty("claims").EnumerateArray().ToList();
        var claim1 = Assert.Single(claims);
        Assert.Equal("not_covered", claim1.GetProperty("verdict").GetString());
        Assert.Equal("low", claim1.GetProperty("risk").GetString());
        var missing = claim1.GetProperty("missingElements").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(missing, m => m.Contains("竖直分层", StringComparison.Ordinal));
        Assert.DoesNotContain(missing, m => m.Contains("智能掘进机", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_number_is_reported_as_not_found_rather_than_dropped()
    {
        var json = await Check(Client, new { text = FullProcess, patents = new[] { "CN999999999A" } });
        var result = Assert.Single(json.GetProperty("results").EnumerateArray());
        Assert.False(result.GetProperty("found").GetBoolean());
        Assert.Contains("not-found", result.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("inForce").ValueKind);
    }

    [Fact]
    public async Task The_default_search_checks_only_patents_that_can_be_infringed()
    {
        // The demo texts are published applications (kind A): none can be infringed, so none is returned.
        var json = await Check(Client, new { text = FullProcess, size = 5 });
        Assert.True(json.GetProperty("candidates").GetInt64() > 0);
        Assert.All(json.GetProperty("results").EnumerateArray(), r => Assert.NotEqual(JsonValueKind.False, r.GetProperty("inForce").ValueKind));
        Assert.DoesNotContain(json.GetProperty("results").EnumerateArray(), r => r.GetProperty("publicationNumber").GetString() == "CN113914863A");
    }

    [Theory]
    [InlineData("""{"text": ""}""", "text")]
    [InlineData("""{"text": "电池", "size": 0}""", "size")]
    [InlineData("""{"text": "电池", "size": 51}""", "size")]
    [InlineData("""{"text": "电池", "patents": [""]}""", "patents[0]")]
    [InlineData("""{"text": "电池", "filters": {"region": "火星"}}""", "filters.region")]
    [InlineData("""{"text": "电池", "filters": {"query": "TI=(电池"}}""", "filters.query")]
    public async Task A_malformed_request_is_a_400_naming_the_member(string body, string member)
    {
        var response = await Client.PostAsync(new Uri("/api/v1/infringement", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(member, (await response.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task Too_many_patents_or_unknown_members_are_refused()
    {
        var many = await Client.PostAsJsonAsync("/api/v1/infringement", new { text = "电池", patents = Enumerable.Range(0, 51).Select(i => $"CN1139148{i:D2}A") });
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("patents", (await many.ReadJson()).GetProperty("member").GetString());
        var unknown = await Client.PostAsync(new Uri("/api/v1/infringement", UriKind.Relative), new StringContent("""{"text": "电池", "claims": 1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task The_claim_chart_exports_as_a_workbook_and_a_self_contained_page_with_the_disclaimer()
    {
        var body = new { text = FullProcess, patents = new[] { "CN113914863A" } };
        var xlsx = await Client.PostAsJsonAsync("/api/v1/infringement/export/xlsx", body);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);

        var html = await Client.PostAsJsonAsync("/api/v1/infringement/export/html", body);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("不构成法律意见", page, StringComparison.Ordinal);
        Assert.Contains("权利要求 1", page, StringComparison.Ordinal);
        Assert.Contains("class=\"literal\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);

        var unknown = await Client.PostAsJsonAsync("/api/v1/infringement/export/pdf", body);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
