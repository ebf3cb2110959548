using PatentNav.Core.Analysis;
using PatentNav.Core.Novelty;

namespace PatentNav.Core.Tests.Novelty;

public sealed class MatchedWordsTests
{
    private const string Description = "我们想做一种钙钛矿太阳能电池的锂盐添加剂，提高电池的稳定性。";

    [Fact]
    public void Matched_evidence_is_shown_as_the_words_the_user_wrote_never_as_straddling_bigrams()
    {
        using var analyzer = PatentAnalysis.CreateBigramAnalyzer();
        var bigrams = PatentAnalysis.Tokenize(analyzer, "abstract", Description);
        // Everything matched: every bigram of the description, including those across word boundaries (池的, 的锂).
        var words = NoveltyTermExtractor.MatchedWords(Description, bigrams.ToHashSet(StringComparer.Ordinal));

        Assert.Contains("钙钛矿", string.Concat(words));
        Assert.Contains(words, w => w.Contains("锂盐", StringComparison.Ordinal) || w == "锂盐");
        Assert.DoesNotContain("池的", words);
        Assert.DoesNotContain("的锂", words);
        Assert.All(words, w => Assert.Contains(w, Description, StringComparison.Ordinal));
        Assert.DoesNotContain("我们", words);
    }

    [Fact]
    public void Only_words_with_matched_evidence_are_shown_in_the_order_written()
    {
        var words = NoveltyTermExtractor.MatchedWords(Description, new HashSet<string>(StringComparer.Ordinal) { "稳定性", "添加剂" });

        Assert.Equal(["添加剂", "稳定性"], words);
    }

    [Fact]
    public void Single_characters_joined_by_a_function_word_are_not_shown_as_a_word()
    {
        const string text = "保留间柱和点柱支撑顶板";
        using var analyzer = PatentAnalysis.CreateBigramAnalyzer();
        var words = NoveltyTermExtractor.MatchedWords(text, PatentAnalysis.Tokenize(analyzer, "abstract", text).ToHashSet(StringComparer.Ordinal));

        Assert.DoesNotContain(words, w => w.Contains('和', StringComparison.Ordinal));
        Assert.All(words, w => Assert.True(w.Length >= 2, w));
    }

    [Fact]
    public void Nothing_matched_shows_nothing()
    {
        Assert.Empty(NoveltyTermExtractor.MatchedWords(Description, new HashSet<string>(StringComparer.Ordinal)));
    }
}
