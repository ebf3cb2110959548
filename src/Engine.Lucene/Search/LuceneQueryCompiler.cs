using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using PatentNav.Core.Analysis;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene.Indexing;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>Compiles the engine-neutral query AST into Lucene queries. User text never reaches a Lucene query parser.</summary>
public sealed class LuceneQueryCompiler(Analyzer analyzer)
{
    public Query Compile(QueryNode node) => node switch
    {
        MatchAllNode => new MatchAllDocsQuery(),
        AndNode and => Combine(and.Children, Occur.MUST),
        OrNode or => Combine(or.Children, Occur.SHOULD),
        NotNode not => new BooleanQuery { { Compile(not.Include), Occur.MUST }, { Compile(not.Exclude), Occur.MUST_NOT } },
        TextNode text => CompileText(text),
        PhraseNode phrase => CompilePhrase(phrase),
        ProximityNode proximity => CompileProximity(proximity),
        WildcardNode wildcard => CompileWildcard(wildcard),
        KeywordNode keyword => CompileKeyword(keyword),
        IpcNode ipc => CompileIpc(ipc),
        DateRangeNode range => CompileDateRange(range),
        WeightedTermsNode weighted => CompileWeighted(weighted),
        FilterNode filter => new FilteredQuery(Compile(filter.Query), new QueryWrapperFilter(Compile(filter.Filter))),
        _ => throw new NotSupportedException($"The Lucene engine cannot compile {node.GetType().Name}."),
    };

    private BooleanQuery Combine(IReadOnlyList<QueryNode> children, Occur occur)
    {
        var query = new BooleanQuery();
        foreach (var child in children)
        {
            query.Add(Compile(child), occur);
        }
        return query;
    }

    /// <summary>Words match when every SmartCn word is in the field, or when the text is an exact bigram run (out-of-dictionary terms).</summary>
    private Query CompileText(TextNode node)
    {
        var fields = RequireTextFields(node.Field);
        var perField = new BooleanQuery();
        foreach (var field in fields)
        {
            var words = Analyze(field, node.Text);
            if (words.Count > 0)
            {
                var allWords = new BooleanQuery();
                foreach (var (term, _) in words)
                {
                    allWords.Add(new TermQuery(new Term(field, term)), Occur.MUST);
                }
                perField.Add(allWords, Occur.SHOULD);
            }
            var bigram = BigramPhrase(field, node.Text);
            if (bigram is not null)
            {
                perField.Add(bigram, Occur.SHOULD);
            }
        }
        return perField.Clauses.Count == 0 ? MatchNothing() : perField;
    }

    /// <summary>Quoted text is an exact, contiguous substring: a phrase over the bigram sub-field.</summary>
    private Query CompilePhrase(PhraseNode node)
    {
        var any = new BooleanQuery();
        foreach (var field in RequireTextFields(node.Field))
        {
            var phrase = BigramPhrase(field, node.Text);
            if (phrase is not null)
            {
                any.Add(phrase, Occur.SHOULD);
            }
        }
        return any.Clauses.Count == 0 ? MatchNothing() : any;
    }

    private Query? BigramPhrase(string field, string text)
    {
        var bigramField = LuceneFields.Bigram(field);
        var tokens = Analyze(bigramField, text);
        if (tokens.Count == 0)
        {
            return null;
        }
        if (QueryAnalysis.IsLoneCjkCharacter(tokens))
        {
            // A lone CJK character is indexed only inside bigrams: match it at either end of one.
            var ch = tokens[0].Term;
            return new BooleanQuery
            {
                { new PrefixQuery(new Term(bigramField, ch)), Occur.SHOULD },
                { new WildcardQuery(new Term(bigramField, "?" + ch)), Occur.SHOULD },
            };
        }
        var phrase = new PhraseQuery();
        foreach (var (term, position) in tokens)
        {
            phrase.Add(new Term(bigramField, term), position);
        }
        return phrase;
    }

