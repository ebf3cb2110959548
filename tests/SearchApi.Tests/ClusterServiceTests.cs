using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HttpRequestInvoker = Elastic.Transport.HttpRequestInvoker;
using IRequestInvoker = Elastic.Transport.IRequestInvoker;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.SearchApi.Hosting;
using PatentNav.Tests.Elasticsearch;

namespace PatentNav.SearchApi.Tests;

/// <summary>
/// The service with a cluster configured: unreachable (every answer from the embedded index, Degraded, writes in the
/// journal) and scripted (answers from the cluster, fallback during an outage, the journal replayed when it is back).
/// </summary>
public sealed class ClusterServiceTests : IDisposable
{
    private readonly ScratchFolder _data = new("patentnav-cluster-service-");

    public void Dispose() => _data.Dispose();

    private static readonly object[] Patents =
    [
        new { publicationNumber = "CN113914863A", title = "一种近水平薄矿体智能掘进机机械开采方法", @abstract = "用智能掘进机对各矿块进行回采，采用房柱采矿方式。", ipc = new[] { "E21C41/16" }, applicationDate = "2021-10-14" },
        new { publicationNumber = "CN114232276A", title = "一种衣物处理装置的预约控制方法", @abstract = "获取用户信息；预估所需的衣物处理时长。", ipc = new[] { "D06F33/00" }, applicationDate = "2020-12-22" },
        new { publicationNumber = "CN111504366B", title = "一种锂离子电池正极材料及其制备方法", @abstract = "正极材料由镍钴锰前驱体与锂源烧结而成。", ipc = new[] { "H01M4/525" }, applicationDate = "2019-05-06" },
    ];

    private PatentNavFactory Factory(string url, FakeCluster? cluster = null)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_data.Path, "no-corpus")).FullName;
        return new PatentNavFactory(_data.Path, new Dictionary<string, string?>
        {
            ["PatentNav:DemoCorpus"] = empty,
            ["PatentNav:Elasticsearch:Url"] = url,
            ["PatentNav:Elasticsearch:ReadTimeoutMs"] = "1000",
            ["PatentNav:Elasticsearch:RetryBaseDelayMs"] = "1",
            ["PatentNav:Elasticsearch:JournalReplaySeconds"] = "3600",
        }, cluster is null ? null : s => s.AddSingleton<IRequestInvoker>(new HttpRequestInvoker((_, _) => cluster)));
    }

    private static async Task<JsonElement> Admin(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/index") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJson();
    }

    private static async Task<HttpResponseMessage> Write(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents") { Content = JsonContent.Create(body), Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task With_an_unreachable_cluster_the_service_is_ready_but_degraded_answers_every_read_from_the_embedded_index_and_journals_writes()
    {
        using var factory = Factory("http://127.0.0.1:9");
        using var client = factory.CreateClient();
        var host = factory.Services.GetRequiredService<SearchEngineHost>();
        await host.WhenReady;
        await host.Failover!.MaintainAsync();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readiness = await ready.ReadJson();
        Assert.Equal("Degraded", readiness.GetProperty("status").GetString());
        Assert.Contains("cluster unavailable", readiness.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var written = await Write(client, Patents);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(3, (await written.ReadJson()).GetProperty("added").GetInt32());

        foreach (var uri in new[] { "/api/v1/search?q=掘进机", "/api/v1/search?q=IPC%3DH01M&sort=-applicationDate", "/api/v1/patents/CN113914863A" })
        {
            var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("lucene", (await response.ReadJson()).GetProperty("engine").GetString());
        }
        var novelty = await client.PostAsJsonAsync("/api/v1/novelty", new { text = "用掘进机开采近水平薄矿体，房柱采矿" });
        Assert.Equal(HttpStatusCode.OK, novelty.StatusCode);
        var noveltyJson = await novelty.ReadJson();
        Assert.Equal("lucene", noveltyJson.GetProperty("engine").GetString());
        Assert.Equal("CN113914863A", noveltyJson.GetProperty("hits")[0].GetProperty("id").GetString());

        var admin = await Admin(client);
        Assert.Equal(3, admin.GetProperty("journal").GetProperty("depth").GetInt64());
        var engines = admin.GetProperty("engines").EnumerateArray().ToList();
        Assert.Equal("elasticsearch", engines[0].GetProperty("engine").GetString());
        // Not counted: the cluster could not be asked (null members are left out of responses).
        Assert.False(engines[0].TryGetProperty("documents", out var documents) && documents.ValueKind != JsonValueKind.Null);
        Assert.StartsWith("unavailable", engines[0].GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, engines[1].GetProperty("documents").GetInt64());

        // Operators see the same in the metrics: fallbacks counted, the journal depth, the degraded flag.
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        var metrics = await (await client.SendAsync(scrape)).Content.ReadAsStringAsync();
        Assert.Matches(@"patentnav_engine_journal_depth(\{[^}]*\})? 3", metrics);
        Assert.Matches(@"patentnav_engine_degraded(\{[^}]*\})? 1", metrics);
        Assert.Contains("patentnav_engine_fallbacks_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_cluster_reads_come_from_it_an_outage_falls_back_and_the_journal_is_replayed_when_it_returns()
    {
        var cluster = new FakeCluster();
        using var factory = Factory("http://cluster.test:9200", cluster);
        using var client = factory.CreateClient();
        var host = factory.Services.GetRequiredService<SearchEngineHost>();
        await host.WhenReady;
        await host.Failover!.MaintainAsync();

        Assert.Equal("Healthy", (await (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).ReadJson()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Write(client, Patents[..2])).StatusCode);
        Assert.Equal(2, cluster.Documents.Count);
        var search = await (await client.GetAsync(new Uri("/api/v1/search?q=掘进机", UriKind.Relative))).ReadJson();
        Assert.Equal("elasticsearch", search.GetProperty("engine").GetString());

        cluster.Down = true;
        Assert.Equal(HttpStatusCode.OK, (await Write(client, Patents[2..])).StatusCode);
        var fallback = await (await client.GetAsync(new Uri("/api/v1/search?q=IPC%3DH01M", UriKind.Relative))).ReadJson();
        Assert.Equal("lucene", fallback.GetProperty("engine").GetString());
        Assert.Equal(1, fallback.GetProperty("total").GetInt64());
        var degraded = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", (await degraded.ReadJson()).GetProperty("status").GetString());
        Assert.Equal(1, (await Admin(client)).GetProperty("journal").GetProperty("depth").GetInt64());

        cluster.Down = false;
        await host.Failover.MaintainAsync();
        var admin = await Admin(client);
        Assert.Equal(0, admin.GetProperty("journal").GetProperty("depth").GetInt64());
        Assert.Equal([3L, 3L], admin.GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("documents").GetInt64()));
        Assert.Equal(3, cluster.Documents.Count);
    }
}
