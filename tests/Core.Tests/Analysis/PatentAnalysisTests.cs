using PatentNav.Core.Analysis;

namespace PatentNav.Core.Tests.Analysis;

public class PatentAnalysisTests
{
    [Fact]
    public void Word_analyzer_drops_patent_boilerplate_but_keeps_technical_words()
    {
        using var analyzer = PatentAnalysis.CreateWordAnalyzer();
        var tokens = PatentAnalysis.Tokenize(analyzer, "title", "本发明公开了一种锂离子电池，其特征在于，所述电池包括正极。");
        Assert.Equal(["发明", "锂", "离子", "电池", "特征", "电池", "正", "极"], tokens);
    }

    [Fact]
    public void Word_analyzer_stems_and_lowercases_latin_words_and_folds_full_width()
    {
        using var analyzer = PatentAnalysis.CreateWordAnalyzer();
        var tokens = PatentAnalysis.Tokenize(analyzer, "title", "Lithium-ion batteries ＡＢＣ１２３");
        Assert.Equal(["lithium", "ion", "batteri", "abc", "123"], tokens);
    }

    [Fact]
    public void Bigram_analyzer_emits_overlapping_bigrams_for_out_of_dictionary_terms()
    {
        using var analyzer = PatentAnalysis.CreateBigramAnalyzer();
        var tokens = PatentAnalysis.Tokenize(analyzer, "title", "一种钙钛矿太阳能电池");
        Assert.Equal(["种钙", "钙钛", "钛矿", "矿太", "太阳", "阳能", "能电", "电池"], tokens);
    }

    [Fact]
    public void Line_breaks_segment_like_spaces_as_in_java()
    {
        using var analyzer = PatentAnalysis.CreateWordAnalyzer();
        Assert.Equal(
            PatentAnalysis.Tokenize(analyzer, "claims", "算法平台 1.一种数据处理方法"),
            PatentAnalysis.Tokenize(analyzer, "claims", "算法平台\n1.一种数据处理方法"));
    }
}
