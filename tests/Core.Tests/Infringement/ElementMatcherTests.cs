using PatentNav.Core.Infringement;
using PatentNav.Core.Model;

namespace PatentNav.Core.Tests.Infringement;

public sealed class ElementMatcherTests
{
    // Every word weighs the same here; the service weighs them by their rarity in the corpus.
    private static readonly ElementMatcher Matcher = new(_ => 1, InfringementLexicon.Default);

    private static ElementMatch Match(string element, string product, string part = "characterising") =>
        Matcher.Match(new ClaimElement(element, part), new ProductText(product));

    [Fact]
    public void An_element_stated_in_one_product_sentence_is_literal_with_that_sentence_as_evidence()
    {
        var match = Match("所述放置箱内部底面设置有样本架", "本产品是一种标本箱。放置箱的内部底面设置有样本架，用于插放试管。箱体正面有门。");
        Assert.Equal(ElementStatus.Literal, match.Status);
        // The evidence is the clause that states it, not the whole sentence.
        Assert.Equal("放置箱的内部底面设置有样本架", match.Evidence.Sentence);
        Assert.Contains("样本架", match.Evidence.MatchedTerms);
        Assert.Equal(ElementReason.AllWordsStated, match.Evidence.ReasonCode);
    }

    [Fact]
    public void The_same_means_in_other_words_is_possibly_equivalent_and_the_reason_names_the_substitution()
    {
        var match = Match("所述电机通过螺栓固定在底座上", "马达用螺钉固定在底座上。");
        Assert.Equal(ElementStatus.Equivalent, match.Status);
        Assert.Contains("电机→马达", match.Evidence.Substitutions);
        Assert.Contains("螺栓→螺钉", match.Evidence.Substitutions);
        Assert.Equal(ElementReason.SubstitutedWords, match.Evidence.ReasonCode);
    }

    [Fact]
    public void An_element_the_product_does_not_state_is_missing_and_says_which_words_are_absent()
    {
        var match = Match("所述活动门内侧设置有与电锁座相互配合的锁舌", "放置箱内部底面设置有样本架。箱体正面设有活动门。");
        Assert.Equal(ElementStatus.Missing, match.Status);
        Assert.Contains("锁舌", match.Evidence.MissingTerms);
    }

    [Fact]
    public void A_contrasting_means_stated_instead_makes_the_element_missing()
    {
        var match = Match("所述挤压板与开瓶器主体滑动连接", "挤压板与开瓶器主体转动连接。");
        Assert.Equal(ElementStatus.Missing, match.Status);
        Assert.Equal(ElementReason.ContrastingMeans, match.Evidence.ReasonCode);
        Assert.Contains("滑动", match.Evidence.Reason, StringComparison.Ordinal);
        Assert.Contains("转动", match.Evidence.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claimed_range_is_met_only_by_a_product_value_inside_it_and_never_by_equivalence()
    {
        Assert.Equal(ElementStatus.Literal, Match("所述钝化层的厚度为5～30nm", "钝化层的厚度为20nm。").Status);
        var outside = Match("所述钝化层的厚度为5～30nm", "钝化层的厚度为50nm。");
        Assert.Equal(ElementStatus.Missing, outside.Status);
        Assert.Equal(ElementReason.ValueOutsideRange, outside.Evidence.ReasonCode);
        var unstated = Match("所述钝化层的厚度为5～30nm", "表面覆盖一层钝化层。");
        Assert.Equal(ElementStatus.Missing, unstated.Status);
        Assert.Equal(ElementReason.ValueNotStated, unstated.Evidence.ReasonCode);
    }

    [Fact]
    public void The_lexicon_rejects_a_line_without_a_kind_and_reads_its_groups()
    {
        Assert.Throws<FormatException>(() => InfringementLexicon.Parse(new StringReader("电机 马达\n")));
        var lexicon = InfringementLexicon.Parse(new StringReader("# comment\nsame: 电机 马达\ncontrast: 串联 并联\n"));
        Assert.Equal([new InfringementLexicon.Pair("电机", "马达")], lexicon.Substitutes("电机驱动", "马达驱动"));
        Assert.Equal([new InfringementLexicon.Pair("串联", "并联")], lexicon.Contrasts("电池串联", "电池并联"));
    }
}

public sealed class EnforceabilityTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static PatentRecord Record(string number, PatentType type, DateOnly? filed, LegalState state = LegalState.Unknown) => new()
    {
        Id = number,
        PublicationNumber = number,
        KindCode = number[^1..],
        Type = type,
        ApplicationDate = filed,
        LegalState = state,
    };

    [Fact]
    public void Terms_are_twenty_years_for_inventions_ten_for_utility_models_and_fifteen_for_designs_filed_from_june_2021()
    {
        Assert.Equal(new DateOnly(2030, 3, 14), Enforceability.ExpiryOf(Record("CN1B", PatentType.Invention, new DateOnly(2010, 3, 15))));
        Assert.Equal(new DateOnly(2020, 3, 14), Enforceability.ExpiryOf(Record("CN1U", PatentType.UtilityModel, new DateOnly(2010, 3, 15))));
        Assert.Equal(new DateOnly(2031, 5, 30), Enforceability.ExpiryOf(Record("CN1S", PatentType.Design, new DateOnly(2021, 5, 31))));
        Assert.Equal(new DateOnly(2036, 5, 31), Enforceability.ExpiryOf(Record("CN1S", PatentType.Design, new DateOnly(2021, 6, 1))));
    }

    [Fact]
    public void Unknown_legal_status_of_a_granted_patent_in_term_is_unknown_never_safe()
    {
        var unverified = Enforceability.Of(Record("CN222664260U", PatentType.UtilityModel, new DateOnly(2024, 5, 1)), Today);
        Assert.Equal(Enforceability.InForceUnverified, unverified.Code);
        Assert.Null(unverified.InForce);
        Assert.True(unverified.Searchable);
        Assert.Contains("verify", unverified.Note, StringComparison.Ordinal);

        var verified = Enforceability.Of(Record("CN113294479B", PatentType.Invention, new DateOnly(2021, 6, 1), LegalState.InForce), Today);
        Assert.Equal((Enforceability.InForceCode, (bool?)true), (verified.Code, verified.InForce));
    }

    [Fact]
    public void Applications_expired_and_lapsed_patents_cannot_be_infringed()
    {
        Assert.Equal((Enforceability.Application, (bool?)false), Code(Record("CN119698090A", PatentType.Invention, new DateOnly(2024, 12, 1))));
        Assert.Equal((Enforceability.Expired, (bool?)false), Code(Record("CN201234567U", PatentType.UtilityModel, new DateOnly(2012, 1, 1))));
        Assert.Equal((Enforceability.Lapsed, (bool?)false), Code(Record("CN113294479B", PatentType.Invention, new DateOnly(2021, 6, 1), LegalState.NotInForce)));
        Assert.Equal((Enforceability.Unknown, (bool?)null), Code(Record("CN113294479B", PatentType.Invention, null)));
        // Without a filing date the publication date bounds the term: a full term after publication it has surely expired.
        Assert.Equal((Enforceability.InForceUnverified, (bool?)null), Code(Record("CN222664260U", PatentType.UtilityModel, null) with { PublicationDate = new DateOnly(2025, 3, 25) }));
        Assert.Equal((Enforceability.Expired, (bool?)false), Code(Record("CN2664260U", PatentType.UtilityModel, null) with { PublicationDate = new DateOnly(2015, 3, 25) }));

        static (string, bool?) Code(PatentRecord record) => Enforceability.Of(record, Today) is var e ? (e.Code, e.InForce) : default;
    }
}
