using System.Globalization;
using PatentNav.Core.Engine;
using PatentNav.Core.Novelty;

namespace PatentNav.Evaluation;

/// <summary>
/// How the novelty relevance curve is fitted: relevance = 1 / (1 + (c½ / coverage)^k), a logistic in ln(coverage), by
/// class-balanced maximum likelihood on the dev split. Positives are the coverage of true prior art found in the top 10;
/// negatives the best hit of a description that has no prior art. The held-out split only checks the result.
/// </summary>
public static class RelevanceCalibration
{
    public sealed record Sample(double Coverage, bool PriorArt, bool HeldOut);

    public sealed record Fit(double CoverageAtHalf, double Steepness);

    public sealed record Result(Fit Fitted, IReadOnlyList<Sample> Samples);

    public static Result Run(IPatentSearcher searcher, IReadOnlyList<EvaluationQuery> queries)
    {
        var novelty = new NoveltySearch(searcher);
        var samples = new List<Sample>();
        foreach (var query in queries)
        {
            var hits = novelty.SearchAsync(new NoveltyRequest { Text = query.Query, Size = 10 }).GetAwaiter().GetResult().Hits;
            if (query.Relevant.Count == 0)
            {
                if (hits.Count > 0)
                {
                    samples.Add(new Sample(hits[0].Coverage, PriorArt: false, query.HeldOut));
                }
                continue;
            }
            var relevant = query.Relevant.ToHashSet(StringComparer.Ordinal);
            if (hits.FirstOrDefault(h => relevant.Contains(h.Id)) is { } found)
            {
                samples.Add(new Sample(found.Coverage, PriorArt: true, query.HeldOut));
            }
        }
        return new Result(FitCurve([.. samples.Where(s => !s.HeldOut)]), samples);
    }

    /// <summary>Gradient descent on the class-weighted logistic loss of a + b·ln(coverage); c½ = exp(−a / b), k = b.</summary>
    public static Fit FitCurve(IReadOnlyList<Sample> samples)
    {
        var positives = samples.Count(s => s.PriorArt);
        var negatives = samples.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new InvalidOperationException("Fitting needs both true prior art and descriptions without prior art on the dev split.");
        }
        double a = 0, b = 1;
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            double ga = 0, gb = 0;
            foreach (var sample in samples)
            {
                var x = Math.Log(Math.Max(sample.Coverage, 1e-6));
                var p = 1 / (1 + Math.Exp(-(a + (b * x))));
                var weight = sample.PriorArt ? 1.0 / positives : 1.0 / negatives;
                var error = weight * (p - (sample.PriorArt ? 1 : 0));
                ga += error;
                gb += error * x;
            }
            a -= 0.5 * ga;
            b -= 0.5 * gb;
        }
        return new Fit(Math.Exp(-a / b), b);
    }

    public static double Relevance(Fit fit, double coverage) =>
        coverage <= 0 ? 0 : 1 / (1 + Math.Pow(fit.CoverageAtHalf / coverage, fit.Steepness));

    public static void Print(Result result, Action<string> write)
    {
        var shipped = new Fit(NoveltySearch.CoverageAtHalfRelevance, NoveltySearch.RelevanceSteepness);
        write(string.Create(CultureInfo.InvariantCulture, $"fitted on dev: coverage at relevance 0.5 = {result.Fitted.CoverageAtHalf:F3}, steepness = {result.Fitted.Steepness:F2}"));
        write(string.Create(CultureInfo.InvariantCulture, $"shipped:       coverage at relevance 0.5 = {shipped.CoverageAtHalf:F3}, steepness = {shipped.Steepness:F2}"));
        foreach (var (name, heldOut) in new[] { ("dev", false), ("held-out", true) })
        {
            var split = result.Samples.Where(s => s.HeldOut == heldOut).ToList();
            var priorArt = split.Where(s => s.PriorArt).ToList();
            var none = split.Where(s => !s.PriorArt).ToList();
            write($"{name,-9} true prior art in the top 10 with relevance >= 0.5: {priorArt.Count(s => Relevance(shipped, s.Coverage) >= 0.5)}/{priorArt.Count}; " +
                $"best hit of no-prior-art descriptions >= 0.5: {none.Count(s => Relevance(shipped, s.Coverage) >= 0.5)}/{none.Count}");
        }
    }
}
