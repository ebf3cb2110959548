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

    [Theory]
    [InlineData("type=专利", "type")]
    [InlineData("legalState=maybe", "legalState")]
    [InlineData("applicantKind=公司们", "applicantKind")]
    [InlineData("year=1900", "year")]
    [InlineData("province=1407", "province")]
    [InlineData("city=99", "city")]
    [InlineData("city=14", "city")]
    [InlineData("county=140700", "county")]
    [InlineData("county=abc", "county")]
    [InlineData("outside=true", "outside")]
    public async Task A_figure_filter_that_cannot_be_used_is_a_400_naming_its_parameter(string filter, string member)
    {
        var response = await Client.GetAsync(new Uri($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/wind/patents?{filter}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(member, (await response.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task The_patents_behind_outside_and_without_region_add_up_to_the_node()
    {
        var map = await Get("/api/v1/navigation/chains/jinzhong-new-energy?region=14");
        foreach (var node in map.GetProperty("nodes").EnumerateArray())
        {
            var id = node.GetProperty("id").GetString();
            var total = node.GetProperty("total").GetInt64();
            var outside = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{id}/patents?region=14&outside=true&size=0");
            Assert.Equal(total - node.GetProperty("region").GetProperty("count").GetInt64(), outside.GetProperty("total").GetInt64());
            var unknown = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{id}/patents?withoutRegion=true&size=0");
            Assert.Equal(node.GetProperty("withoutRegion").GetInt64(), unknown.GetProperty("total").GetInt64());
            var inventions = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{id}/patents?type=发明&size=0");
            Assert.Equal(node.GetProperty("byType").TryGetProperty("Invention", out var n) ? n.GetInt64() : 0, inventions.GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task Every_cell_of_the_technology_effect_matrix_lists_as_many_patents_as_it_counts()
    {
        var matrix = await Get("/api/v1/navigation/chains/jinzhong-new-energy/matrix");
        var effects = matrix.GetProperty("effects").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Contains("cost", effects);
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("counts").EnumerateArray().Any(c => c.GetInt64() > 0));
        foreach (var row in rows.Take(3))
        {
            var counts = row.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToList();
            Assert.Equal(effects.Count, counts.Count);
            for (var i = 0; i < effects.Count; i++)
            {
                var patents = await Get($"/api/v1/navigation/chains/jinzhong-new-energy/nodes/{row.GetProperty("id").GetString()}/patents?effect={effects[i]}&size=0");
                Assert.Equal(counts[i], patents.GetProperty("total").GetInt64());
            }
        }
        var unknown = await Client.GetAsync(new Uri("/api/v1/navigation/chains/jinzhong-new-energy/nodes/wind/patents?effect=magic", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("effect", (await unknown.ReadJson()).GetProperty("member").GetString());
    }

    [Theory]
    [InlineData("", "text/html", ".html")]
    [InlineData("&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    public async Task The_report_downloads_as_html_or_as_a_workbook(string format, string mediaType, string extension)
    {
        var response = await Client.GetAsync(new Uri($"/api/v1/navigation/chains/jinzhong-new-energy/report?region=1407&from=2015&to=2024{format}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal("patentnav-jinzhong-new-energy-140700-2015-2024" + extension, disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (extension == ".html")
        {
            var html = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.Contains("5 发展路径建议", html, StringComparison.Ordinal);
            Assert.Contains("晋中市", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
        }
        var bad = await Client.GetAsync(new Uri("/api/v1/navigation/chains/jinzhong-new-energy/report?format=docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("format", (await bad.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task The_charting_library_is_served_by_the_service_itself()
    {
        var response = await Client.GetAsync(new Uri("/lib/echarts/echarts.min.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Apache", await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "SearchApi", "wwwroot", "lib", "echarts", "LICENSE")), StringComparison.Ordinal);
    }

    /// <summary>The served copy is the npm package's (package-lock.json pins it; .ci/install-deps runs npm ci).</summary>
    [Fact]
    public void The_served_charting_library_is_the_pinned_npm_package_byte_for_byte()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "SearchApi");
        var installed = Path.Combine(web, "node_modules", "echarts", "dist", "echarts.min.js");
        Assert.True(File.Exists(installed), $"{installed} is missing: run npm ci in src/SearchApi (.ci/install-deps does).");
        Assert.Equal(File.ReadAllBytes(installed), File.ReadAllBytes(Path.Combine(web, "wwwroot", "lib", "echarts", "echarts.min.js")));
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "package-lock.json")));
        var echarts = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/echarts");
        Assert.StartsWith("6.", echarts.GetProperty("version").GetString(), StringComparison.Ordinal);
        using var installedPackage = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "node_modules", "echarts", "package.json")));
        Assert.Equal(echarts.GetProperty("version").GetString(), installedPackage.RootElement.GetProperty("version").GetString());
    }
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
