using System.Net;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class NavigationEndpointTests(DemoServiceFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task<JsonElement> Get(string uri)
    {
        var response = await Client.GetAsync(new Uri(uri, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJson();
    }

    [Fact]
    public async Task The_shipped_chains_are_listed_with_id_and_name()
    {
        var chains = (await Get("/api/v1/navigation/chains")).GetProperty("chains").EnumerateArray().ToList();
        Assert.Contains(chains, c => c.GetProperty("id").GetString() == "jinzhong-new-energy" && c.GetProperty("name").GetString() == "新能源");
        Assert.All(chains, c => Assert.True(c.GetProperty("nodes").GetInt32() > 0));
    }

    [Fact]
    public async Task A_chain_map_gives_every_node_its_total_region_figures_and_positioning_and_the_patents_behind_each_total()
    {
        var map = await Get("/api/v1/navigation/chains/jinzhong-new-energy?region=14");
        Assert.Equal("140000", map.GetProperty("region").GetString());
        var nodes = map.GetProperty("nodes").EnumerateArray().SelectMany(n => new[] { n }.Concat(n.GetProperty("children").EnumerateArray())).ToList();
        Assert.True(nodes.Count >= 7);
        Assert.Contains(nodes, n => n.GetProperty("total").GetInt64() > 0);
        foreach (var node in nodes)
        {
            var total = node.GetProperty("total").GetInt64();
            var region = node.GetProperty("region");
            Assert.True(region.GetProperty("count").GetInt64() <= total);
            Assert.False(string.IsNullOrEmpty(node.GetProperty("positioning").GetString()));
            if (total == 0)
            {
                Assert.Equal("无数据", node.GetProperty("positioning").GetString());
            }
            var id = node.GetProperty("id").GetString();
            var patents = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{id}/patents?size=5");
            Assert.Equal(total, patents.GetProperty("total").GetInt64());
            var inRegion = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{id}/patents?region=14&size=5");
            Assert.Equal(region.GetProperty("count").GetInt64(), inRegion.GetProperty("total").GetInt64());
        }
    }

    [Theory]
    [InlineData("/api/v1/navigation/chains/no-such-chain", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/navigation/chains/jinzhong-new-energy/nodes/no-such-node/patents", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/navigation/chains/jinzhong-new-energy?region=99", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/navigation/chains/jinzhong-new-energy?region=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/navigation/chains/jinzhong-new-energy?from=2024&to=2015", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/navigation/chains/jinzhong-new-energy?from=1900", HttpStatusCode.BadRequest)]
    public async Task Unknown_chains_and_nodes_are_404_and_bad_regions_or_years_are_400(string uri, HttpStatusCode expected) =>
        Assert.Equal(expected, (await Client.GetAsync(new Uri(uri, UriKind.Relative))).StatusCode);
}

public sealed class BrokenChainFileTests : IDisposable
{
    private readonly ScratchFolder _data = new("patentnav-chains-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_broken_chain_file_stops_the_start_and_names_file_line_and_column()
    {
        var chains = Directory.CreateDirectory(Path.Combine(_data.Path, "chains")).FullName;
        File.WriteAllText(Path.Combine(chains, "mine.chain"), "id: mine\nname: 我的链\n- a 甲 = IPC=(H01M OR\n");
        using var factory = new PatentNavFactory(_data.Path, new Dictionary<string, string?>
        {
            ["PatentNav:ChainsDir"] = chains,
            ["PatentNav:DemoCorpus"] = Directory.CreateDirectory(Path.Combine(_data.Path, "no-corpus")).FullName,
        });
        var error = Assert.Throws<PatentNav.NavigationMaps.ChainFileException>(() => factory.CreateClient());
        Assert.StartsWith("mine.chain:3:", error.Message, StringComparison.Ordinal);
    }
}
