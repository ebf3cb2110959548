using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class PatentDateTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("20221202")]          // 申请日 of cnipa-export-sample.csv, row 1
    [InlineData("2022-12-02")]
    [InlineData("2022.12.02")]
    [InlineData("2022/12/2")]
    [InlineData("2022年12月2日")]
    [InlineData("２０２２年１２月２日")]
    [InlineData("２０２２１２０２")]
    [InlineData(" 2022-12-02 00:00:00 ")]
    [InlineData("2022-12-02T00:00:00")]
    public void Common_forms_parse_to_the_same_day(string text)
    {
        var result = PatentDate.Parse(text, Today);

        Assert.Equal(DateStatus.Valid, result.Status);
        Assert.Equal(new DateOnly(2022, 12, 2), result.Value);
    }

    [Fact]
    public void Dates_in_running_text_of_the_demo_parse()
    {
        // CN111185648A: "本申请是申请日为2017年07月21日".
        Assert.Equal(new DateOnly(2017, 7, 21), PatentDate.Parse("2017年07月21日", Today).Value);
    }

    [Theory]
    [InlineData("0")]                 // 授权公告日 = 0: not granted
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("00000000")]
    public void Zero_and_empty_mean_absent(string? text)
    {
        var result = PatentDate.Parse(text, Today);

        Assert.Equal(DateStatus.Absent, result.Status);
        Assert.Null(result.Value);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("20201345")]
    [InlineData("2021-02-30")]
    [InlineData("1984-12-31")]
    [InlineData("2026-06-02")]        // more than a year after Today
    [InlineData("2020-01")]
    [InlineData("yesterday")]
    public void Impossible_dates_are_invalid_with_a_reason_not_thrown(string text)
    {
        var result = PatentDate.Parse(text, Today);

        Assert.Equal(DateStatus.Invalid, result.Status);
        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void A_date_within_a_year_ahead_is_accepted()
    {
        // Publication dates are announced ahead; a year of slack covers that and clock skew.
        Assert.Equal(DateStatus.Valid, PatentDate.Parse("2026-06-01", Today).Status);
    }
}
