using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class NoveltyAndPatentTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    // An engineer's own words for CN113914863A (thin near-horizontal ore body mined with a smart roadheader).
    private const string MiningProject =
        "我们计划研发一种针对近水平薄矿体的开采工艺：沿着矿体走向把矿区划分成若干盘区，每个盘区沿倾向布置矿块，" +
        "用智能掘进机对矿块逐层回采，采用房柱法并保留间柱和点柱来支撑顶板，从而提高薄矿体的回采率、降低贫化。";

    [Fact]
    public async Task A_project_description_finds_its_prior_art_first_with_reasons()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/novelty", new { text = MiningProject, size = 10 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        var top = json.GetProperty("hits")[0];
        Assert.Equal("CN113914863A", top.GetProperty("publicationNumber").GetString());
        Assert.InRange(top.GetProperty("relevance").GetDouble(), 0.5, 1.0);
        Assert.True(top.GetProperty("matchedTerms").GetArrayLength() >= 3);
        Assert.Contains("<mark>", top.GetProperty("passage").GetString()!, StringComparison.Ordinal);
        var terms = json.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("term").GetString()).ToList();
        Assert.Contains("掘进", terms);
        Assert.DoesNotContain("我们", terms);
        Assert.All(json.GetProperty("hits").EnumerateArray(), h => Assert.InRange(h.GetProperty("relevance").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task Edited_terms_replace_extraction_and_rerun()
    {
        var body = new { text = MiningProject, terms = new[] { new { term = "掘进机", weight = 1.0 }, new { term = "矿体", weight = 0.8 } } };
        var json = await (await Client.PostAsJsonAsync("/api/v1/novelty", body)).ReadJson();
        Assert.Equal(["掘进机", "矿体"], json.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("term").GetString()));
        Assert.Equal("CN113914863A", json.GetProperty("hits")[0].GetProperty("publicationNumber").GetString());
    }

    [Fact]
    public async Task A_description_without_prior_art_in_the_corpus_gets_no_high_relevance()
    {
        const string unrelated = "一种用于古典吉他的琴弦张力自动调节弦枕，演奏者拨弦时根据音高偏差实时微调琴弦张力，使吉他在温湿度变化的舞台上保持音准。";
        var json = await (await Client.PostAsJsonAsync("/api/v1/novelty", new { text = unrelated })).ReadJson();
        var hits = json.GetProperty("hits");
        Assert.True(hits.GetArrayLength() == 0 || hits[0].GetProperty("relevance").GetDouble() < 0.5, hits.ToString());
    }

    [Fact]
    public async Task Novelty_filters_restrict_candidates_and_suggest_ipc()
    {
        var text = "一种锂离子电池正极材料及其制备方法，提高电池的循环寿命和能量密度";
        var json = await (await Client.PostAsJsonAsync("/api/v1/novelty", new { text, filters = new { ipc = new[] { "H01M" } } })).ReadJson();
        Assert.True(json.GetProperty("hits").GetArrayLength() > 0);
        Assert.All(json.GetProperty("hits").EnumerateArray(), h => Assert.Contains(h.GetProperty("ipc").EnumerateArray(), c => c.GetString()!.StartsWith("H01M", StringComparison.Ordinal)));
        Assert.Equal("H01M", json.GetProperty("suggestedIpc")[0].GetProperty("subclass").GetString());
    }

    [Fact]
    public async Task Matched_terms_are_words_the_user_wrote_and_coverage_is_reported()
    {
        var json = await (await Client.PostAsJsonAsync("/api/v1/novelty", new { text = MiningProject, size = 5 })).ReadJson();
        var top = json.GetProperty("hits")[0];
        var matched = top.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Contains("掘进", matched);
        Assert.Contains("矿体", matched);
        // Bigram evidence across two words (的开, 体的) is never shown: every shown term is a word of the description.
        Assert.All(matched, term =>
        {
            Assert.Contains(term, MiningProject, StringComparison.Ordinal);
            Assert.False(term.StartsWith('的') || term.EndsWith('的'), term);
        });
        Assert.InRange(top.GetProperty("coverage").GetDouble(), 0.1, 1);
    }

    [Fact]
    public async Task The_plain_baseline_runs_on_request_and_an_unknown_ranking_is_a_400_naming_the_member()
    {
        var baseline = await Client.PostAsJsonAsync("/api/v1/novelty", new { text = MiningProject, size = 5, ranking = "baseline" });
        Assert.Equal(HttpStatusCode.OK, baseline.StatusCode);
        Assert.Contains((await baseline.ReadJson()).GetProperty("hits").EnumerateArray(), h => h.GetProperty("publicationNumber").GetString() == "CN113914863A");
        var unknown = await Client.PostAsJsonAsync("/api/v1/novelty", new { text = MiningProject, ranking = "magic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("ranking", (await unknown.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task Novelty_rejects_empty_and_oversized_text_with_problem_details()
    {
        var empty = await Client.PostAsJsonAsync("/api/v1/novelty", new { text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var tooLong = await Client.PostAsJsonAsync("/api/v1/novelty", new { text = new string('锂', 10_001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("text", (await tooLong.ReadJson()).GetProperty("member").GetString());
        var missing = await Client.PostAsJsonAsync("/api/v1/novelty", new { size = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var broken = await Client.PostAsync("/api/v1/novelty", SearchEndpointTests.Json("{\"text\": \"锂电池"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Theory]
    [InlineData("CN113914863A")]
    [InlineData("cn 113914863 a")]
    [InlineData("CN113914863")]
    [InlineData("ＣＮ１１３９１４８６３Ａ")]
    public async Task Patent_detail_accepts_every_pasted_form_and_returns_the_claim_tree(string number)
    {
        var response = await Client.GetAsync(new Uri("/api/v1/patents/" + Uri.EscapeDataString(number), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal("CN113914863A", json.GetProperty("publicationNumber").GetString());
        var claims = json.GetProperty("claimTree").GetProperty("claims");
        Assert.True(claims.GetArrayLength() > 1);
        Assert.Empty(claims[0].GetProperty("dependsOn").EnumerateArray());
    }

    [Fact]
    public async Task Source_ids_resolve_and_unknown_numbers_are_404_problem_details()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri("/api/v1/patents/KP-A-0001", UriKind.Relative))).StatusCode);
        var missing = await Client.GetAsync(new Uri("/api/v1/patents/CN100000000A", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Responses_are_compressed_for_clients_that_accept_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/novelty") { Content = JsonContent.Create(new { text = MiningProject }) };
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("br", response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Health_openapi_and_metrics_are_served()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var openApi = await (await Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).ReadJson();
        Assert.StartsWith("3.1", openApi.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/novelty", out _));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri("/api", UriKind.Relative))).StatusCode);
        await Client.GetAsync(new Uri("/api/v1/search?q=传感器", UriKind.Relative));
        // Per-route traffic and exception types are for operators only.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer " + DemoServiceFixture.ApiKey } } };
        var metrics = await (await Client.SendAsync(scrape)).Content.ReadAsStringAsync();
        Assert.Contains("patentnav_search_duration", metrics, StringComparison.Ordinal);
    }
}
