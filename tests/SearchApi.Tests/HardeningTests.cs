using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Tests;

/// <summary>The inputs that gave 500s or escaped a limit (issue: hardening), each a 400 that names what is wrong.</summary>
[Collection(DemoServiceGroup.Name)]
public sealed class HardeningTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "/api/v1/search", """{"q":null}""", "$.q" },
        { "/api/v1/search", """{"q":["电池"]}""", "$.q" },
        { "/api/v1/search", """{"q":"电池","filters":[null]}""", "filters[0]" },
        { "/api/v1/search", """{"q":"电池","facets":[null]}""", "facets[0]" },
        { "/api/v1/search", """{"q":"电池","q":"隔膜"}""", "$.q" },
        { "/api/v1/search", """{"q":"电池","from":2147483647,"size":10}""", "from" },
        { "/api/v1/search", """{"q":"电池","filters":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", "filters" },
        { "/api/v1/search", """{"q":"电池","filters":["IPC=H01M","TI=(电池"]}""", "filters[1]" },
        { "/api/v1/novelty", """{"text":null,"terms":[{"term":"电池","weight":1}]}""", "$.text" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","terms":[null]}""", "terms[0]" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","terms":[{"term":null,"weight":1}]}""", "$.terms[0].term" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","filters":{"ipc":[null]}}""", "filters.ipc[0]" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","filters":{"type":[null]}}""", "filters.type[0]" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","filters":{"ipc":["H01M) OR (G06F"]}}""", "filters.ipc[0]" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","filters":{"ipc":["H01M"],"query":"a) OR (b"}}""", "filters.query" },
        { "/api/v1/novelty", """{"text":"锂电池隔膜","filters":{"ipc":["H01M"],"type":["发明"],"legalStatus":"有权","applicationDateFrom":"2020","query":"x) OR (NOT 不存在词"}}""", "filters.query" },
        { "/api/v1/export/xlsx", """{"columns":["a"],"rows":[["1","2"]]}""", "rows[0]" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Malformed_bodies_are_400_problems_naming_the_member(string path, string body, string member)
    {
        var response = await Client.PostAsync(new Uri(path, UriKind.Relative), SearchEndpointTests.Json(body));
        var problem = await response.ReadJson();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(member, problem.GetProperty("member").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    public static TheoryData<string, int> BadQueries => new()
    {
        { "\"电池 隔膜\"~99999999999", 8 },
        { "a" + string.Concat(Enumerable.Repeat("*b", 1999)), 0 },
        { string.Concat(Enumerable.Repeat("锂离子电池隔膜", 429))[..3000], 0 },
        { string.Join(",", Enumerable.Repeat("电池", 700)), 0 },
        { string.Join(" OR ", Enumerable.Range(0, 17).Select(i => $"电{i}*")), 118 },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Queries_over_a_limit_are_positioned_400s(string query, int position)
    {
        var response = await Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        var problem = await response.ReadJson();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", problem.GetProperty("kind").GetString());
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Equal("q", problem.GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_get_offset_that_would_wrap_around_is_refused()
    {
        var response = await Client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0&from=2147483647&size=10", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("from", (await response.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task Novelty_filters_are_ast_nodes_so_an_expert_filter_cannot_escape_the_ipc_filter()
    {
        var within = await Client.PostAsJsonAsync("/api/v1/novelty", new
        {
            text = "一种锂离子电池隔膜，提高电池安全性",
            size = 20,
            filters = new { ipc = new[] { "H01M" }, query = "电池 OR 隔膜 OR 传感器 OR 矿体" },
        });
        var json = await within.ReadJson();
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h.GetProperty("ipc").EnumerateArray(), c => c.GetString()!.StartsWith("H01M", StringComparison.Ordinal)));
        var expected = ExpectedCorpus.All.Values.Count(r => r.Ipc.Any(c => c.StartsWith("H01M", StringComparison.Ordinal)));
        Assert.InRange(json.GetProperty("candidates").GetInt64(), 1, expected);
    }

    [Fact]
    public async Task Upserts_refuse_a_title_given_as_an_array_and_bodies_with_duplicate_members()
    {
        using var upsert = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = SearchEndpointTests.Json("""[{"publicationNumber":"CN399999981A","title":["一种装置","另一种装置"]}]"""),
        };
        var result = await (await Client.SendAsync(upsert)).ReadJson();
        Assert.Equal(0, result.GetProperty("added").GetInt32());
        Assert.Contains("'title' is an array", result.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var duplicate = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = SearchEndpointTests.Json("""[{"publicationNumber":"CN399999982A","title":"一种装置","title":"另一种装置"}]"""),
        };
        var response = await Client.SendAsync(duplicate);
        var outcome = await response.ReadJson();
        // Whichever layer sees it first, the record is not indexed with either title.
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || outcome.GetProperty("rejected").GetArrayLength() == 1, outcome.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri("/api/v1/patents/CN399999982A", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_frames_are_allowed_only_for_the_widget_sites()
    {
        foreach (var path in new[] { "/", "/api/v1/search?q=%E7%94%B5%E6%B1%A0", "/widget.js" })
        {
            var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains($"frame-ancestors 'self' {DemoServiceFixture.SiteOrigin}", csp, StringComparison.Ordinal);
        }
        var widget = await Client.GetAsync(new Uri("/widget.js", UriKind.Relative));
        Assert.Equal("cross-origin", widget.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
    }

    [Fact]
    public async Task Generated_request_bodies_never_get_a_server_error()
    {
        string[] values = ["null", "\"\"", "\"电池\"", "\"TI=(电池\"", "\"a*b*c*d*e*f\"", "\"H01M\"", "0", "-1", "2147483647", "1e309", "true", "[]", "[null]", "[\"电池\"]", "{}", "{\"term\":null}", "[{\"term\":\"电池\",\"weight\":1e308}]", "\"\\u0000\"", "\"\\ud800\""];
        string[] members = ["q", "filters", "sort", "from", "size", "cursor", "facets", "highlight", "text", "terms", "ipc", "type", "query", "legalStatus", "applicationDateFrom", "columns", "rows", "unknown"];
        string[] paths = ["/api/v1/search", "/api/v1/novelty", "/api/v1/export/xlsx"];
        var member = Gen.Select(Gen.OneOf(members), Gen.OneOf(values), (m, v) => $"\"{m}\":{v}");
        var body = Gen.Select(Gen.OneOf(paths), member.Array[0, 6], Gen.Int[0, 9], (path, parts, shape) =>
        {
            var obj = "{" + string.Join(",", parts) + "}";
            return (path, shape switch
            {
                0 => obj[..(obj.Length / 2)], // truncated
                1 => "[" + obj + "]",
                2 => "{\"filters\":" + obj + ",\"text\":\"电池\"}",
                _ => obj,
            });
        });
        var statuses = new List<int>();
        await body.SampleAsync(async (path, json) =>
        {
            var response = await Client.PostAsync(new Uri(path, UriKind.Relative), SearchEndpointTests.Json(json));
            statuses.Add((int)response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{path} {json} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }, iter: 1500, threads: 1);
        Assert.Contains(statuses, s => s == 400);
    }

    [Fact]
    public async Task Generated_expert_queries_never_get_a_server_error()
    {
        string[] pieces = ["TI=", "IPC=", "AD>=", "CO=", "PN=", "(", ")", "\"", "*", "?", "~9", "~999999999999", " AND ", " OR ", " NOT ", " 5W ", " NEAR/99999999999 ", "电池", "隔膜", "矿", "H01M", "2020", "晋中", "发明", " ", "[2019 TO 2020]"];
        var query = Gen.OneOf(pieces).Array[1, 25].Select(p => string.Concat(p));
        await query.SampleAsync(async q =>
        {
            var response = await Client.GetAsync(new Uri("/api/v1/search?size=3&q=" + Uri.EscapeDataString(q), UriKind.Relative));
            Assert.True((int)response.StatusCode < 500, $"{q} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }, iter: 1500, threads: 1);
    }
}

/// <summary>Limits and failures that need a service of their own (tight limits, a broken data folder).</summary>
public sealed class HardeningLimitTests : IDisposable
{
    private readonly ScratchFolder _dataDirFolder = new("patentnav-hardening-");

    private string _dataDir => _dataDirFolder.Path;

    public void Dispose() => _dataDirFolder.Dispose();

    private PatentNavFactory Factory(params (string Key, string Value)[] settings)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dataDir, "no-corpus")).FullName;
        var all = new Dictionary<string, string?> { ["PatentNav:DemoCorpus"] = empty };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return new PatentNavFactory(_dataDir, all);
    }

    [Fact]
    public async Task Made_up_api_keys_share_the_callers_address_bucket_and_a_valid_key_has_its_own()
    {
        using var factory = Factory(("PatentNav:RateLimit:PermitLimit", "3"));
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/v1/patents/CN113914863A", UriKind.Relative))).StatusCode);
        }
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents/CN113914863A") { Headers = { { "X-Api-Key", Guid.NewGuid().ToString() } } };
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(request)).StatusCode);
        }
        using var valid = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents/CN113914863A") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(valid)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_is_401_on_a_public_endpoint_too()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?q=%E7%94%B5%E6%B1%A0") { Headers = { { "X-Api-Key", "guessed" } } };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid API key / API 密钥无效", (await response.ReadJson()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Heavy_requests_queue_behind_the_concurrency_limit_while_health_answers_and_a_full_queue_is_503()
    {
        using var factory = Factory(("PatentNav:Concurrency:PermitLimit", "1"), ("PatentNav:Concurrency:QueueLimit", "1"), ("PatentNav:Concurrency:QueueTimeoutMs", "60000"));
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        var limiter = factory.Services.GetRequiredService<HeavyWorkLimiter>();
        var held = await limiter.AcquireAsync(CancellationToken.None);
        Assert.NotNull(held);
        var queued = client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0", UriKind.Relative));
        await WhenQueued(limiter);
        var refused = await client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.False(queued.IsCompleted);
        held!.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
    }

    [Fact]
    public async Task A_client_that_gives_up_while_queued_leaves_the_queue()
    {
        using var factory = Factory(("PatentNav:Concurrency:PermitLimit", "1"), ("PatentNav:Concurrency:QueueTimeoutMs", "60000"));
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        var limiter = factory.Services.GetRequiredService<HeavyWorkLimiter>();
        using var held = await limiter.AcquireAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var waiting = client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0", UriKind.Relative), giveUp.Token);
        await WhenQueued(limiter);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (limiter.Queued > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(0, limiter.Queued);
    }

    private static async Task WhenQueued(HeavyWorkLimiter limiter)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (limiter.Queued == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never reached the heavy-work queue");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_search_past_its_time_budget_is_stopped_with_a_limit_problem()
    {
        using var factory = Factory(("PatentNav:Query:TimeBudgetMs", "0"));
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        var response = await client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0", UriKind.Relative));
        var problem = await response.ReadJson();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", problem.GetProperty("kind").GetString());
        Assert.Equal(0, problem.GetProperty("budgetMs").GetDouble());
    }

    [Fact]
    public async Task A_failed_start_answers_503_without_file_paths_and_fails_liveness()
    {
        // A data folder that is a file: the index cannot be created under it.
        var blocked = Path.Combine(_dataDir, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "x");
        using var factory = new PatentNavFactory(blocked, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        await factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        var response = await client.GetAsync(new Uri("/api/v1/search?q=%E7%94%B5%E6%B1%A0", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain(_dataDir, text, StringComparison.Ordinal);
        Assert.Equal("failed: see the service log", JsonDocument.Parse(text).RootElement.GetProperty("engineStatus").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.DoesNotContain(_dataDir, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_can_be_opened_to_anonymous_scrapers_by_configuration()
    {
        using var factory = Factory(("PatentNav:AnonymousMetrics", "true"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }
}
