using PatentNav.Core.Novelty;
using PatentNav.Core.Query;

namespace PatentNav.Core.Tests.Novelty;

public sealed class PlainBaselineTests
{
    [Fact]
    public void The_baseline_is_every_word_and_bigram_unweighted_over_title_abstract_and_claims_with_coordination()
    {
        var query = PlainBaseline.Query("我们计划研发一种锂电池正极材料。")!;

        Assert.True(query.Coordinate);
        Assert.Equal([SearchField.Title, SearchField.Abstract, SearchField.Claims], query.Fields);
        Assert.All(query.Terms.Where(t => !t.Bigram), t => Assert.Equal(1f, t.Weight));
        Assert.All(query.Terms.Where(t => t.Bigram), t => Assert.Equal(PlainBaseline.BigramBoost, t.Weight));
        Assert.Contains(query.Terms, t => t is { Term: "正极", Bigram: false });
        Assert.Contains(query.Terms, t => t is { Term: "锂电", Bigram: true });
        // The novelty stop list applies: project boilerplate is not a term.
        Assert.DoesNotContain(query.Terms, t => t.Term is "我们" or "计划" or "研发");
    }

    [Fact]
    public void Text_without_words_has_no_baseline_query()
    {
        Assert.Null(PlainBaseline.Query("，。！"));
    }
}
