using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Tests.Contract;

namespace PatentNav.Engine.Lucene.Tests;

public sealed class ParallelSearchTests : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public ParallelSearchTests()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        // Several commits: several segments to split over the slices.
        foreach (var chunk in ContractCorpus.Records.Chunk(Math.Max(1, ContractCorpus.Records.Count / 7)))
        {
            index.Upsert(chunk);
            index.Commit();
        }
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Requests => ["novelty", "expert", "filtered", "by-date", "all"];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Scoring_segments_in_parallel_returns_the_hits_totals_and_cursors_of_one_sequential_pass(string kind)
    {
        using var sequential = LucenePatentIndex.Open(_dir.Path, new LuceneIndexOptions { ReadOnly = true, SearchThreads = 1 });
        using var parallel = LucenePatentIndex.Open(_dir.Path, new LuceneIndexOptions { ReadOnly = true, SearchThreads = 3 });
        var parser = new ExpertQueryParser();
        var novelty = new WeightedTermsNode(
            [new WeightedTerm("电池", 2f, false), new WeightedTerm("装置", 1f, false), new WeightedTerm("方法", 0.5f, false), new WeightedTerm("电极", 1.5f, true)],
            [SearchField.Title, SearchField.Abstract, SearchField.Claims]);
        var request = kind switch
        {
            "novelty" => new SearchRequest { Query = novelty, Size = 25, ReportMatchedTerms = true },
            "expert" => new SearchRequest { Query = parser.Parse("TI=(系统 OR 装置) OR AB=方法"), Size = 20 },
            "filtered" => new SearchRequest { Query = novelty, Filters = [parser.Parse("PA=太原理工大学 OR PA=中北大学")], Size = 10 },
            "by-date" => new SearchRequest { Query = novelty, Sort = SortOrder.ApplicationDateDesc, Size = 15 },
            _ => new SearchRequest { Query = new MatchAllNode(), Size = 30 },
        };
        Assert.True(Directory.GetFiles(_dir.Path, "*.si").Length > 3, "several segments");

        // Three pages by cursor and one by offset: each must equal the sequential page, hit for hit.
        var page = request;
        for (var i = 0; i < 3; i++)
        {
            var expected = sequential.Search(page);
            var actual = parallel.Search(page);
            Assert.NotEmpty(expected.Hits);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Hits.Select(h => string.Join(',', h.MatchedTerms)), actual.Hits.Select(h => string.Join(',', h.MatchedTerms)));
            Assert.Equal(expected.NextCursor, actual.NextCursor);
            if (expected.NextCursor is null)
            {
                break;
            }
            page = page with { SearchAfter = expected.NextCursor };
        }
        var offset = request with { From = 7 };
        Assert.Equal(sequential.Search(offset).Hits.Select(h => h.Id), parallel.Search(offset).Hits.Select(h => h.Id));
    }
}
