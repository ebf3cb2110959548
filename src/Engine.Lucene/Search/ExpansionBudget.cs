using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// Refuses wildcard and prefix queries that would expand to more index terms than allowed, before they run:
/// a <c>电*</c> over a province-sized index must be a clear 400, not a slow request. The budget is shared by every
/// wildcard of one request (query and filters), so many moderate wildcards cannot add up to an unbounded query.
/// </summary>
internal sealed class ExpansionBudget(IndexReader reader, int maxTerms, CancellationToken token)
{
    private int _seen;

    /// <summary>Terms counted so far.</summary>
    public int Seen => _seen;

    /// <summary>Adds terms counted elsewhere (a cached filter's) to this request's budget.</summary>
    public void Add(int terms)
    {
        _seen += terms;
        if (_seen > maxTerms)
        {
            throw TooMany();
        }
    }

    public void Check(Query query)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                {
                    Check(clause.Query);
                }
                break;
            case FilteredQuery filtered:
                Check(filtered.Query);
                break;
            case MultiTermQuery multiTerm:
                CountTerms(multiTerm);
                break;
        }
    }

    private QueryParseException TooMany() => new(0, $"通配符匹配的词过多（超过 {maxTerms} 个），请写得更具体",
        $"The wildcards and prefixes of this query match more than {maxTerms} index terms together; make them more specific", "limit");

    private void CountTerms(MultiTermQuery query)
    {
        foreach (var leaf in reader.Leaves)
        {
            token.ThrowIfCancellationRequested();
            var terms = leaf.AtomicReader.GetTerms(query.Field);
            if (terms is null)
            {
                continue;
            }
            var termsEnum = query.GetTermsEnum(terms);
            while (termsEnum.MoveNext())
            {
                if (++_seen > maxTerms)
                {
                    throw TooMany();
                }
                if ((_seen & 1023) == 0)
                {
                    token.ThrowIfCancellationRequested();
                }
            }
        }
    }
}
