using System.Net;
using System.Text.Json.Nodes;
using Elastic.Transport;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene;
using PatentNav.Tests.Contract;

namespace PatentNav.Engine.Elasticsearch.Tests;

/// <summary>
/// A real cluster at <c>PATENTNAV_ES_URL</c> (with <c>PATENTNAV_ES_API_KEY</c>, or user and password, when secured),
/// holding the contract corpus in an index of its own that is deleted afterwards, beside an embedded index of the same
/// records. Without the variable every live test is skipped and says why.
/// </summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    public static readonly string? Url = Environment.GetEnvironmentVariable("PATENTNAV_ES_URL");

    public const string SkipReason = "PATENTNAV_ES_URL is not set: no Elasticsearch cluster to run the live suite against (docker compose -f docker/compose.yaml up elasticsearch, then PATENTNAV_ES_URL=http://localhost:9200).";

    private readonly string _embeddedDir = Path.Combine(Path.GetTempPath(), "patentnav-live-" + Guid.NewGuid().ToString("N"));

    public ElasticsearchPatentIndex? Cluster { get; private set; }

    public LucenePatentIndex? Embedded { get; private set; }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            return;
        }
        var options = new ElasticsearchOptions
        {
            Url = Url,
            ApiKey = Environment.GetEnvironmentVariable("PATENTNAV_ES_API_KEY"),
            Username = Environment.GetEnvironmentVariable("PATENTNAV_ES_USER"),
            Password = Environment.GetEnvironmentVariable("PATENTNAV_ES_PASSWORD"),
            CertificateFingerprint = Environment.GetEnvironmentVariable("PATENTNAV_ES_FINGERPRINT"),
            IndexAlias = "patentnav-test-" + Guid.NewGuid().ToString("N")[..8],
            NumberOfReplicas = 0,
            ReadTimeoutMs = 30_000,
        };
        Cluster = new ElasticsearchPatentIndex(ElasticsearchClientFactory.Create(options), options);
        await Cluster.EnsureIndexAsync();
        var outcome = await Cluster.BulkAsync([.. ContractCorpus.Records.Select(ClusterWrite.Upsert)]);
        Assert.True(outcome.Complete, string.Join("; ", outcome.Failed.Select(f => f.Reason)));
        await Cluster.CommitAsync();
        Embedded = LucenePatentIndex.Open(_embeddedDir);
        Embedded.Upsert(ContractCorpus.Records);
        Embedded.Commit();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.Client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.DELETE, "/" + PatentIndexTemplate.IndexName(Cluster.Alias), CancellationToken.None);
        }
        Embedded?.Dispose();
        if (Directory.Exists(_embeddedDir))
        {
            Directory.Delete(_embeddedDir, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveClusterGroup : ICollectionFixture<LiveClusterFixture>
{
    public const string Name = "live cluster";
}

/// <summary>The engine contract, run against the cluster.</summary>
[Collection(LiveClusterGroup.Name)]
public sealed class LiveClusterContractTests(LiveClusterFixture fixture) : EngineContractTests
{
    protected override Task<IPatentSearcher> EngineAsync()
    {
        Skip.If(fixture.Cluster is null, LiveClusterFixture.SkipReason);
        return Task.FromResult<IPatentSearcher>(fixture.Cluster!);
    }
}

/// <summary>Both engines over the same records: identical totals, facet counts and analysis.</summary>
[Collection(LiveClusterGroup.Name)]
public sealed class LiveParityTests(LiveClusterFixture fixture)
{
    private static readonly ExpertQueryParser Parser = new();

    public static TheoryData<string> Queries => [.. EngineContractTests.ExpertQueries];

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task Each_expert_test_query_finds_the_same_documents_in_both_engines(string query)
    {
        Skip.If(fixture.Cluster is null, LiveClusterFixture.SkipReason);
        var request = new SearchRequest { Query = Parser.Parse(query), Size = 300, Sort = SortOrder.ApplicationDateDesc, IncludeRecords = false };
        var embedded = await fixture.Embedded!.SearchAsync(request);
        var cluster = await fixture.Cluster!.SearchAsync(request);
        Assert.Equal(embedded.Total, cluster.Total);
        Assert.Equal(embedded.Hits.Select(h => h.Id), cluster.Hits.Select(h => h.Id));
    }

    [SkippableFact]
    public async Task Facet_counts_are_identical()
    {
        Skip.If(fixture.Cluster is null, LiveClusterFixture.SkipReason);
        var request = new SearchRequest
        {
            Query = Parser.Parse("电池 OR 装置 OR 方法"),
            Size = 0,
            Facets = [.. Enum.GetValues<FacetField>().Select(f => new FacetRequest(f, 20))],
        };
        var embedded = await fixture.Embedded!.SearchAsync(request);
        var cluster = await fixture.Cluster!.SearchAsync(request);
        foreach (var facet in Enum.GetValues<FacetField>())
        {
            Assert.Equal(embedded.Facets[facet].Select(b => (b.Value, b.Count)), cluster.Facets[facet].Select(b => (b.Value, b.Count)));
        }
    }

    [SkippableTheory]
    [InlineData("patent_words", false)]
    [InlineData("patent_bigrams", true)]
    public async Task The_cluster_analyses_text_into_the_same_terms_as_the_embedded_index(string analyzer, bool bigrams)
    {
        Skip.If(fixture.Cluster is null, LiveClusterFixture.SkipReason);
        foreach (var record in ContractCorpus.Records.Take(40))
        {
            var text = record.Abstract ?? record.Title ?? "";
            var body = new JsonObject { ["analyzer"] = analyzer, ["text"] = text }.ToJsonString();
            var response = await fixture.Cluster!.Client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.POST,
                $"/{fixture.Cluster.Alias}/_analyze", PostData.String(body), CancellationToken.None);
            Assert.Equal((int)HttpStatusCode.OK, response.ApiCallDetails.HttpStatusCode);
            var theirs = JsonNode.Parse(response.Body)!["tokens"]!.AsArray().Select(t => t!["token"]!.GetValue<string>()).ToList();
            var ours = (bigrams ? QueryAnalysis.Bigrams(text) : QueryAnalysis.Words(text)).Select(t => t.Term).ToList();
            Assert.Equal(ours, theirs);
        }
    }
}
