using System.Reflection;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PatentNav.Core.Analysis;

/// <summary>
/// The analysis chains shared by every engine. Each text field is indexed twice: SmartCn words for ranking
/// and CJK bigrams so that out-of-dictionary terms (钙钛矿, 碳化硅衬底) still match exactly.
/// </summary>
public static class PatentAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly Lazy<CharArraySet> LazyStopWords = new(LoadStopWords);

    /// <summary>SmartCn's punctuation stop set plus the patent boilerplate list, identical in both engines.</summary>
    public static CharArraySet StopWords => LazyStopWords.Value;

    /// <summary>The patent boilerplate words alone, as listed in the shared resource file.</summary>
    public static IReadOnlyList<string> BoilerplateWords { get; } = ReadBoilerplate();

    /// <summary>
    /// SmartCn words: HMM segmentation, Porter stemming for Latin words, stop words removed (ES: smartcn_tokenizer + porter_stem + stop).
    /// Line breaks become spaces first: Lucene.Net's sentence splitter breaks at a line feed and Java's does not,
    /// so without this the two engines segment multi-line claims differently (docs/token-parity.md).
    /// </summary>
    public static Analyzer CreateWordAnalyzer() => new WordAnalyzer(StopWords);

    /// <summary>CJK bigrams over the standard tokenizer (ES: standard + cjk_width + lowercase + cjk_bigram + stop).</summary>
    public static Analyzer CreateBigramAnalyzer() => new BigramAnalyzer(StopWords);

    /// <summary>Runs an analyzer over text and returns its terms in order.</summary>
    public static List<string> Tokenize(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    /// <summary>Loads the SmartCn dictionaries now rather than on the first query (~0.2 s).</summary>
    public static void Warm()
    {
        using var analyzer = CreateWordAnalyzer();
        _ = Tokenize(analyzer, "warm", "一种锂离子电池正极材料的制备方法");
    }

    private static CharArraySet LoadStopWords()
    {
        var set = new CharArraySet(Version, SmartChineseAnalyzer.DefaultStopSet, ignoreCase: false);
        foreach (var word in BoilerplateWords)
        {
            set.Add(word);
        }
        return set.AsReadOnly();
    }

    private static List<string> ReadBoilerplate()
    {
        using var reader = new StreamReader(OpenResource("patent-stopwords.txt"));
        var words = new List<string>();
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

    internal static Stream OpenResource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("PatentNav.Core.Resources." + name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing from PatentNav.Core.");

    private static readonly NormalizeCharMap LineBreaksToSpaces = BuildLineBreakMap();

    private static NormalizeCharMap BuildLineBreakMap()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("\r\n", " ");
        builder.Add("\n", " ");
        builder.Add("\r", " ");
        return builder.Build();
    }

    private sealed class WordAnalyzer(CharArraySet stopWords) : Analyzer
    {
        protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(LineBreaksToSpaces, reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            // The chain of SmartChineseAnalyzer, rebuilt so the char filter above can sit in front of it.
            var tokenizer = new HMMChineseTokenizer(reader);
            TokenStream stream = new PorterStemFilter(tokenizer);
            stream = new StopFilter(Version, stream, stopWords);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class BigramAnalyzer(CharArraySet stopWords) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new CJKWidthFilter(tokenizer);
            stream = new LowerCaseFilter(Version, stream);
            stream = new CJKBigramFilter(stream);
            stream = new StopFilter(Version, stream, stopWords);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
