using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class AdminAndLoadTests(DemoServiceFixture service)
{
    [Fact]
    public async Task Write_endpoints_need_an_api_key()
    {
        var anonymous = await service.Client.PostAsJsonAsync("/api/v1/patents", new[] { new { publicationNumber = "CN300000001A", title = "测试" } });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/patents/CN113914863A") { Headers = { { "X-Api-Key", "wrong" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Client.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task Upsert_indexes_good_records_and_reports_bad_ones_then_delete_removes()
    {
        using var upsert = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = JsonContent.Create(new object[]
            {
                new { publicationNumber = "CN399999991A", title = "一种晋中平遥推光漆器的自动打磨装置", applicants = new[] { "晋中某漆器有限公司" }, address = "山西省晋中市平遥县古城" },
                new { title = "没有身份的记录" },
            }),
        };
        var response = await service.Client.SendAsync(upsert);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJson();
        Assert.Equal(1, result.GetProperty("added").GetInt32() + result.GetProperty("updated").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetArrayLength());

        var found = await (await service.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("TI=推光漆器 AND CO=晋中"), UriKind.Relative))).ReadJson();
        Assert.Equal(1, found.GetProperty("total").GetInt64());

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/patents/CN399999991A") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync(new Uri("/api/v1/patents/CN399999991A", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Many_parallel_searches_succeed_while_documents_are_upserted()
    {
        try
        {
            await SearchWhileWriting();
        }
        finally
        {
            // The fixture is shared with exact-count tests: leave the corpus as this test found it, whatever the run order.
            for (var i = 0; i < 20; i++)
            {
                using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/patents/CN3888888{i:D2}A") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
                await service.Client.SendAsync(delete);
            }
        }
        var left = await (await service.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("TI=并发写入测试用"), UriKind.Relative))).ReadJson();
        Assert.Equal(0, left.GetProperty("total").GetInt64());
    }

    private async Task SearchWhileWriting()
    {
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
                {
                    Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
                    Content = JsonContent.Create(new[] { new { publicationNumber = $"CN3888888{i:D2}A", title = $"一种并发写入测试用的监测装置{i}" } }),
                };
                (await service.Client.SendAsync(request)).EnsureSuccessStatusCode();
            }
        });
        var queries = new[] { "传感器", "TI=电池 AND IPC=H01M", "掘进机 OR 矿体" };
        var reads = Enumerable.Range(0, 120).Select(async i =>
        {
            var response = await service.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(queries[i % queries.Length]), UriKind.Relative));
            return response.StatusCode;
        }).ToList();
        var novelty = Enumerable.Range(0, 12).Select(async _ =>
            (await service.Client.PostAsJsonAsync("/api/v1/novelty", new { text = "一种基于传感器的矿山设备状态监测系统" })).StatusCode).ToList();
        await writes;
        Assert.All(await Task.WhenAll(reads), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(await Task.WhenAll(novelty), s => Assert.Equal(HttpStatusCode.OK, s));
        var total = await (await service.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("TI=并发写入测试用"), UriKind.Relative))).ReadJson();
        Assert.Equal(20, total.GetProperty("total").GetInt64());
    }
}

public sealed class RateLimitTests : IDisposable
{
    private readonly ScratchFolder _dataDirFolder = new("patentnav-ratelimit-");

    private string _dataDir => _dataDirFolder.Path;

    public void Dispose() => _dataDirFolder.Dispose();

    [Fact]
    public async Task Clients_over_the_limit_get_429_with_retry_after_while_health_stays_open()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dataDir, "no-corpus")).FullName;
        using var factory = new PatentNavFactory(_dataDir, new Dictionary<string, string?>
        {
            ["PatentNav:RateLimit:PermitLimit"] = "3",
            ["PatentNav:RateLimit:WindowSeconds"] = "60",
            ["PatentNav:DemoCorpus"] = empty,
        });
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.GetAsync(new Uri("/api/v1/patents/CN113914863A", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.True(last!.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }
}

/// <summary>An upgrade that bundles more data: a complete index picks up what the changed corpus adds on its next start.</summary>
public sealed class BundledCorpusChangeTests : IDisposable
{
    private readonly ScratchFolder _scratch = new("patentnav-corpus-change-");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_changed_bundled_corpus_is_indexed_again_and_an_unchanged_one_is_not()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_scratch.Path, "corpus")).FullName;
        var dataDir = Path.Combine(_scratch.Path, "data");
        var lines = File.ReadLines(Path.Combine(RepoPaths.Demo, "kppatent-tac.jsonl")).Take(40).ToList();
        File.WriteAllLines(Path.Combine(corpus, "first.jsonl"), lines.Take(20));
        var settings = new Dictionary<string, string?> { ["PatentNav:DemoCorpus"] = corpus };

        // The last commit's time tells whether a start wrote anything.
        async Task<(long Documents, string? Fingerprint, string? CommittedAt)> Start()
        {
            using var factory = new PatentNavFactory(dataDir, settings);
            var host = factory.Services.GetRequiredService<SearchEngineHost>();
            await host.WhenReady;
            Assert.True(host.IsReady, host.FailureDetail);
            var stats = await host.Engines.Admin.GetStatsAsync();
            var index = host.Engines.Searcher as PatentNav.Engine.Lucene.LucenePatentIndex;
            var commit = index?.LastCommitData;
            return (stats[0].Documents ?? -1, commit?.GetValueOrDefault(SearchEngineHost.BootstrapFingerprintKey), commit?.GetValueOrDefault("committedAt"));
        }

        var first = await Start();
        Assert.Equal(20, first.Documents);
        // The corpus's content and the document layout: a new layout (fields a release adds) indexes the corpus again too.
        Assert.Equal(SearchEngineHost.BootstrapFingerprint(corpus), first.Fingerprint);
        Assert.StartsWith(PatentNav.Ingestion.Readers.CorpusFingerprint.Of(corpus), first.Fingerprint, StringComparison.Ordinal);
        Assert.EndsWith($";layout={PatentNav.Engine.Lucene.LucenePatentIndex.DocumentLayoutVersion}", first.Fingerprint, StringComparison.Ordinal);

        var again = await Start();
        Assert.Equal(first, again);

        File.WriteAllLines(Path.Combine(corpus, "second.jsonl"), lines.Skip(20));
        var upgraded = await Start();
        Assert.Equal(40, upgraded.Documents);
        Assert.NotEqual(first.Fingerprint, upgraded.Fingerprint);
        Assert.Equal(SearchEngineHost.BootstrapFingerprint(corpus), upgraded.Fingerprint);
    }
}
