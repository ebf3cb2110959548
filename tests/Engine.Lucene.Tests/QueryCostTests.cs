using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene.Search;

namespace PatentNav.Engine.Lucene.Tests;

/// <summary>Every search stops when its caller gives up, and wildcard expansion has one budget per request.</summary>
public sealed class QueryCostTests : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>600 records whose abstracts share the word 矿块, so a match-all or a common word visits every segment.</summary>
    private LucenePatentIndex OpenWithCopies(int copies = 600)
    {
        var index = LucenePatentIndex.Open(_dir.Path);
        var records = Enumerable.Range(0, copies).Select(i => Samples.Mining with { Id = $"KP-T-{i:D4}", PublicationNumber = null }).ToList();
        index.Upsert(records);
        index.Commit();
        return index;
    }

    [Fact]
    public void A_cancelled_search_throws_instead_of_answering()
    {
        using var index = OpenWithCopies();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(new SearchRequest { Query = new MatchAllNode() }, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(new SearchRequest { Query = new TextNode(SearchField.Keywords, "矿块"), Facets = [new FacetRequest(FacetField.IpcSubclass)] }, cancelled.Token));
        // The same request without the token answers in full.
        Assert.Equal(600, index.Search(new SearchRequest { Query = new MatchAllNode(), Size = 0 }).Total);
    }

    [Fact]
    public void Collection_stops_within_a_few_hundred_documents_of_the_cancellation()
    {
        using var index = OpenWithCopies();
        using var lease = index.AcquireSearcher();
        using var cancel = new CancellationTokenSource();
        var counter = new CountingCollector(cancelAt: 100, cancel);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            lease.Searcher.Search(new MatchAllDocsQuery(), new CancellableCollector(counter, cancel.Token)));
        Assert.InRange(counter.Collected, 100, 100 + 256);
    }

    [Fact]
    public void Wildcards_of_the_query_and_its_filters_share_one_expansion_budget()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        // Twenty distinct words under one prefix: each wildcard alone expands to 20 terms.
        index.Upsert([.. Enumerable.Range(0, 20).Select(i => Samples.Mining with { Id = $"KP-W-{i:D2}", PublicationNumber = null, Title = $"矿块编号 zz{(char)('a' + i)}{(char)('a' + i)}x 号", Abstract = null, Claims = null })]);
        index.Commit();
        var wildcard = new WildcardNode(SearchField.Title, "zz*");
        Assert.Equal(20, index.Search(new SearchRequest { Query = wildcard, MaxTermExpansions = 25 }).Total);
        var refused = Assert.Throws<QueryParseException>(() => index.Search(new SearchRequest { Query = wildcard, Filters = [wildcard], MaxTermExpansions = 25 }));
        Assert.Equal("limit", refused.Kind);
    }

    [Fact]
    public void An_ast_over_lucenes_clause_limit_is_a_limit_error_not_an_exception_from_lucene()
    {
        using var index = OpenWithCopies(10);
        var tooMany = new OrNode([.. Enumerable.Range(0, BooleanQuery.MaxClauseCount + 1).Select(i => (QueryNode)new KeywordNode(SearchField.PublicationNumber, $"CN{i}A"))]);
        var refused = Assert.Throws<QueryParseException>(() => index.Search(new SearchRequest { Query = tooMany }));
        Assert.Equal("limit", refused.Kind);
    }

    [Fact]
    public void Commit_data_of_earlier_commits_carries_forward()
    {
        using (var index = LucenePatentIndex.Open(_dir.Path))
        {
            index.Commit(new Dictionary<string, string> { ["bootstrap"] = "complete" });
            index.Upsert([Samples.Mining]);
            index.Commit(new Dictionary<string, string> { ["pipeline"] = "api" });
            Assert.Equal("complete", index.LastCommitData["bootstrap"]);
            index.Commit(new Dictionary<string, string> { ["bootstrap"] = "indexing" });
        }
        using var reopened = LucenePatentIndex.Open(_dir.Path);
        Assert.Equal("indexing", reopened.LastCommitData["bootstrap"]);
        Assert.Equal("api", reopened.LastCommitData["pipeline"]);
    }

    /// <summary>Counts collected documents and cancels the token at the given count, as a client hanging up mid-query.</summary>
    private sealed class CountingCollector(int cancelAt, CancellationTokenSource cancel) : ICollector
    {
        public int Collected { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc)
        {
            if (++Collected == cancelAt)
            {
                cancel.Cancel();
            }
        }

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void SetScorer(Scorer scorer)
        {
        }
    }
}
