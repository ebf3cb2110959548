using System.Reflection;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Core.Text;

namespace PatentNav.Core.Novelty;

/// <summary>
/// Extracts weighted key terms from a free-text project description: SmartCn words and CJK bigrams, each weighted by
/// (1 + ln tf) × BM25 idf against the corpus and capped in number, so the query stays short on any corpus size.
/// </summary>
public sealed class NoveltyTermExtractor
{
    public const int MaxTextLength = 20_000;

    private static readonly HashSet<string> Boilerplate = LoadBoilerplate();
    private readonly IPatentSearcher _searcher;
    // Analyzers reuse per-thread token streams, so one instance serves every request.
    private static readonly Analyzer Words = PatentAnalysis.CreateWordAnalyzer();
    private static readonly Analyzer Bigrams = PatentAnalysis.CreateBigramAnalyzer();

    public NoveltyTermExtractor(IPatentSearcher searcher) => _searcher = searcher;

    /// <summary>SmartCn words kept, by weight.</summary>
    public int MaxWords { get; init; } = 120;

    /// <summary>CJK bigrams kept, by weight: they match across segmentation differences and out-of-dictionary words.</summary>
    public int MaxBigrams { get; init; } = 120;

    /// <summary>Bigrams overlap each other and the words, so each counts for less than a word.</summary>
    public double BigramFactor { get; init; } = 0.3;

    /// <summary>
    /// Every SmartCn word and CJK bigram of a description that is not boilerplate, with its count; the first
    /// <see cref="MaxTextLength"/> characters are read.
    /// </summary>
    public static (Dictionary<string, int> Words, Dictionary<string, int> Bigrams) Tokens(string text, bool singleCharacterWords = true)
    {
        var normalized = ChineseText.Normalize(text.Length > MaxTextLength ? text[..MaxTextLength] : text);
        return (CountTokens(Words, normalized, w => IsUseful(w, singleCharacterWords)), CountTokens(Bigrams, normalized, IsUsefulBigram));
    }

    /// <summary>
    /// The words of the description a patent matched, as the user wrote them and in their order: a word counts when its
    /// SmartCn term matched or when every bigram of it did; a run of single characters the dictionary does not know
    /// (钙钛矿 segmented 钙/钛/矿) counts where its bigrams chain. Bigrams that straddle two words (的锂, 过液) are evidence for
    /// ranking only and are never shown.
    /// </summary>
    public static IReadOnlyList<string> MatchedWords(string text, IReadOnlySet<string> matchedTerms) =>
        DescriptionWords.Of(text).Matched(matchedTerms);

    /// <summary>A description segmented once, so that every hit's matched words are read without analysing it again.</summary>
    public sealed class DescriptionWords
    {
        // Single characters that join words rather than name things.
        private static readonly HashSet<char> FunctionCharacters = [.. "的和与及或在对把被用以将从于为并而了其该各每也"];

        // Each SmartCn token of the description: its index term, or null for a single CJK character, and its text.
        private readonly List<(string? Term, string Surface, bool Adjacent)> _tokens = [];

        public static DescriptionWords Of(string text)
        {
            var words = new DescriptionWords();
            var normalized = ChineseText.Normalize(text.Length > MaxTextLength ? text[..MaxTextLength] : text);
            using var stream = Words.GetTokenStream("abstract", normalized);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var previousEnd = -1;
            while (stream.IncrementToken())
            {
                var surface = normalized[offset.StartOffset..offset.EndOffset];
                var single = surface.Length == 1 && IsCjk(surface[0]);
                words._tokens.Add((single ? null : term.ToString(), surface, offset.StartOffset == previousEnd));
                previousEnd = offset.EndOffset;
            }
            stream.End();
            return words;
        }

        // Single characters that never join a compound (设置+有 is not 设置有, 相邻+两 is not 相邻两).
        private static readonly HashSet<char> NonCompoundCharacters = [.. FunctionCharacters, .. "有上下内外中是均且即个种所就都向至到使可能已一二两三四五六七八九十几多若还处由沿按经自"];

        // Characters that end a part's name after a word (样本+架, 处理+器, 转杆+部): only these glue to the word before.
        private static readonly HashSet<char> NounSuffixes = [.. "器件体板架座层管箱盒杆槽孔片块柱轴轮壳盖环圈部区膜剂液机仪头线网口阀泵门舌钉栓簧带条筒套罩腔室台柜袋瓶缸模芯极栅窗屏形状"];

