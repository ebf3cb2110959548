using System.Text.Json;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Tests.Contract;

namespace PatentNav.Engine.Lucene.Tests;

public sealed class ParallelAggregationTests : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Counting_segments_in_parallel_gives_exactly_the_counts_of_one_sequential_pass()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        // Several commits: several segments to split over the cores.
        foreach (var chunk in ContractCorpus.Records.Chunk(Math.Max(1, ContractCorpus.Records.Count / 5)))
        {
            index.Upsert(chunk);
            index.Commit();
        }
        var parser = new ExpertQueryParser();
        var figures = new Dictionary<string, AggregationRequest>
        {
            ["years"] = new YearHistogram(FacetField.ApplicationYear, 2015, 2024),
            ["applicants"] = new TermsAggregation(FacetField.Applicant, 5),
            ["inventors"] = new TermsAggregation(FacetField.Inventor, 5),
            ["provinces"] = new TermsAggregation(FacetField.Province, 40),
            ["inventions"] = new FiltersAggregation([new NamedFilter("inventions", new KeywordNode(SearchField.Type, "Invention"))])
            {
                Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.Applicant, 3) },
            },
        };
        var request = new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation([new NamedFilter("mining", parser.Parse("IPC=E21")), new NamedFilter("all", new MatchAllNode())]) { Aggregations = figures },
                ["kinds"] = new TermsAggregation(FacetField.ApplicantKind, 10),
            },
        };

        var parallel = index.Search(request);
        // A request that also wants a hit takes the single-pass path.
        var sequential = index.Search(request with { Size = 1 });

        Assert.True(Directory.GetFiles(_dir.Path, "*.si").Length > 1, "several segments");
        Assert.Equal(sequential.Total, parallel.Total);
        Assert.Equal(ContractCorpus.Records.Count, parallel.Total);
        Assert.Equal(JsonSerializer.Serialize(sequential.Aggregations), JsonSerializer.Serialize(parallel.Aggregations));
        Assert.True(parallel.Aggregations["nodes"].Buckets.Single(b => b.Key == "all").Count == ContractCorpus.Records.Count);
    }
}
