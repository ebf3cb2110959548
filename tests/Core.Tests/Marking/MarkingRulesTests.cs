using PatentNav.Core.Marking;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Marking;

/// <summary>Every marking rule on a hand-made case (docs/tools.md).</summary>
public sealed class MarkingRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static PatentRecord Patent(string publication, PatentType type, DateOnly filed, LegalState state = LegalState.InForce, DateOnly? granted = null) => new()
    {
        Id = publication,
        PublicationNumber = publication,
        KindCode = publication[^1..],
        Type = type,
        ApplicationNumber = "202222630301.5",
        ApplicationDate = filed,
        GrantDate = granted,
        LegalState = state,
    };

    private static IReadOnlyList<string> Rules(string number, PatentType? marked, PatentRecord? patent)
    {
        var application = ApplicationNumber.Parse(number.Replace("ZL", "", StringComparison.Ordinal)).Value;
        var publication = application is null ? PublicationNumber.Parse(number).Value : null;
        return [.. MarkingRules.Evaluate(new PatentMarking(number, marked), application, publication, patent, Today).Select(f => f.Rule)];
    }

    [Fact]
    public void A_granted_utility_model_in_force_marked_as_such_has_no_findings() =>
        Assert.Empty(Rules("ZL202222630301.5", PatentType.UtilityModel, Patent("CN218000001U", PatentType.UtilityModel, new DateOnly(2022, 10, 8))));

    [Fact]
    public void A_utility_model_marked_as_an_invention_is_a_type_mismatch() =>
        Assert.Equal([MarkingRules.TypeMismatch], Rules("ZL202222630301.5", PatentType.Invention, Patent("CN218000001U", PatentType.UtilityModel, new DateOnly(2022, 10, 8))));

    [Fact]
    public void The_number_alone_gives_the_type_when_the_index_lacks_the_patent()
    {
        // 2022 2 …: the type digit says utility model; the index has nothing, which needs verifying.
        Assert.Equal([MarkingRules.TypeMismatch, MarkingRules.NotFound], Rules("ZL202222630301.5", PatentType.Invention, null));
    }

    [Fact]
    public void A_wrong_check_digit_is_named_with_the_right_one()
    {
        var application = ApplicationNumber.Parse("202222630301.7").Value;
        var findings = MarkingRules.Evaluate(new PatentMarking("ZL202222630301.7"), application, null, null, Today);
        var wrong = findings[0];
        Assert.Equal(MarkingRules.CheckDigitWrong, wrong.Rule);
        Assert.Equal(MarkingRules.Violation, wrong.Severity);
        Assert.Contains("5", wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZL-ABC")]
    [InlineData("专利申请中")]
    [InlineData("US1234567")]
    public void Text_that_is_no_chinese_patent_number_is_invalid(string printed)
    {
        var findings = MarkingRules.Evaluate(new PatentMarking(printed), ApplicationNumber.Parse(printed).Value, PublicationNumber.Parse(printed).Value is { Country: "CN" } cn ? cn : null, null, Today);
        Assert.Equal([MarkingRules.NumberInvalid], findings.Select(f => f.Rule));
    }

    [Fact]
    public void An_application_marked_as_a_patent_is_a_violation() =>
        Assert.Equal([MarkingRules.ApplicationMarkedAsPatent], Rules("ZL202210000001.0", PatentType.Invention,
            Patent("CN115000001A", PatentType.Invention, new DateOnly(2022, 1, 5), LegalState.Pending)));

    [Fact]
    public void An_expired_patent_still_marked_is_a_violation() =>
        Assert.Equal([MarkingRules.Expired], Rules("ZL202222630301.5", PatentType.UtilityModel,
            Patent("CN201000001U", PatentType.UtilityModel, new DateOnly(2010, 3, 1), LegalState.Unknown)));

    [Fact]
    public void A_lapsed_patent_still_marked_is_a_violation() =>
        Assert.Equal([MarkingRules.Lapsed], Rules("ZL202222630301.5", PatentType.UtilityModel,
            Patent("CN218000001U", PatentType.UtilityModel, new DateOnly(2022, 10, 8), LegalState.NotInForce)));

    [Fact]
    public void Unknown_legal_status_is_to_verify_not_correct()
    {
        var application = ApplicationNumber.Parse("202222630301.5").Value;
        var findings = MarkingRules.Evaluate(new PatentMarking("ZL202222630301.5", PatentType.UtilityModel), application, null,
            Patent("CN218000001U", PatentType.UtilityModel, new DateOnly(2022, 10, 8), LegalState.Unknown), Today);
        var finding = Assert.Single(findings);
        Assert.Equal((MarkingRules.LegalStatusUnknown, MarkingRules.Verify), (finding.Rule, finding.Severity));
    }

    [Theory]
    [InlineData("发明", PatentType.Invention)]
    [InlineData("发明专利", PatentType.Invention)]
    [InlineData("实用新型专利", PatentType.UtilityModel)]
    [InlineData("外观设计", PatentType.Design)]
    [InlineData("utilityModel", PatentType.UtilityModel)]
    public void Marked_types_are_read_in_their_printed_forms(string printed, PatentType type) =>
        Assert.Equal((type, (string?)null), MarkingRules.ParseMarkedType(printed));

    [Fact]
    public void An_unknown_marked_type_is_an_error_and_none_is_none()
    {
        Assert.NotNull(MarkingRules.ParseMarkedType("专利").Error);
        Assert.Equal((null, null), MarkingRules.ParseMarkedType(" "));
    }
}
