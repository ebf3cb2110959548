using PatentNav.Core.Novelty;

namespace PatentNav.Evaluation.Tests;

public class MetricsTests
{
    [Fact]
    public void Recall_and_reciprocal_rank_follow_the_first_relevant_position()
    {
        var query = new RankedQuery("q", ["B", "Z"], ["A", "B", "C"]);
        Assert.Equal(0.5, RankingMetrics.Recall(query, 10));
        Assert.Equal(0.0, RankingMetrics.Recall(query, 1));
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(query));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(new RankedQuery("q", ["Z"], ["A"])));
    }

    [Fact]
    public void Metrics_average_over_judged_queries_only()
    {
        var metrics = RankingMetrics.Compute(
        [
            new RankedQuery("hit first", ["A"], ["A", "B"]),
            new RankedQuery("hit third", ["C"], ["A", "B", "C"]),
            new RankedQuery("no prior art", [], ["A"]),
        ]);
        Assert.Equal(2, metrics.Queries);
        Assert.Equal(1.0, metrics.RecallAt10);
        Assert.Equal((1.0 + (1.0 / 3)) / 2, metrics.Mrr, 10);
    }

    [Fact]
    public void Micro_f1_pools_counts_over_all_items()
    {
        var f1 = MicroF1.Compute(
        [
            (["H01M"], ["H01M", "H01L"]),
            (["G06F", "A61K"], ["G06F"]),
        ]);
        Assert.Equal(2, f1.TruePositives);
        Assert.Equal(3, f1.Predicted);
        Assert.Equal(3, f1.Actual);
        Assert.Equal(2.0 / 3, f1.F1, 10);
    }

    [Fact]
    public void Ipc_prediction_keeps_the_top_suggestion_and_confident_others()
    {
        var suggestions = new[] { new IpcSuggestion("H01M", 0.35), new IpcSuggestion("H01L", 0.3), new IpcSuggestion("C01B", 0.1) };
        Assert.Equal(["H01M", "H01L"], IpcCrossValidation.Predict(suggestions, 0.3));
        Assert.Equal(["H01M"], IpcCrossValidation.Predict(suggestions, 0.5));
        Assert.Empty(IpcCrossValidation.Predict([], 0.5));
    }

    [Fact]
    public void Keyphrase_sets_make_one_known_item_query_per_patent_with_keyphrases()
    {
        var (novelty, expert) = KeyphraseSets.Build(Path.Combine(RepoPaths.Demo, "kppatent-tac.jsonl"));
        Assert.Equal(696, novelty.Count);
        Assert.Equal(novelty.Select(q => q.Relevant[0]), expert.Select(q => q.Relevant[0]));
        Assert.Contains(novelty, q => q.Relevant[0] == "CN113914863A");
        Assert.All(expert, q => Assert.StartsWith("KW=(\"", q.Query, StringComparison.Ordinal));
    }

    [Fact]
    public void Ipc_titles_load_from_the_demo_copy_with_their_subclasses()
    {
        var rows = IpcCrossValidation.Load(Path.Combine(RepoPaths.Demo, "cn-titles-ipc.jsonl"));
        Assert.Equal(9740, rows.Count);
        var first = rows[0];
        Assert.Equal("CN114081026A", first.Id);
        Assert.Equal(["A01M", "G06F", "H02G"], first.Subclasses);
    }
}

public sealed class EffectAgreementTests
{
    private static IReadOnlySet<string> Set(params string[] values) => values.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Agreement_counts_per_effect_only_the_patents_the_reference_annotates()
    {
        var reference = new Dictionary<string, IReadOnlySet<string>>
        {
            ["CN1"] = Set("cost", "efficiency"),
            ["CN2"] = Set("cost"),
            ["CN3"] = Set(),
        };
        var predicted = new Dictionary<string, IReadOnlySet<string>>
        {
            ["CN1"] = Set("cost"),
            ["CN2"] = Set("cost", "efficiency"),
            ["CN3"] = Set("efficiency"),
            // Not annotated by the reference: says nothing either way.
            ["CN4"] = Set("cost"),
        };

        var result = Evaluation.EffectAgreement.Score(reference, predicted, ["cost", "efficiency"]);

        var cost = result.Effects.Single(e => e.Effect == "cost");
        Assert.Equal((2, 2, 2), (cost.Reference, cost.Predicted, cost.Both));
        var efficiency = result.Effects.Single(e => e.Effect == "efficiency");
        Assert.Equal((1, 2, 0), (efficiency.Reference, efficiency.Predicted, efficiency.Both));
        Assert.Equal(0.0, efficiency.F1);
        Assert.Equal(2.0 / 4, result.Micro.Precision, 6);
        Assert.Equal(2.0 / 3, result.Micro.Recall, 6);
        Assert.Equal(3, result.Annotated);
    }

    [Fact]
    public void Every_mapped_incopat_label_names_an_effect_of_the_shipped_vocabulary()
    {
        var vocabulary = NavigationMaps.EffectVocabulary.Load(Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Effects", "technical-effects.effects"));
        Assert.All(Evaluation.EffectAgreement.IncopatLabels.Values, e => Assert.NotNull(vocabulary.Find(e)));
    }
}
