using System.Text.RegularExpressions;
using PatentNav.Core.Model;
using PatentNav.Core.Text;

namespace PatentNav.Core.Infringement;

/// <summary>One technical element (技术特征) of a claim, as the claim words it.</summary>
/// <param name="Part"><c>subject</c> (主题名称), <c>preamble</c> (前序部分), <c>characterising</c> (特征部分) or <c>body</c> (a claim without the split).</param>
public sealed record ClaimElement(string Text, string Part);

/// <summary>
/// Splits a claim into the elements the all-elements rule compares one by one: the subject (一种…), then the features of
/// the preamble and of the characterising part. Features end at ；/;, at a clause that opens a new statement (所述…,
/// 其中…, 该…, 每个…), and the parts of an opening enumeration (包括外壁(1)、轴(6)和底盖(16)) are elements of their own.
/// Continuation clauses (用于…, 另一端与…连接) stay with the feature they qualify. Reference numerals are removed.
/// </summary>
public static partial class ClaimElementSegmenter
{
    /// <summary>Longest enumerated part still taken as a component (与所述无人机通信连接的管控设备 is 15).</summary>
    private const int MaxComponent = 16;

    private static readonly char[] Trim = [' ', '\t', '\r', '\n', '，', ',', '。', '.', '：', ':', '；', ';', '、'];

    public static IReadOnlyList<ClaimElement> Segment(Claim claim)
    {
        var text = Clean(claim.Text);
        var elements = new List<ClaimElement>();
        var split = CharacterisingMarker().Match(text);
        string preamble, rest;
        if (split.Success)
        {
            preamble = text[..split.Index];
            rest = text[(split.Index + split.Length)..];
        }
        else
        {
            preamble = "";
            rest = text;
        }
        if (!claim.IsIndependent)
        {
            // A dependent claim adds the features after its reference (根据权利要求1所述的装置，其特征在于，…).
            var body = split.Success ? rest : WithoutReference(text);
            AddFeatures(elements, body, "characterising");
            return elements;
        }
        var subjectSource = split.Success ? preamble : rest;
        var (subject, afterSubject) = Subject(subjectSource);
        if (subject.Length > 0)
        {
            elements.Add(new ClaimElement(subject, "subject"));
        }
        if (split.Success)
        {
            AddFeatures(elements, afterSubject, "preamble");
            AddFeatures(elements, rest, "characterising");
        }
        else
        {
            AddFeatures(elements, afterSubject, "body");
        }
        return elements;
    }

    /// <summary>Reference numerals (外壁(1), 上端板(B-1)) and the spaces of formula placeholders removed; widths folded.</summary>
    public static string Clean(string text)
    {
        var folded = ChineseText.ToHalfWidth(text).Replace('（', '(').Replace('）', ')');
        folded = Numeral().Replace(folded, "");
        folded = Spaces().Replace(folded, " ");
        return folded.Trim();
    }

    /// <summary>一种医用标本箱,包括固定底板 → (一种医用标本箱, 包括固定底板).</summary>
    private static (string Subject, string Remainder) Subject(string text)
    {
        var trimmed = text.Trim(Trim);
        var match = SubjectPattern().Match(trimmed);
        if (!match.Success)
        {
            return ("", trimmed);
        }
        var subject = match.Groups["s"].Value.Trim(Trim);
        return (subject, trimmed[match.Length..]);
    }

    private static string WithoutReference(string text)
    {
        var match = ReferenceClause().Match(text);
        return match.Success ? text[(match.Index + match.Length)..] : text;
    }

    private static void AddFeatures(List<ClaimElement> elements, string region, string part)
    {
        foreach (var feature in Semicolon().Split(region))
        {
            var clauses = Comma().Split(feature).Select(c => c.Trim(Trim)).Where(c => c.Length > 0).ToList();
            var current = new List<string>();
            foreach (var clause in clauses)
            {
                if (current.Count > 0 && OpensStatement(clause))
                {
                    AddElement(elements, string.Join("，", current), part);
                    current.Clear();
                }
                current.Add(clause);
            }
            if (current.Count > 0)
            {
                AddElement(elements, string.Join("，", current), part);
            }
        }
    }

    /// <summary>An element, or its components when it is an enumeration of short parts (包括A、B和C).</summary>
    private static void AddElement(List<ClaimElement> elements, string text, string part)
    {
        var element = ListHead().Replace(text.Trim(Trim), "").Trim(Trim);
        if (element.Length == 0)
        {
            return;
        }
        var opener = EnumerationOpener().Match(element);
        var body = opener.Success ? element[opener.Length..] : element;
        var parts = Components(body);
        if (opener.Success && parts.Count > 1 && parts.All(p => p.Length <= MaxComponent && !p.Contains("所述", StringComparison.Ordinal)))
        {
            elements.AddRange(parts.Select(p => new ClaimElement(p, part)));
            return;
        }
        // Openers nest (包括以下步骤：S1：…): strip until none is left.
        var stripped = element;
        for (var previous = ""; previous != stripped;)
        {
            previous = stripped;
            stripped = Opener().Replace(stripped, "").Trim(Trim);
        }
        elements.Add(new ClaimElement(stripped.Length > 0 ? stripped : element, part));
    }

