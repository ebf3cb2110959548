using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class SearchEndpointTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    [Theory]
    [InlineData("掘进机")]
    [InlineData("钙钛矿")]
    [InlineData("锂离子电池")]
    [InlineData("传感器")]
    public async Task A_quoted_title_phrase_returns_exactly_the_titles_containing_it(string phrase)
    {
        var expected = ExpectedCorpus.All.Values.Count(r => r.Title?.Contains(phrase, StringComparison.Ordinal) == true);
        Assert.True(expected > 0);
        var json = await Get($"/api/v1/search?q={Uri.EscapeDataString($"TI=\"{phrase}\"")}&size=100");
        Assert.Equal(expected, json.GetProperty("total").GetInt64());
        Assert.All(json.GetProperty("hits").EnumerateArray(), hit =>
        {
            Assert.Contains(phrase, hit.GetProperty("title").GetString()!, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("publicationNumber").GetString()));
        });
    }

    [Theory]
    [InlineData("H01M")]
    [InlineData("G06F")]
    [InlineData("A61")]
    public async Task Ipc_prefix_matches_every_code_under_it(string prefix)
    {
        var expected = ExpectedCorpus.All.Values.Count(r => r.Ipc.Any(c => c.StartsWith(prefix, StringComparison.Ordinal)));
        var json = await Get($"/api/v1/search?q=IPC={prefix}&size=0");
        Assert.Equal(expected, json.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Boolean_combinations_have_exact_totals()
    {
        bool Title(string t, string p) => t.Contains(p, StringComparison.Ordinal);
        var titles = ExpectedCorpus.All.Values.Select(r => r.Title ?? "").ToList();
        var expected = titles.Count(t => (Title(t, "电池") || Title(t, "电极")) && !Title(t, "锂"));
        var json = await Get("/api/v1/search?q=" + Uri.EscapeDataString("TI=(\"电池\" OR \"电极\") NOT TI=\"锂\"") + "&size=0");
        Assert.Equal(expected, json.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_returns_facets_highlights_and_pages_with_a_cursor()
    {
        var first = await Get("/api/v1/search?q=" + Uri.EscapeDataString("传感器") + "&size=5&sort=relevance");
        var total = first.GetProperty("total").GetInt64();
        Assert.True(total > 5);
        Assert.True(first.GetProperty("facets").GetProperty("ipcSubclass").GetArrayLength() > 0);
        Assert.True(first.GetProperty("facets").GetProperty("type").GetArrayLength() > 0);
        var hit = first.GetProperty("hits")[0];
        var highlights = hit.GetProperty("highlights");
        Assert.Contains(highlights.EnumerateObject(), f => f.Value.EnumerateArray().Any(s => s.GetString()!.Contains("<mark>", StringComparison.Ordinal)));

        var seen = first.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToHashSet();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await Get("/api/v1/search?q=" + Uri.EscapeDataString("传感器") + "&size=5&cursor=" + Uri.EscapeDataString(cursor!));
        Assert.All(second.GetProperty("hits").EnumerateArray(), h => Assert.DoesNotContain(h.GetProperty("id").GetString(), seen));
    }

    [Fact]
    public async Task Post_search_takes_a_json_body_and_rejects_unknown_members()
    {
        var ok = await Client.PostAsJsonAsync("/api/v1/search", new { q = "TI=掘进机", size = 3, facets = new[] { "type" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var unknown = await Client.PostAsync("/api/v1/search", Json("""{"q":"掘进机","sizee":3}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sizee", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TI=(锂电池 OR 钠电池", 3)]
    [InlineData("锂电池 AND", 4)]
    [InlineData("XX=锂电池", 0)]
    [InlineData("AD=2020-13-45", 3)]
    public async Task Malformed_queries_get_400_problem_details_with_the_position(string query, int position)
    {
        var response = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("messageZh").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Limits_give_400_never_500()
    {
        var tooLong = await Client.GetAsync(new Uri("/api/v1/search?q=" + new string('锂', 5000), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var tooMany = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(string.Join(" OR ", Enumerable.Range(0, 400).Select(i => "词" + i))), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var tooDeep = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(new string('(', 60) + "a" + new string(')', 60)), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
        var deepPage = await Client.GetAsync(new Uri("/api/v1/search?q=传感器&from=5000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, deepPage.StatusCode);
        var wildcardEverything = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("TI=*"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, wildcardEverything.StatusCode);
        var badCursor = await Client.GetAsync(new Uri("/api/v1/search?q=传感器&cursor=!!!", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task Oversize_bodies_are_refused_with_413()
    {
        var body = Json("{\"text\":\"" + new string('锂', 200_000) + "\"}");
        var response = await Client.PostAsync("/api/v1/novelty", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("TI=\"<img src=x onerror=alert(1)>\"")]
    [InlineData("传感器 OR \"<b>传感器</b>\"")]
    [InlineData("*:* OR _source:x")]
    [InlineData("title:(a OR b)^100")]
    public async Task Injection_attempts_are_plain_text_and_never_echo_markup(string query)
    {
        var response = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        // The raw text can never hold "<script" (the JSON encoder escapes '<'), so parse and check what a client renders:
        // the page inserts only highlight fragments as HTML, and those may hold no tag but <mark>.
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fragments = json.RootElement.TryGetProperty("hits", out var hits)
            ? hits.EnumerateArray().SelectMany(h => h.GetProperty("highlights").EnumerateObject().SelectMany(f => f.Value.EnumerateArray())).Select(f => f.GetString()!).ToList()
            : [];
        Assert.All(fragments, fragment => Assert.DoesNotMatch("<(?!/?mark>)", fragment));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            // The query is echoed as data (a JSON string), exactly as sent, for the client to set as text.
            Assert.Equal(query, json.RootElement.GetProperty("query").GetString());
        }
    }

    private async Task<JsonElement> Get(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJson();
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
