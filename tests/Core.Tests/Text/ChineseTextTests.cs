using System.Reflection;
using PatentNav.Core.Text;

namespace PatentNav.Core.Tests.Text;

public class ChineseTextTests
{
    [Fact]
    public void Traditional_title_becomes_simplified()
    {
        Assert.Equal("锂离子电池负极材料的制备方法", ChineseText.ToSimplified("鋰離子電池負極材料的製備方法"));
    }

    // Real titles from data/patents/kppatent-tac.jsonl, made traditional with `opencc -c s2t`; `opencc -c t2s` maps each back.
    [Theory]
    [InlineData("一種近水平薄礦體智能掘進機機械開採方法", "一种近水平薄矿体智能掘进机机械开采方法")] // CN113914863A
    [InlineData("低硅共晶納米分子篩、製備方法及其用途", "低硅共晶纳米分子筛、制备方法及其用途")] // CN111115656A
    [InlineData("一種聚酯覆鐵膜以及覆膜金屬板", "一种聚酯覆铁膜以及覆膜金属板")] // CN110920172A
    [InlineData("物體訪問權限管理後臺系統、裝置、用戶終端", "物体访问权限管理后台系统、装置、用户终端")] // CN110677436A
    [InlineData("內燃機的氣門驅動機構的參數監測裝置及氣門驅動機構", "内燃机的气门驱动机构的参数监测装置及气门驱动机构")] // CN111207927A
    [InlineData("生物降解複合膜及其製備方法和應用", "生物降解复合膜及其制备方法和应用")] // CN113956636A
    [InlineData("一種麻漿全無氯漂白方法", "一种麻浆全无氯漂白方法")] // CN114134748A
    public void Traditional_patent_titles_match_OpenCC_t2s(string traditional, string simplified)
    {
        Assert.Equal(simplified, ChineseText.ToSimplified(traditional));
    }

    [Fact]
    public void TSPhrases_entries_win_over_character_conversion()
    {
        // Character by character, 鉸鍊 would be 铰炼 and 沈積 沈积; TSPhrases has 鉸鍊→铰链, 沈積→沉积, and
        // 二噁英→二𫫇英 (a simplified form beyond the BMP). Expected output is `opencc -c t2s` on the same input.
        Assert.Equal(
            "一种门用铰链结构，采用化学气相沉积制备的二𫫇英吸附层及干燥装置",
            ChineseText.ToSimplified("一種門用鉸鍊結構，採用化學氣相沈積製備的二噁英吸附層及乾燥裝置"));
    }

    [Fact]
    public void Phrase_that_maps_to_itself_blocks_character_conversion()
    {
        // TSPhrases lists 乾坤→乾坤 so that 乾 is not turned into 干 there, while 乾燥 still becomes 干燥.
        Assert.Equal("扭转乾坤的干燥工艺", ChineseText.ToSimplified("扭轉乾坤的乾燥工藝"));
    }

    [Fact]
    public void Simplified_text_comes_back_as_the_same_instance()
    {
        // CN113914863A abstract opening: already simplified, so nothing may be allocated.
        const string text = "本发明公开了一种近水平薄矿体智能掘进机机械开采方法，包括如下步骤：1)沿矿体走向划分盘区，盘区内沿倾向布置若干矿块；";
        Assert.Same(text, ChineseText.ToSimplified(text));
        Assert.Same(text, ChineseText.ToHalfWidth(text));
        Assert.Same(text, ChineseText.Normalize(text));
    }

    [Fact]
    public void Simplified_text_with_phrase_initial_characters_is_unchanged()
    {
        // 一 and 不 start TSPhrases entries (一目瞭然, 不瞭解) and so take the slow path, which must still change nothing.
        const string text = "一种不锈钢板，一目了然";
        Assert.Same(text, ChineseText.ToSimplified(text));
    }

    [Fact]
    public void Half_width_folds_wide_ASCII_but_keeps_Chinese_punctuation()
    {
        // CN113914863A abstract: 厚度3～8m; wide digits and letters as pasted from CNIPA pages.
        Assert.Equal("厚度3~8m的中等稳固以下，近水平薄矿体开采；", ChineseText.ToHalfWidth("厚度3～8m的中等稳固以下，近水平薄矿体开采；"));
        Assert.Equal("根据权利要求1所述的H01M10/0525电池 (6)：包括！？", ChineseText.ToHalfWidth("根据权利要求１所述的Ｈ０１Ｍ１０／０５２５电池\u3000(6)：包括！？"));
        Assert.Equal("2.一种（可选）装置。", ChineseText.ToHalfWidth("２．一种（可选）装置。"));
    }

    [Fact]
    public void Normalize_collapses_spaces_and_keeps_single_line_breaks()
    {
        const string claims = "  1.一種鉸鍊，其特征在于：\t包括  轉軸(6)；\r\n\r\n2.根據權利要求１所述的鉸鍊。 \n";
        Assert.Equal("1.一种铰链，其特征在于： 包括 转轴(6)；\n2.根据权利要求1所述的铰链。", ChineseText.Normalize(claims));
    }

    [Fact]
    public void Empty_text_stays_empty()
    {
        Assert.Same("", ChineseText.Normalize(""));
        Assert.Equal("", ChineseText.Normalize(" \u3000\n"));
    }

    [Fact]
    public void OpenCC_dictionaries_are_embedded_under_their_folder_name()
    {
        var names = typeof(ChineseText).Assembly.GetManifestResourceNames();
        Assert.Contains("PatentNav.Core.Resources.opencc/TSCharacters.txt", names);
        Assert.Contains("PatentNav.Core.Resources.opencc/TSPhrases.txt", names);
    }

    [Fact]
    public void Conversion_is_safe_under_concurrent_first_use()
    {
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = ChineseText.ToSimplified("鋰離子電池"));
        Assert.All(results, r => Assert.Equal("锂离子电池", r));
    }
}
