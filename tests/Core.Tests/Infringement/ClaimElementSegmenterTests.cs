using PatentNav.Core.Claims;
using PatentNav.Core.Infringement;

namespace PatentNav.Core.Tests.Infringement;

/// <summary>Element segmentation on real claim 1 texts of the CNKI export (data/exports/cnki) and the TAC demo records.</summary>
public sealed class ClaimElementSegmenterTests
{
    private static IReadOnlyList<ClaimElement> Elements(string claims, int number = 1) =>
        ClaimElementSegmenter.Segment(ClaimTreeParser.Parse(claims).Claims.Single(c => c.Number == number));

    [Fact]
    public void A_utility_model_claim_splits_into_subject_preamble_part_and_one_element_per_statement()
    {
        // CN222664260U 一种医用标本箱 (CNKI 工业通用技术及设备).
        var elements = Elements("1.一种医用标本箱,包括固定底板(1),其特征在于,所述固定底板(1)上端表面设置有放置箱(2),所述放置箱(2)内部底面设置有样本架(7),"
            + "所述放置箱(2)正面设置有活动门(3),所述放置箱(2)背离活动门(3)一侧设置有L型架(4),所述L型架(4)横臂下端表面设置有读码器(5),"
            + "所述L型架(4)内侧且位于放置箱(2)上端表面设置有控制器(6),所述放置箱(2)一侧内壁设置有电锁座(202),所述活动门(3)内侧设置有与电锁座(202)相互配合的锁舌。");
        Assert.Equal(
        [
            ("一种医用标本箱", "subject"),
            ("固定底板", "preamble"),
            ("所述固定底板上端表面设置有放置箱", "characterising"),
            ("所述放置箱内部底面设置有样本架", "characterising"),
            ("所述放置箱正面设置有活动门", "characterising"),
            ("所述放置箱背离活动门一侧设置有L型架", "characterising"),
            ("所述L型架横臂下端表面设置有读码器", "characterising"),
            ("所述L型架内侧且位于放置箱上端表面设置有控制器", "characterising"),
            ("所述放置箱一侧内壁设置有电锁座", "characterising"),
            ("所述活动门内侧设置有与电锁座相互配合的锁舌", "characterising"),
        ], elements.Select(e => (e.Text, e.Part)));
    }

