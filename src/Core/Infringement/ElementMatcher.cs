using System.Text.RegularExpressions;
using PatentNav.Core.Analysis;
using PatentNav.Core.Novelty;
using PatentNav.Core.Text;

namespace PatentNav.Core.Infringement;

/// <summary>Element statuses of the claim chart.</summary>
public static class ElementStatus
{
    public const string Literal = "literal";
    public const string Equivalent = "equivalent";
    public const string Missing = "missing";
}

/// <summary>Why an element got its status, as a stable code (the sentence in <see cref="ElementEvidence.Reason"/> explains it).</summary>
public static class ElementReason
{
    public const string AllWordsStated = "all-words-stated";
    public const string SubstitutedWords = "substituted-words";
    public const string SubjectNamedDifferently = "subject-named-differently";
    public const string WordsNotFound = "words-not-found";
    public const string ContrastingMeans = "contrasting-means";
    public const string ValueOutsideRange = "value-outside-range";
    public const string ValueNotStated = "value-not-stated";
}

/// <summary>What supports an element's status: the product sentence, the element's words found there, and the reason.</summary>
public sealed record ElementEvidence(string? Sentence, IReadOnlyList<string> MatchedTerms, IReadOnlyList<string> MissingTerms, string Reason, string ReasonCode)
{
    /// <summary>Claim word → product word pairs read as the same means (lexicon), shown so the user can judge them.</summary>
    public IReadOnlyList<string> Substitutions { get; init; } = [];
    /// <summary>Weighted share of the element's words stated literally (0–1).</summary>
    public double LiteralShare { get; init; }
    /// <summary>Weighted share stated literally or by a listed substitute or partially (0–1).</summary>
    public double EquivalentShare { get; init; }
}

public sealed record ElementMatch(string Status, ElementEvidence Evidence);

/// <summary>
/// A product description prepared once for every element of every claim: sentences (split at 。；！？ and line breaks)
/// and its values with units.
/// </summary>
public sealed partial class ProductText
{
    public ProductText(string text)
    {
        Text = ChineseText.ToHalfWidth(text);
        Sentences = [.. SentenceBreak().Split(Text).Select(s => s.Trim()).Where(s => s.Length > 0)];
        Windows = [.. Sentences.Select((s, i) => i + 1 < Sentences.Count ? [s, s + "。" + Sentences[i + 1]] : new[] { s }).SelectMany(w => w)];
        Quantities = Infringement.Quantities.Find(Text);
    }

    public string Text { get; }

    public IReadOnlyList<string> Sentences { get; }

    /// <summary>Each sentence, and each sentence with the next one: an element may be stated across a sentence break.</summary>
    public IReadOnlyList<string> Windows { get; }

    public IReadOnlyList<Quantity> Quantities { get; }

