using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Engine;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Runs one <see cref="SearchRequest"/> on one searcher: query, filters, sort, paging, facets and exact totals.</summary>
/// <param name="filters">Filters of aggregation queries by query node, kept by the index across requests.</param>
/// <param name="threads">Most slices of segments one request scores in parallel.</param>
internal sealed class LuceneSearchExecutor(IndexSearcher searcher, LuceneQueryCompiler compiler, global::Lucene.Net.Analysis.Analyzer analyzer, string engineName, AggregationFilterCache filters, int threads)
{
    /// <summary>
    /// A counts-only aggregation request (a navigation map) with its segments split over the cores: each slice counts its
    /// segments with its own collector, then the counts are added. The numbers are those of one sequential pass.
    /// </summary>
    private SearchResult CountInParallel(SearchRequest request, Query query, Filter? filter, AggregationCollector first, int slices, CancellationToken token)
    {
        var weight = searcher.CreateNormalizedWeight(filter is null ? query : new FilteredQuery(query, filter));
        var collectors = new AggregationCollector[slices];
        var totals = new int[slices];
        collectors[0] = first;
        ScoreSlices(weight, slices, slice =>
        {
            collectors[slice] ??= new AggregationCollector(searcher, node => filters.FilterOf(node, Compile), request.Aggregations, token);
            var total = new TotalHitCountCollector();
            return (MultiCollector.Wrap(total, collectors[slice]), () => totals[slice] = total.TotalHits);
        }, token);
        for (var slice = 1; slice < slices; slice++)
        {
            first.Merge(collectors[slice]);
        }
        return new SearchResult(totals.Sum(), [], new Dictionary<FacetField, IReadOnlyList<FacetBucket>>(), null, engineName)
        {
            Aggregations = first.Result(),
        };
    }

