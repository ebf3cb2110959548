using PatentNav.Core.Claims;
using PatentNav.Core.Model;
using PatentNav.Core.Valuation;

namespace PatentNav.Core.Tests.Valuation;

public sealed class ValueIndicatorsTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static object? Value(IReadOnlyList<ValueIndicator> indicators, string id) => indicators.Single(i => i.Id == id).Value;

    [Fact]
    public void Every_indicator_has_a_definition_and_facts_the_data_lacks_are_null_not_guessed()
    {
        var claims = "1.一种开瓶器，包括主体。2.根据权利要求1所述的开瓶器，其特征在于，主体底部固接砂轮片。3.一种开瓶方法，包括：用砂轮片划开瓶颈。";
        var record = new PatentRecord
        {
            Id = "CN222593445U", PublicationNumber = "CN222593445U", KindCode = "U", Type = PatentType.UtilityModel,
            ApplicationDate = new DateOnly(2024, 3, 11), LegalState = LegalState.InForce, Ipc = ["A61J1/06", "A61J1/14", "B67B7/92"],
            Applicants = ["中山大学附属第一医院", "某某有限公司"], Claims = claims, ClaimTree = ClaimTreeParser.Parse(claims),
        };
        var indicators = ValueIndicators.Of(record, Today);
        Assert.All(indicators, i => Assert.False(string.IsNullOrWhiteSpace(i.Definition)));
        Assert.Equal(indicators.Count, indicators.Select(i => i.Id).Distinct().Count());
        // Utility model filed 2024-03-11: term to 2034-03-10, 7.3 years from 2026-12-04.
        Assert.Equal(7.3, Value(indicators, "remainingTerm"));
        Assert.Equal("in_force", Value(indicators, "legalStatus"));
        Assert.Equal(3, Value(indicators, "claimCount"));
        Assert.Equal(2, Value(indicators, "independentClaims"));
        Assert.Equal(2, Value(indicators, "ipcSubclasses"));
        Assert.Equal(2, Value(indicators, "applicants"));
        Assert.Null(Value(indicators, "citations"));
        Assert.Null(Value(indicators, "familySize"));
    }

    [Fact]
    public void Claim_1_alone_leaves_the_claim_count_unknown_and_a_lapsed_patent_has_no_term_left()
    {
        var claim1 = "1.一种医用标本箱,包括固定底板(1),其特征在于,所述固定底板(1)上端表面设置有放置箱(2)。";
        var record = new PatentRecord
        {
            Id = "CN222664260U", PublicationNumber = "CN222664260U", KindCode = "U", Type = PatentType.UtilityModel,
            ApplicationDate = new DateOnly(2024, 5, 1), LegalState = LegalState.NotInForce, Claims = claim1, ClaimTree = ClaimTreeParser.Parse(claim1),
        };
        var indicators = ValueIndicators.Of(record, Today);
        Assert.Null(Value(indicators, "claimCount"));
        Assert.Null(Value(indicators, "independentClaims"));
        Assert.NotNull(Value(indicators, "firstClaimLength"));
        Assert.Equal(0.0, Value(indicators, "remainingTerm"));
        Assert.Equal("lapsed", Value(indicators, "legalStatus"));
    }
}