    [GeneratedRegex(@"[。；;！!？?\n\r]+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}

/// <summary>
/// Compares one claim element with a product description. <b>Literal</b>: at least <see cref="LiteralShare"/> of the
/// element's technical words (weighted by their rarity in the corpus) appear in one product sentence (or two adjacent
/// ones). <b>Possibly equivalent</b>: at least <see cref="EquivalentShare"/> once words the lexicon lists as the same
/// means (马达 for 电机, 铰接 for 转动连接) and partly stated long words count; the reason names the substitutions and
/// what is not stated. <b>Missing</b>: less than that, a contrasting means stated instead (滑动 where the claim says
/// 转动), or a claimed value or range the product's value falls outside or does not state. A range element is never
/// equivalent by default.
/// </summary>
public sealed partial class ElementMatcher(Func<string, double> weightOf, InfringementLexicon lexicon)
{
    // 为Ag、Cu、Al、Au中的至少一种 / 选自A、B或C / 为A或B
    [GeneratedRegex(@"(?:为|选自|采用|是)(?<list>[^，,；;。]{2,80}?)(?:中的|中)?(?:至少一种|任意一种|任一种|任意一个|之一|其中一种)|(?:为|选自|采用)(?<list>[^，,；;。为]{1,40}或[^，,；;。]{1,40})", RegexOptions.CultureInvariant)]
    private static partial Regex AlternativesList();

    [GeneratedRegex(@"、|或者|或|以及|和|及|,|/", RegexOptions.CultureInvariant)]
    private static partial Regex AlternativeSeparator();

    public double LiteralShare { get; init; } = 0.8;

    public double EquivalentShare { get; init; } = 0.5;

    /// <summary>Credit, relative to a literal word, for a word whose characters are mostly in the sentence (阳极板 for 阳极基板).</summary>
    public double PartialCredit { get; init; } = 0.8;

    /// <summary>A subject named at least this literally is literal; below, the product is said to be named differently.</summary>
    public double SubjectLiteralShare { get; init; } = 0.4;

    /// <summary>
    /// An absent word weighing at least this share of the element, with no listed substitute and no partial match, means
    /// the element is missing however much else matches: it is what the element adds (尖锥 of 光电导层均为尖锥结构).
    /// </summary>
    public double UnexplainedLimit { get; init; } = 0.15;

    /// <summary>An unexplained word counts as the point of the element only if it weighs at least this share of the element's heaviest word.</summary>
    public double RareWordShare { get; init; } = 0.5;

    /// <summary>Words of an element that carry its technical content (SmartCn words, boilerplate and single characters dropped).</summary>
    public static IReadOnlyList<string> KeyWords(string elementText) =>
        [.. NoveltyTermExtractor.DescriptionWords.Of(Alias().Replace(elementText, "")).Compounds().Where(w => !ElementBoilerplate.Contains(w))];

    // A Latin alias in brackets after a name (聚苯乙烯(PS)) names the same thing again.
    [GeneratedRegex(@"[(（][A-Za-z0-9\-+]{1,12}[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex Alias();

    private static readonly HashSet<string> ElementBoilerplate = new(StringComparer.Ordinal)
    {
        "所述", "一种", "其中", "包括", "包含", "设置", "设有", "具有", "位于", "用于", "通过", "分别", "均", "并且", "以及", "相应",
        "至少", "一个", "两个", "多个", "若干", "一端", "另一端", "一侧", "另一侧", "之间", "所", "上", "下", "内", "外", "该", "其",
        "特征", "在于", "权利", "要求", "根据", "得到", "进行", "形成", "构成", "组成", "连接", "相连",
        // Generic heads and fillers: what a part is called in general, not which part it is.
        "本体", "结构", "工作", "操作", "组件", "部件", "机构", "单元", "模块", "极为", "相应", "对应", "每个", "各个",
    };

    public ElementMatch Match(ClaimElement element, ProductText product) => Match(element, KeyWords(element.Text), product);

    /// <param name="words">The element's <see cref="KeyWords"/>, when the caller has them already.</param>
    public ElementMatch Match(ClaimElement element, IReadOnlyList<string> words, ProductText product)
    {
        if (words.Count == 0)
        {
            // Nothing technical to compare (a bare "包括：" left over): stated by the claim's structure alone.
            return new(ElementStatus.Literal, new ElementEvidence(null, [], [], "要素无可比对的技术词语（仅为结构性表述）。", ElementReason.AllWordsStated));
        }
        var claimed = Quantities.Find(element.Text);
        var (best, whole, weights) = BestWindow(element.Text, words, product);
        if (claimed.Count > 0)
        {
            if (NumericProblem(claimed, product, best.Window) is { } problem)
            {
                return new(ElementStatus.Missing, Evidence(best, whole) with { Reason = problem.Reason, ReasonCode = problem.Code });
            }
            // The values are met: the property they measure (宽度 of 40~60m宽度, stated as 宽50m) is stated with them.
            // Only the word next to the number names the property: 厚度 of 厚度为5~30nm, 宽度 of 40~60m宽度.
            var measured = claimed.Select(q => KeyWords(q.Attribute) is { Count: > 0 } before ? before[^1] : null)
                .Concat(claimed.Select(q => KeyWords(AfterValue(element.Text, q)) is { Count: > 0 } after ? after[0] : null))
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var rest = words.Where(w => !measured.Contains(w)).ToList();
            if (rest.Count < words.Count)
            {
                if (rest.Count == 0)
                {
                    return new(ElementStatus.Literal, Evidence(best, whole) with { Reason = "产品数值落入权利要求限定的范围。", ReasonCode = ElementReason.AllWordsStated });
                }
                words = rest;
                (best, whole, weights) = BestWindow(element.Text, words, product);
            }
        }
        var evidence = Evidence(best, whole);
        return Judge(element, words, weights, best, whole, evidence, claimed.Count > 0);
    }

    private static ElementEvidence Evidence(Scored best, Scored whole) =>
        new(best.Window.Length == 0 ? null : best.Window, best.Literal, best.Absent, "", "")
        {
            Substitutions = best.Substitutions,
            LiteralShare = Math.Round(best.LiteralShare, 3),
            EquivalentShare = Math.Round(Math.Max(best.Equivalent, whole.Equivalent), 3),
        };

    /// <summary>The words right after a value, up to the next separator (40~60m宽度 → 宽度).</summary>
    private static string AfterValue(string text, Quantity quantity)
    {
        var at = text.IndexOf(quantity.Text, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }
        var start = at + quantity.Text.Length;
        var end = start;
        while (end < text.Length && end - start < 6 && text[end] is not ('，' or ',' or '；' or ';' or '。' or '、'))
        {
            end++;
        }
        return text[start..end];
    }

    private (Scored Best, Scored Whole, Dictionary<string, double> Weights) BestWindow(string elementText, IReadOnlyList<string> words, ProductText product)
    {
        var weights = words.ToDictionary(w => w, w => Math.Max(0.05, weightOf(w)), StringComparer.Ordinal);
        var total = weights.Values.Sum();
        // The element's alternatives lists are the same for every sentence: analysed once.
        var alternatives = Alternatives(elementText);
        Scored? best = null;
        foreach (var window in product.Windows)
        {
            var scored = Score(elementText, words, alternatives, weights, total, window);
            if (best is null || scored.Equivalent > best.Equivalent + 1e-9 || (Math.Abs(scored.Equivalent - best.Equivalent) <= 1e-9 && scored.Window.Length < best.Window.Length))
            {
                best = scored;
            }
        }
        best ??= Score(elementText, words, alternatives, weights, total, "");
        // The whole description, for what a paraphrase spreads over several sentences: a word is unexplained only when
        // the product states it nowhere, in no listed other word and in no partial form.
        var whole = Score(elementText, words, alternatives, weights, total, product.Text);
        return (best, whole, weights);
    }

    private ElementMatch Judge(ClaimElement element, IReadOnlyList<string> words, Dictionary<string, double> weights, Scored best, Scored whole, ElementEvidence evidence, bool hasValues)
    {
        if (element.Part == "subject")
        {
            return best.LiteralShare >= SubjectLiteralShare
                ? new(ElementStatus.Literal, evidence with { Reason = "产品与权利要求的主题名称一致。", ReasonCode = ElementReason.AllWordsStated })
                : new(ElementStatus.Equivalent, evidence with
                {
                    Reason = $"产品的名称与主题“{element.Text}”用词不同，请确认产品属于同一主题。",
                    ReasonCode = ElementReason.SubjectNamedDifferently,
                });
        }
        // A contrasting word counts where the element is otherwise stated, not in a sentence that merely shares a word.
        if (best.Conflicts.Count > 0 && best.LiteralShare is >= 0.5 and < 1)
        {
            return new(ElementStatus.Missing, evidence with
            {
                Reason = $"产品采用了不同的手段：{string.Join("；", best.Conflicts)}。",
                ReasonCode = ElementReason.ContrastingMeans,
            });
        }
        // Heavy in the element and rare in the corpus: a common word (工作, 相邻) left out of a short element is not the point of it.
        var heaviest = words.Max(w => weights[w]);
        var unexplainedHeavy = whole.Unexplained.Where(u => u.Share >= UnexplainedLimit && weights[u.Word] >= RareWordShare * heaviest).Select(u => u.Word).ToList();
        if (unexplainedHeavy.Count > 0)
        {
            return new(ElementStatus.Missing, evidence with
            {
                Reason = $"产品描述中未见该要素的“{string.Join("”“", unexplainedHeavy)}”（亦无同义表述）。",
                ReasonCode = ElementReason.WordsNotFound,
            });
        }
        if (best.LiteralShare >= LiteralShare)
        {
            return new(ElementStatus.Literal, evidence with
            {
                Reason = best.Absent.Count == 0 ? "要素的技术词语均见于产品描述。" : $"要素的主要技术词语见于产品描述（未见：{string.Join("、", best.Absent)}）。",
                ReasonCode = ElementReason.AllWordsStated,
            });
        }
        // A claimed range is met only by a value inside it, never by "the same function" (docs/infringement.md).
        if (Math.Max(best.Equivalent, whole.Equivalent) >= EquivalentShare && !hasValues)
        {
            var parts = new List<string>();
            if (best.Substitutions.Count > 0)
            {
                parts.Add($"以不同用语表述了相同手段：{string.Join("，", best.Substitutions)}");
            }
            if (best.Absent.Count > 0)
            {
                parts.Add($"未直接出现：{string.Join("、", best.Absent)}");
            }
            return new(ElementStatus.Equivalent, evidence with
            {
                Reason = $"可能等同：{string.Join("；", parts)}。需判断是否以基本相同的手段，实现基本相同的功能，达到基本相同的效果。",
                ReasonCode = ElementReason.SubstitutedWords,
            });
        }
        return new(ElementStatus.Missing, evidence with
        {
            Reason = $"产品描述中未见该要素（未见：{string.Join("、", best.Absent)}）。",
            ReasonCode = ElementReason.WordsNotFound,
        });
    }

    private sealed record Scored(string Window, double LiteralShare, double Equivalent, List<string> Literal, List<string> Absent, List<string> Substitutions, List<string> Conflicts)
    {
        /// <summary>Absent words neither substituted nor partly stated, with their share of the element's weight.</summary>
        public List<(string Word, double Share)> Unexplained { get; init; } = [];
    }

    private Scored Score(string elementText, IReadOnlyList<string> words, List<List<IReadOnlyList<string>>> alternatives, Dictionary<string, double> weights, double total, string window)
    {
        double literal = 0, equivalent = 0;
        var found = new List<string>();
        var absent = new List<string>();
        var substitutions = new List<string>();
        var substituted = lexicon.Substitutes(elementText, window);
        var unexplained = new List<(string Word, double Share)>();
        var alternativesMet = AlternativesMet(alternatives, window);
        alternativesMet.UnionWith(AliasesMet(elementText, words, window));
        foreach (var word in words)
        {
            var weight = weights[word];
            if (window.Contains(word, StringComparison.OrdinalIgnoreCase) || alternativesMet.Contains(word))
            {
                literal += weight;
                equivalent += weight;
                found.Add(word);
                continue;
            }
            var substitute = substituted.FirstOrDefault(s => s.ClaimWord.Contains(word, StringComparison.Ordinal) || word.Contains(s.ClaimWord, StringComparison.Ordinal));
            if (substitute is not null)
            {
                equivalent += 0.9 * weight;
                var pair = $"{substitute.ClaimWord}→{substitute.ProductWord}";
                if (!substitutions.Contains(pair))
                {
                    substitutions.Add(pair);
                }
                continue;
            }
            var partial = PartialShare(word, window);
            equivalent += PartialCredit * weight * partial;
            absent.Add(word);
            if (partial == 0)
            {
                unexplained.Add((word, weight / total));
            }
        }
        // Where the element is stated: the one or two comma clauses holding most of its words. A contrasting word counts
        // only there (a 下端 elsewhere in a long sentence says nothing about this element's 上端), and it is the evidence.
        var clause = BestClause(window, found, weights);
        var conflicts = lexicon.Contrasts(elementText, clause).Select(c => $"权利要求为“{c.ClaimWord}”，产品为“{c.ProductWord}”").ToList();
        return new Scored(clause, literal / total, equivalent / total, found, absent, substitutions, conflicts) { Unexplained = unexplained };
    }

    /// <summary>
    /// The alternatives lists of an element (Ag、Cu、Al、Au中的至少一种, A或B): per list, the words of each option.
    /// </summary>
    private static List<List<IReadOnlyList<string>>> Alternatives(string elementText)
    {
        var lists = new List<List<IReadOnlyList<string>>>();
        foreach (Match match in AlternativesList().Matches(elementText))
        {
            var options = AlternativeSeparator().Split(match.Groups["list"].Value).Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
            if (options.Count >= 2)
            {
                lists.Add([.. options.Select(KeyWords)]);
            }
        }
        return lists;
    }

    /// <summary>
    /// Words of an alternatives list when one alternative is stated: the element asks for any one of them, so the
    /// others are not absent.
    /// </summary>
    private static HashSet<string> AlternativesMet(List<List<IReadOnlyList<string>>> alternatives, string window)
    {
        var met = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in alternatives)
        {
            if (words.Any(w => w.Count > 0 && w.All(x => window.Contains(x, StringComparison.OrdinalIgnoreCase))))
            {
                met.UnionWith(words.SelectMany(w => w));
            }
        }
        return met;
    }

    /// <summary>A name whose bracketed alias the product uses (聚苯乙烯(PS) stated as PS).</summary>
    private static IEnumerable<string> AliasesMet(string elementText, IReadOnlyList<string> words, string window)
    {
        foreach (Match match in Alias().Matches(elementText))
        {
            var alias = match.Value[1..^1];
            if (alias.Length >= 2 && window.Contains(alias, StringComparison.OrdinalIgnoreCase))
            {
                var before = elementText[..match.Index];
                foreach (var word in words.Where(w => before.EndsWith(w, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return word;
                }
            }
        }
    }

    private static string BestClause(string window, List<string> found, Dictionary<string, double> weights)
    {
        var clauses = window.Split(['，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length <= 1 || found.Count == 0)
        {
            return window;
        }
        var best = window;
        var bestWeight = -1.0;
        for (var i = 0; i < clauses.Length; i++)
        {
            for (var length = 1; length <= 2 && i + length <= clauses.Length; length++)
            {
                var span = string.Join("，", clauses, i, length);
                var weight = found.Where(w => span.Contains(w, StringComparison.OrdinalIgnoreCase)).Sum(w => weights[w]);
                if (weight > bestWeight + 1e-9)
                {
                    (best, bestWeight) = (span, weight);
                }
            }
        }
        return best;
    }

    /// <summary>
    /// Share of a word's characters in the window when at least half of them are there (阳极基板 partly stated as 阳极板,
    /// 支撑座 as 支座): evidence for a possible equivalent only, never for literal.
    /// </summary>
    private static double PartialShare(string word, string window)
    {
        // Characters found together (within the word's length plus one), not scattered over the sentence: 阳极板 counts
        // for 阳极基板, 外圆…安装柱 does not count for 圆柱形.
        var best = 0;
        for (var i = 0; i < window.Length; i++)
        {
            if (!word.Contains(window[i], StringComparison.Ordinal))
            {
                continue;
            }
            var span = window.Substring(i, Math.Min(word.Length + 1, window.Length - i));
            var count = word.Distinct().Count(c => span.Contains(c, StringComparison.Ordinal));
            best = Math.Max(best, count);
        }
        var share = (double)best / word.Distinct().Count();
        if (share >= 0.5 && best >= 2)
        {
            return share;
        }
        // A two-character name sharing its head (基板 and 阳极板's 板): half a match.
        return word.Length == 2 && QueryAnalysis.IsCjk(word[1]) && window.Contains(word[1], StringComparison.Ordinal) ? 0.5 : 0;
    }

    private static (string Code, string Reason)? NumericProblem(IReadOnlyList<Quantity> claimed, ProductText product, string window)
    {
        foreach (var range in claimed)
        {
            // A product value speaks to this element when it names the same property (shares a character of the words
            // before the number) or stands where the element is stated; the 50 m width of a panel is not a pillar's section.
            var candidates = product.Quantities
                .Where(q => q.Dimension == range.Dimension && (SharedCharacters(q.Attribute, range.Attribute) > 0 || window.Contains(q.Text, StringComparison.Ordinal)))
                .ToList();
            if (candidates.Count == 0)
            {
                return (ElementReason.ValueNotStated, $"权利要求限定了数值“{range.Text}”（{range.Describe()}），产品描述未给出该参数的数值，请核实。");
            }
            // The product value of the same property: the one whose attribute shares most characters with the claim's,
            // then one stated in the element's best sentence.
            var chosen = candidates
                .OrderByDescending(q => SharedCharacters(q.Attribute, range.Attribute))
                .ThenByDescending(q => window.Contains(q.Text, StringComparison.Ordinal))
                .First();
            if (!range.Contains(chosen))
            {
                return (ElementReason.ValueOutsideRange,
                    $"产品数值“{chosen.Text}”（{chosen.Describe()}）不在权利要求限定的范围“{range.Text}”（{range.Describe()}）内。");
            }
        }
        return null;
    }

    private static int SharedCharacters(string a, string b) => a.Distinct().Count(c => b.Contains(c, StringComparison.Ordinal) && !char.IsWhiteSpace(c));
}

/// <summary>The word groups of <c>infringement-lexicon.txt</c>: the same means in other words, and means that exclude each other.</summary>
public sealed class InfringementLexicon
{
    private readonly List<string[]> _same = [];
    private readonly List<string[]> _contrast = [];

    public sealed record Pair(string ClaimWord, string ProductWord);

    public static InfringementLexicon Default { get; } = Load();

    public static InfringementLexicon Empty { get; } = new();

    public static InfringementLexicon Parse(TextReader reader)
    {
        var lexicon = new InfringementLexicon();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var kind = colon > 0 ? line[..colon].Trim() : "";
            var words = colon > 0 ? line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (words.Length < 2 || kind is not ("same" or "contrast"))
            {
                throw new FormatException($"infringement lexicon line {lineNumber}: expected 'same:' or 'contrast:' and at least two words.");
            }
            (kind == "same" ? lexicon._same : lexicon._contrast).Add(words);
        }
        return lexicon;
    }

    /// <summary>Claim words (in the element) not in the window whose group has another member in the window.</summary>
    public IReadOnlyList<Pair> Substitutes(string element, string window) => Pairs(_same, element, window);

    /// <summary>Claim words not in the window where a contrasting alternative is in it.</summary>
    public IReadOnlyList<Pair> Contrasts(string element, string window) => Pairs(_contrast, element, window);

    private static List<Pair> Pairs(List<string[]> groups, string element, string window)
    {
        var pairs = new List<Pair>();
        if (window.Length == 0)
        {
            return pairs;
        }
        foreach (var group in groups)
        {
            // Longest member first, so 固定连接 is read before 固定.
            foreach (var claimWord in group.OrderByDescending(w => w.Length))
            {
                if (!element.Contains(claimWord, StringComparison.OrdinalIgnoreCase) || window.Contains(claimWord, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var productWord = group.Where(w => w != claimWord && !claimWord.Contains(w, StringComparison.Ordinal) && !w.Contains(claimWord, StringComparison.Ordinal))
                    .FirstOrDefault(w => window.Contains(w, StringComparison.OrdinalIgnoreCase) && !element.Contains(w, StringComparison.OrdinalIgnoreCase));
                if (productWord is not null)
                {
                    pairs.Add(new Pair(claimWord, productWord));
                    break;
                }
            }
        }
        return pairs;
    }

    private static InfringementLexicon Load()
    {
        using var stream = PatentAnalysis.OpenResource("infringement-lexicon.txt");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