    /// <summary>
    /// Scores the segments in <paramref name="slices"/> parallel slices, each into the collector <paramref name="collectorOf"/>
    /// gives it (and its completion once its segments are done): the search of one segment is what one core does.
    /// </summary>
    private void ScoreSlices(Weight weight, int slices, Func<int, (ICollector Collector, Action Done)> collectorOf, CancellationToken token)
    {
        var leaves = searcher.IndexReader.Leaves;
        try
        {
            Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices, CancellationToken = token }, ScoreSlice);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            // The caller maps engine errors by type (a cancelled request, an over-expanded query): the first one as thrown.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        void ScoreSlice(int slice)
        {
            var (inner, done) = collectorOf(slice);
            var collector = new CancellableCollector(inner, token);
            // Round robin over segments, which the merge policy keeps roughly sorted by size: slices get similar work.
            for (var i = slice; i < leaves.Count; i += slices)
            {
                var leaf = leaves[i];
                collector.SetNextReader(leaf);
                weight.GetBulkScorer(leaf, !collector.AcceptsDocsOutOfOrder, leaf.AtomicReader.LiveDocs)?.Score(collector);
            }
            done();
        }
    }

    /// <summary>
    /// The top hits of a scored query, its segments split over the cores (<see cref="LuceneIndexOptions.SearchThreads"/>):
    /// each slice keeps its own top <paramref name="numHits"/> and count, then they are merged in the request's order,
    /// which ends with the id, so the hits and their order are those of one sequential pass (novelty's 300-clause OR query
    /// spends most of its time here).
    /// </summary>
    private (TopDocs Docs, int Total) TopInParallel(Query query, Filter? filter, Sort sort, int numHits, FieldDoc? after, int from, int size, int slices, CancellationToken token)
    {
        var weight = searcher.CreateNormalizedWeight(filter is null ? query : new FilteredQuery(query, filter));
        var tops = new TopDocs[slices];
        var totals = new int[slices];
        ScoreSlices(weight, slices, slice =>
        {
            var top = TopCollector(sort, numHits, after);
            var total = new TotalHitCountCollector();
            return (MultiCollector.Wrap(total, top), () => (tops[slice], totals[slice]) = (top.GetTopDocs(), total.TotalHits));
        }, token);
        return (TopDocs.Merge(sort, from, size, tops), totals.Sum());
    }

    public SearchResult Execute(SearchRequest request, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var query = Compile(request.Query);
        var filterQueries = request.Filters.Select(Compile).ToList();
        Filter? filter = null;
        if (filterQueries.Count > 0 || request.Ids is not null)
        {
            var all = new BooleanQuery();
            foreach (var filterQuery in filterQueries)
            {
                all.Add(filterQuery, Occur.MUST);
            }
            if (request.Ids is not null)
            {
                all.Add(request.Ids.Count == 0 ? new BooleanQuery() : new TermsFilterQuery(request.Ids), Occur.MUST);
            }
            filter = new QueryWrapperFilter(all);
        }

        CheckExpansions(request.MaxTermExpansions, [query, .. filterQueries], request.Aggregations, token);
        var size = Math.Max(0, request.Size);
        var after = AfterOf(SearchCursor.Decode(request.SearchAfter, request.Sort));
        var numHits = Math.Max(1, (after is null ? request.From : 0) + size);
        // Every order ends with the identity as tie-breaker, as in Elasticsearch, so a cursor means the same in both.
        var sort = SortOf(request.Sort);
        var facets = request.Facets.Count > 0 ? new FacetCollector(searcher.IndexReader, request.Facets) : null;
        AggregationLimits.Validate(request.Aggregations);
        var aggregations = request.Aggregations.Count > 0 ? new AggregationCollector(searcher, node => filters.FilterOf(node, Compile), request.Aggregations, token) : null;
        var slices = Math.Min(threads, searcher.IndexReader.Leaves.Count);
        if (aggregations is not null && facets is null && size == 0 && after is null && slices > 1)
        {
            return CountInParallel(request, query, filter, aggregations, slices, token);
        }
        TopDocs docs;
        int totalHits;
        if (facets is null && aggregations is null && size > 0 && slices > 1)
        {
            (docs, totalHits) = TopInParallel(query, filter, sort, numHits, after, after is null ? request.From : 0, size, slices, token);
        }
        else
        {
            var top = TopCollector(sort, numHits, after);
            var totalCounter = new TotalHitCountCollector();
            // A count-and-facets request (size 0, the navigation maps' case) needs no scores: no top collector at all.
            var collectors = new List<ICollector>(4) { totalCounter };
            if (size > 0 || after is not null)
            {
                collectors.Add(top);
            }
            if (facets is not null)
            {
                collectors.Add(facets);
            }
            if (aggregations is not null)
            {
                collectors.Add(aggregations);
            }
            searcher.Search(query, filter, new CancellableCollector(MultiCollector.Wrap([.. collectors]), token));
            (docs, totalHits) = (top.GetTopDocs(after is null ? request.From : 0, size), totalCounter.TotalHits);
        }
        var hits = new List<SearchHit>(docs.ScoreDocs.Length);
        var enricher = request.Highlight || request.ReportMatchedTerms ? new HitEnricher(searcher, query, analyzer, [.. docs.ScoreDocs.Select(d => d.Doc)]) : null;
        foreach (var scoreDoc in docs.ScoreDocs)
        {
            token.ThrowIfCancellationRequested();
            var record = LucenePatentIndex.LoadRecord(searcher, scoreDoc.Doc);
            hits.Add(new SearchHit(
                record.Id,
                float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score,
                request.IncludeRecords ? record : null,
                request.Highlight ? enricher!.Highlight(scoreDoc.Doc, record) : new Dictionary<string, IReadOnlyList<string>>())
            {
                MatchedTerms = request.ReportMatchedTerms ? enricher!.MatchedTerms(scoreDoc.Doc) : [],
            });
        }
        var next = docs.ScoreDocs.Length == size && size > 0 ? NextCursor(request.Sort, (FieldDoc)docs.ScoreDocs[^1]) : null;
        return new SearchResult(
            totalHits,
            hits,
            facets?.Result() ?? new Dictionary<FacetField, IReadOnlyList<FacetBucket>>(),
            next,
            engineName)
        {
            Aggregations = aggregations?.Result() ?? new Dictionary<string, AggregationResult>(),
        };
    }

    private static TopFieldCollector TopCollector(Sort sort, int numHits, FieldDoc? after) =>
        TopFieldCollector.Create(sort, numHits, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);

    private static string NextCursor(SortOrder order, FieldDoc last)
    {
        var id = ((global::Lucene.Net.Util.BytesRef)last.Fields[^1]).Utf8ToString();
        var date = order == SortOrder.Relevance ? 0 : ((J2N.Numerics.Int32)last.Fields[0]).ToInt32();
        return SearchCursor.ForHit(order, float.IsNaN(last.Score) ? 0f : last.Score, date, id).Encode();
    }

    /// <summary>
    /// The Lucene position after a cursor. Its doc is past every document, so only a document with equal sort values and
    /// equal id is skipped as already seen: the cursor's own hit (ids are unique).
    /// </summary>
    private static FieldDoc? AfterOf(SearchCursor? cursor) => cursor is null
        ? null
        : new FieldDoc(int.MaxValue, cursor.Score,
        [
            // Lucene.Net's comparers expect J2N boxed numbers as top values.
            cursor.Sort == SortOrder.Relevance ? J2N.Numerics.Single.GetInstance(cursor.Score) : J2N.Numerics.Int32.GetInstance(cursor.Date),
            new global::Lucene.Net.Util.BytesRef(cursor.Id),
        ]);

    public void CheckExpansions(SearchRequest request, CancellationToken token) =>
        CheckExpansions(request.MaxTermExpansions, [Compile(request.Query), .. request.Filters.Select(Compile)], request.Aggregations, token);

    /// <summary>
    /// One budget for the query, its filters and aggregation filters together: 16 wildcards of 10,000 terms each are
    /// 160,000 clauses. Aggregation filters (a chain's nodes, hundreds of IPC prefixes each) are counted once per reader.
    /// </summary>
    private void CheckExpansions(int budget, IEnumerable<Query> queries, IReadOnlyDictionary<string, AggregationRequest> aggregations, CancellationToken token)
    {
        var expansions = new ExpansionBudget(searcher.IndexReader, budget, token);
        foreach (var query in queries)
        {
            expansions.Check(query);
        }
        foreach (var node in AggregationFilters(aggregations))
        {
            expansions.Add(filters.ExpansionsOf(node, Compile, searcher.IndexReader, token));
        }
    }

    private static IEnumerable<Core.Query.QueryNode> AggregationFilters(IReadOnlyDictionary<string, AggregationRequest> aggregations) =>
        aggregations.Values.SelectMany(a =>
            (a is FiltersAggregation filters ? filters.Filters.Select(f => f.Query) : []).Concat(AggregationFilters(a.Aggregations)));

    /// <summary>
    /// The parser's limits keep queries far below Lucene's 1,024 clauses per boolean query; this is the net under them
    /// (an AST built in code, a changed limit), so the breach is a 400 and never an unhandled exception.
    /// </summary>
    private Query Compile(Core.Query.QueryNode node)
    {
        try
        {
            return compiler.Compile(node);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new Core.Query.QueryParseException(0, $"检索式展开后的检索项过多（最多 {BooleanQuery.MaxClauseCount} 个）",
                $"The query expands to more than {BooleanQuery.MaxClauseCount} clauses; use fewer or shorter terms", "limit");
        }
    }

    private static readonly SortField ById = new(LuceneFields.Id, SortFieldType.STRING);

    private static Sort SortOf(SortOrder order) => order switch
    {
        SortOrder.ApplicationDateDesc => new Sort(new SortField(LuceneFields.ApplicationDate, SortFieldType.INT32, reverse: true), ById),
        SortOrder.ApplicationDateAsc => new Sort(new SortField(LuceneFields.ApplicationDate, SortFieldType.INT32), ById),
        SortOrder.PublicationDateDesc => new Sort(new SortField(LuceneFields.PublicationDate, SortFieldType.INT32, reverse: true), ById),
        SortOrder.PublicationDateAsc => new Sort(new SortField(LuceneFields.PublicationDate, SortFieldType.INT32), ById),
        _ => new Sort(SortField.FIELD_SCORE, ById),
    };
}

/// <summary>
/// Checks for cancellation while documents are collected, so a request whose client went away, or that ran past its
/// time budget, stops within a few hundred documents instead of scoring the whole index.
/// </summary>
internal sealed class CancellableCollector(ICollector inner, CancellationToken token) : ICollector
{
    private const int CheckEvery = 256;
    private int _countdown = CheckEvery;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        token.ThrowIfCancellationRequested();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (--_countdown == 0)
        {
            _countdown = CheckEvery;
            token.ThrowIfCancellationRequested();
        }
        inner.Collect(doc);
    }
}

/// <summary>Matches documents by identity.</summary>
internal sealed class TermsFilterQuery : ConstantScoreQuery
{
    public TermsFilterQuery(IEnumerable<string> ids)
        : base(new global::Lucene.Net.Queries.TermsFilter([.. ids.Select(id => new global::Lucene.Net.Index.Term(LuceneFields.Id, id))]))
    {
    }
}
