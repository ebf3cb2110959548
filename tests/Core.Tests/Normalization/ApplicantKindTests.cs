using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

/// <summary>Names from the bundled Patentics, incoPat and CNKI exports, each as an analyst would class it.</summary>
public class ApplicantKindTests
{
    [Theory]
    [InlineData("珠海格力电器股份有限公司", ApplicantKind.Enterprise)]
    [InlineData("福特汽车公司", ApplicantKind.Enterprise)]
    [InlineData("罗罗艺术计划株式会社", ApplicantKind.Enterprise)]
    [InlineData("中国能源建设集团甘肃省电力设计院有限公司", ApplicantKind.Enterprise)]
    [InlineData("深圳市众创设计研究院有限公司", ApplicantKind.Enterprise)]
    [InlineData("云南电网有限责任公司教育培训评价中心", ApplicantKind.Enterprise)]
    [InlineData("中国移动通信集团有限公司", ApplicantKind.Enterprise)]
    [InlineData("Microsoft Technology Licensing, LLC", ApplicantKind.Enterprise)]
    [InlineData("SAMSUNG ELECTRONICS CO., LTD.", ApplicantKind.Enterprise)]
    [InlineData("中国船舶重工集团公司第七0三研究所", ApplicantKind.Institute)]
    [InlineData("国网冀北电力有限公司经济技术研究院", ApplicantKind.Institute)]
    [InlineData("中国科学院上海微系统与信息技术研究所", ApplicantKind.Institute)]
    [InlineData("中国运载火箭技术研究院", ApplicantKind.Institute)]
    [InlineData("青岛智能产业技术研究院", ApplicantKind.Institute)]
    [InlineData("山东大学", ApplicantKind.University)]
    [InlineData("太原工业学院", ApplicantKind.University)]
    [InlineData("南京工业职业技术大学", ApplicantKind.University)]
    [InlineData("哈尔滨工业大学深圳研究生院", ApplicantKind.University)]
    [InlineData("釜庆大学校产学协力团", ApplicantKind.University)]
    [InlineData("Massachusetts Institute of Technology", ApplicantKind.University)]
    [InlineData("重庆医科大学附属儿童医院", ApplicantKind.Hospital)]
    [InlineData("中日友好医院（中日友好临床医学研究所）", ApplicantKind.Hospital)]
    [InlineData("中国园林博物馆北京筹备办公室", ApplicantKind.Government)]
    [InlineData("张涛", ApplicantKind.Individual)]
    [InlineData("欧阳晓明", ApplicantKind.Individual)]
    [InlineData("R·J·戴特", ApplicantKind.Individual)]
    [InlineData("伊姆兰·哈迪斯", ApplicantKind.Individual)]
    [InlineData("John Smith", ApplicantKind.Individual)]
    [InlineData("", ApplicantKind.Other)]
    public void Each_applicant_name_gets_the_kind_an_analyst_would_give_it(string name, string kind) =>
        Assert.Equal(kind, ApplicantKind.Of(name));

    [Theory]
    [InlineData("企业", ApplicantKind.Enterprise)]
    [InlineData("大专院校", ApplicantKind.University)]
    [InlineData("高校", ApplicantKind.University)]
    [InlineData("科研单位", ApplicantKind.Institute)]
    [InlineData(" Institute ", ApplicantKind.Institute)]
    [InlineData("个人", ApplicantKind.Individual)]
    public void A_kind_parses_from_its_code_or_its_chinese_label(string text, string kind) =>
        Assert.Equal(kind, ApplicantKind.Parse(text));

    [Theory]
    [InlineData("company")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_kind(string? text) => Assert.Null(ApplicantKind.Parse(text));

    [Fact]
    public void Every_kind_has_a_chinese_label_of_its_own() =>
        Assert.Equal(ApplicantKind.All.Count, ApplicantKind.All.Select(ApplicantKind.Label).Distinct().Count());
}
