using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;
using PatentNav.Core.Analysis;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// Compiles the engine-neutral query AST into the Query DSL, node for node as the embedded compiler builds Lucene
/// queries: text is analysed here with the index-time chains (<see cref="QueryAnalysis"/>) and sent as term-level
/// queries, so both engines search the same terms; only quoted phrases go as <c>match_phrase</c>, which the cluster
/// analyses with the same bigram chain (positions, stop-word gaps and all). User text never becomes query-string syntax.
/// </summary>
/// <param name="nameTerms">Name each weighted term's clauses after the term, so hits report which terms they contain.</param>
internal sealed class EsQueryCompiler(bool nameTerms = false)
{
    public Query Compile(QueryNode node) => node switch
    {
        MatchAllNode => new MatchAllQuery(),
        AndNode and => new BoolQuery { Must = [.. and.Children.Select(Compile)] },
        OrNode or => new BoolQuery { Should = [.. or.Children.Select(Compile)] },
        NotNode not => new BoolQuery { Must = [Compile(not.Include)], MustNot = [Compile(not.Exclude)] },
        TextNode text => CompileText(text),
        PhraseNode phrase => CompilePhrase(phrase),
        ProximityNode proximity => CompileProximity(proximity),
        WildcardNode wildcard => CompileWildcard(wildcard),
        KeywordNode keyword => new TermQuery(Keyword(keyword.Field), keyword.Value),
        IpcNode ipc => CompileIpc(ipc),
        DateRangeNode range => CompileDateRange(range),
        WeightedTermsNode weighted => CompileWeighted(weighted),
        FilterNode filter => new BoolQuery { Must = [Compile(filter.Query)], Filter = [Compile(filter.Filter)] },
        _ => throw new NotSupportedException($"The Elasticsearch engine cannot compile {node.GetType().Name}."),
    };

    /// <summary>Every SmartCn word in the field, or the text as an exact bigram run (out-of-dictionary terms).</summary>
    private static Query CompileText(TextNode node)
    {
        var words = QueryAnalysis.Words(node.Text);
        var bigrams = QueryAnalysis.Bigrams(node.Text);
        var perField = new List<Query>();
        foreach (var field in RequireTextFields(node.Field))
        {
            if (words.Count > 0)
            {
                perField.Add(new BoolQuery { Must = [.. words.Select(w => (Query)new TermQuery(field, w.Term))] });
            }
            if (BigramPhrase(field, node.Text, bigrams) is { } phrase)
            {
                perField.Add(phrase);
            }
        }
        return perField.Count == 0 ? new MatchNoneQuery() : new BoolQuery { Should = perField };
    }

    private static Query CompilePhrase(PhraseNode node)
    {
        var bigrams = QueryAnalysis.Bigrams(node.Text);
        var perField = RequireTextFields(node.Field).Select(f => BigramPhrase(f, node.Text, bigrams)).OfType<Query>().ToList();
        return perField.Count == 0 ? new MatchNoneQuery() : new BoolQuery { Should = perField };
    }

    private static Query? BigramPhrase(string field, string text, List<(string Term, int Position)> bigrams)
    {
        var bigramField = EsFields.Bigram(field);
        if (bigrams.Count == 0)
        {
            return null;
        }
        if (QueryAnalysis.IsLoneCjkCharacter(bigrams))
        {
            var ch = bigrams[0].Term;
            return new BoolQuery
            {
                Should = [new PrefixQuery(bigramField, ch), new WildcardQuery(bigramField) { Value = "?" + ch }],
            };
        }
        if (bigrams.Count == 1)
        {
            return new TermQuery(bigramField, bigrams[0].Term);
        }
        return new MatchPhraseQuery(bigramField, text);
    }

    private static Query CompileProximity(ProximityNode node)
    {
        var perField = new List<Query>();
        foreach (var field in RequireTextFields(node.Field))
        {
            var clauses = new List<SpanQuery>();
            foreach (var termText in node.Terms)
            {
                var words = QueryAnalysis.Words(termText);
                if (words.Count == 0)
                {
                    continue;
                }
                clauses.Add(words.Count == 1
                    ? SpanTerm(field, words[0].Term)
                    : new SpanNearQuery([.. words.Select(w => SpanTerm(field, w.Term))]) { Slop = 0, InOrder = true });
            }
            if (clauses.Count > 0)
            {
                perField.Add(new SpanNearQuery(clauses) { Slop = node.Distance, InOrder = node.Ordered });
            }
        }
        return perField.Count == 0 ? new MatchNoneQuery() : new BoolQuery { Should = perField };
    }

    private static SpanQuery SpanTerm(string field, string term) => new SpanTermQuery(field, term);

    /// <summary>
    /// Wildcards rewrite to a constant-score filter in the cluster; how far a pattern may expand is checked against the
    /// embedded index's terms before the request is sent (<c>LucenePatentIndex.CheckExpansions</c>), so both refuse alike.
    /// </summary>
    private static Query CompileWildcard(WildcardNode node)
    {
        if (EsFields.KeywordFieldOf(node.Field) is { } keywordField)
        {
            return new WildcardQuery(keywordField) { Value = node.Pattern };
        }
        return new BoolQuery
        {
            Should = [.. RequireTextFields(node.Field).Select(f => (Query)new WildcardQuery(f) { Value = node.Pattern.ToLowerInvariant() })],
        };
    }

    /// <summary>Every IPC level is indexed, so a term on a level covers everything under it; a partial subgroup also matches by prefix.</summary>
    private static Query CompileIpc(IpcNode node)
    {
        var field = node.MainOnly ? EsFields.MainIpc : EsFields.Ipc;
        var exact = new TermQuery(field, node.Code);
        if (!node.Code.Contains('/', StringComparison.Ordinal) || node.Code.EndsWith("/00", StringComparison.Ordinal))
        {
            return exact;
        }
        return new BoolQuery { Should = [exact, new PrefixQuery(field, node.Code)] };
    }

    private static Query CompileDateRange(DateRangeNode node)
    {
        var field = node.Field switch
        {
            SearchField.ApplicationDate => EsFields.ApplicationDate,
            SearchField.PublicationDate => EsFields.PublicationDate,
            _ => throw new NotSupportedException($"Field {node.Field} is not a date."),
        };
        double? from = node.From is { } f ? Core.Engine.IndexedFacts.DateKey(f) : null;
        double? to = node.To is { } t ? Core.Engine.IndexedFacts.DateKey(t) : null;
        return new NumberRangeQuery(field)
        {
            Gte = node.IncludeFrom ? from : null,
            Gt = node.IncludeFrom ? null : from,
            Lte = node.IncludeTo ? to : null,
            Lt = node.IncludeTo ? null : to,
        };
    }

    private Query CompileWeighted(WeightedTermsNode node)
    {
        var clauses = new List<Query>();
        foreach (var term in node.Terms)
        {
            foreach (var field in node.Fields.SelectMany(EsFields.TextFieldsOf))
            {
                clauses.Add(new TermQuery(term.Bigram ? EsFields.Bigram(field) : field, term.Term)
                {
                    Boost = term.Weight,
                    QueryName = nameTerms ? term.Term : null,
                });
            }
        }
        return new BoolQuery { Should = clauses };
    }

    private static Field Keyword(SearchField field) =>
        EsFields.KeywordFieldOf(field) ?? throw new NotSupportedException($"Field {field} has no keyword values.");

    private static IReadOnlyList<string> RequireTextFields(SearchField field)
    {
        var fields = EsFields.TextFieldsOf(field);
        return fields.Count > 0 ? fields : throw new NotSupportedException($"Field {field} is not a text field.");
    }
}
