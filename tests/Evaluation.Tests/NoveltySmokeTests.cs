using PatentNav.Core.Novelty;
using PatentNav.Tests;

namespace PatentNav.Evaluation.Tests;

/// <summary>
/// CI's smoke run of <c>patentnav-eval novelty</c>: the product ranking and the plain baseline side by side on a slice
/// of the repository's query sets, over the demo texts they were written for (the full run is in docs/search-quality.md).
/// </summary>
public sealed class NoveltySmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("patentnav-eval-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Product_and_baseline_run_side_by_side_per_kind_and_split_and_the_product_is_not_below_the_baseline()
    {
        using var index = SmokeIndex.Build(_dir, [.. new[] { "kppatent-tac.jsonl", "kppatent-abstracts.jsonl" }.Select(f => Path.Combine(RepoPaths.Demo, f))]);
        var queries = Path.Combine(RepoPaths.Root, "eval", "queries");
        var set = QuerySet.Load(Path.Combine(queries, "engineer-broad.jsonl")).Take(24)
            .Concat(QuerySet.Load(Path.Combine(queries, "no-prior-art-2.jsonl")).Take(6))
            .ToList();
        using var backend = new InProcessBackend(index);

        var rows = NoveltyComparison.Run(set, new Dictionary<NoveltyRanking, ISearchBackend> { [NoveltyRanking.Product] = backend, [NoveltyRanking.Baseline] = backend });
        var lines = new List<string>();
        NoveltyComparison.Print(rows, lines.Add);

        Assert.Equal(["baseline", "product"], rows.Select(r => r.Ranking).Distinct().Order());
        Assert.Contains(rows, r => r is { Set: "paraphrased", Split: "held-out" });
        Assert.Equal(rows.Count + 1, lines.Count);
        foreach (var kind in new[] { "ordinary", "paraphrased" })
        {
            var product = rows.Where(r => r.Set == kind && r.Ranking == "product").Sum(r => r.Metrics.RecallAt10 * r.Metrics.Queries);
            var baseline = rows.Where(r => r.Set == kind && r.Ranking == "baseline").Sum(r => r.Metrics.RecallAt10 * r.Metrics.Queries);
            Assert.True(product >= baseline, $"{kind}: product found {product} targets in the top 10, the baseline {baseline}");
        }
        Assert.All(rows.Where(r => r is { Set: "none", Ranking: "product" }), r => Assert.True(r.EmptyHigh <= 1, $"{r.EmptyHigh} of {r.Empty} no-prior-art descriptions shown with relevance >= 0.5"));
    }
}
