using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

public class ApplicantNameTests
{
    [Fact]
    public void Legal_form_suffixes_share_one_key_but_keep_their_display()
    {
        var names = new[] { "中科大数据研究院有限公司", "中科大数据研究院有限责任公司", "中科大数据研究院股份有限公司", "中科大数据研究院" }
            .Select(ApplicantName.Create)
            .ToList();

        Assert.All(names, n => Assert.Equal("中科大数据研究院", n.Key));
        Assert.Equal("中科大数据研究院股份有限公司", names[2].Display);
    }

    [Fact]
    public void Full_width_and_half_width_brackets_share_one_key()
    {
        // 专利代理机构 of cnipa-export-sample.csv, written both ways.
        var fullWidth = ApplicantName.Create("郑州明华专利代理事务所（普通合伙）");
        var halfWidth = ApplicantName.Create("郑州明华专利代理事务所(普通合伙)");

        Assert.Equal(fullWidth.Key, halfWidth.Key);
        Assert.Equal("郑州明华专利代理事务所（普通合伙）", fullWidth.Display);
    }

    [Fact]
    public void Brackets_that_are_not_a_legal_form_stay_in_the_key()
    {
        Assert.Equal("华为技术(深圳)", ApplicantName.Create("华为技术（深圳）有限公司").Key);
    }

    [Fact]
    public void Whitespace_and_English_case_do_not_split_a_group()
    {
        var a = ApplicantName.Create("  Huawei Technologies Co., Ltd. ");
        var b = ApplicantName.Create("HUAWEI TECHNOLOGIES CO.,LTD");
        var c = ApplicantName.Create("中科大数据 研究院");

        Assert.Equal("huawei technologies", a.Key);
        Assert.Equal(a.Key, b.Key);
        Assert.Equal("Huawei Technologies Co., Ltd.", a.Display);
        Assert.Equal("中科大数据研究院", c.Key);
    }

    [Fact]
    public void Traditional_and_simplified_spellings_share_one_key()
    {
        Assert.Equal(
            ApplicantName.Create("鸿海精密工业股份有限公司").Key,
            ApplicantName.Create("鴻海精密工業股份有限公司").Key);
    }

    [Fact]
    public void Multi_applicant_strings_split_on_both_semicolons()
    {
        var names = ApplicantName.ParseList("中科大数据研究院; 郑州大学；河南省科学院 ;");

        Assert.Equal(["中科大数据研究院", "郑州大学", "河南省科学院"], names.Select(n => n.Display));
    }

    [Fact]
    public void A_name_that_is_only_a_legal_form_keeps_its_own_key()
    {
        Assert.Equal("有限公司", ApplicantName.Create("有限公司").Key);
    }

    [Fact]
    public void Inventor_lists_split_the_same_way()
    {
        // 发明人 of cnipa-export-sample.csv, row 2.
        Assert.Equal(["发明人05", "发明人06", "发明人07", "发明人08"], ApplicantName.SplitNames("发明人05;发明人06;发明人07;发明人08"));
    }
}
