using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PatentNav.SearchApi.Tests;

/// <summary>Widget site keys (origin check, endpoint scope, CORS, per-site limits), XLSX export and the static page.</summary>
[Collection(DemoServiceGroup.Name)]
public sealed class SiteKeyAndExportTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    private static HttpRequestMessage SiteRequest(HttpMethod method, string path, string key = DemoServiceFixture.SiteKey, string? origin = DemoServiceFixture.SiteOrigin)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Site-Key", key);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return request;
    }

    [Fact]
    public async Task A_site_key_from_its_origin_searches_and_gets_cors_headers()
    {
        using var response = await Client.SendAsync(SiteRequest(HttpMethod.Get, "/api/v1/search?q=%E9%94%82%E7%94%B5%E6%B1%A0&size=3"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DemoServiceFixture.SiteOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True((await response.ReadJson()).GetProperty("total").GetInt64() > 0);

        using var patent = await Client.SendAsync(SiteRequest(HttpMethod.Get, "/api/v1/patents/CN113914863A"));
        Assert.Equal(HttpStatusCode.OK, patent.StatusCode);
        using var novelty = SiteRequest(HttpMethod.Post, "/api/v1/novelty");
        novelty.Content = JsonContent.Create(new { text = "智能掘进机开采薄矿体", size = 3 });
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(novelty)).StatusCode);
    }

    [Theory]
    [InlineData("demo", "https://evil.example.com", "/api/v1/search?q=x")]
    [InlineData("demo", null, "/api/v1/search?q=x")]
    [InlineData("no-such-key", DemoServiceFixture.SiteOrigin, "/api/v1/search?q=x")]
    [InlineData("demo", DemoServiceFixture.SiteOrigin, "/api/v1/admin/index")]
    [InlineData("demo", DemoServiceFixture.SiteOrigin, "/api/v1/patents/CN113914863A/extra")]
    public async Task A_site_key_is_refused_off_its_origins_unknown_or_beyond_the_public_endpoints(string key, string? origin, string path)
    {
        using var response = await Client.SendAsync(SiteRequest(HttpMethod.Get, path, key, origin));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (origin != DemoServiceFixture.SiteOrigin)
        {
            // A foreign origin never gets CORS headers, so its page cannot even read the refusal.
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task A_site_key_cannot_write_or_export()
    {
        using var export = SiteRequest(HttpMethod.Post, "/api/v1/export/xlsx");
        export.Content = JsonContent.Create(new { columns = new[] { "a" }, rows = Array.Empty<string[]>() });
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(export)).StatusCode);
        using var delete = SiteRequest(HttpMethod.Delete, "/api/v1/patents/CN113914863A");
        delete.Headers.Add("X-Api-Key", DemoServiceFixture.ApiKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(delete)).StatusCode);
    }

    [Theory]
    [InlineData(DemoServiceFixture.SiteOrigin, "/api/v1/novelty", true)]
    [InlineData("https://evil.example.com", "/api/v1/novelty", false)]
    [InlineData(DemoServiceFixture.SiteOrigin, "/api/v1/admin/index", false)]
    public async Task Cors_preflight_allows_only_configured_origins_on_public_endpoints(string origin, string path, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-site-key,content-type");
        using var response = await Client.SendAsync(preflight);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task Each_site_key_has_its_own_rate_limit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Client.SendAsync(SiteRequest(HttpMethod.Get, "/api/v1/patents/CN113914863A", DemoServiceFixture.TightSiteKey));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // The other site's partition is untouched.
        using var other = await Client.SendAsync(SiteRequest(HttpMethod.Get, "/api/v1/patents/CN113914863A"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Xlsx_export_returns_a_workbook_with_the_given_rows_as_text()
    {
        var body = new { columns = new[] { "公开号", "名称" }, rows = new[] { new[] { "CN113914863A", "一种近水平薄矿体的开采方法" }, new[] { "0012", "=1+1" } } };
        using var response = await Client.PostAsJsonAsync("/api/v1/export/xlsx", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = XlsxRows(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([["公开号", "名称"], ["CN113914863A", "一种近水平薄矿体的开采方法"], ["0012", "=1+1"]], rows);
    }

    [Fact]
    public async Task Xlsx_export_refuses_too_many_rows()
    {
        var rows = Enumerable.Range(0, 1001).Select(i => new[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();
        using var response = await Client.PostAsJsonAsync("/api/v1/export/xlsx", new { columns = new[] { "n" }, rows });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/widget.js", "text/javascript")]
    public async Task The_page_and_widget_are_served_without_external_resources(string path, string mediaType)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        // Nothing may load from elsewhere: no absolute src/href/url()/@import in the page's own assets.
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//|url\(\s*[""']?(https?:)?//|@import", text);
    }

    internal static List<List<string>> XlsxRows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return [.. sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList())];
    }
}
