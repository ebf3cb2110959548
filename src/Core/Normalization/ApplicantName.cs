using System.Text;
using System.Text.RegularExpressions;
using PatentNav.Core.Text;

namespace PatentNav.Core.Normalization;

/// <summary>
/// An applicant (申请人) as the source wrote it, with the key that facets and grouping use: full-width folded, brackets
/// unified, whitespace and English case ignored, legal-form suffixes (有限公司, Co., Ltd.) stripped.
/// </summary>
public sealed partial record ApplicantName(string Display, string Key)
{
    // Longest first, so 股份有限公司 is not cut back to 股份.
    private static readonly string[] ChineseLegalForms =
    [
        "股份有限公司", "有限责任公司", "有限公司", "(特殊普通合伙)", "(普通合伙)", "(有限合伙)", "株式会社", "有限会社",
    ];

    /// <summary>A display form (trimmed, whitespace runs collapsed) and its grouping key.</summary>
    public static ApplicantName Create(string name)
    {
        var display = DisplayForm(name);
        return new ApplicantName(display, ToKey(display));
    }

    /// <summary>Splits a multi-applicant string (<c>;</c>, <c>；</c>, line breaks) into names, blanks dropped.</summary>
    public static IReadOnlyList<ApplicantName> ParseList(string? text) => [.. SplitNames(text).Select(Create)];

    /// <summary>Splits a name list the way CNIPA exports write it, for applicants and inventors alike; display forms only.</summary>
    public static IReadOnlyList<string> SplitNames(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. NameSeparator().Split(text).Select(DisplayForm).Where(n => n.Length > 0)];

    /// <summary>The grouping key of one name; a name that is nothing but a legal form keeps itself as key.</summary>
    public static string ToKey(string name)
    {
        var folded = Fold(name);
        var key = folded;
        string before;
        do
        {
            before = key;
            key = EnglishLegalForm().Replace(key, "").TrimEnd(' ', ',', '.', '&');
            foreach (var form in ChineseLegalForms)
            {
                if (key.EndsWith(form, StringComparison.Ordinal))
                {
                    key = key[..^form.Length];
                }
                else if (key.StartsWith(form, StringComparison.Ordinal))
                {
                    key = key[form.Length..];   // 株式会社东芝: Japanese names put the form first
                }
            }
            // Bare 公司 is a legal form too (国家电网公司 = 国家电网有限公司), but 分公司 names a branch.
            if (key.EndsWith("公司", StringComparison.Ordinal) && !key.EndsWith("分公司", StringComparison.Ordinal))
            {
                key = key[..^2];
            }
        }
        while (key != before && key.Length > 0);
        return key.Length > 0 ? key : folded;
    }

    private static string DisplayForm(string name) => Whitespace().Replace(name.Trim(), " ");

    // ChineseText keeps Chinese punctuation full-width; for a key （） and (), ，and , are the same. Whitespace next to a
    // CJK character is PDF or typing noise.
    private static string Fold(string name)
    {
        var folded = new StringBuilder(ChineseText.Normalize(name).ToLowerInvariant())
            .Replace('（', '(').Replace('）', ')').Replace('，', ',').Replace('；', ';').Replace('：', ':')
            .ToString();
        folded = Whitespace().Replace(folded, " ");
        return SpaceNextToCjk().Replace(folded, "");
    }

    [GeneratedRegex(@"[;；\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[^\x00-\x7F]) | (?=[^\x00-\x7F])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceNextToCjk();

    // Applied to the lower-cased key; the separator in front keeps "ag" from eating the end of a word.
    [GeneratedRegex(
        @"(?:^|[\s,]+)(?:co\.?\s*,?\s*ltd|company\s*,?\s*limited|co\.?\s*,?\s*limited|limited|ltd|incorporated|inc|corporation|corp|company|co|llc|l\.l\.c|plc|gmbh|ag|s\.a|sa|b\.v|bv|n\.v|nv|kk|k\.k)\.?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex EnglishLegalForm();
}
