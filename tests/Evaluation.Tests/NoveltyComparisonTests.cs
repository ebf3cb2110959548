using PatentNav.Core.Novelty;

namespace PatentNav.Evaluation.Tests;

public class NoveltyComparisonTests
{
    [Fact]
    public void Rows_count_shown_prior_art_with_high_relevance_and_no_prior_art_descriptions_shown_high()
    {
        var row = NoveltyComparison.Summarise("paraphrased", "held-out", NoveltyRanking.Product,
        [
            new RankedQuery("found first, relevant", ["A"], ["A", "B"]) { Relevances = [0.8, 0.3] },
            new RankedQuery("found second, low", ["B"], ["A", "B"]) { Relevances = [0.6, 0.4] },
            new RankedQuery("missed", ["Z"], ["A", "B"]) { Relevances = [0.7, 0.2] },
            new RankedQuery("no prior art, shown high", [], ["A"], TopRelevance: 0.55) { Relevances = [0.55] },
            new RankedQuery("no prior art, low", [], ["A"], TopRelevance: 0.2) { Relevances = [0.2] },
        ]);

        Assert.Equal(5, row.Queries);
        Assert.Equal(3, row.Metrics.Queries);
        Assert.Equal(2.0 / 3, row.Metrics.RecallAt10, 10);
        Assert.Equal(2, row.PriorArtShown);
        Assert.Equal(1, row.PriorArtHigh);
        Assert.Equal(2, row.Empty);
        Assert.Equal(1, row.EmptyHigh);
        Assert.InRange(row.Metrics.RecallAt10, row.RecallCi.Low, row.RecallCi.High);
    }

    [Fact]
    public void The_bootstrap_interval_is_degenerate_for_constant_measures_and_widens_with_spread()
    {
        var all = Enumerable.Range(0, 20).Select(i => new RankedQuery($"q{i}", ["A"], ["A"])).ToList();
        Assert.Equal(new NoveltyComparison.Interval(1, 1), NoveltyComparison.Bootstrap(all, q => RankingMetrics.Recall(q, 10)));
        var half = Enumerable.Range(0, 20).Select(i => new RankedQuery($"q{i}", ["A"], i % 2 == 0 ? ["A"] : ["B"])).ToList();
        var interval = NoveltyComparison.Bootstrap(half, q => RankingMetrics.Recall(q, 10));
        Assert.True(interval.Low < 0.5 && interval.High > 0.5, interval.ToString());
    }
}

public class RelevanceCalibrationTests
{
    [Fact]
    public void The_fit_puts_relevance_one_half_between_the_classes_and_the_shipped_curve_matches_the_core()
    {
        var samples = new List<RelevanceCalibration.Sample>();
        samples.AddRange(new[] { 0.20, 0.25, 0.30, 0.35, 0.40, 0.18, 0.22 }.Select(c => new RelevanceCalibration.Sample(c, true, false)));
        samples.AddRange(new[] { 0.05, 0.06, 0.07, 0.08, 0.09 }.Select(c => new RelevanceCalibration.Sample(c, false, false)));

        var fit = RelevanceCalibration.FitCurve(samples);

        Assert.InRange(fit.CoverageAtHalf, 0.09, 0.18);
        Assert.True(fit.Steepness > 0);
        Assert.All(samples, s => Assert.Equal(s.PriorArt, RelevanceCalibration.Relevance(fit, s.Coverage) >= 0.5));
        var shipped = new RelevanceCalibration.Fit(NoveltySearch.CoverageAtHalfRelevance, NoveltySearch.RelevanceSteepness);
        Assert.All(new[] { 0.05, 0.138, 0.2, 0.5 }, c => Assert.Equal(NoveltySearch.Calibrate(c), RelevanceCalibration.Relevance(shipped, c), 10));
    }

    [Fact]
    public void Fitting_without_both_classes_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => RelevanceCalibration.FitCurve([new RelevanceCalibration.Sample(0.3, true, false)]));
    }
}