    private Query CompileProximity(ProximityNode node)
    {
        var any = new BooleanQuery();
        foreach (var field in RequireTextFields(node.Field))
        {
            var clauses = new List<SpanQuery>();
            foreach (var termText in node.Terms)
            {
                var words = Analyze(field, termText);
                if (words.Count == 0)
                {
                    continue;
                }
                clauses.Add(words.Count == 1
                    ? new SpanTermQuery(new Term(field, words[0].Term))
                    : new SpanNearQuery([.. words.Select(w => (SpanQuery)new SpanTermQuery(new Term(field, w.Term)))], 0, true));
            }
            if (clauses.Count > 0)
            {
                any.Add(new SpanNearQuery([.. clauses], node.Distance, node.Ordered), Occur.SHOULD);
            }
        }
        return any.Clauses.Count == 0 ? MatchNothing() : any;
    }

    private static Query CompileWildcard(WildcardNode node)
    {
        if (LuceneFields.KeywordFieldOf(node.Field) is { } keywordField)
        {
            return new WildcardQuery(new Term(keywordField, node.Pattern));
        }
        var any = new BooleanQuery();
        foreach (var field in RequireTextFields(node.Field))
        {
            any.Add(new WildcardQuery(new Term(field, node.Pattern.ToLowerInvariant())), Occur.SHOULD);
        }
        return any;
    }

    private static Query CompileKeyword(KeywordNode node)
    {
        var field = LuceneFields.KeywordFieldOf(node.Field)
            ?? throw new NotSupportedException($"Field {node.Field} has no keyword values.");
        return new TermQuery(new Term(field, node.Value));
    }

    /// <summary>Every IPC level is indexed, so a term on a level covers everything under it; a partial subgroup also matches by prefix.</summary>
    private static Query CompileIpc(IpcNode node)
    {
        var field = node.MainOnly ? LuceneFields.MainIpc : LuceneFields.Ipc;
        var code = node.Code;
        var exact = new TermQuery(new Term(field, code));
        var slash = code.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || code.EndsWith("/00", StringComparison.Ordinal))
        {
            return exact;
        }
        return new BooleanQuery { { exact, Occur.SHOULD }, { new PrefixQuery(new Term(field, code)), Occur.SHOULD } };
    }

    private static Query CompileDateRange(DateRangeNode node)
    {
        var field = node.Field switch
        {
            SearchField.ApplicationDate => LuceneFields.ApplicationDate,
            SearchField.PublicationDate => LuceneFields.PublicationDate,
            _ => throw new NotSupportedException($"Field {node.Field} is not a date."),
        };
        int? from = node.From is { } f ? Core.Engine.IndexedFacts.DateKey(f) : null;
        int? to = node.To is { } t ? Core.Engine.IndexedFacts.DateKey(t) : null;
        return NumericRangeQuery.NewInt32Range(field, from, to, node.IncludeFrom, node.IncludeTo);
    }

    private static Query CompileWeighted(WeightedTermsNode node)
    {
        var query = new BooleanQuery(disableCoord: !node.Coordinate);
        foreach (var term in node.Terms)
        {
            foreach (var searchField in node.Fields)
            {
                foreach (var field in LuceneFields.TextFieldsOf(searchField))
                {
                    var name = term.Bigram ? LuceneFields.Bigram(field) : field;
                    query.Add(new TermQuery(new Term(name, term.Term)) { Boost = term.Weight }, Occur.SHOULD);
                }
            }
        }
        return query;
    }

    private static IReadOnlyList<string> RequireTextFields(SearchField field)
    {
        var fields = LuceneFields.TextFieldsOf(field);
        return fields.Count > 0 ? fields : throw new NotSupportedException($"Field {field} is not a text field.");
    }

    /// <summary>Analyses text exactly as at index time, keeping absolute positions (stop words leave gaps).</summary>
    private List<(string Term, int Position)> Analyze(string field, string text) => QueryAnalysis.Analyze(analyzer, field, text);

    private static BooleanQuery MatchNothing() => new();
}