    [Fact]
    public void An_enumeration_of_parts_gives_one_element_per_part_and_continuation_clauses_stay_with_their_feature()
    {
        // CN119698090A 一种光电倍增型探测器.
        var elements = Elements("1.一种光电倍增型探测器,其特征在于,包括阳极基板(10)、阴极基板(11)和隔离体(3),所述阳极基板(10)和阴极基板(11)平行相对设置,"
            + "所述阳极基板(10)和阴极基板(11)的表面均设置有光电导层,所述阳极基板(10)和阴极基板(11)通过所述隔离体(3)固定连接,所述光电导层之间为真空状态,所述光电导层均为尖锥结构。");
        Assert.Equal(
        [
            "一种光电倍增型探测器", "阳极基板", "阴极基板", "隔离体", "所述阳极基板和阴极基板平行相对设置", "所述阳极基板和阴极基板的表面均设置有光电导层",
            "所述阳极基板和阴极基板通过所述隔离体固定连接", "所述光电导层之间为真空状态", "所述光电导层均为尖锥结构",
        ], elements.Select(e => e.Text));

        // CN115295639B: each layer's 用于… and 覆盖于… clauses belong to that layer.
        var layers = Elements("1.一种介质光栅集成的红外窄带探测器,其特征在于,包括：衬底层,用于承载所述红外窄带探测器件；波导层,覆盖于所述衬底层的上表面,"
            + "用于对入射光进行耦合成为导波以增强探测材料对入射光的吸收；探测材料层,覆盖于所述波导层的上表面,用于对波导层中泄漏的导波进行吸收并转换为电信号；"
            + "光栅层,放置于所述探测材料层的上表面,用于协助将特定波段入射光耦合入波导层；所述光栅层的周期小于目标探测波长,且探测波长与光栅周期的比值大于光栅折射率但小于波导层的折射率。");
        Assert.Equal(6, layers.Count);
        Assert.Equal("衬底层，用于承载所述红外窄带探测器件", layers[1].Text);
        Assert.StartsWith("波导层，覆盖于所述衬底层的上表面，用于", layers[2].Text, StringComparison.Ordinal);
        Assert.StartsWith("所述光栅层的周期小于目标探测波长", layers[5].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Method_steps_and_composition_components_are_elements_of_their_own()
    {
        // CN119584684A 一种氧化镓光探测器制备方法: steps S1–S3.
        var steps = Elements("1.一种氧化镓光探测器制备方法,其特征在于,包括以下步骤：S1：在衬底表面制备预设元素掺杂的氧化镓薄膜；"
            + "S2：对预设元素掺杂的氧化镓薄膜表面的预设区域在真空环境中同时进行激光照射和离子轰击处理,得到用于电荷传输的空间电荷区；"
            + "S3：在预设元素掺杂的氧化镓薄膜表面制备正电极和负电极,得到氧化镓光探测器。");
        Assert.Equal(
        [
            "一种氧化镓光探测器制备方法", "在衬底表面制备预设元素掺杂的氧化镓薄膜",
            "对预设元素掺杂的氧化镓薄膜表面的预设区域在真空环境中同时进行激光照射和离子轰击处理，得到用于电荷传输的空间电荷区",
            "在预设元素掺杂的氧化镓薄膜表面制备正电极和负电极，得到氧化镓光探测器",
        ], steps.Select(e => e.Text));

        // CN119620537A 一种光敏聚酰亚胺光刻胶: one element per component with its amount.
        var composition = Elements("1.一种光敏聚酰亚胺光刻胶,其特征在于,包括20-50重量份的聚酰亚胺,2-10重量份的含有双键或三键的小分子单体,2-10重量份的硫醇单体,"
            + "1-10重量份的光引发剂,30-70重量份的有机溶剂；所述聚酰亚胺的结构通式为：");
        Assert.Equal(["20-50重量份的聚酰亚胺", "2-10重量份的含有双键或三键的小分子单体", "2-10重量份的硫醇单体", "1-10重量份的光引发剂", "30-70重量份的有机溶剂"],
            composition.Skip(1).Take(5).Select(e => e.Text));
    }

    [Fact]
    public void A_claim_without_the_characterising_split_is_split_after_its_subject()
    {
        // CN113914863A (TAC demo record): 包括如下步骤：1)…；2)…
        var elements = Elements("1.一种近水平薄矿体智能掘进机机械开采方法，包括如下步骤：1)沿矿体走向划分盘区，盘区内沿倾向布置若干矿块；"
            + "2)用智能掘进机对各矿块进行回采，采用房柱采矿方式在矿块回采时留间柱(6)、点柱(7)和底柱(8);3)矿块内沿倾向方向划分为若干竖直分层。");
        Assert.Equal("一种近水平薄矿体智能掘进机机械开采方法", elements[0].Text);
        Assert.Equal("subject", elements[0].Part);
        // A clause with its own subject or action is a feature of its own.
        Assert.Equal("沿矿体走向划分盘区", elements[1].Text);
        Assert.Equal("盘区内沿倾向布置若干矿块", elements[2].Text);
        Assert.Contains(elements, e => e.Text == "用智能掘进机对各矿块进行回采");
        Assert.Contains(elements, e => e.Text == "采用房柱采矿方式在矿块回采时留间柱、点柱和底柱");
        Assert.All(elements.Skip(1), e => Assert.Equal("body", e.Part));
    }

    [Fact]
    public void A_dependent_claim_contributes_only_the_features_it_adds()
    {
        var elements = Elements("1.一种开瓶器，包括开瓶器主体。2.根据权利要求1所述的开瓶器，其特征在于，所述定位组件包括定位杆和防脱块，定位杆与挤压板滑动连接。", 2);
        Assert.Equal(["所述定位组件包括定位杆和防脱块", "定位杆与挤压板滑动连接"], elements.Select(e => e.Text));
        Assert.All(elements, e => Assert.Equal("characterising", e.Part));
    }
}
