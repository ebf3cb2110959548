using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class IpcCodeTests
{
    [Theory]
    [InlineData("H01M 10/0525")]
    [InlineData("H01M10/0525")]
    [InlineData("h01m10/0525")]
    [InlineData("Ｈ０１Ｍ１０／０５２５")]
    [InlineData("H01M  10/0525")]
    [InlineData("H01M10/0525(2010.01)")]
    [InlineData("H01M0010052500")]
    public void User_forms_normalise_to_the_compact_symbol(string text)
    {
        var result = IpcCode.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal("H01M10/0525", result.Value.Value);
    }

    [Fact]
    public void Subgroup_expands_to_all_five_levels()
    {
        var code = IpcCode.Parse("H01M10/0525").Value!;

        Assert.Equal(["H", "H01", "H01M", "H01M10/00", "H01M10/0525"], code.Levels);
        Assert.Equal("H01M", code.Subclass);
        Assert.Equal("H01M10/00", code.MainGroup);
    }

    [Fact]
    public void Main_group_is_not_repeated_in_its_levels()
    {
        Assert.Equal(["H", "H02", "H02J", "H02J7/00"], IpcCode.Parse("H02J7/00").Value!.Levels);
        Assert.Equal(["H", "H01", "H01M", "H01M10/00", "H01M10/05"], IpcCode.Parse("H01M 10/05").Value!.Levels);
    }

    [Fact]
    public void Bare_subclass_gives_three_levels()
    {
        var code = IpcCode.Parse("H01M").Value!;

        Assert.Equal(["H", "H01", "H01M"], code.Levels);
        Assert.Null(code.MainGroup);
    }

    [Fact]
    public void WIPO_padded_pattern_from_the_technology_concordance_is_compacted()
    {
        // wipo-35-fields.csv writes H04N  19/% for the prefix H04N19/.
        Assert.Equal("H04N19/50", IpcCode.Parse("H04N  19/50").Value!.Value);
    }

    [Fact]
    public void CNIPA_semicolon_list_splits_in_order()
    {
        // 分类号 of the first and second rows of cnipa-export-sample.csv.
        Assert.Equal(["B64U20/80", "B64U101/30"], IpcCode.ParseList("B64U20/80;B64U101/30").Codes.Select(c => c.Value));
        Assert.Equal(
            ["H04N5/225", "H04N5/232", "H04N5/76", "H02J7/00"],
            IpcCode.ParseList("H04N5/225;H04N5/232;H04N5/76;H02J7/00").Codes.Select(c => c.Value));
    }

    [Fact]
    public void Lists_accept_full_width_semicolons_commas_and_the_pipe_of_cn_titles_ipc()
    {
        Assert.Equal(["G06F40/289", "G06F40/216"], IpcCode.ParseList("G06F40/289；G06F40/216").Codes.Select(c => c.Value));
        Assert.Equal(["H01M10/0525", "H01M4/36"], IpcCode.ParseList("H01M 10/0525, H01M 4/36").Codes.Select(c => c.Value));
        // cn-titles-ipc.csv, CN114081026A.
        Assert.Equal(["A01M", "G06F", "H02G"], IpcCode.ParseList("A01M|G06F|H02G").Codes.Select(c => c.Value));
    }

    [Fact]
    public void Garbage_in_a_list_is_reported_and_the_rest_kept()
    {
        var list = IpcCode.ParseList("G01N33/00;无;G01N15/06");

        Assert.Equal(["G01N33/00", "G01N15/06"], list.Codes.Select(c => c.Value));
        Assert.Single(list.Errors);
        Assert.Contains("无", list.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_in_a_list_are_kept_once()
    {
        Assert.Equal(["G01N33/00"], IpcCode.ParseList("G01N33/00; G01N 33/00").Codes.Select(c => c.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("H")]             // a section alone is not a classification of a document
    [InlineData("I01M10/00")]     // no section I
    [InlineData("H1M10/00")]
    [InlineData("H01M10/5")]      // subgroups have at least two digits
    [InlineData("H01M10/")]
    [InlineData("H01M12345/00")]
    [InlineData("CN113914863A")]
    public void Garbage_is_a_failure_with_a_reason(string? text)
    {
        var result = IpcCode.Parse(text);

        Assert.False(result.Success);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
