using PatentNav.Core.Claims;
using PatentNav.Core.Model;

namespace PatentNav.Core.Tests.Claims;

public class ClaimTreeParserTests
{
    private static Claim ClaimNo(ClaimTree tree, int number) => Assert.Single(tree.Claims, c => c.Number == number);

    [Fact]
    public void Mining_method_claims_have_their_tree_and_lose_the_description_header()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN113914863A);

        Assert.Equal(Enumerable.Range(1, 10), tree.Claims.Select(c => c.Number));
        Assert.Equal([1], tree.Independent.Select(c => c.Number));
        Assert.Equal([2, 3], ClaimNo(tree, 4).DependsOn); // 根据权利要求2或3所述
        Assert.Equal([6], ClaimNo(tree, 10).DependsOn);
        Assert.EndsWith("将间柱联络道(5)封堵。", ClaimNo(tree, 10).Text);
        Assert.DoesNotContain(tree.Claims, c => c.Text.Contains("说明书", StringComparison.Ordinal));
    }

    [Fact]
    public void Claim_without_split_lists_its_steps_as_features_and_keeps_figure_numerals()
    {
        var claim = ClaimNo(ClaimTreeParser.Parse(RealClaims.CN113914863A), 1);

        Assert.True(claim.IsIndependent);
        Assert.Null(claim.Preamble);
        Assert.Null(claim.Characterising);
        Assert.StartsWith("一种近水平薄矿体智能掘进机机械开采方法，包括如下步骤：1)沿矿体走向", claim.Text);
        // After 包括如下步骤：, split at ；and ; (the source mixes both); the step's own comma stays inside it.
        Assert.Equal(
            [
                "1)沿矿体走向划分盘区，盘区内沿倾向布置若干矿块",
                "2)用智能掘进机对各矿块进行回采，采用房柱采矿方式在矿块回采时留间柱(6)、点柱(7)和底柱(8)",
                "3)矿块内沿倾向方向划分为若干竖直分层，竖直分层分为无点柱层和有点柱层，有点柱层内回采时留有点柱(7)",
                "4)矿块内按竖直分层逐层自下而上回采",
                "一个矿块采完充填后再采上部另一个矿块",
            ],
            claim.Features);
    }

    [Fact]
    public void Characterising_part_follows_the_first_marker_even_when_the_source_drops_a_character()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN113914863A);

        var claim2 = ClaimNo(tree, 2);
        Assert.Equal("根据权利要求1所述近水平薄矿体智能掘进机机械开采方法", claim2.Preamble);
        Assert.Equal("步骤3)至少每间隔一个无点柱层有一个有点柱层。", claim2.Characterising);
        Assert.Equal(["步骤3)至少每间隔一个无点柱层有一个有点柱层"], claim2.Features);

        // Claim 4 reads 其特征在所述点柱 (于 missing in the source).
        Assert.Equal("所述点柱(7)截面大小为3~5m×3~5m。", ClaimNo(tree, 4).Characterising);

        Assert.Equal(
            [
                "步骤1)中设置中段脉内运输平巷(1)、拉底平巷(2)、通风运输上山(3)",
                "步骤2)中设置底柱联络道(4)、间柱联络道(5)",
                "所述通风运输上山(3)将上下中段脉内运输平巷(1)连通，所述拉底平巷(2)将本盘区通风运输上山(3)、相邻盘区通风运输上山(3)连通，"
                    + "所述底柱联络道(4)将本中段脉内运输平巷(1)、本盘区最下部矿块的拉底平巷(2)连通，"
                    + "所述间柱联络道(5)将本盘区拉底平巷(2)、采场进路(11)与相邻盘区通风运输上山(3)连通",
            ],
            ClaimNo(tree, 6).Features);
    }

    [Fact]
    public void Vehicle_control_claims_survive_a_mid_word_page_header_and_trailing_description()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN111638661A);

        Assert.Equal(Enumerable.Range(1, 20), tree.Claims.Select(c => c.Number));
        Assert.Equal([1, 11], tree.Independent.Select(c => c.Number));
        Assert.Equal([1, 2], ClaimNo(tree, 3).DependsOn);
        Assert.Equal([11, 12], ClaimNo(tree, 13).DependsOn);
        // …控制所述承运终端通CN111638661A权利要求书2/3页过所述车载设备… is joined again.
        Assert.Contains("控制所述承运终端通过所述车载设备播放", ClaimNo(tree, 9).Text, StringComparison.Ordinal);
        // The [0001] paragraph after the 说明书 header is description, not part of claim 20.
        Assert.EndsWith("所播放的音频的上一首/下一首播放指令。", ClaimNo(tree, 20).Text);
        Assert.DoesNotContain(tree.Claims, c => c.Text.Contains("[0001]", StringComparison.Ordinal) || c.Text.Contains("CN111638661A", StringComparison.Ordinal));
    }

    [Fact]
    public void Characterising_list_after_包括_is_split_at_semicolons()
    {
        var claim = ClaimNo(ClaimTreeParser.Parse(RealClaims.CN111638661A), 11);

        Assert.Equal("一种服务器", claim.Preamble);
        Assert.StartsWith("包括：第一控制模块，用于确定用车订单的承运终端", claim.Characterising);
        Assert.Equal(3, claim.Features.Count);
        Assert.Equal("第一控制模块，用于确定用车订单的承运终端，向所述承运终端发送控制指令，以使所述承运终端与车辆车载设备建立连接", claim.Features[0]);
        Assert.Equal("第一发送模块，用于分别向所述承运终端和发出所述用车订单的用户设备发送预设节目列表", claim.Features[1]);
        Assert.StartsWith("第二控制模块，用于接收", claim.Features[2]);
        Assert.EndsWith("播放状态同步", claim.Features[2]);
    }

    [Fact]
    public void Text_before_a_nested_list_keeps_its_condition_and_drops_the_list_head()
    {
        var claim = ClaimNo(ClaimTreeParser.Parse(RealClaims.CN111638661A), 7);

        // 在…之后，所述方法还包括：A；B → the condition, A, B (所述方法 is only the head of the list).
        Assert.Equal(3, claim.Features.Count);
        Assert.StartsWith("在所述服务器接收所述用户设备", claim.Features[0]);
        Assert.EndsWith("音视频节目之后", claim.Features[0]);
        Assert.StartsWith("服务器接收所述用户设备发送的", claim.Features[1]);
        Assert.StartsWith("服务器将所述第一播放状态控制指令发送至所述承运终端", claim.Features[2]);
    }

    [Fact]
    public void Table_rows_and_decimals_never_start_claims()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN111606816A);

        // Claim 2 holds an XRD table whose lines start "3.90…", "4.8923…", "5.90…".
        Assert.Equal(Enumerable.Range(1, 10), tree.Claims.Select(c => c.Number));
        Assert.Contains("\n3.90.1831018.118\n4.892312", ClaimNo(tree, 2).Text, StringComparison.Ordinal);
        Assert.StartsWith("根据权利要求1所述的地佐辛晶型，使用Cu/K-a1", ClaimNo(tree, 3).Text);
        Assert.Equal([1, 2, 3], ClaimNo(tree, 4).DependsOn); // 1-3中任一项
        // 6.…所示。7.权利要求1-6… has no line break; claim 7 refers to 1-6 without 根据.
        Assert.Equal([1, 2, 3, 4, 5, 6], ClaimNo(tree, 7).DependsOn);
        Assert.Equal(
            ["1)加热下，将地佐辛溶解于一种对地佐辛易溶的溶剂A中，搅拌下，再加入另一种对地佐辛难溶的溶剂B", "2)经降温、保温方式析出晶体，过滤后收集晶体，干燥后制得"],
            ClaimNo(tree, 7).Features);
        Assert.EndsWith("干燥温度为60-90℃,优选60-80℃。", ClaimNo(tree, 10).Text);
    }

    [Fact]
    public void Dependent_claim_without_split_has_its_body_after_其中_as_features()
    {
        var claim = ClaimNo(ClaimTreeParser.Parse(RealClaims.CN111606816A), 9);

        Assert.Equal([7], claim.DependsOn);
        Assert.Null(claim.Preamble);
        Assert.Equal(
            ["步骤1)中所述溶剂A的用量与地佐辛的用量比为：每克地佐辛溶解于1-30ml溶剂A中，优选2-10ml", "溶剂A与溶剂B的体积比为1:0.5-1:10,优选1:1-1:2.5"],
            claim.Features);
    }

    [Fact]
    public void Preceding_claims_and_repeated_权利要求_are_expanded()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN112584993A);

        Assert.Equal(Enumerable.Range(1, 15), tree.Claims.Select(c => c.Number));
        Assert.Equal([1, 2], ClaimNo(tree, 3).DependsOn); // 根据权利要求1或权利要求2所述
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ClaimNo(tree, 8).DependsOn); // 根据前述任一权利要求所述
        Assert.Equal([9, 10], ClaimNo(tree, 11).DependsOn);
        Assert.Equal([9, 10, 11, 12], ClaimNo(tree, 14).DependsOn); // 9至12中的任一项
        Assert.Equal(Enumerable.Range(1, 10), ClaimNo(tree, 15).DependsOn); // 一种电子装置，其包含根据权利要求1至10…
        Assert.Equal([1, 9], tree.Independent.Select(c => c.Number));
        // …玻璃纤CN112584993A权利要求书2/2页维… is joined again; the title after the 说明书 header is dropped.
        Assert.Contains("约20重量%的玻璃纤维，具有", ClaimNo(tree, 11).Text, StringComparison.Ordinal);
        Assert.Equal("一种电子装置，其包含根据权利要求1至10中的任一项所述的塑料-金属混杂材料。", ClaimNo(tree, 15).Text);
    }

    [Fact]
    public void Claim_glued_to_the_previous_one_still_starts_and_包含_lists_split()
    {
        var tree = ClaimTreeParser.Parse(RealClaims.CN111133063A);

        // 18.…其还包括脂肪食品19.一种涂覆食品或饮料容器的方法… (the 。 is missing in the source).
        Assert.Equal(Enumerable.Range(1, 20), tree.Claims.Select(c => c.Number));
        Assert.Equal("根据权利要求13至17中任一项所述的容器，其还包括脂肪食品", ClaimNo(tree, 18).Text);
        Assert.Equal(Enumerable.Range(1, 12), ClaimNo(tree, 19).DependsOn);
        Assert.Equal([1, 2, 3, 4], ClaimNo(tree, 5).DependsOn); // 1-4中任一项
        Assert.Equal([1, 13], tree.Independent.Select(c => c.Number));
        Assert.Equal(
            [
                "成膜聚合物",
                "和甲阶酚醛树脂，其包含含有醛和含酚基化合物的组分的反应产物，其中所述含酚基化合物包含两个或更多个苯环、至少两个羟基以及与所述羟基相邻和/或相对的至少五个开放位点，每个羟基均直接键合到苯环上，并且",
                "其中所述组合物是可热固化的",
            ],
            ClaimNo(tree, 1).Features);
    }

    [Fact]
    public void Claims_that_start_above_1_are_kept_from_their_first_number()
    {
        // The claims field starts at claim 9: claims 1-8 ran into the abstract in the source.
        var tree = ClaimTreeParser.Parse(RealClaims.CN111077804A);

        Assert.Equal(Enumerable.Range(9, 16), tree.Claims.Select(c => c.Number));
        Assert.Equal([2], ClaimNo(tree, 9).DependsOn);
        Assert.Equal(Enumerable.Range(1, 11), ClaimNo(tree, 12).DependsOn); // 1至11中任意一项
        Assert.Equal([14], tree.Independent.Select(c => c.Number));
        Assert.Equal(["调整模块，被配置为根据所述扫雪设备当前待处理的雪的厚度，调整所述扫雪设备的功率输入和/或行走速度"], ClaimNo(tree, 9).Features);
    }

    [Fact]
    public void Export_main_claim_with_full_width_brackets_and_an_enumeration()
    {
        // 主权项 of CN216160555U in data/formats/cnipa-export-sample.csv (shortened after the third feature).
        const string text = "1.一种无人机空气污染物溯源系统，其特征在于，包括：无人机，地面监测设备和服务器；地面监测设备，用于监测自身监测区域中的多个空气污染物，"
            + "并在监测到目标空气污染物超标时，向服务器发送污染物溯源指令；服务器，用于在接收到所述污染物溯源指令后，控制无人机飞行至所述监测区域中进行目标空气污染物的测量。";
        var claim = Assert.Single(ClaimTreeParser.Parse(text).Claims);

        Assert.Equal("一种无人机空气污染物溯源系统", claim.Preamble);
        Assert.Equal(["无人机", "地面监测设备和服务器"], claim.Features.Take(2));
        Assert.Equal(4, claim.Features.Count);
    }

    [Fact]
    public void Full_width_numbers_and_references_are_read()
    {
        var tree = ClaimTreeParser.Parse("１．一种内盒（1），其特征在于：包括底板（7）。\n２、根据权利要求１所述的内盒（1），其特征是：所述底板（7）为铝板。");

        Assert.Equal([1, 2], tree.Claims.Select(c => c.Number));
        Assert.Equal([1], tree.Claims[1].DependsOn);
        Assert.Equal("根据权利要求1所述的内盒（1）", tree.Claims[1].Preamble);
        Assert.Equal(["所述底板（7）为铝板"], tree.Claims[1].Features);
    }

    [Fact]
    public void Self_reference_in_the_source_is_kept_apart_and_the_claim_stays_dependent()
    {
        // CN113982540A claim 3 reads 根据权利要求3所述的可调整平衡抽油机 (a source error).
        var tree = ClaimTreeParser.Parse(
            "2.根据权利要求1所述的可调整平衡抽油机，其特征在于，所述抽油机框架机构包括：游梁；支架；以及底座。\n"
            + "3.根据权利要求3所述的可调整平衡抽油机，其特征在于，所述游梁的另一端安装有驴头，所述驴头用于保证抽油杆在上下运动时保持在井口原点上方。");

        var claim3 = ClaimNo(tree, 3);
        Assert.Empty(claim3.DependsOn);
        Assert.Equal([3], claim3.InvalidReferences);
        Assert.False(claim3.IsIndependent);
        Assert.Equal(["游梁", "支架", "以及底座"], ClaimNo(tree, 2).Features);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("CN113914863A说明书1/4页")]
    [InlineData("CN111638661A说明书1/8页[0001]本案是申请号为201710158116.1的分案申请。")]
    public void Empty_or_description_only_text_gives_no_claims(string text)
    {
        Assert.Empty(ClaimTreeParser.Parse(text).Claims);
    }

    [Fact]
    public void Unnumbered_main_claim_is_claim_1()
    {
        var claim = Assert.Single(ClaimTreeParser.Parse("一种洗衣机用驱动装置，其特征在于，包括：电机，减速器和离合器。").Claims);
        Assert.Equal(1, claim.Number);
        Assert.Equal(["电机", "减速器和离合器"], claim.Features);
    }
}
