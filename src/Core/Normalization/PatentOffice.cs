using System.Collections.Frozen;

namespace PatentNav.Core.Normalization;

/// <summary>
/// Publishing offices as two-letter codes (WIPO ST.3): <c>CN</c>, <c>US</c>, <c>WO</c> … Exports name them in Chinese
/// (incoPat's 公开国别: 中国, 美国, 世界知识产权组织); both forms are read.
/// </summary>
public static class PatentOffice
{
    public const string China = "CN";

    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["中国"] = "CN", ["中国大陆"] = "CN", ["中华人民共和国"] = "CN", ["美国"] = "US", ["日本"] = "JP", ["韩国"] = "KR",
        ["德国"] = "DE", ["法国"] = "FR", ["英国"] = "GB", ["世界知识产权组织"] = "WO", ["WIPO"] = "WO", ["欧洲专利局"] = "EP",
        ["欧洲"] = "EP", ["中国台湾"] = "TW", ["台湾"] = "TW", ["中国香港"] = "HK", ["香港"] = "HK", ["中国澳门"] = "MO",
        ["印度"] = "IN", ["加拿大"] = "CA", ["俄罗斯"] = "RU", ["巴西"] = "BR", ["比利时"] = "BE", ["奥地利"] = "AT",
        ["澳大利亚"] = "AU", ["西班牙"] = "ES", ["意大利"] = "IT", ["荷兰"] = "NL", ["瑞典"] = "SE", ["瑞士"] = "CH",
        ["新加坡"] = "SG", ["墨西哥"] = "MX", ["以色列"] = "IL", ["丹麦"] = "DK", ["芬兰"] = "FI", ["挪威"] = "NO",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code for a code or a Chinese office name, or null for anything else.</summary>
    public static string? Parse(string? text)
    {
        var value = text is null ? null : Text.ChineseText.ToHalfWidth(text).Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]))
        {
            return value.ToUpperInvariant();
        }
        return Names.GetValueOrDefault(value);
    }
}
