using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class PublicationNumberTests
{
    [Theory]
    [InlineData("CN113914863A")]
    [InlineData("cn 113914863 a")]
    [InlineData("ＣＮ１１３９１４８６３Ａ")]
    [InlineData("CN1139148 63A")]
    [InlineData(" CN113914863A\t")]
    public void Pasted_forms_normalise_to_the_compact_form(string pasted)
    {
        var result = PublicationNumber.Parse(pasted);

        Assert.True(result.Success, result.Error);
        Assert.Equal("CN113914863A", result.Value.Value);
        Assert.Equal("CN", result.Value.Country);
        Assert.Equal("113914863", result.Value.Serial);
        Assert.Equal("A", result.Value.KindCode);
        Assert.Equal(PatentType.Invention, result.Value.Type);
    }

    // Kind codes seen in the data: cnipa-export-sample.csv 公开号/授权公告号 and cn-titles-ipc.csv pub_no.
    [Theory]
    [InlineData("CN218751475U", PatentType.UtilityModel, "U")]
    [InlineData("CN115883397B", PatentType.Invention, "B")]
    [InlineData("CN116245100A", PatentType.Invention, "A")]
    [InlineData("CN1234567C", PatentType.Invention, "C")]
    [InlineData("CN2345678Y", PatentType.UtilityModel, "Y")]
    [InlineData("CN3345678D", PatentType.Design, "D")]
    [InlineData("CN306123456S", PatentType.Design, "S")]
    [InlineData("CN111504366B1", PatentType.Invention, "B1")]
    public void Kind_code_implies_the_patent_type(string text, PatentType type, string kind)
    {
        var number = PublicationNumber.Parse(text).Value!;

        Assert.Equal(type, number.Type);
        Assert.Equal(kind, number.KindCode);
        Assert.Equal(text, number.Value);
    }

    [Fact]
    public void Number_without_kind_code_keeps_no_kind_and_takes_the_type_from_the_serial()
    {
        var number = PublicationNumber.Parse("CN113914863").Value!;

        Assert.Equal("CN113914863", number.Value);
        Assert.Null(number.KindCode);
        Assert.Equal(PatentType.Invention, number.Type);
    }

    [Fact]
    public void Bare_serial_is_taken_as_Chinese()
    {
        Assert.Equal("CN218751475U", PublicationNumber.Parse("218751475U").Value!.Value);
    }

    // Numbers of other offices as the real exports write them (CNKI 海外专利, incoPat 公开国别 rows).
    [Theory]
    [InlineData("TWI841306", "TW", "I841306", null)]
    [InlineData("TWM647680", "TW", "M647680", null)]
    [InlineData("TWD122962S", "TW", "D122962", "S")]
    [InlineData("BRPI2117369A2", "BR", "PI2117369", "A2")]
    [InlineData("JPWO2017183476A1", "JP", "WO2017183476", "A1")]
    [InlineData("US2019354105A1", "US", "2019354105", "A1")]
    [InlineData("KR20220001234A", "KR", "20220001234", "A")]
    public void Other_offices_keep_their_serial_letters_and_their_country(string text, string country, string serial, string? kind)
    {
        var number = PublicationNumber.Parse(text).Value!;

        Assert.Equal(text, number.Value);
        Assert.Equal(country, number.Country);
        Assert.Equal(serial, number.Serial);
        Assert.Equal(kind, number.KindCode);
        Assert.Equal(PatentType.Unknown, number.Type);
    }

    // CNKI and incoPat hold the first Chinese numbers (1985–1988): eight digits starting with the year.
    [Theory]
    [InlineData("CN86104632", PatentType.Invention)]
    [InlineData("CN85106385B", PatentType.Invention)]
    [InlineData("CN87203450U", PatentType.UtilityModel)]
    public void The_eight_digit_numbers_of_1985_to_1988_are_valid(string text, PatentType type)
    {
        var number = PublicationNumber.Parse(text).Value!;

        Assert.Equal(text, number.Value);
        Assert.Equal(type, number.Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CN11391486A")]       // 8 digits that are not a 1985–1988 number
    [InlineData("CNI113914863A")]     // letters before a CN serial
    [InlineData("CN113914863Q")]      // no such kind code
    [InlineData("202223220665.2")]    // an application number
    [InlineData("KP-TAC-0017")]
    public void Garbage_is_a_failure_with_a_reason(string? text)
    {
        var result = PublicationNumber.Parse(text);

        Assert.False(result.Success);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
