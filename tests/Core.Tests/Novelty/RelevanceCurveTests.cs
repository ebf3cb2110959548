using PatentNav.Core.Novelty;

namespace PatentNav.Core.Tests.Novelty;

public sealed class RelevanceCurveTests
{
    [Fact]
    public void Relevance_is_one_half_at_the_fitted_coverage_and_rises_with_coverage()
    {
        Assert.Equal(0.5, NoveltySearch.Calibrate(NoveltySearch.CoverageAtHalfRelevance), 6);
        Assert.Equal(0, NoveltySearch.Calibrate(0));
        Assert.Equal(0, NoveltySearch.Calibrate(-0.2));
        var curve = Enumerable.Range(1, 100).Select(i => NoveltySearch.Calibrate(i / 100.0)).ToList();
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second >= p.First));
        Assert.All(curve, r => Assert.InRange(r, 0, 1));
        Assert.True(NoveltySearch.Calibrate(0.09) < 0.1, "the best hit of a description without prior art (coverage about 0.09) stays low");
        Assert.True(NoveltySearch.Calibrate(0.2) > 0.9, "prior art sharing a fifth of the description's weight is shown as relevant");
    }
}