        /// <summary>
        /// The text's technical words in order, with the single characters SmartCn leaves apart put back together: a run
        /// of them (锁/舌 → 锁舌) and one glued to the word before it (样本/架 → 样本架), unless a function character
        /// breaks the run. Boilerplate and lone characters are dropped.
        /// </summary>
        public IReadOnlyList<string> Compounds()
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();
            void Flush()
            {
                var word = current.ToString();
                if ((word.Length >= 2 || (word.Length > 0 && !IsCjk(word[0]))) && IsUseful(word, singleCharacterWords: false) && !words.Contains(word))
                {
                    words.Add(word);
                }
                current.Clear();
            }
            var afterWord = false;
            foreach (var (term, surface, adjacent) in _tokens)
            {
                if (term is null)
                {
                    var c = surface[0];
                    // After a word only a part-name suffix glues on; a run of single characters joins by itself (锁/舌).
                    if (NonCompoundCharacters.Contains(c) || !adjacent || (afterWord && !NounSuffixes.Contains(c)))
                    {
                        Flush();
                        if (NonCompoundCharacters.Contains(c))
                        {
                            afterWord = false;
                            continue;
                        }
                    }
                    current.Append(surface);
                    afterWord = false;
                    continue;
                }
                Flush();
                afterWord = true;
                if (!surface.All(IsCjk))
                {
                    current.Append(term);
                    Flush();
                    continue;
                }
                current.Append(surface);
            }
            Flush();
            return words;
        }

        public IReadOnlyList<string> Matched(IReadOnlySet<string> matchedTerms)
        {
            var words = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var run = new System.Text.StringBuilder();
            void Add(string word)
            {
                if (seen.Add(word))
                {
                    words.Add(word);
                }
            }
            // A run of single characters is shown where its bigrams chain: 钙/钛/矿 with 钙钛 and 钛矿 matched is 钙钛矿.
            // Function characters break a chain: 柱和 from 间柱和点柱 is not a word.
            void FlushRun()
            {
                var chars = run.ToString();
                var start = 0;
                for (var i = 1; i <= chars.Length; i++)
                {
                    if (i == chars.Length || FunctionCharacters.Contains(chars[i]) || FunctionCharacters.Contains(chars[i - 1])
                        || !matchedTerms.Contains(chars.Substring(i - 1, 2)))
                    {
                        if (i - start >= 2)
                        {
                            Add(chars[start..i]);
                        }
                        start = i;
                    }
                }
                run.Clear();
            }
            foreach (var (term, surface, adjacent) in _tokens)
            {
                if (term is null)
                {
                    if (!adjacent)
                    {
                        FlushRun();
                    }
                    run.Append(surface);
                    continue;
                }
                FlushRun();
                if (IsUseful(term, singleCharacterWords: false) && (matchedTerms.Contains(term) || (surface.All(IsCjk) && AllBigramsMatched(surface, matchedTerms))))
                {
                    Add(surface);
                }
            }
            FlushRun();
            return words;
        }

        private static bool AllBigramsMatched(string word, IReadOnlySet<string> matchedTerms)
        {
            for (var i = 0; i < word.Length - 1; i++)
            {
                if (!matchedTerms.Contains(word.Substring(i, 2)))
                {
                    return false;
                }
            }
            return true;
        }
    }

    public async Task<IReadOnlyList<NoveltyTerm>> ExtractAsync(string text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (words, bigrams) = Tokens(text, singleCharacterWords: false);
        var terms = (await WeighAsync(words, bigram: false, cancellationToken).ConfigureAwait(false)).Take(MaxWords)
            .Concat((await WeighAsync(bigrams, bigram: true, cancellationToken).ConfigureAwait(false)).Take(MaxBigrams))
            .ToList();
        if (terms.Count == 0)
        {
            return [];
        }
        var max = terms.Max(t => t.Weight);
        return [.. terms.OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal).Select(t => t with { Weight = Math.Round(t.Weight / max, 4) })];
    }

    private async Task<IEnumerable<NoveltyTerm>> WeighAsync(Dictionary<string, int> counts, bool bigram, CancellationToken cancellationToken)
    {
        if (counts.Count == 0)
        {
            return [];
        }
        var stats = await _searcher.GetTermStatisticsAsync([.. counts.Keys.Select(t => new TermKey(SearchField.Keywords, t, bigram))], cancellationToken).ConfigureAwait(false);
        return stats
            .Select(stat =>
            {
                var weight = (1 + Math.Log(counts[stat.Key.Term])) * Idf(stat) * (bigram ? BigramFactor : 1.0);
                return new NoveltyTerm(stat.Key.Term, weight, bigram, stat.DocumentFrequency) { DocumentCount = stat.DocumentCount };
            })
            .OrderByDescending(t => t.Weight)
            .ThenBy(t => t.Term, StringComparer.Ordinal);
    }

    /// <summary>BM25's idf of a term in the index, the rarity every key-term weight rests on.</summary>
    public static double Idf(TermStatistic stat)
    {
        var n = Math.Max(1, stat.DocumentCount);
        return Math.Log(1 + ((n - stat.DocumentFrequency + 0.5) / (stat.DocumentFrequency + 0.5)));
    }

    private static Dictionary<string, int> CountTokens(Analyzer analyzer, string text, Func<string, bool> keep)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream("abstract", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var token = term.ToString();
            if (keep(token))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }
        stream.End();
        return counts;
    }

    private static bool IsUsefulBigram(string bigram) =>
        bigram.Length == 2 && IsCjk(bigram[0]) && IsCjk(bigram[1]) && !Boilerplate.Contains(bigram);

    private static bool IsUseful(string word, bool singleCharacterWords)
    {
        if (Boilerplate.Contains(word))
        {
            return false;
        }
        if (word.Any(IsCjk))
        {
            return singleCharacterWords || word.Length >= 2;
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
