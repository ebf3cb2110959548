using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Engine;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Runs one <see cref="SearchRequest"/> on one searcher: query, filters, sort, paging, facets and exact totals.</summary>
internal sealed class LuceneSearchExecutor(IndexSearcher searcher, LuceneQueryCompiler compiler, global::Lucene.Net.Analysis.Analyzer analyzer, string engineName)
{
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

        // One budget for the query and its filters together: 16 wildcards of 10,000 terms each are 160,000 clauses.
        var expansions = new ExpansionBudget(searcher.IndexReader, request.MaxTermExpansions, token);
        expansions.Check(query);
        foreach (var filterQuery in filterQueries)
        {
            expansions.Check(filterQuery);
        }
        var size = Math.Max(0, request.Size);
        var after = SearchCursor.Decode(request.SearchAfter, request.Sort);
        var numHits = Math.Max(1, (after is null ? request.From : 0) + size);
        var sort = SortOf(request.Sort);
        ITopDocsCollector top = sort is null
            ? TopScoreDocCollector.Create(numHits, after, docsScoredInOrder: false)
            : TopFieldCollector.Create(sort, numHits, after as FieldDoc, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        var facets = request.Facets.Count > 0 ? new FacetCollector(searcher.IndexReader, request.Facets) : null;
        var totalCounter = new TotalHitCountCollector();
        // A count-and-facets request (size 0, the navigation maps' case) needs no scores: no top collector at all.
        ICollector[] collectors = size == 0 && after is null ? [totalCounter] : [(ICollector)top, totalCounter];
        searcher.Search(query, filter, new CancellableCollector(MultiCollector.Wrap(facets is null ? collectors : [.. collectors, facets]), token));

        var docs = top.GetTopDocs(after is null ? request.From : 0, size);
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
        var next = docs.ScoreDocs.Length == size && size > 0 ? SearchCursor.Encode(docs.ScoreDocs[^1]) : null;
        return new SearchResult(
            totalCounter.TotalHits,
            hits,
            facets?.Result() ?? new Dictionary<FacetField, IReadOnlyList<FacetBucket>>(),
            next,
            engineName);
    }

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

    private static Sort? SortOf(SortOrder order) => order switch
    {
        SortOrder.Relevance => null,
        SortOrder.ApplicationDateDesc => new Sort(new SortField(LuceneFields.ApplicationDate, SortFieldType.INT32, reverse: true), SortField.FIELD_DOC),
        SortOrder.ApplicationDateAsc => new Sort(new SortField(LuceneFields.ApplicationDate, SortFieldType.INT32), SortField.FIELD_DOC),
        SortOrder.PublicationDateDesc => new Sort(new SortField(LuceneFields.PublicationDate, SortFieldType.INT32, reverse: true), SortField.FIELD_DOC),
        SortOrder.PublicationDateAsc => new Sort(new SortField(LuceneFields.PublicationDate, SortFieldType.INT32), SortField.FIELD_DOC),
        _ => null,
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

/// <summary>Search-after cursors: the last hit's doc, score and sort values, as an opaque string.</summary>
internal static class SearchCursor
{
    public static string Encode(ScoreDoc last)
    {
        var parts = new List<string> { last.Doc.ToString(CultureInfo.InvariantCulture), last.Score.ToString("R", CultureInfo.InvariantCulture) };
        if (last is FieldDoc fieldDoc)
        {
            parts.AddRange(fieldDoc.Fields.Select(f => f?.ToString() ?? ""));
        }
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(string.Join('|', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a cursor; throws <see cref="FormatException"/> for one that this engine did not issue.</summary>
    public static ScoreDoc? Decode(string? cursor, SortOrder order)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        string text;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw new FormatException("The search-after cursor is not valid.");
        }
        var parts = text.Split('|');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var doc)
            || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            throw new FormatException("The search-after cursor is not valid.");
        }
        if (order == SortOrder.Relevance)
        {
            return new ScoreDoc(doc, score);
        }
        if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("The search-after cursor does not belong to this sort order.");
        }
        // Lucene.Net's comparers expect J2N boxed numbers as top values.
        return new FieldDoc(doc, score, [J2N.Numerics.Int32.GetInstance(value), J2N.Numerics.Int32.GetInstance(doc)]);
    }
}
