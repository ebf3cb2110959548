using System.Globalization;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Regions;
using PatentNav.Core.Text;

namespace PatentNav.Core.Query;

/// <summary>Turns field values of an expert query into AST leaves with the same normalisers the indexer uses.</summary>
internal static class QueryValues
{
    public static QueryNode DateLeaf(SearchField field, string value, string comparator, int position)
    {
        var (from, to) = DateSpan(value, position);
        return comparator switch
        {
            "=" or ":" => new DateRangeNode(field, from, to),
            ">=" => new DateRangeNode(field, from, null),
            ">" => new DateRangeNode(field, to.AddDays(1), null),
            "<=" => new DateRangeNode(field, null, to),
            "<" => new DateRangeNode(field, null, from.AddDays(-1)),
            _ => throw new QueryParseException(position, $"不支持的比较符“{comparator}”", $"Unsupported comparator '{comparator}'"),
        };
    }

    public static DateOnly DateBound(string value, bool upper, int position)
    {
        var (from, to) = DateSpan(value, position);
        return upper ? to : from;
    }

    /// <summary>A year (<c>2020</c>), a month (<c>202001</c>, <c>2020-01</c>) or a day in any form the indexer accepts.</summary>
    private static (DateOnly From, DateOnly To) DateSpan(string value, int position)
    {
        var compact = ChineseText.ToHalfWidth(value).Trim().Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        if (compact.Length == 4 && int.TryParse(compact, NumberStyles.None, inv, out var year) && year is >= 1900 and <= 2200)
        {
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        if (compact.Length == 6 && int.TryParse(compact, NumberStyles.None, inv, out var ym) && ym / 100 is >= 1900 and <= 2200 && ym % 100 is >= 1 and <= 12)
        {
            var first = new DateOnly(ym / 100, ym % 100, 1);
            return (first, first.AddMonths(1).AddDays(-1));
        }
        var parsed = PatentDate.Parse(value, new DateOnly(2200, 1, 1));
        if (parsed.Value is { } day)
        {
            return (day, day);
        }
        throw new QueryParseException(position, $"无法识别的日期“{value}”（可写 2020、202001、2020-01-02 或 2020年1月2日）",
            $"Unrecognised date '{value}' (write 2020, 202001, 2020-01-02 or 2020年1月2日)");
    }

    public static QueryNode IpcLeaf(SearchField field, string value, int position, QueryLimits limits)
    {
        var mainOnly = field == SearchField.MainIpc;
        if (value.Contains('*') || value.Contains('?'))
        {
            var pattern = InputText.Compact(value);
            RequireWildcardPrefix(pattern, position, limits);
            return new WildcardNode(field, pattern);
        }
        var parsed = IpcCode.Parse(value);
        if (parsed.Value is not { } code)
        {
            // A partial code such as H01 or H01M10 is still a meaningful prefix.
            var compact = InputText.Compact(value);
            if (System.Text.RegularExpressions.Regex.IsMatch(compact, "^[A-H]([0-9]{2})?$"))
            {
                return new IpcNode(compact, mainOnly);
            }
            throw new QueryParseException(position, $"无法识别的 IPC 分类号“{value}”", $"Unrecognised IPC symbol '{value}': {parsed.Error}");
        }
        return new IpcNode(code.Value, mainOnly);
    }

    public static QueryNode NumberLeaf(SearchField field, string value, int position, QueryLimits limits)
    {
        if (value.Contains('*') || value.Contains('?'))
        {
            var pattern = InputText.Compact(value);
            if (field == SearchField.ApplicationNumber && pattern.StartsWith("CN", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }
            RequireWildcardPrefix(pattern, position, limits);
            return new WildcardNode(field, pattern);
        }
        if (field == SearchField.PublicationNumber)
        {
            var pn = PublicationNumber.Parse(value);
            return pn.Value is { } number
                ? PublicationNumberNode(number)
                : throw new QueryParseException(position, $"无法识别的公开号“{value}”", $"Unrecognised publication number '{value}': {pn.Error}");
        }
        var an = ApplicationNumber.Parse(value);
        return an.Value is { } application
            ? new KeywordNode(field, application.Value)
            : throw new QueryParseException(position, $"无法识别的申请号“{value}”", $"Unrecognised application number '{value}': {an.Error}");
    }

    /// <summary>A publication number without kind code (<c>CN113914863</c>) matches any kind of that serial.</summary>
    private static QueryNode PublicationNumberNode(PublicationNumber number) =>
        number.KindCode is null
            ? new WildcardNode(SearchField.PublicationNumber, number.Value + "*")
            : new KeywordNode(SearchField.PublicationNumber, number.Value);

    public static QueryNode TextWildcard(SearchField field, string value, int position, QueryLimits limits)
    {
        var pattern = ChineseText.Normalize(value).ToLowerInvariant();
        RequireWildcardPrefix(pattern, position, limits);
        return new WildcardNode(field, pattern);
    }

    private static void RequireWildcardPrefix(string pattern, int position, QueryLimits limits)
    {
        var firstWildcard = pattern.IndexOfAny(['*', '?']);
        if (firstWildcard < limits.MinWildcardPrefix)
        {
            throw new QueryParseException(position, $"通配符前至少需要 {limits.MinWildcardPrefix} 个字符", $"A wildcard needs at least {limits.MinWildcardPrefix} character(s) before it", "limit");
        }
        var wildcards = pattern.AsSpan().Count('*') + pattern.AsSpan().Count('?');
        if (wildcards > limits.MaxWildcardsPerTerm)
        {
            throw new QueryParseException(position, $"一个检索词最多 {limits.MaxWildcardsPerTerm} 个通配符", $"A term may hold at most {limits.MaxWildcardsPerTerm} wildcards", "limit");
        }
    }

    public static string PatentTypeValue(string value, int position)
    {
        var type = value.Trim().ToUpperInvariant() switch
        {
            "I" or "INVENTION" or "发明" or "发明专利" or "A" or "B" => PatentType.Invention,
            "U" or "UTILITY" or "UTILITYMODEL" or "实用新型" or "实用新型专利" => PatentType.UtilityModel,
            "D" or "S" or "DESIGN" or "外观设计" or "外观设计专利" or "外观" => PatentType.Design,
            _ => PatentStatus.TypeOf(value),
        };
        return type != PatentType.Unknown
            ? type.ToString()
            : throw new QueryParseException(position, $"未知的专利类型“{value}”（发明、实用新型、外观设计）", $"Unknown patent type '{value}' (invention, utility model, design)");
    }

    /// <summary>An office code (<c>CN</c>, <c>US</c>, <c>WO</c>) or its Chinese name (中国, 美国).</summary>
    public static string OfficeValue(string value, int position) =>
        PatentOffice.Parse(value)
        ?? throw new QueryParseException(position, $"未知的公开国别“{value}”（两位代码如 CN、US、WO，或国家名称）", $"Unknown office '{value}' (a two-letter code such as CN, US, WO, or the country's name)");

    /// <summary>An applicant kind by its code (<c>university</c>) or its Chinese label (大专院校, 高校, 企业 …).</summary>
    public static string ApplicantKindValue(string value, int position) =>
        ApplicantKind.Parse(value)
        ?? throw new QueryParseException(position, $"未知的申请人类型“{value}”（企业、大专院校、科研单位、医疗机构、机关团体、个人、其他）", $"Unknown applicant kind '{value}' ({string.Join(", ", ApplicantKind.All)})");

    public static string LegalStateValue(string value, int position)
    {
        var state = value.Trim().ToUpperInvariant() switch
        {
            "有效" or "有权" or "INFORCE" or "VALID" => LegalState.InForce,
            "审中" or "在审" or "PENDING" => LegalState.Pending,
            "无效" or "无权" or "失效" or "INVALID" or "LAPSED" or "NOTINFORCE" => LegalState.NotInForce,
            _ => PatentStatus.LegalStateOf(value),
        };
        return state != LegalState.Unknown
            ? state.ToString()
            : throw new QueryParseException(position, $"未知的法律状态“{value}”（有权、审中、无权）", $"Unknown legal status '{value}' (in force, pending, not in force)");
    }

    /// <summary>Region codes: 2, 4 or 6 digits (<c>14</c>, <c>1407</c>, <c>140702</c>) or a place name (<c>晋中</c>).</summary>
    public static string RegionValue(string value, int position)
    {
        var text = ChineseText.ToHalfWidth(value).Trim();
        if (text.All(char.IsAsciiDigit) && text.Length is 2 or 4 or 6)
        {
            return text.PadRight(6, '0');
        }
        var region = RegionResolver.Default.Resolve(text, null);
        var code = region?.CountyCode ?? region?.CityCode ?? region?.ProvinceCode;
        return code ?? throw new QueryParseException(position, $"无法识别的地区“{value}”（可写行政区划代码或地名）", $"Unrecognised region '{value}' (use a division code or a place name)");
    }
}
