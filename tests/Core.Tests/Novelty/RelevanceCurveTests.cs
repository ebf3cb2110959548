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

public sealed class IpcMixTests
{
    [Fact]
    public void The_model_and_the_votes_are_mixed_by_share_best_first_and_weak_suggestions_dropped()
    {
        var votes = new[] { new IpcSuggestion("E21C", 0.8), new IpcSuggestion("E21D", 0.2) };
        var model = new[] { new IpcSuggestion("E21D", 0.6), new IpcSuggestion("E21C", 0.3), new IpcSuggestion("B65G", 0.04), new IpcSuggestion("A01B", 0.06) };

        var mixed = NoveltySearch.Mix(votes, model, share: 0.7);

        Assert.Equal(["E21D", "E21C"], mixed.Take(2).Select(s => s.Subclass));
        Assert.Equal((0.3 * 0.2) + (0.7 * 0.6), mixed[0].Confidence, 4);
        Assert.DoesNotContain(mixed, s => s.Subclass is "B65G" or "A01B");
        Assert.Equal(votes.Select(v => v.Subclass), NoveltySearch.Mix(votes, [], share: 0).Select(s => s.Subclass));
    }
}
