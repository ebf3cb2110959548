using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using PatentNav.Core.Model;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Per-hit extras: which query terms a document contains, and highlighted fragments.</summary>
internal sealed class HitEnricher(IndexSearcher searcher, Query query, Analyzer analyzer)
{
    private const int FragmentChars = 120;
    private const int MaxCharsToAnalyze = 20_000;
    private static readonly string[] HighlightFields = [LuceneFields.Title, LuceneFields.Abstract, LuceneFields.Claims, LuceneFields.Description];

    private readonly Query _rewritten = searcher.Rewrite(query);
    private Term[]? _terms;

    /// <summary>Query terms present in <paramref name="doc"/>, found by advancing postings (no re-analysis of the document).</summary>
    public IReadOnlyList<string> MatchedTerms(int doc)
    {
        _terms ??= ExtractTerms();
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var matched = new List<string>();
        foreach (var term in _terms)
        {
            var text = term.Text;
            if (matched.Contains(text))
            {
                continue;
            }
            var docs = leaf.AtomicReader.GetTermDocsEnum(term);
            if (docs is not null && docs.Advance(local) == local)
            {
                matched.Add(text);
            }
        }
        return matched;
    }

    /// <summary>Best fragments per text field: SmartCn words first, CJK bigrams where the words found nothing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(PatentRecord record)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in HighlightFields)
        {
            var text = field switch
            {
                LuceneFields.Title => record.Title,
                LuceneFields.Abstract => record.Abstract,
                LuceneFields.Claims => record.Claims,
                _ => record.Description,
            };
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            var fragments = Fragments(field, field, text) ?? Fragments(LuceneFields.Bigram(field), field, text);
            if (fragments is { Length: > 0 })
            {
                result[field] = fragments;
            }
        }
        return result;
    }

    private string[]? Fragments(string queryField, string analysisField, string text)
    {
        var scorer = new QueryScorer(_rewritten, queryField);
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), MinimalHtmlEncoder.Instance, scorer)
        {
            TextFragmenter = analysisField == LuceneFields.Title ? new NullFragmenter() : new SimpleSpanFragmenter(scorer, FragmentChars),
            MaxDocCharsToAnalyze = MaxCharsToAnalyze,
        };
        var tokenField = queryField;
        using var tokens = analyzer.GetTokenStream(tokenField, text);
        var fragments = highlighter.GetBestFragments(tokens, text, 2);
        return fragments.Length == 0 || fragments.All(f => !f.Contains("<mark>", StringComparison.Ordinal)) ? null : fragments;
    }

    private Term[] ExtractTerms()
    {
        var terms = new HashSet<Term>();
        try
        {
            _rewritten.ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            // Some rewritten multi-term queries cannot list their terms; they simply report no matched terms.
        }
        return [.. terms.Where(t => t.Field is not (LuceneFields.Id or LuceneFields.ContentHash))];
    }
}

/// <summary>Escapes only HTML's special characters; Lucene's SimpleHTMLEncoder would turn every Chinese character into an entity.</summary>
internal sealed class MinimalHtmlEncoder : IEncoder
{
    public static readonly MinimalHtmlEncoder Instance = new();

    public string EncodeText(string originalText) => originalText
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
