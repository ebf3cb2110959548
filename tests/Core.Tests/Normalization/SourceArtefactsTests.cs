using PatentNav.Core.Normalization;

namespace PatentNav.Core.Tests.Normalization;

// Every input below is copied from patents/kppatent-tac.jsonl (id in the comment), shortened where marked with ….
public class SourceArtefactsTests
{
    [Theory]
    [InlineData("权利要求书1页说明书3页一种水分散性短切碳纤维及其制备方法", "一种水分散性短切碳纤维及其制备方法")]     // CN108018719A
    [InlineData("权利要求书3页说明书8页附图7页自动烟雾/一氧化碳排放方法和系统", "自动烟雾/一氧化碳排放方法和系统")]     // CN110892205A
    [InlineData("权利要求书11页说明书24页附图1页链可有效提高激子利用率和辐射效率。一种以三芳胺为核心的有机化合物及其制备方法和其应用",
        "一种以三芳胺为核心的有机化合物及其制备方法和其应用")]                                                          // CN110885338A
    [InlineData("权利要求书10页说明书30页附图1页和寿命。本发明所述红色有机电致磷光铂配合物在0LED发光器件中具有良好的应用效果，具有良好的产业化前景。一种红色有机电致磷光铂配合物及其在OLED器件上的应用",
        "一种红色有机电致磷光铂配合物及其在OLED器件上的应用")]                                                        // CN113121604A
    public void Cover_page_text_is_removed_from_titles(string title, string expected)
    {
        var repaired = SourceArtefacts.RemoveCoverPage(title);

        Assert.True(repaired.Fired);
        Assert.Equal(expected, repaired.Text);
    }

    [Fact]
    public void Ordinary_title_is_left_alone()
    {
        var repaired = SourceArtefacts.RemoveCoverPage("双面坡口开设方法");   // CN111185648A

        Assert.False(repaired.Fired);
        Assert.Equal("双面坡口开设方法", repaired.Text);
    }

    [Fact]
    public void Claims_page_header_inside_a_claim_is_removed_and_the_sentence_joined()
    {
        // CN113983472A, claim 9.
        const string claim = "9.根据权利要求7所述的一种便于清理的农业废弃物焚烧烟气处理设备，其特征在于：CN113983472A权利要求书2/2页所述顶板(2)的上表面开设有横槽(31)和纵槽(39)。";

        var repaired = SourceArtefacts.RemovePageFooters(claim);

        Assert.True(repaired.Fired);
        Assert.Equal("9.根据权利要求7所述的一种便于清理的农业废弃物焚烧烟气处理设备，其特征在于：所述顶板(2)的上表面开设有横槽(31)和纵槽(39)。", repaired.Text);
    }

    [Fact]
    public void Truncated_header_variants_and_figure_pages_are_removed()
    {
        // CN113121604A writes "…书5/10页" and "…利要求书7/10页"; CN108151594A ends with a figure page.
        Assert.Equal("NPt3334N37", SourceArtefacts.RemovePageFooters("NPt3334CN113121604A书5/10页N37").Text);
        Assert.Equal("Pt1051", SourceArtefacts.RemovePageFooters("Pt105CN113121604A利要求书7/10页1").Text);
        Assert.Equal("达到良好的掏槽效果。", SourceArtefacts.RemovePageFooters("达到良好的掏槽效果。CN108151594A说明书附图1/1页图1图2").Text);
    }

    [Fact]
    public void Text_without_headers_is_not_touched()
    {
        const string text = "1.一种水泥基材用多元膨胀材料，其特征在于，由以下重量配比组成：无水石膏72份";

        var repaired = SourceArtefacts.RemovePageFooters(text);

        Assert.False(repaired.Fired);
        Assert.Same(text, repaired.Text);
    }

    [Fact]
    public void Description_after_the_first_description_page_header_is_split_off_the_claims()
    {
        // CN111185648A, the whole claims field.
        const string claims = "1.一种双面坡口开设方法，其特征在于，将两台气割装置活动安装在轨道上，其中一台气割装置的喷火枪头倾斜朝内，另一台气割装置的喷火枪头倾斜朝外；喷火枪头喷射火焰，控制两台气割装置的在轨道上移动，对板材侧边进行双面坡口切割。CN111185648A说明书1/3页[0001]本申请是申请日为2017年07月21日，申请号为201710600905.6,发明名称为“双面坡口开设方法及装置\"的分案申请。";

        var split = SourceArtefacts.SplitDescriptionFromClaims(claims);

        Assert.True(split.DescriptionMoved);
        Assert.True(split.FooterRemoved);
        Assert.EndsWith("对板材侧边进行双面坡口切割。", split.Claims, StringComparison.Ordinal);
        Assert.Equal("[0001]本申请是申请日为2017年07月21日，申请号为201710600905.6,发明名称为“双面坡口开设方法及装置\"的分案申请。", split.Description);
        Assert.Null(split.DescriptionTitle);
    }