    /// <summary>
    /// 外壁、轴和底盖 → 外壁 / 轴 / 底盖: split at 、 and the last item at its 和/以及/及; without 、 only two short parts
    /// joined by 和 (阳极和阴极), so words that merely contain 和 (饱和溶液) stay whole.
    /// </summary>
    private static List<string> Components(string body)
    {
        var items = body.Split('、').Select(p => p.Trim(Trim)).Where(p => p.Length > 0).ToList();
        if (items.Count == 0)
        {
            return items;
        }
        var last = FinalConjunction().Match(items[^1]);
        if (last.Success && (items.Count > 1 || (last.Index <= 8 && items[^1].Length - last.Index - last.Length <= 8)))
        {
            var tail = items[^1];
            items[^1] = tail[..last.Index].Trim(Trim);
            items.Add(tail[(last.Index + last.Length)..].Trim(Trim));
        }
        return [.. items.Where(p => p.Length > 0)];
    }

    /// <summary>
    /// A comma clause states a feature of its own (存放盒的内壁固定有若干个隔板) unless it continues the one before: a
    /// purpose or result (用于…, 以…, 得到…), the other end of a part (一端…, 另一端…), a condition or a conjunction.
    /// </summary>
    private static bool OpensStatement(string clause) => StatementStart().IsMatch(clause) || !Continuation().IsMatch(clause);

    // (1) (12) (B-1) (202) after a word; also [1]. Not (PS) or (i): letters only stay.
    [GeneratedRegex(@"[(\[](?:[A-Za-z]{0,2}-?)?[0-9]{1,4}[a-z']?[)\]]", RegexOptions.CultureInvariant)]
    private static partial Regex Numeral();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"其特征(?:还)?(?:在于|是|为|在)[,，:：]?", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterisingMarker();

    // The subject: 一种…/一…/the first clause, up to the first comma or 包括/包含/由…组成.
    [GeneratedRegex(@"^(?<s>(?:一种|一个)?[^，,；;：:]*?)(?=[，,；;：:]|包括|包含|含有|由|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^[^，,。；;]*?权利要求[^，,。；;]*[，,]?\s*(?:其中[，,：:]?)?", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceClause();

    [GeneratedRegex(@"[；;]|(?<=[。])", RegexOptions.CultureInvariant)]
    private static partial Regex Semicolon();

    [GeneratedRegex(@"[，,]", RegexOptions.CultureInvariant)]
    private static partial Regex Comma();

    // A clause that states a new feature; one that opens with an amount (2-10重量份的光引发剂) is the next component of a composition.
    [GeneratedRegex(@"^(?:所述|其中|该|每个|每一|各个|多个所述|两个所述|若干所述|且所述|并且|所述的|此外|另外|还包括|还设有|S[0-9]+|步骤|[0-9]+\)|[0-9]+(?:\.[0-9]+)?\s*(?:[-~～至]\s*[0-9]+(?:\.[0-9]+)?)?\s*(?:重量份|份|wt%|%))", RegexOptions.CultureInvariant)]
    private static partial Regex StatementStart();

    // A list head left over before a colon: 包括以下步骤： / 所述装置包括： / 包括如下重量份的原料：
    [GeneratedRegex(@"^(?:[^，,：:]{0,20}?)(?:包括|包含)(?:以下|如下)(?:具体)?(?:步骤|组分|原料|重量份的原料)?[：:]?$|^[^，,：:]{0,20}?(?:包括|包含)[：:]$", RegexOptions.CultureInvariant)]
    private static partial Regex ListHead();

    [GeneratedRegex(@"^(?:(?:还)?(?:包括|包含|含有|设有|具有|由)[：:]?|依次包括|(?:由下至上|从下至上|由上至下)(?:依次)?包括)", RegexOptions.CultureInvariant)]
    private static partial Regex EnumerationOpener();

    [GeneratedRegex(@"(?<=..)(?:以及|和|及)(?=..)", RegexOptions.CultureInvariant)]
    private static partial Regex FinalConjunction();

    [GeneratedRegex(@"^(?:用于|用以|用来|以便|以使|以|使|使得|从而|进而|由此|得到|获得|形成|实现|达到|并|且|而|或|及|和|与|另一端|一端|两端|其|位于|即|同时|直至|直到|然后|再|后|之后|此时|当|若|如果|且与|并与|分别|均|对应|相应|沿|在其|朝向|向|至|到|经|依次|不|也|还|再次|通过其|具体|优选|如|例如|覆盖|设于|设置于|设在|安装于|安装在|固定于|固定在|放置于|套设|套装|连接于|置于|贯穿|穿过|延伸|伸出|朝|面向|垂直于|平行于|靠近|远离|抵接|抵靠|夹装)", RegexOptions.CultureInvariant)]
    private static partial Regex Continuation();

    // What opens a feature without being part of it: 其中, 步骤S1:, 包括, 1).
    [GeneratedRegex(@"^(?:其中[，,:：]?|S[0-9]+[、.:：]?|步骤[0-9]+[)）、.:：]?|[0-9]+\)|(?:还)?(?:包括|包含)(?:以下|如下)(?:具体)?(?:的)?(?:步骤|组分|原料)?[：:]?|(?:还)?包括[：:]?|[：:])", RegexOptions.CultureInvariant)]
    private static partial Regex Opener();
}
