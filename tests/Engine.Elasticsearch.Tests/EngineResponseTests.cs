using System.Net;
using System.Text.Json.Nodes;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Query;
using PatentNav.Tests.Contract;

namespace PatentNav.Engine.Elasticsearch.Tests;

/// <summary>
/// How the engine reads what a cluster answers: realistic responses (shapes from the Elasticsearch 9 reference, with
/// <c>typed_keys</c> as the client asks for them) and every failure a cluster produces.
/// </summary>
public sealed class EngineResponseTests
{
    private static readonly ExpertQueryParser Parser = new();

    private static (FakeCluster Cluster, ElasticsearchPatentIndex Engine) Create(ElasticsearchOptions? options = null)
    {
        var cluster = new FakeCluster();
        var settings = options ?? FakeCluster.Options();
        return (cluster, new ElasticsearchPatentIndex(cluster.Client(settings), settings));
    }

    private static string Source(PatentRecord record) => new JsonObject { ["record"] = JsonNode.Parse(PatentJson.SerializeToUtf8(record)) }.ToJsonString();

    [Fact]
    public async Task A_search_answer_gives_hits_records_highlights_matched_terms_aggregations_and_the_next_cursor()
    {
        var (cluster, engine) = Create();
        var first = ContractCorpus.Records[0];
        var second = ContractCorpus.Records[1];
        cluster.Override = (_, path, _) => path.EndsWith("/_search", StringComparison.Ordinal) ? FakeCluster.Json(HttpStatusCode.OK, """
            {"took":12,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":57,"relation":"eq"},"max_score":8.5,"hits":[
               {"_index":"patentnav-v1","_id":"FIRST_ID","_score":8.5,"_source":FIRST_SOURCE,
                "highlight":{"title":["一种<mark>电池</mark>及其&lt;制备&gt;方法"]},"matched_queries":["电池","正极"],"sort":[8.5,"FIRST_ID"]},
               {"_index":"patentnav-v1","_id":"SECOND_ID","_score":7.25,"_source":SECOND_SOURCE,
                "matched_queries":["电池"],"sort":[7.25,"SECOND_ID"]}]},
             "aggregations":{
               "sterms#f.type":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Invention","doc_count":40},{"key":"UtilityModel","doc_count":17}]},
               "lterms#f.ay":{"doc_count_error_upper_bound":0,"sum_other_doc_count":3,"buckets":[{"key":2021,"doc_count":20},{"key":2020,"doc_count":14}]},
               "sterms#a.applicants":{"doc_count_error_upper_bound":0,"sum_other_doc_count":30,"buckets":[
                 {"key":"太原理工大学","doc_count":15,"histogram#a.years":{"buckets":[{"key":2019.0,"doc_count":5},{"key":2020.0,"doc_count":0},{"key":2021.0,"doc_count":10}]}},
                 {"key":"中北大学","doc_count":12,"histogram#a.years":{"buckets":[{"key":2019.0,"doc_count":12},{"key":2020.0,"doc_count":0},{"key":2021.0,"doc_count":0}]}}]},
               "filters#a.nodes":{"buckets":[{"doc_count":31},{"doc_count":0}]}}}
            """.Replace("FIRST_ID", first.Id, StringComparison.Ordinal).Replace("SECOND_ID", second.Id, StringComparison.Ordinal)
            .Replace("FIRST_SOURCE", Source(first), StringComparison.Ordinal).Replace("SECOND_SOURCE", Source(second), StringComparison.Ordinal)) : null;
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = Parser.Parse("电池"),
            Size = 2,
            Highlight = true,
            ReportMatchedTerms = true,
            Facets = [new FacetRequest(FacetField.Type), new FacetRequest(FacetField.ApplicationYear)],
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["applicants"] = new TermsAggregation(FacetField.Applicant, 2)
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["years"] = new YearHistogram(FacetField.ApplicationYear, 2019, 2021) },
                },
                ["nodes"] = new FiltersAggregation([new NamedFilter("储能", Parser.Parse("IPC=H01M")), new NamedFilter("风电", Parser.Parse("IPC=F03D"))]),
            },
        });
        Assert.Equal("elasticsearch", result.Engine);
        Assert.Equal(57, result.Total);
        Assert.Equal([first.Id, second.Id], result.Hits.Select(h => h.Id));
        Assert.Equal(first.Title, result.Hits[0].Record!.Title);
        Assert.Equal(8.5f, result.Hits[0].Score);
        Assert.Equal("一种<mark>电池</mark>及其&lt;制备&gt;方法", result.Hits[0].Highlights["title"][0]);
        Assert.Equal(["电池", "正极"], result.Hits[0].MatchedTerms);
        Assert.Equal([("Invention", 40L), ("UtilityModel", 17L)], result.Facets[FacetField.Type].Select(b => (b.Value, b.Count)));
        Assert.Equal(["2021", "2020"], result.Facets[FacetField.ApplicationYear].Select(b => b.Value));
        var applicants = result.Aggregations["applicants"];
        Assert.Equal(30, applicants.Other);
        Assert.Equal(["2019", "2020", "2021"], applicants.Buckets[0].Aggregations["years"].Buckets.Select(b => b.Key));
        Assert.Equal([5L, 0L, 10L], applicants.Buckets[0].Aggregations["years"].Buckets.Select(b => b.Count));
        Assert.Equal([("储能", 31L), ("风电", 0L)], result.Aggregations["nodes"].Buckets.Select(b => (b.Key, b.Count)));
        // The next page continues after the last hit's sort values, in the engine-neutral cursor.
        var next = SearchCursor.Decode(result.NextCursor, SortOrder.Relevance)!;
        Assert.Equal((7.25f, second.Id), (next.Score, next.Id));
    }

    [Fact]
    public async Task Bulk_items_rejected_with_429_are_sent_again_and_every_item_is_accounted_for()
    {
        var (cluster, engine) = Create();
        var records = ContractCorpus.Records.Take(40).ToList();
        var rejectOnce = records.Where((_, i) => i % 10 < 3).Select(r => r.Id).ToHashSet();
        var broken = records[5].Id;
        cluster.ItemFault = (id, attempt) => id == broken ? 400 : rejectOnce.Contains(id) && attempt == 1 ? 429 : null;
        var outcome = await engine.BulkAsync([.. records.Select(ClusterWrite.Upsert)]);
        Assert.Equal(39, outcome.Created);
        Assert.Equal(rejectOnce.Count - (rejectOnce.Contains(broken) ? 1 : 0), outcome.Retried);
        var failure = Assert.Single(outcome.Failed);
        Assert.Equal(broken, failure.Write.Id);
        Assert.StartsWith("400 mapper_parsing_exception", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(39, cluster.Documents.Count);
        Assert.Equal(records.Count, outcome.Created + outcome.Updated + outcome.Failed.Count);
    }

    [Fact]
    public async Task Items_still_rejected_after_the_last_retry_are_reported_as_failed_not_dropped()
    {
        var (cluster, engine) = Create();
        var records = ContractCorpus.Records.Take(10).ToList();
        cluster.ItemFault = (id, _) => id == records[3].Id ? 429 : null;
        var outcome = await engine.BulkAsync([.. records.Select(ClusterWrite.Upsert)]);
        Assert.Equal(9, outcome.Created);
        Assert.Equal(records[3].Id, Assert.Single(outcome.Failed).Write.Id);
        Assert.Equal(FakeCluster.Options().BulkRetries, outcome.Retried);
        Assert.Equal(1 + FakeCluster.Options().BulkRetries, cluster.Requests.Count(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bulk_request_the_cluster_refuses_as_a_whole_fails_every_item_with_the_reason()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, path, _) => path.EndsWith("/_bulk", StringComparison.Ordinal)
            ? FakeCluster.Json(HttpStatusCode.ServiceUnavailable, """{"error":{"type":"cluster_block_exception","reason":"index [patentnav-v1] blocked by: [FORBIDDEN/12/index read-only / allow delete (api)];"},"status":503}""")
            : null;
        var outcome = await engine.BulkAsync([.. ContractCorpus.Records.Take(7).Select(ClusterWrite.Upsert), ClusterWrite.Delete("CN1A")]);
        Assert.Equal(8, outcome.Failed.Count);
        Assert.All(outcome.Failed, f => Assert.Contains("503", f.Reason, StringComparison.Ordinal));
        Assert.Empty(cluster.Documents);
    }

    [Fact]
    public async Task Deleting_what_the_cluster_never_had_is_not_a_failure()
    {
        var (_, engine) = Create();
        var outcome = await engine.BulkAsync([ClusterWrite.Delete("CN1A")]);
        Assert.True(outcome.Complete);
        Assert.Equal(1, outcome.NotFound);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure_without_status()
    {
        var (cluster, engine) = Create();
        cluster.Down = true;
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode() }));
        Assert.True(error.Transient);
        Assert.Null(error.Status);
    }

    [Fact]
    public async Task A_429_carries_the_clusters_Retry_After()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, _, _) =>
        {
            var response = FakeCluster.Json(HttpStatusCode.TooManyRequests,
                """{"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"rejected execution of TimedRunnable on QueueResizingEsThreadPoolExecutor[name = node-1/search, queue capacity = 1000]"}],"type":"es_rejected_execution_exception","reason":"rejected execution of TimedRunnable"},"status":429}""");
            response.Headers.Add("Retry-After", "7");
            return response;
        };
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode() }));
        Assert.Equal(429, error.Status);
        Assert.True(error.Transient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task All_shards_failing_is_a_transient_503()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, _, _) => FakeCluster.Json(HttpStatusCode.ServiceUnavailable,
            """{"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"all shards failed","phase":"query","grouped":true,"failed_shards":[]},"status":503}""");
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode() }));
        Assert.Equal(503, error.Status);
        Assert.True(error.Transient);
        Assert.Contains("all shards failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_results_from_failed_shards_are_not_served()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, _, _) => FakeCluster.Json(HttpStatusCode.OK,
            """{"took":5,"timed_out":false,"_shards":{"total":3,"successful":2,"skipped":0,"failed":1,"failures":[{"shard":1,"index":"patentnav-v1","node":"n1","reason":{"type":"node_not_connected_exception","reason":"[n2] Node not connected"}}]},"hits":{"total":{"value":12,"relation":"eq"},"max_score":null,"hits":[]}}""");
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode(), Size = 0 }));
        Assert.Contains("1 of 3 shards failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_cluster_rejects_is_not_worth_retrying()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, _, _) => FakeCluster.Json(HttpStatusCode.BadRequest,
            """{"error":{"root_cause":[{"type":"query_shard_exception","reason":"failed to create query: maxClauseCount is set to 4096"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}""");
        var error = await Assert.ThrowsAsync<ClusterUnavailableException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode() }));
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task A_slow_answer_is_abandoned_when_the_caller_cancels()
    {
        var (cluster, engine) = Create();
        cluster.Delay = TimeSpan.FromSeconds(30);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode() }, timeout.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_index_is_created_once_with_its_alias_and_found_again_later()
    {
        var (cluster, engine) = Create();
        await engine.EnsureIndexAsync();
        var put = Assert.Single(cluster.Requests, r => r.Method == "PUT");
        Assert.Equal("/patentnav-v" + PatentIndexTemplate.MappingVersion, put.Path);
        var body = JsonNode.Parse(put.Body)!;
        Assert.Equal("strict", body["mappings"]!["dynamic"]!.GetValue<string>());
        Assert.True(body["aliases"]!["patentnav"]!["is_write_index"]!.GetValue<bool>());
        await engine.EnsureIndexAsync();
        Assert.Single(cluster.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Losing_the_race_to_create_the_index_is_not_an_error()
    {
        var (cluster, engine) = Create();
        var mappingReads = 0;
        // Another replica creates the index between this one's mapping read and its create request.
        cluster.Override = (method, path, _) =>
        {
            if (method == "GET" && path.EndsWith("/_mapping", StringComparison.Ordinal) && mappingReads++ == 0)
            {
                cluster.CreateIndexWithVersion(PatentIndexTemplate.MappingVersion);
                return FakeCluster.Json(HttpStatusCode.NotFound, """{"error":{"type":"index_not_found_exception","reason":"no such index [patentnav]"},"status":404}""");
            }
            return null;
        };
        await engine.EnsureIndexAsync();
    }

    [Fact]
    public async Task An_index_of_another_mapping_version_is_reported_not_used()
    {
        var (cluster, engine) = Create();
        cluster.CreateIndexWithVersion(PatentIndexTemplate.MappingVersion + 1);
        var error = await Assert.ThrowsAsync<MappingVersionMismatchException>(() => engine.EnsureIndexAsync());
        Assert.Equal(PatentIndexTemplate.MappingVersion + 1, error.Found);
        Assert.Contains("es-sync --rebuild", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Term_statistics_count_each_term_in_each_field_in_one_request_and_keep_the_largest()
    {
        var (cluster, engine) = Create();
        cluster.Override = (_, path, _) => path.EndsWith("/_search", StringComparison.Ordinal) ? FakeCluster.Json(HttpStatusCode.OK,
            """{"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":13459,"relation":"eq"},"max_score":null,"hits":[]},"aggregations":{"filters#df":{"buckets":[{"doc_count":120},{"doc_count":800},{"doc_count":455},{"doc_count":3}]}}}""") : null;
        var stats = await engine.GetTermStatisticsAsync([new TermKey(SearchField.Keywords, "电池", false), new TermKey(SearchField.Title, "钙钛", true)]);
        Assert.Equal([800L, 3L], stats.Select(s => s.DocumentFrequency));
        Assert.All(stats, s => Assert.Equal(13459, s.DocumentCount));
        var body = JsonNode.Parse(cluster.Requests.Single().Body)!;
        Assert.Equal(4, body["aggregations"]!["df"]!["filters"]!["filters"]!.AsArray().Count);
    }
}