    [Fact]
    public void Description_title_before_the_first_paragraph_is_returned_apart()
    {
        // CN112204837A (its title field is empty), end of the claims field.
        const string claims = "以及将所述第三对粘合剂条连接到所述第一对粘合剂条和所述第二对粘合剂条。CN112204837A说明书1/2页制造用于管道的内管的方法[0001]相关申请的交叉引用[0002]本申请要求于2018年6月12日申请的第62/683,755号美国临时专利申请的优先权，所述临时专利申请以引用的方式并入本文中。";

        var split = SourceArtefacts.SplitDescriptionFromClaims(claims);

        Assert.Equal("以及将所述第三对粘合剂条连接到所述第一对粘合剂条和所述第二对粘合剂条。", split.Claims);
        Assert.Equal("制造用于管道的内管的方法", split.DescriptionTitle);
        Assert.StartsWith("[0001]相关申请的交叉引用[0002]本申请要求", split.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_fragment_after_the_header_is_not_a_description()
    {
        // CN110734729A: only the wrapped tail of the title follows the header.
        const string claims = "制得环氧树脂基复合粘结结构层材料。CN110734729A说明书1/6页材料";

        var split = SourceArtefacts.SplitDescriptionFromClaims(claims);

        Assert.False(split.DescriptionMoved);
        Assert.True(split.FooterRemoved);
        Assert.Equal("制得环氧树脂基复合粘结结构层材料。", split.Claims);
        Assert.Null(split.Description);
        Assert.Equal("材料", split.DescriptionTitle);
    }

    [Fact]
    public void Claims_ending_with_the_header_only_lose_the_header()
    {
        // CN113983472A, end of claim 10.
        const string claims = "两个所述卡杆(40)可分别与两个圆槽(29)活动套接。CN113983472A说明书1/5页";

        var split = SourceArtefacts.SplitDescriptionFromClaims(claims);

        Assert.False(split.DescriptionMoved);
        Assert.True(split.FooterRemoved);
        Assert.Equal("两个所述卡杆(40)可分别与两个圆槽(29)活动套接。", split.Claims);
    }

    [Fact]
    public void Abstract_running_into_the_claims_is_split_at_the_claims_page_header()
    {
        // CN110901400A, abstract field (1,547 characters), cut after claim 2.
        const string text = "本发明涉及集电靴碳滑板领域，具体涉及集电靴碳滑板及其制备方法和电力车。该集电靴碳滑板包括金属支架，位于金属支架表面并与金属支架一体的导电金属层，以及位于导电金属层表面的碳滑板；所述导电金属层具有孔隙，所述导电金属层的孔隙中填充有粘接胶，所述碳滑板通过导电金属层和粘接胶与所述金属支架连接。本发明避免了现有技术将金属粉混合在粘结胶中所导致的金属粉容易发生团聚，不易均匀分散在粘结胶中的缺陷。此外，碳滑板和金属支架的连接更为牢固，电阻更均匀，更小，同时所得产品的连接强度更高。本发明的粘接工艺简单。CN110901400A权利要求书1/2页1.一种集电靴碳滑板，其特征在于，该集电靴碳滑板包括金属支架，位于所述金属支架表面并与所述金属支架一体的导电金属层，以及位于导电金属层表面的碳滑板；其中，所述导电金属层具有孔隙，所述导电金属层的孔隙中填充有粘接胶，所述碳滑板通过导电金属层和粘接胶与所述金属支架连接。2.根据权利要求1所述的集电靴碳滑板，其中，所述孔隙包括贯穿所述导电金属层的孔隙。";

        var split = SourceArtefacts.SplitClaimsFromAbstract(text);

        Assert.True(split.Fired);
        Assert.EndsWith("本发明的粘接工艺简单。", split.Abstract, StringComparison.Ordinal);
        Assert.StartsWith("1.一种集电靴碳滑板，其特征在于", split.Overflow, StringComparison.Ordinal);
        Assert.EndsWith("所述孔隙包括贯穿所述导电金属层的孔隙。", split.Overflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_abstract_with_numbered_claims_but_no_header_is_split_at_claim_1()
    {
        // CN111432309A's abstract with its claims page header lost: claims 1 and 2 follow the abstract directly.
        var text = "本发明提供一种耳塞式耳机麦克风模块，包括一壳体、一耳垫、一喇叭单体以及一麦克风。壳体具有连通的一腔室与一出音口。耳垫配置于壳体外。"
            + string.Concat(Enumerable.Repeat("喇叭单体与麦克风配置于腔室，且麦克风位于出音口与喇叭单体之间。", 30))
            + "1.一种耳塞式耳机麦克风模块，其特征在于，包括：壳体，具有连通的腔室与出音口；耳垫，配置于所述壳体外。"
            + "2.根据权利要求1所述的耳塞式耳机麦克风模块，其特征在于，所述喇叭单体将所述腔室分隔为互不通气的前腔室与后腔室，所述麦克风位于所述前腔室。";
        Assert.True(text.Length > 1000);

        var split = SourceArtefacts.SplitClaimsFromAbstract(text);

        Assert.True(split.Fired);
        Assert.EndsWith("且麦克风位于出音口与喇叭单体之间。", split.Abstract, StringComparison.Ordinal);
        Assert.StartsWith("1.一种耳塞式耳机麦克风模块", split.Overflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_abstract_with_a_numbered_list_is_not_split()
    {
        // CN109680327A lists steps "1)…2)…" inside a normal abstract.
        const string text = "一种金属锂表面及电化学抛光方法，涉及金属锂表面处理。包括以下步骤：1)在电解池中设有电极室，在电极室内注入电解液，并放入两片金属锂片分别作为阴极和阳极；2)通电抛光。";

        var split = SourceArtefacts.SplitClaimsFromAbstract(text);

        Assert.False(split.Fired);
        Assert.Equal(text, split.Abstract);
        Assert.Null(split.Overflow);
    }

    [Fact]
    public void Abstract_ending_with_a_claims_header_is_not_a_split()
    {
        // CN110820403A: nothing follows the header; footer removal handles it.
        const string text = "具有节约木材资源效益和环保效益。CN110820403A权利要求书1/1页";

        Assert.False(SourceArtefacts.SplitClaimsFromAbstract(text).Fired);
        Assert.Equal("具有节约木材资源效益和环保效益。", SourceArtefacts.RemovePageFooters(text).Text);
    }

    [Theory]
    [InlineData("-100本发明公开了一种空调装置，包括：壳体", "本发明公开了一种空调装置，包括：壳体")]              // CN111623427A
    [InlineData("200一种管理车辆(600)的方法(200)和装置(500)。", "一种管理车辆(600)的方法(200)和装置(500)。")]   // KP-TAC-0017
    [InlineData("S101本申请涉及一种无线保真Wi-Fi接入方法", "本申请涉及一种无线保真Wi-Fi接入方法")]              // KP-TAC-0306
    [InlineData("120-1120-2120-3本申请披露了一种系统", "本申请披露了一种系统")]                                // KP-TAC-0041
    [InlineData("S¹00本发明公开了制备聚丙烯腈碳纤维的方法", "本发明公开了制备聚丙烯腈碳纤维的方法")]            // CN109306553A
    [InlineData("S1、本发明公开了一种水泥稳定碎石振动拌和施工工法", "本发明公开了一种水泥稳定碎石振动拌和施工工法")]  // CN112982058A
    [InlineData("10提供了用于建筑物的自动烟雾/一氧化碳排放系统", "提供了用于建筑物的自动烟雾/一氧化碳排放系统")]      // CN110892205A
    public void Figure_label_debris_at_the_start_of_an_abstract_is_removed(string text, string expected)
    {
        var repaired = SourceArtefacts.RemoveFigureLabels(text);

        Assert.True(repaired.Fired);
        Assert.Equal(expected, repaired.Text);
    }

    [Theory]
    [InlineData("S1、翻缝：将竹炭纤绝、人棉纤维、涤纶纤能、弹力纤维按照比例进行拼接")]    // CN113930895A: a real step list
    [InlineData("CAN总线本发明提供了一种用于空调机组变频器的CAN地址配置方法")]           // CN112887439A: not recognisable by rule
    [InlineData("本申请公开了双面坡口开设方法")]                                          // CN111185648A
    [InlineData("3D打印一种")]
    public void Abstracts_without_recognisable_debris_are_left_alone(string text)
    {
        var repaired = SourceArtefacts.RemoveFigureLabels(text);

        Assert.False(repaired.Fired);
        Assert.Equal(text, repaired.Text);
    }

    [Fact]
    public void Figure_numerals_are_removed_for_indexing()
    {
        // CN113983472A, claim 9, and a full-width variant.
        var repaired = SourceArtefacts.RemoveFigureNumerals("所述顶板(2)的上表面开设有横槽(31)和纵槽(39),所述横槽（12）内活动设置有滑块六(38)");

        Assert.True(repaired.Fired);
        Assert.Equal("所述顶板的上表面开设有横槽和纵槽,所述横槽内活动设置有滑块六", repaired.Text);
    }

    [Fact]
    public void Numbers_that_are_not_figure_numerals_stay()
    {
        // CN114085582A step "(1)" at the start, and a formula unit.
        const string text = "(1)在反应池内添加甲基丙烯酸酯60%-65%，频率(GHz)";

        var repaired = SourceArtefacts.RemoveFigureNumerals(text);

        Assert.False(repaired.Fired);
        Assert.Equal(text, repaired.Text);
    }
}
