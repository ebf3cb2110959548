namespace PatentNav.Evaluation;

/// <summary>One evaluated query: its ranked result ids and the ids judged relevant.</summary>
public sealed record RankedQuery(string Query, IReadOnlyList<string> Relevant, IReadOnlyList<string> Ranked, double? TopRelevance = null)
{
    /// <summary>Relevance of each ranked hit, where the search reports one.</summary>
    public IReadOnlyList<double> Relevances { get; init; } = [];
}

/// <summary>Recall@k and mean reciprocal rank over a query set, the measures of docs/architecture.md (search quality).</summary>
public sealed record RankingMetrics(int Queries, double RecallAt10, double RecallAt50, double Mrr)
{
    public static RankingMetrics Compute(IReadOnlyList<RankedQuery> queries)
    {
        var judged = queries.Where(q => q.Relevant.Count > 0).ToList();
        if (judged.Count == 0)
        {
            return new RankingMetrics(0, 0, 0, 0);
        }
        return new RankingMetrics(
            judged.Count,
            judged.Average(q => Recall(q, 10)),
            judged.Average(q => Recall(q, 50)),
            judged.Average(ReciprocalRank));
    }

    /// <summary>Share of the relevant ids found in the first <paramref name="k"/> results.</summary>
    public static double Recall(RankedQuery query, int k)
    {
        var top = query.Ranked.Take(k).ToHashSet(StringComparer.Ordinal);
        return query.Relevant.Count(top.Contains) / (double)query.Relevant.Count;
    }

    /// <summary>1 / rank of the first relevant result, 0 when none is returned.</summary>
    public static double ReciprocalRank(RankedQuery query)
    {
        var relevant = query.Relevant.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < query.Ranked.Count; i++)
        {
            if (relevant.Contains(query.Ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }
}

/// <summary>Micro-averaged precision, recall and F1 of predicted label sets.</summary>
public sealed record MicroF1(long TruePositives, long Predicted, long Actual)
{
    public double Precision => Predicted == 0 ? 0 : TruePositives / (double)Predicted;
    public double Recall => Actual == 0 ? 0 : TruePositives / (double)Actual;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static MicroF1 Compute(IEnumerable<(IReadOnlyCollection<string> Predicted, IReadOnlyCollection<string> Actual)> items)
    {
        long tp = 0, predicted = 0, actual = 0;
        foreach (var (p, a) in items)
        {
            tp += p.Count(a.Contains);
            predicted += p.Count;
            actual += a.Count;
        }
        return new MicroF1(tp, predicted, actual);
    }
}
