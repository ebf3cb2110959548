using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PatentNav.Core.Analysis;

/// <summary>
/// Query-side analysis shared by both engine compilers, so a query means the same terms in both: text is analysed here,
/// once, with the index-time chains, and the engines receive term-level queries (docs/architecture.md, analysis).
/// </summary>
public static class QueryAnalysis
{
    // Analyzers reuse per-thread token streams, so one instance serves every query.
    private static readonly Analyzer WordAnalyzer = PatentAnalysis.CreateWordAnalyzer();
    private static readonly Analyzer BigramAnalyzer = PatentAnalysis.CreateBigramAnalyzer();

    /// <summary>SmartCn words with absolute positions (stop words leave gaps).</summary>
    public static List<(string Term, int Position)> Words(string text) => Analyze(WordAnalyzer, "words", text);

    /// <summary>CJK bigrams (and Latin words) with absolute positions.</summary>
    public static List<(string Term, int Position)> Bigrams(string text) => Analyze(BigramAnalyzer, "bigrams", text);

    /// <summary>Runs <paramref name="analyzer"/> over text, keeping absolute positions.</summary>
    public static List<(string Term, int Position)> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    /// <summary>A lone CJK character is indexed only inside bigrams: engines match it at either end of one.</summary>
    public static bool IsLoneCjkCharacter(IReadOnlyList<(string Term, int Position)> bigrams) =>
        bigrams.Count == 1 && bigrams[0].Term.Length == 1 && IsCjk(bigrams[0].Term[0]);

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
