using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class CollectionsEndpointTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    private static HttpRequestMessage Keyed(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    private async Task<JsonElement> Create(object body)
    {
        using var request = Keyed(HttpMethod.Post, "/api/v1/collections", body);
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJson();
    }

    [Fact]
    public async Task Collections_need_an_api_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync(new Uri("/api/v1/collections", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/api/v1/collections", new { name = "未授权" })).StatusCode);
    }

    [Fact]
    public async Task A_collection_holds_its_query_and_pinned_patents_but_never_an_excluded_one_and_exports()
    {
        var query = (await (await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("TI=掘进机") + "&size=50&facets=", UriKind.Relative))).ReadJson());
        var matched = query.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
        Assert.True(matched.Count >= 2);
        var pinned = "CN114058170A";
        Assert.DoesNotContain(pinned, matched);
        var created = await Create(new { name = "掘进机专题库-" + Guid.NewGuid().ToString("N")[..6], description = "测试", owner = "晋中市知识产权局", query = "TI=掘进机", pinned = new[] { "cn 114058170 a" }, excluded = new[] { matched[0] } });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal([pinned], created.GetProperty("pinned").EnumerateArray().Select(p => p.GetString()));

        using var patentsRequest = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/patents?size=100");
        var patents = await (await Client.SendAsync(patentsRequest)).ReadJson();
        var numbers = patents.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("publicationNumber").GetString()).ToList();
        Assert.Equal(matched.Count, patents.GetProperty("total").GetInt64());
        Assert.Contains(pinned, numbers);
        Assert.DoesNotContain(matched[0], numbers);

        using var csvRequest = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/patents?format=csv");
        var csv = await (await Client.SendAsync(csvRequest)).Content.ReadAsStringAsync();
        Assert.Equal(matched.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        using var xlsxRequest = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/patents?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (await Client.SendAsync(xlsxRequest)).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_version_let_exactly_one_through_and_the_rest_are_told_to_reread()
    {
        var name = "并发测试-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Create(new { name, query = "TI=电池" });
        var id = created.GetProperty("id").GetString()!;
        var edits = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var request = Keyed(HttpMethod.Put, $"/api/v1/collections/{id}", new { name, description = $"编辑 {i}", query = "TI=电池", version = 1 });
            return (await Client.SendAsync(request)).StatusCode;
        }));
        Assert.Equal(1, edits.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, edits.Count(s => s == HttpStatusCode.Conflict));
        using var read = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}");
        var current = await (await Client.SendAsync(read)).ReadJson();
        Assert.Equal(2, current.GetProperty("version").GetInt64());
        Assert.StartsWith("编辑 ", current.GetProperty("description").GetString(), StringComparison.Ordinal);

        using var delete = Keyed(HttpMethod.Delete, $"/api/v1/collections/{id}?version=2");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(delete)).StatusCode);
        using var gone = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(gone)).StatusCode);
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "坏检索式", "query": "TI=(电池"}""", "query")]
    [InlineData("""{"name": "坏号码", "pinned": [""]}""", "pinned[0]")]
    public async Task A_malformed_collection_is_a_400_naming_the_member(string body, string member)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/collections")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(member, (await response.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_second_collection_with_the_same_name_is_a_conflict()
    {
        var name = "重名-" + Guid.NewGuid().ToString("N")[..6];
        await Create(new { name });
        using var again = Keyed(HttpMethod.Post, "/api/v1/collections", new { name });
        var response = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("name", (await response.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_search_within_a_collection_needs_an_api_key_and_finds_only_its_patents()
    {
        var created = await Create(new { name = "检索过滤-" + Guid.NewGuid().ToString("N")[..6], query = "TI=掘进机", pinned = new[] { "CN114058170A" } });
        var id = created.GetProperty("id").GetString()!;
        var anonymous = await Client.GetAsync(new Uri($"/api/v1/search?q=*&collection={id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var all = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/patents?size=100");
        var members = (await (await Client.SendAsync(all)).ReadJson()).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("publicationNumber").GetString()).ToHashSet();
        using var search = Keyed(HttpMethod.Post, "/api/v1/search", new { q = "矿", collection = id, size = 100, facets = Array.Empty<string>() });
        var response = await Client.SendAsync(search);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.ReadJson()).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h, members));

        using var unknown = Keyed(HttpMethod.Post, "/api/v1/search", new { q = "矿", collection = "nope" });
        var bad = await Client.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("collection", (await bad.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_collection_is_counted_on_a_chain_node_by_node_as_searches_of_each_node_would_count_it()
    {
        var created = await Create(new { name = "产业链计数-" + Guid.NewGuid().ToString("N")[..6], query = "电池 OR 光伏" });
        var id = created.GetProperty("id").GetString()!;
        using var request = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/chains/jinzhong-new-energy");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        var nodes = json.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(nodes, n => n.GetProperty("count").GetInt64() > 0);
        // Each node's count is the collection's patents that also match the node: a search of both says the same.
        var photovoltaics = nodes.Single(n => n.GetProperty("id").GetString() == "photovoltaics");
        using var check = Keyed(HttpMethod.Post, "/api/v1/search", new { q = "IPC=(H02S OR H10F OR H01L31/04) OR TI=(光伏 OR 太阳能电池)", collection = id, size = 0, facets = Array.Empty<string>() });
        var searched = await (await Client.SendAsync(check)).ReadJson();
        Assert.Equal(searched.GetProperty("total").GetInt64(), photovoltaics.GetProperty("count").GetInt64());

        using var noChain = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/chains/nope");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(noChain)).StatusCode);
    }

    [Fact]
    public async Task A_navigation_map_drawn_on_a_collection_counts_only_its_patents_node_by_node()
    {
        var created = await Create(new { name = "专题库导航-" + Guid.NewGuid().ToString("N")[..6], query = "电池 OR 光伏" });
        var id = created.GetProperty("id").GetString()!;
        using var countsRequest = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/chains/jinzhong-new-energy");
        var counts = await (await Client.SendAsync(countsRequest)).ReadJson();
        using var mapRequest = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/chains/jinzhong-new-energy/map?office=all");
        var response = await Client.SendAsync(mapRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = await response.ReadJson();
        Assert.Equal(id, map.GetProperty("collection").GetString());
        Assert.Equal(counts.GetProperty("total").GetInt64(), map.GetProperty("corpusTotal").GetInt64());
        var whole = await (await Client.GetAsync(new Uri("/api/v1/navigation/chains/jinzhong-new-energy?office=all", UriKind.Relative))).ReadJson();
        Assert.True(whole.GetProperty("corpusTotal").GetInt64() > map.GetProperty("corpusTotal").GetInt64());
        // Every top-level node of the map counts what the collection's per-node counts say.
        var byNode = counts.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("count").GetInt64());
        var nodes = map.GetProperty("nodes").EnumerateArray().ToList();
        Assert.NotEmpty(nodes);
        Assert.Contains(nodes, n => n.GetProperty("total").GetInt64() > 0);
        Assert.All(nodes, n => Assert.Equal(byNode[n.GetProperty("id").GetString()!], n.GetProperty("total").GetInt64()));

        using var badRegion = Keyed(HttpMethod.Get, $"/api/v1/collections/{id}/chains/jinzhong-new-energy/map?region=abc");
        var refused = await Client.SendAsync(badRegion);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("region", (await refused.ReadJson()).GetProperty("member").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync(new Uri($"/api/v1/collections/{id}/chains/jinzhong-new-energy/map", UriKind.Relative))).StatusCode);
    }
}
