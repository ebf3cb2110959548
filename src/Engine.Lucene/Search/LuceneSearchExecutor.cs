using System.Globalization;
using Lucene.Net.Search;
using PatentNav.Core.Engine;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Runs one <see cref="SearchRequest"/> on one searcher: query, filters, sort, paging, facets and exact totals.</summary>
internal sealed class LuceneSearchExecutor(IndexSearcher searcher, LuceneQueryCompiler compiler, global::Lucene.Net.Analysis.Analyzer analyzer, string engineName)
{
    public SearchResult Execute(SearchRequest request)
    {
        var query = compiler.Compile(request.Query);
        Filter? filter = null;
        if (request.Filters.Count > 0 || request.Ids is not null)
        {
            var all = new BooleanQuery();
            foreach (var node in request.Filters)
            {
                all.Add(compiler.Compile(node), Occur.MUST);
            }
            if (request.Ids is not null)
            {
                all.Add(request.Ids.Count == 0 ? new BooleanQuery() : new TermsFilterQuery(request.Ids), Occur.MUST);
            }
            filter = new QueryWrapperFilter(all);
        }

        ExpansionBudget.Check(searcher.IndexReader, query, request.MaxTermExpansions);
        foreach (var node in request.Filters)
        {
            ExpansionBudget.Check(searcher.IndexReader, compiler.Compile(node), request.MaxTermExpansions);
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
        searcher.Search(query, filter, MultiCollector.Wrap(facets is null ? collectors : [.. collectors, facets]));

        var docs = top.GetTopDocs(after is null ? request.From : 0, size);
        var hits = new List<SearchHit>(docs.ScoreDocs.Length);
        var enricher = request.Highlight || request.ReportMatchedTerms ? new HitEnricher(searcher, query, analyzer, [.. docs.ScoreDocs.Select(d => d.Doc)]) : null;
        foreach (var scoreDoc in docs.ScoreDocs)
        {
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
