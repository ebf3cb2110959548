using PatentNav.Tests;

namespace PatentNav.Evaluation.Tests;

/// <summary>
/// CI's smoke run of <c>patentnav-eval infringement</c> on the repository's cases over the CNKI export files their
/// claims come from (the full run on the service's index is in docs/infringement.md).
/// </summary>
public sealed class InfringementSmokeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("patentnav-infringement-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_cases_run_against_the_plain_baseline_and_the_product_is_not_below_it()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "data", "exports", "cnki"), "*工业通用技术及设备*").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        using var index = SmokeIndex.Build(_dir, files);
        var cases = InfringementCase.Load(Path.Combine(RepoPaths.Root, "eval", "infringement", "cases.jsonl"));
        Assert.Equal(45, cases.Count);
        Assert.Equal(15, cases.Count(c => c.HeldOut));

        using var product = new InProcessInfringementBackend(index);
        using var baseline = new InProcessInfringementBackend(index, plainBaseline: true);
        var productRows = InfringementEvaluation.Run(cases, product);
        var baselineRows = InfringementEvaluation.Run(cases, baseline);
        var lines = new List<string>();
        InfringementEvaluation.Print(productRows, lines.Add);

        Assert.Equal(["dev", "heldout", "all"], productRows.Select(r => r.Split));
        Assert.Equal(productRows.Count + 2, lines.Count);
        for (var i = 0; i < productRows.Count; i++)
        {
            Assert.True(productRows[i].Accuracy >= baselineRows[i].Accuracy,
                $"{productRows[i].Split}: product {productRows[i].Accuracy:F3}, baseline {baselineRows[i].Accuracy:F3}");
        }
        // The baseline never says equivalent; every case written in the claim's own words reads literally.
        Assert.DoesNotContain(baselineRows[^1].Confusion.Keys, k => k.Got == "equivalent");
        Assert.Equal(15, productRows[^1].Confusion.GetValueOrDefault(("literal", "literal")));
    }
}
