using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using PatentNav.Core.Model;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Per-hit extras: which query terms a document contains, and highlighted fragments.</summary>
internal sealed class HitEnricher(IndexSearcher searcher, Query query, Analyzer analyzer, IReadOnlyList<int> hitDocs)
{
    private const int FragmentChars = 120;
    private const int MaxCharsToAnalyze = 20_000;
    private static readonly string[] HighlightFields = [LuceneFields.Title, LuceneFields.Abstract, LuceneFields.Claims, LuceneFields.Description];

    private readonly Query _rewritten = searcher.Rewrite(query);
    private Term[]? _terms;
    private Dictionary<int, List<Term>>? _matched;

    /// <summary>Query terms present in <paramref name="doc"/> (one of the hits), found in the postings, not by re-analysis.</summary>
    public IReadOnlyList<string> MatchedTerms(int doc) =>
        [.. MatchedTermsOf(doc).Select(t => t.Text).Distinct(StringComparer.Ordinal)];

    /// <summary>Best fragments per text field: SmartCn words first, CJK bigrams where the words found nothing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(int doc, PatentRecord record)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in HighlightFields)
        {
            // Re-analysing text is the expensive part: skip fields where the postings show no query term, and the
            // long description once a shorter field already explains the hit.
            if ((field == LuceneFields.Description && result.Count > 0) || !FieldHasQueryTerm(doc, field))
            {
                continue;
            }
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

    private bool FieldHasQueryTerm(int doc, string field)
    {
        _terms ??= ExtractTerms();
        var bigramField = LuceneFields.Bigram(field);
        // Queries whose terms cannot be listed (rewritten wildcards) fall back to trying the highlighter.
        return _terms.Length == 0 || MatchedTermsOf(doc).Any(t => t.Field == field || t.Field == bigramField);
    }

    private List<Term> MatchedTermsOf(int doc)
    {
        _matched ??= MatchAll();
        return _matched.TryGetValue(doc, out var terms) ? terms : [];
    }

    /// <summary>
    /// One pass per segment and term over the sorted hit documents, reusing one terms enum per field and one docs
    /// enum: per-hit, per-term lookups would allocate a terms enum each (tens of MB for a novelty query).
    /// </summary>
    private Dictionary<int, List<Term>> MatchAll()
    {
        _terms ??= ExtractTerms();
        var result = hitDocs.Distinct().ToDictionary(d => d, _ => new List<Term>());
        var sorted = result.Keys.Order().ToArray();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var first = Array.BinarySearch(sorted, leaf.DocBase);
            first = first < 0 ? ~first : first;
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            if (first >= sorted.Length || sorted[first] >= end)
            {
                continue;
            }
            DocsEnum? reuse = null;
            foreach (var byField in _terms.GroupBy(t => t.Field, StringComparer.Ordinal))
            {
                var termsEnum = leaf.AtomicReader.GetTerms(byField.Key)?.GetEnumerator();
                if (termsEnum is null)
                {
                    continue;
                }
                foreach (var term in byField)
                {
                    if (!termsEnum.SeekExact(term.Bytes))
                    {
                        continue;
                    }
                    reuse = termsEnum.Docs(leaf.AtomicReader.LiveDocs, reuse, DocsFlags.NONE);
                    var at = -1;
                    for (var i = first; i < sorted.Length && sorted[i] < end; i++)
                    {
                        var local = sorted[i] - leaf.DocBase;
                        if (at < local)
                        {
                            at = reuse.Advance(local);
                        }
                        if (at == local)
                        {
                            result[sorted[i]].Add(term);
                        }
                        if (at == DocIdSetIterator.NO_MORE_DOCS)
                        {
                            break;
                        }
                    }
                }
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
