using System.Globalization;
using PatentNav.Core.Novelty;

namespace PatentNav.Evaluation;

/// <summary>
/// The product ranking and the plain baseline side by side on a query file, per kind and split (dev / held-out), with
/// 95 % intervals: every ranking change is judged on the held-out rows against the baseline (docs/search-quality.md).
/// </summary>
public static class NoveltyComparison
{
    public sealed record Row(string Set, string Split, string Ranking, int Queries, RankingMetrics Metrics, Interval RecallCi, Interval MrrCi, int PriorArtShown, int PriorArtHigh, int Empty, int EmptyHigh);

    public readonly record struct Interval(double Low, double High);

    public static IReadOnlyList<Row> Run(IReadOnlyList<EvaluationQuery> queries, IReadOnlyDictionary<NoveltyRanking, ISearchBackend> backends)
    {
        var rows = new List<Row>();
        foreach (var (ranking, backend) in backends)
        {
            var ranked = queries.Select(q =>
            {
                var (ids, relevances) = backend.NoveltyRanked(q.Query, 50, ranking);
                return (Query: q, Ranked: new RankedQuery(q.Query, q.Relevant, ids, relevances.Count > 0 ? relevances[0] : null) { Relevances = relevances });
            }).ToList();
            foreach (var group in ranked.GroupBy(r => (Set: r.Query.Kind ?? "all", Split: r.Query.HeldOut ? "held-out" : "dev")).OrderBy(g => g.Key.Set, StringComparer.Ordinal).ThenBy(g => g.Key.Split, StringComparer.Ordinal))
            {
                rows.Add(Summarise(group.Key.Set, group.Key.Split, ranking, [.. group.Select(g => g.Ranked)]));
            }
        }
        return rows;
    }

    public static Row Summarise(string set, string split, NoveltyRanking ranking, IReadOnlyList<RankedQuery> items)
    {
        var judged = items.Where(i => i.Relevant.Count > 0).ToList();
        var metrics = RankingMetrics.Compute(judged);
        // A true prior-art hit is the best-ranked relevant patent within the top 10.
        var shown = judged.Select(q => FirstRelevantRelevance(q, 10)).Where(r => r is not null).ToList();
        var empty = items.Where(i => i.Relevant.Count == 0).ToList();
        return new Row(set, split, ranking.ToString().ToLowerInvariant(), items.Count, metrics,
            Bootstrap(judged, q => RankingMetrics.Recall(q, 10)), Bootstrap(judged, RankingMetrics.ReciprocalRank),
            shown.Count, shown.Count(r => r >= 0.5), empty.Count, empty.Count(e => e.TopRelevance >= 0.5));
    }

    private static double? FirstRelevantRelevance(RankedQuery query, int k)
    {
        var relevant = query.Relevant.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(k, query.Ranked.Count); i++)
        {
            if (relevant.Contains(query.Ranked[i]))
            {
                return i < query.Relevances.Count ? query.Relevances[i] : null;
            }
        }
        return null;
    }

    /// <summary>Percentile bootstrap (2,000 resamples, fixed seed) of a per-query measure's mean.</summary>
    public static Interval Bootstrap(IReadOnlyList<RankedQuery> queries, Func<RankedQuery, double> measure)
    {
        if (queries.Count == 0)
        {
            return new Interval(0, 0);
        }
        var values = queries.Select(measure).ToArray();
        var random = new Random(12);
        var means = new double[2000];
        for (var b = 0; b < means.Length; b++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                sum += values[random.Next(values.Length)];
            }
            means[b] = sum / values.Length;
        }
        Array.Sort(means);
        return new Interval(means[(int)(0.025 * means.Length)], means[(int)(0.975 * means.Length) - 1]);
    }

    public static void Print(IReadOnlyList<Row> rows, Action<string> write)
    {
        write($"{"set",-12} {"split",-9} {"ranking",-9} {"queries",7} {"recall@10",9} {"95% CI",13} {"MRR",6} {"95% CI",13} {"prior art >= 0.5",17} {"none >= 0.5",11}");
        foreach (var r in rows)
        {
            var judged = r.Metrics.Queries > 0;
            write(string.Create(CultureInfo.InvariantCulture,
                $"{r.Set,-12} {r.Split,-9} {r.Ranking,-9} {r.Queries,7} {(judged ? r.Metrics.RecallAt10.ToString("F3", CultureInfo.InvariantCulture) : "-"),9} {(judged ? $"[{r.RecallCi.Low:F2}, {r.RecallCi.High:F2}]" : ""),13} {(judged ? r.Metrics.Mrr.ToString("F3", CultureInfo.InvariantCulture) : "-"),6} {(judged ? $"[{r.MrrCi.Low:F2}, {r.MrrCi.High:F2}]" : ""),13} {(judged ? $"{r.PriorArtHigh}/{r.PriorArtShown}" : "-"),17} {(r.Empty > 0 ? $"{r.EmptyHigh}/{r.Empty}" : "-"),11}"));
        }
    }
}
