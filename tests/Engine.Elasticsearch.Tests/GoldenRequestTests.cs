using System.Text.Json;
using System.Text.Json.Nodes;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Elasticsearch.Tests;

/// <summary>
/// The request bodies the cluster receives, one per query node type and request feature, as they leave the client's HTTP
/// pipeline, compared with the reviewed files in Golden/. A change to the compiler that changes what the cluster is
/// asked fails here until the golden file is regenerated (<c>PATENTNAV_UPDATE_GOLDEN=1</c>) and the diff reviewed against
/// the Elasticsearch reference.
/// </summary>
public sealed class GoldenRequestTests
{
    private static readonly ExpertQueryParser Parser = new();

    public static TheoryData<string, string> Queries => new()
    {
        { "match-all", "*" },
        { "and", "TI=电池 AND IPC=H01M" },
        { "or", "TI=电池 OR TI=电容器" },
        { "not", "TI=电池 NOT TI=燃料" },
        { "text", "锂离子电池正极材料" },
        { "phrase", "TI=\"正极材料\"" },
        { "phrase-one-character", "TI=\"锂\"" },
        { "proximity", "TX=(电机 NEAR/5 控制)" },
        { "proximity-ordered", "AB=(锂电池 3W 正极材料)" },
        { "wildcard-keyword", "PN=CN1139*" },
        { "wildcard-text", "TI=电*" },
        { "keyword", "TYPE=发明" },
        { "applicant", "PA=太原理工大学" },
        { "ipc-subclass", "IPC=H01M" },
        { "ipc-subgroup-prefix", "IPC=H01M10/05" },
        { "main-ipc", "MIPC=H01M" },
        { "date-range", "AD>=2018-01-01 AND AD<2020-01-01" },
        { "region", "CO=140700" },
        { "legal-status", "LS=有效" },
        { "applicant-kind", "APT=大专院校" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_query_node_type_sends_the_reviewed_query(string name, string query)
    {
        var node = query == "*" ? new MatchAllNode() : Parser.Parse(query);
        await AssertGolden($"query-{name}", new SearchRequest { Query = node, Size = 10 });
    }

    [Fact]
    public async Task Weighted_novelty_terms_are_boosted_term_queries_named_after_their_term()
    {
        await AssertGolden("query-weighted-terms", new SearchRequest
        {
            Query = new WeightedTermsNode([new WeightedTerm("电池", 1), new WeightedTerm("正极", 0.5f), new WeightedTerm("极材", 0.3f, Bigram: true)], [SearchField.Title, SearchField.Abstract]),
            Size = 50,
            ReportMatchedTerms = true,
        });
    }

    [Fact]
    public async Task Filters_ids_facets_and_aggregations_go_in_one_request()
    {
        await AssertGolden("request-aggregations", new SearchRequest
        {
            Query = Parser.Parse("电池"),
            Filters = [Parser.Parse("AD>=2015-01-01"), new FilterNode(new MatchAllNode(), Parser.Parse("LS=有效"))],
            Size = 0,
            Facets = [new FacetRequest(FacetField.IpcSubclass, 10), new FacetRequest(FacetField.ApplicationYear, 5)],
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation([new NamedFilter("储能", Parser.Parse("IPC=H01M")), new NamedFilter("光伏", Parser.Parse("IPC=H02S"))])
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["years"] = new YearHistogram(FacetField.ApplicationYear, 2015, 2024) },
                },
                ["applicants"] = new TermsAggregation(FacetField.Applicant, 20)
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["years"] = new YearHistogram(FacetField.ApplicationYear) },
                },
            },
        });
    }

    [Fact]
    public async Task A_map_node_counts_kinds_inventors_partners_and_the_world_outside_the_region()
    {
        await AssertGolden("request-map-node", new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = [Parser.Parse("AD>=2015-01-01 AND AD<=2024-12-31"), Parser.Parse("PNC=CN")],
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation([new NamedFilter("储能", Parser.Parse("IPC=H01M"))])
                {
                    Aggregations = new Dictionary<string, AggregationRequest>
                    {
                        ["kinds"] = new TermsAggregation(FacetField.ApplicantKind, 7),
                        ["inventors"] = new TermsAggregation(FacetField.Inventor, 10),
                        ["outside"] = new FiltersAggregation([new NamedFilter("outside", new NotNode(new MatchAllNode(), Parser.Parse("CO=140700")))])
                        {
                            Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.Applicant, 10) },
                        },
                        ["partners"] = new FiltersAggregation([new NamedFilter("partners", Parser.Parse("TYPE=发明 AND LS=有效"))])
                        {
                            Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.AcademicApplicant, 10) },
                        },
                    },
                },
            },
        });
    }

    [Fact]
    public async Task A_terms_count_restricted_to_listed_values_sends_them_as_an_exact_include_list()
    {
        await AssertGolden("request-terms-include", new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["earlier"] = new TermsAggregation(FacetField.Applicant, 2) { Include = ["太原理工大学", "山西.*公司(测试)"] },
            },
        });
    }

    [Fact]
    public async Task Highlights_ask_for_marked_html_escaped_fragments()
    {
        await AssertGolden("request-highlight", new SearchRequest { Query = Parser.Parse("TI=电池"), Size = 10, Highlight = true, Ids = ["CN113914863A", "CN114232276A"] });
    }

    [Fact]
    public async Task A_date_cursor_continues_after_the_date_and_identity_it_carries()
    {
        var cursor = SearchCursor.ForHit(SortOrder.ApplicationDateDesc, 0, 20210315, "CN113914863A").Encode();
        await AssertGolden("request-cursor-date", new SearchRequest { Query = Parser.Parse("电池"), Size = 20, Sort = SortOrder.ApplicationDateDesc, SearchAfter = cursor });
    }

    [Fact]
    public async Task A_relevance_cursor_continues_after_the_score_and_identity_it_carries()
    {
        var cursor = SearchCursor.ForHit(SortOrder.Relevance, 3.25f, 0, "CN113914863A").Encode();
        await AssertGolden("request-cursor-relevance", new SearchRequest { Query = Parser.Parse("电池"), Size = 20, SearchAfter = cursor, IncludeRecords = false });
    }

    [Fact]
    public void The_index_is_created_with_the_reviewed_mapping_and_our_stop_list()
    {
        var body = PatentIndexTemplate.CreateIndexBody("patentnav", 1, 1);
        var stop = body["settings"]!["analysis"]!["filter"]!["patent_stop"]!["stopwords"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("所述", stop);
        Assert.Contains("，", stop);
        Assert.Equal(PatentIndexTemplate.StopWords(), stop);
        // The stop list itself is checked above; the golden file pins the rest of the mapping.
        body["settings"]!["analysis"]!["filter"]!["patent_stop"]!["stopwords"] = new JsonArray("(the stop list of PatentAnalysis.StopWords)");
        Golden.Assert("index-create", body);
    }

    private static async Task AssertGolden(string name, SearchRequest request)
    {
        var cluster = new FakeCluster();
        var engine = new ElasticsearchPatentIndex(cluster.Client(), FakeCluster.Options());
        await engine.SearchAsync(request);
        var sent = cluster.Requests.Single(r => r.Path.EndsWith("/_search", StringComparison.Ordinal));
        Golden.Assert(name, JsonNode.Parse(sent.Body)!);
    }
}

/// <summary>Compares JSON with a checked-in file; <c>PATENTNAV_UPDATE_GOLDEN=1</c> rewrites the file in the source tree instead.</summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Assert(string name, JsonNode actual)
    {
        var text = actual.ToJsonString(Indented) + "\n";
        var source = Path.Combine(RepoPaths.Root, "tests", "Engine.Elasticsearch.Tests", "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("PATENTNAV_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, text);
            return;
        }
        Xunit.Assert.True(File.Exists(source), $"No golden file {source}: run with PATENTNAV_UPDATE_GOLDEN=1 and review it.");
        var expected = JsonNode.Parse(File.ReadAllText(source))!;
        Xunit.Assert.True(JsonNode.DeepEquals(expected, actual), $"The request for {name} differs from Golden/{name}.json:\n{text}");
    }
}
