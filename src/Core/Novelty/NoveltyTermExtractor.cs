using System.Reflection;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Core.Text;

namespace PatentNav.Core.Novelty;

/// <summary>
/// Extracts weighted key terms from a free-text project description: SmartCn words weighted by
/// (1 + ln tf) × BM25 idf against the corpus, plus CJK bigrams for runs the dictionary split into single characters.
/// </summary>
public sealed class NoveltyTermExtractor
{
    public const int MaxTextLength = 20_000;

    private static readonly HashSet<string> Boilerplate = LoadBoilerplate();
    private readonly IPatentSearcher _searcher;
    // Analyzers reuse per-thread token streams, so one instance serves every request.
    private static readonly Analyzer Words = PatentAnalysis.CreateWordAnalyzer();

    public NoveltyTermExtractor(IPatentSearcher searcher) => _searcher = searcher;

    public int MaxTerms { get; init; } = 40;

    public IReadOnlyList<NoveltyTerm> Extract(string text)
    {
        var normalized = ChineseText.Normalize(text.Length > MaxTextLength ? text[..MaxTextLength] : text);
        var counts = new Dictionary<(string Term, bool Bigram), int>();
        var singleRun = new List<string>();
        var lastEnd = -1;

        void FlushRun()
        {
            // 钙|钛|矿: SmartCn fell back to single characters, so the word is out of its dictionary; bigrams keep it.
            if (singleRun.Count >= 2)
            {
                for (var i = 0; i + 1 < singleRun.Count; i++)
                {
                    Count((singleRun[i] + singleRun[i + 1], true));
                }
            }
            singleRun.Clear();
        }

        void Count((string, bool) key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        // A run breaks where offsets are not contiguous, so no bigram spans punctuation or a kept word.
        using (var stream = Words.GetTokenStream("abstract", normalized))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var word = term.ToString();
                var isSingleCjk = word.Length == 1 && IsCjk(word[0]);
                if (isSingleCjk)
                {
                    if (offset.StartOffset != lastEnd)
                    {
                        FlushRun();
                    }
                    singleRun.Add(word);
                    lastEnd = offset.EndOffset;
                    continue;
                }
                FlushRun();
                lastEnd = offset.EndOffset;
                if (IsUseful(word))
                {
                    Count((word, false));
                }
            }
            stream.End();
        }
        FlushRun();

        if (counts.Count == 0)
        {
            return [];
        }
        var keys = counts.Keys.Select(k => new TermKey(SearchField.Keywords, k.Term, k.Bigram)).ToList();
        var stats = _searcher.GetTermStatistics(keys);
        var terms = new List<NoveltyTerm>(stats.Count);
        foreach (var stat in stats)
        {
            var tf = counts[(stat.Key.Term, stat.Key.Bigram)];
            var n = Math.Max(1, stat.DocumentCount);
            var idf = Math.Log(1 + ((n - stat.DocumentFrequency + 0.5) / (stat.DocumentFrequency + 0.5)));
            // Bigrams stand in for one word that spans several of them; damp them so one OOV word does not dominate.
            var weight = (1 + Math.Log(tf)) * idf * (stat.Key.Bigram ? 0.6 : 1.0);
            terms.Add(new NoveltyTerm(stat.Key.Term, weight, stat.Key.Bigram, stat.DocumentFrequency));
        }
        var top = terms.OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal).Take(MaxTerms).ToList();
        var max = top[0].Weight;
        return [.. top.Select(t => t with { Weight = Math.Round(t.Weight / max, 4) })];
    }

    private static bool IsUseful(string word)
    {
        if (Boilerplate.Contains(word))
        {
            return false;
        }
        if (word.Any(IsCjk))
        {
            return word.Length >= 2;
        }
        // Latin words and model numbers: at least two characters and not a bare number.
        return word.Length >= 2 && !word.All(c => char.IsAsciiDigit(c) || c is '.' or ',');
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static HashSet<string> LoadBoilerplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PatentNav.Core.Resources.novelty-stopwords.txt")
            ?? throw new InvalidOperationException("novelty-stopwords.txt is missing from PatentNav.Core.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line);
            }
        }
        return words;
    }
}
