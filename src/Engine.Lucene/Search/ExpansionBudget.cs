using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene.Search;

/// <summary>
/// Refuses wildcard and prefix queries that would expand to more index terms than allowed, before they run:
/// a <c>电*</c> over a province-sized index must be a clear 400, not a slow request.
/// </summary>
internal static class ExpansionBudget
{
    public static void Check(IndexReader reader, Query query, int maxTerms)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                {
                    Check(reader, clause.Query, maxTerms);
                }
                break;
            case FilteredQuery filtered:
                Check(reader, filtered.Query, maxTerms);
                break;
            case MultiTermQuery multiTerm:
                CountTerms(reader, multiTerm, maxTerms);
                break;
        }
    }

    private static void CountTerms(IndexReader reader, MultiTermQuery query, int maxTerms)
    {
        var seen = 0;
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(query.Field);
            if (terms is null)
            {
                continue;
            }
            var termsEnum = query.GetTermsEnum(terms);
            while (termsEnum.MoveNext())
            {
                if (++seen > maxTerms)
                {
                    throw new QueryParseException(0, $"通配符匹配的词过多（超过 {maxTerms} 个），请写得更具体",
                        $"A wildcard or prefix matches more than {maxTerms} index terms; make it more specific", "limit");
                }
            }
        }
    }
}
