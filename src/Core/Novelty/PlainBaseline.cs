using PatentNav.Core.Query;

namespace PatentNav.Core.Novelty;

/// <summary>
/// The plain baseline every novelty ranking change is measured against (docs/search-quality.md): every SmartCn word of
/// the description that is not on the novelty stop list as a SHOULD term over title, abstract and claims, every CJK
/// bigram over the bigram sub-fields at boost 0.3, the engine's similarity with Lucene's coordination factor, no
/// caps and no re-ranking. It is deliberately nothing clever: a ranking that cannot beat it on held-out descriptions
/// does not ship.
/// </summary>
public static class PlainBaseline
{
    public const float BigramBoost = 0.3f;

    /// <summary>The baseline query of a description; null when it has no searchable word.</summary>
    public static WeightedTermsNode? Query(string text)
    {
        var (words, bigrams) = NoveltyTermExtractor.Tokens(text);
        var terms = words.Keys.Order(StringComparer.Ordinal).Select(w => new WeightedTerm(w, 1f))
            .Concat(bigrams.Keys.Order(StringComparer.Ordinal).Select(b => new WeightedTerm(b, BigramBoost, Bigram: true)))
            .ToList();
        return terms.Count == 0 ? null : new WeightedTermsNode(terms, NoveltySearch.ScoredFields, Coordinate: true);
    }
}
