using System.Globalization;
using System.Text.RegularExpressions;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Text;

namespace PatentNav.Core.Claims;

/// <summary>
/// Parses a claims text (权利要求书) into numbered claims with their back-references, the 前序/特征 split and technical
/// features. Built for PDF-extracted text: page headers are removed, description text after the claims is cut off,
/// and numbers inside the text (<c>0.05-0.14</c>, <c>(2-5):1</c>, table rows) never start a claim. Never throws.
/// </summary>
public static partial class ClaimTreeParser
{
    private static readonly ClaimTree Empty = new([]);

    /// <summary>Longest comma part still taken for an enumerated component (与所述无人机通信连接的管控设备 is 15).</summary>
    private const int MaxEnumeratedPart = 16;

    /// <summary>Characters trimmed from the ends of a feature: separators and the closing full stop.</summary>
    private static readonly char[] FeatureTrim = [' ', '\t', '\r', '\n', '，', ',', '。', '.', '：', ':', '；', ';', '、'];

    private static readonly char[] ClauseTrim = [' ', '\t', '\r', '\n', '，', ',', '：', ':'];

    public static ClaimTree Parse(string claimsText)
    {
        if (string.IsNullOrWhiteSpace(claimsText))
        {
            return Empty;
        }
        // Wide digits and ．/、 delimiters become ASCII; Chinese punctuation (，；：（）) stays, see ChineseText.
        // The same artefact rules as ingestion (SourceArtefacts), so a raw export parses like an indexed record.
        var text = SourceArtefacts.RemovePageFooters(CutDescription(ChineseText.ToHalfWidth(claimsText))).Text;
        var starts = FindClaimStarts(text);
        if (starts.Count == 0)
        {
            // An unnumbered text is one claim, as in an export's 主权项 field stored without its "1.".
            var body = text.Trim();
            return body.Length == 0 ? Empty : new ClaimTree([BuildClaim(1, body)]);
        }
        var claims = new List<Claim>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].PreviousEnd : text.Length;
            claims.Add(BuildClaim(starts[i].Number, text[starts[i].BodyStart..end].Trim()));
        }
        return new ClaimTree(claims);
    }

    /// <summary>Where a claim starts: its number, where its text begins, and where the previous claim's text ends.</summary>
    private readonly record struct ClaimStart(int Number, int BodyStart, int PreviousEnd);

    /// <summary>
    /// Claim numbers in sequence. A number counts only at a boundary (start, 。, line break; after ；/; or glued to the
    /// previous word only when a claim visibly begins there) and only when it is the next expected one, so step lists,
    /// decimals and table rows cannot split claims.
    /// </summary>
    private static List<ClaimStart> FindClaimStarts(string text)
    {
        var candidates = new List<ClaimStart>();
        foreach (Match match in ClaimNumber().Matches(text))
        {
            var boundary = match.Groups["b"];
            if (boundary.Value is "；" or ";" && !ClaimLikeStart().IsMatch(text, match.Index + match.Length))
            {
                continue;
            }
            candidates.Add(new ClaimStart(int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture), match.Index + match.Length,
                boundary.Success ? boundary.Index + boundary.Length : match.Index));
        }
        // Extraction sometimes drops the 。 before a claim (…脂肪食品19.一种涂覆…).
        foreach (Match match in GluedClaimNumber().Matches(text))
        {
            candidates.Add(new ClaimStart(int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture), match.Index + match.Length, match.Index));
        }
        candidates.Sort((a, b) => a.BodyStart.CompareTo(b.BodyStart));
        var starts = new List<ClaimStart>();
        if (candidates.Count == 0)
        {
            return starts;
        }
        // Text that begins with a number starts there, even above 1 (claims spilled from the abstract or cut at a
        // page); otherwise at claim 1, so numbers in a leading fragment are not taken for claims.
        var first = text.AsSpan(0, candidates[0].PreviousEnd).IsWhiteSpace() ? 0 : candidates.FindIndex(c => c.Number == 1);
        if (first < 0)
        {
            first = 0;
        }
        var expected = candidates[first].Number;
        foreach (var candidate in candidates.Skip(first))
        {
            if (candidate.Number == expected)
            {
                starts.Add(candidate);
                expected++;
            }
        }
        return starts;
    }

    private static Claim BuildClaim(int number, string text)
    {
        var (dependsOn, invalid) = References(text, number);
        string? preamble = null;
        string? characterising = null;
        var split = CharacterisingMarker().Match(text);
        if (split.Success)
        {
            preamble = text[..split.Index].TrimEnd(ClauseTrim);
            characterising = text[(split.Index + split.Length)..].Trim(ClauseTrim);
        }
        var dependent = dependsOn.Count > 0 || invalid.Count > 0;
        return new Claim(number, text, dependsOn, preamble, characterising, Features(text, characterising, dependent))
        {
            InvalidReferences = invalid,
        };
    }

    /// <summary>
    /// Every claim number referred to (根据权利要求1所述, 1或2, 1-3中任一项, 1至5, 1~权利要求4), ranges expanded; 前述权利要求
    /// without numbers means all earlier claims. Only earlier claims can be referred to; other numbers are returned apart.
    /// </summary>
    private static (List<int> Earlier, List<int> Invalid) References(string text, int number)
    {
        var referenced = new SortedSet<int>();
        foreach (Match match in Reference().Matches(text))
        {
            var previous = -1;
            var range = false;
            foreach (Match token in ReferenceToken().Matches(match.Groups["list"].Value))
            {
                if (!int.TryParse(token.ValueSpan, out var value))
                {
                    range = token.Value is "-" or "~" or "—" or "–" or "－" or "至" or "到";
                    continue;
                }
                if (range && previous > 0 && value > previous)
                {
                    // Bounded by the claim's own number, so a garbled "1-999" cannot blow up.
                    for (var n = previous + 1; n < Math.Min(value, number + 1); n++)
                    {
                        referenced.Add(n);
                    }
                }
                referenced.Add(value);
                previous = value;
                range = false;
            }
        }
        if (PrecedingClaims().IsMatch(text))
        {
            for (var n = 1; n < number; n++)
            {
                referenced.Add(n);
            }
        }
        return ([.. referenced.Where(n => n < number)], [.. referenced.Where(n => n >= number)]);
    }

    /// <summary>
    /// Technical features of the characterising part, or of the claim body when there is no 其特征在于 split. A
    /// <c>包括…：</c> list is split at ；/; and its opening enumeration also at commas (<c>包括：机架，电机和控制器；…</c>);
    /// text before the list and text without a list are split at ；/;.
    /// </summary>
    private static List<string> Features(string text, string? characterising, bool dependent)
    {
        var region = characterising ?? (dependent ? WithoutReferenceClause(text) : text);
        var features = new List<string>();
        var list = ListMarker().Match(region);
        if (!list.Success)
        {
            AddSplit(features, region, Semicolons());
            return features;
        }
        // Before the list: its last clause is the list's head (所述装置还包括：, 一种…方法，包括如下步骤：), and in a claim
        // without the split the first clause is the claim's subject; clauses in between are features.
        var head = region.AsSpan(0, list.Index).TrimEnd(ClauseTrim);
        var lastBreak = head.LastIndexOfAny("，,；;");
        head = lastBreak > 0 ? head[..lastBreak] : [];
        if (characterising is null && !dependent)
        {
            var firstBreak = head.IndexOfAny("，,；;");
            head = firstBreak >= 0 ? head[(firstBreak + 1)..] : [];
        }
        AddSplit(features, head.ToString(), Semicolons());
        var items = Semicolons().Split(region[(list.Index + list.Length)..]);
        // 包括：无人机，地面监测设备和服务器；… opens with an enumeration of parts: short comma-separated noun phrases.
        // Longer comma parts are clauses of one feature (调整模块，被配置为…), and 包括如下步骤： lists are never enumerations.
        var enumeration = list.Groups["words"].Length == 0 ? Commas().Split(items[0]) : [];
        if (enumeration.Length > 1 && enumeration.All(part => part.Trim(FeatureTrim).Length <= MaxEnumeratedPart))
        {
            AddSplit(features, items[0], Commas());
        }
        else
        {
            AddTrimmed(features, items[0]);
        }
        foreach (var item in items.Skip(1))
        {
            AddTrimmed(features, item);
        }
        return features;
    }

    /// <summary>The body of a dependent claim without its opening 根据权利要求1所述的方法，(其中，).</summary>
    private static string WithoutReferenceClause(string text)
    {
        var clause = ReferenceClause().Match(text);
        if (!clause.Success)
        {
            return text;
        }
        var rest = text[(clause.Index + clause.Length)..];
        return rest.Trim(FeatureTrim).Length == 0 ? text : rest;
    }

    private static void AddSplit(List<string> features, string region, Regex separator)
    {
        foreach (var part in separator.Split(region))
        {
            AddTrimmed(features, part);
        }
    }

    private static void AddTrimmed(List<string> features, string part)
    {
        var feature = part.Trim(FeatureTrim);
        if (feature.Length > 0)
        {
            features.Add(feature);
        }
    }

    /// <summary>Everything from the first description page on (<c>CN113914863A说明书1/4页</c>, <c>[0001]</c>) is not claims.</summary>
    private static string CutDescription(string text)
    {
        text = SourceArtefacts.SplitDescriptionFromClaims(text).Claims;
        var paragraph = text.IndexOf("[0001]", StringComparison.Ordinal);
        return paragraph >= 0 ? text[..paragraph] : text;
    }

    // A number at a boundary, then 1. / 1、 / 1． (folded to .), not followed by a digit: 2.5wt% and 3.90 are not claims.
    [GeneratedRegex(@"(?:^|(?<b>[。\n\r；;]))[ \t\r\n]*(?<n>[1-9][0-9]{0,2})[ \t]*[.、](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimNumber();

    // A number right after a word or bracket, followed by a visible claim start.
    [GeneratedRegex(@"(?<=[\p{IsCJKUnifiedIdeographs})）])(?<n>[1-9][0-9]{0,2})[.、](?=一种|[^。；;\n]{0,12}权利要求)", RegexOptions.CultureInvariant)]
    private static partial Regex GluedClaimNumber();

    // After ；/; a claim must show itself: 一种… or a back-reference within its first words.
    [GeneratedRegex(@"\G[ \t]*(?:一种|[^。；;\n]{0,12}权利要求)", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimLikeStart();

    [GeneratedRegex(@"其特征(?:还)?(?:在于|是|为|在)", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterisingMarker();

    [GeneratedRegex(
        @"权利要求[ \t]*(?<list>[0-9]{1,3}(?:[ \t]*(?:[-~—–－至到、,和]|或者|或|以及|及)[ \t]*(?:权利要求[ \t]*)?[0-9]{1,3})*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"[0-9]+|[-~—–－至到]", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceToken();

    // 如前述权利要求中任一项 / 根据前述任一项权利要求 / 任何前述权利要求: all earlier claims.
    [GeneratedRegex(@"(?:前述|上述|前面)(?:任一项?|任意一项|任何)?权利要求(?![0-9 \t])", RegexOptions.CultureInvariant)]
    private static partial Regex PrecedingClaims();

    [GeneratedRegex(@"^[^，,。；;]*?权利要求[^，,。；;]*[，,][ \t]*(?:其中[，,：:]?)?", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceClause();

    // 包括：, 还包括：, 包括如下步骤：, 包括以下重量份的原料：, 包含：
    [GeneratedRegex(@"(?:还)?(?:包括|包含)(?<words>[^，,。；;：:]{0,15})[：:]", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[；;]", RegexOptions.CultureInvariant)]
    private static partial Regex Semicolons();

    [GeneratedRegex(@"[，,]", RegexOptions.CultureInvariant)]
    private static partial Regex Commas();
}
