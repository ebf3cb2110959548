using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class ApplicationNumberTests
{
    // Column 申请号 of formats/cnipa-export-sample.csv: all ten rows, check digits included.
    [Theory]
    [InlineData("CN202223220665.2")]
    [InlineData("CN202122975192.6")]
    [InlineData("CN202121635235.X")]
    [InlineData("CN202121635426.6")]
    [InlineData("CN202121741650.3")]
    [InlineData("CN202121762003.0")]
    [InlineData("CN202121751980.0")]
    [InlineData("CN202211740332.4")]
    [InlineData("CN202310605823.6")]
    [InlineData("CN202211359874.7")]
    public void Every_number_of_the_CNIPA_export_sample_validates(string exported)
    {
        var result = ApplicationNumber.Parse(exported);

        Assert.True(result.Success, result.Error);
        Assert.Equal(exported[2..], result.Value.Value);
        Assert.True(result.Value.HasCheckDigit);
        Assert.True(result.Value.CheckDigitMatches);
        Assert.Equal(exported[^1], result.Value.ExpectedCheckDigit);
    }

    [Fact]
    public void Export_sample_utility_model_number_gives_year_and_type()
    {
        var number = ApplicationNumber.Parse("CN202223220665.2").Value!;

        Assert.Equal(2022, number.Year);
        Assert.Equal(2, number.TypeDigit);
        Assert.Equal(PatentType.UtilityModel, number.Type);
        Assert.False(number.IsPct);
    }

    // Parent applications cited in kppatent-tac.jsonl descriptions, written in the forms authors use.
    [Theory]
    [InlineData("201710600905.6", "201710600905.6")]     // CN111185648A
    [InlineData("2016102861593", "201610286159.3")]      // CN109444534A: no dot
    [InlineData("2016107986241", "201610798624.1")]      // CN110092606A
    [InlineData("201610323031.X", "201610323031.X")]     // CN110798574A: check digit 10
    [InlineData("CN 2016 1 0323031.x", "201610323031.X")]
    [InlineData("ZL 2017 1 0600905.6", "201710600905.6")]
    [InlineData("ＣＮ２０１７１０６００９０５．６", "201710600905.6")]
    [InlineData(" 2017 1060 0905.6 ", "201710600905.6")]
    public void Pasted_forms_normalise_to_the_dotted_form(string pasted, string expected)
    {
        var result = ApplicationNumber.Parse(pasted);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, result.Value.Value);
        Assert.True(result.Value.CheckDigitMatches);
    }

    [Fact]
    public void PCT_national_phase_number_has_type_digit_8()
    {
        // CN111471961A cites its PCT parent 201680041108.2.
        var number = ApplicationNumber.Parse("201680041108.2").Value!;

        Assert.Equal(8, number.TypeDigit);
        Assert.True(number.IsPct);
        Assert.Equal(PatentType.Invention, number.Type);
        Assert.Equal(2016, number.Year);
    }

    [Fact]
    public void Old_eight_digit_number_validates_with_the_same_weights()
    {
        var number = ApplicationNumber.Parse("97101765.4").Value!;

        Assert.Equal("97101765.4", number.Value);
        Assert.True(number.CheckDigitMatches);
        Assert.Equal(1997, number.Year);
        Assert.Equal(1, number.TypeDigit);
        Assert.True(number.IsLegacyFormat);
    }

    [Fact]
    public void Wrong_check_digit_is_reported_with_the_expected_one_not_thrown()
    {
        var result = ApplicationNumber.Parse("CN202223220665.3");

        Assert.True(result.Success);
        Assert.Equal("202223220665.3", result.Value.Value);
        Assert.True(result.Value.HasCheckDigit);
        Assert.False(result.Value.CheckDigitMatches);
        Assert.Equal('2', result.Value.ExpectedCheckDigit);
        Assert.Equal('3', result.Value.GivenCheckDigit);
    }

    [Fact]
    public void Number_without_check_digit_gets_the_computed_one_and_says_it_was_absent()
    {
        var number = ApplicationNumber.Parse("CN202223220665").Value!;

        Assert.Equal("202223220665.2", number.Value);
        Assert.False(number.HasCheckDigit);
        Assert.Null(number.CheckDigitMatches);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CN113914863A")]          // a publication number, not an application number
    [InlineData("20221322066")]           // 11 digits
    [InlineData("202243220665.2")]        // type digit 4 does not exist
    [InlineData("198010123456.7")]        // before the patent law
    [InlineData("查看CN202223220665.2")]
    public void Garbage_is_a_failure_with_a_reason(string? text)
    {
        var result = ApplicationNumber.Parse(text);

        Assert.False(result.Success);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
