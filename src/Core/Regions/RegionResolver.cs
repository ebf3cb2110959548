using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PatentNav.Core.Analysis;
using PatentNav.Core.Model;
using PatentNav.Core.Text;

namespace PatentNav.Core.Regions;

/// <summary>
/// Resolves an applicant address (申请人地址) to GB/T 2260 province, prefecture-city and county codes, for the region
/// facets and the <c>CO</c> field. Names are read left to right from the start of the address, each level looked up by
/// longest name prefix, so a call costs a few dictionary probes rather than a scan of the 3,213 divisions.
/// </summary>
public sealed partial class RegionResolver
{
    private static readonly Lazy<RegionResolver> LazyDefault = new(LoadDefault);

    /// <summary>Suffixes that county-level names swap when a 县 becomes a 区 or 市 (太谷县 → 太谷区 in 2019).</summary>
    private const string CountySuffixes = "县区市旗";

    private readonly FrozenDictionary<string, Division> byCode;
    private readonly NameIndex provinces;
    private readonly NameIndex cities;
    private readonly NameIndex counties;

    /// <summary>County names without their suffix (太谷 for 太谷区), matched only with some suffix after them.</summary>
    private readonly NameIndex countyStems;

    private RegionResolver(IReadOnlyList<Division> divisions)
    {
        byCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        provinces = new NameIndex(divisions.Where(d => d.Level == Level.Province).SelectMany(d => ProvinceNames(d).Select(n => (n, d))));
        cities = new NameIndex(divisions.Where(d => d.Level == Level.City).SelectMany(d => CityNames(d).Select(n => (n, d))));
        var countyList = divisions.Where(d => d.Level == Level.County).ToList();
        counties = new NameIndex(countyList.Select(d => (d.Name, d)));
        countyStems = new NameIndex(countyList.Select(d => (CountyStem().Replace(d.Name, ""), d)).Where(p => p.Item1.Length >= 2 && p.Item1 != p.d.Name));
    }

    /// <summary>Every province-level division's 6-digit code (110000 … 820000).</summary>
    public IReadOnlyList<string> ProvinceCodes => [.. byCode.Values.Where(d => d.Level == Level.Province).Select(d => d.Code).Order(StringComparer.Ordinal)];

    /// <summary>The resolver over the embedded division table (<c>Resources/regions/divisions.csv</c>), loaded on first use.</summary>
    public static RegionResolver Default => LazyDefault.Value;

    /// <summary>
    /// Reads the divisions named at the start of an address: a leading postcode is skipped (<c>030600</c>, and
    /// <c>450000</c> is Zhengzhou's postcode, not Guangxi), full and short names are accepted (山西省/山西, 晋中市/晋中,
    /// 广西壮族自治区/广西), and the address may start at the city or the county (晋中市太谷区…, 介休市…). A county name shared
    /// by several places is only taken under a known province or city. When the address names no province,
    /// <paramref name="provinceHint"/> (CNIPA 国省代码 such as <c>河南(41)</c>, or a name or code) narrows the search, and is the
    /// answer when nothing else is recognised. Null when nothing at all is recognised; unknown levels are null.
    /// </summary>
    public RegionCodes? Resolve(string? address, string? provinceHint)
    {
        var hint = ParseHint(provinceHint);
        var text = Clean(address);
        var parsed = Parse(text, null);
        if (parsed.ProvinceNamed || hint is null)
        {
            return parsed.ToCodes();
        }
        var hinted = Parse(text, hint);
        if (hinted.City is not null || hinted.County is not null)
        {
            return hinted.ToCodes();
        }
        // The address names a place outside the hinted province: the address is the stronger evidence.
        return parsed.ToCodes() ?? new RegionCodes(hint.Code, null, null);
    }

    /// <summary>
    /// The region of a record with its basis: the address first, then the export's province column, then the first
    /// applicant's name when it begins with a province or prefecture-city name (山西…, 太原理工大学, 晋中学院); null when
    /// none says (unknown). Names are read at province and city level only: county names inside company names
    /// (东方电气 is not 东方市) are too often words of their own.
    /// </summary>
    public RegionCodes? Resolve(string? address, string? provinceHint, IReadOnlyList<string> applicants)
    {
        if (!string.IsNullOrWhiteSpace(address) && Resolve(address, provinceHint) is { } fromAddress)
        {
            return fromAddress with { Basis = RegionBasis.Address };
        }
        if (ParseHint(provinceHint) is { } hint)
        {
            return new RegionCodes(hint.Code, null, null) { Basis = RegionBasis.Province };
        }
        return applicants.Count > 0 && FromName(applicants[0]) is { } fromName ? fromName with { Basis = RegionBasis.Name } : null;
    }

    private RegionCodes? FromName(string name)
    {
        var text = Clean(name);
        var parsed = Parse(text, null);
        if (parsed.Province is null)
        {
            return null;
        }
        // Accept only a name that begins with the province's or the city's own name, not one that matched a county.
        if (parsed.City is { } city && CityNames(city).Any(n => text.StartsWith(n, StringComparison.Ordinal)))
        {
            return new RegionCodes(parsed.Province.ProvinceCode, city.Code, null);
        }
        return ProvinceNames(parsed.Province).Any(n => text.StartsWith(n, StringComparison.Ordinal)) ? new RegionCodes(parsed.Province.ProvinceCode, null, null) : null;
    }

    /// <summary>The official name for a 6-digit code; 2- and 4-digit prefixes (14, 1407) name the province or city.</summary>
    public string? NameOf(string code)
    {
        if (string.IsNullOrEmpty(code) || code.Length is not (2 or 4 or 6) || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        return byCode.TryGetValue(code.PadRight(6, '0'), out var division) ? division.Name : null;
    }

    private Reading Parse(string text, Division? presetProvince)
    {
        var reading = new Reading { Province = presetProvince };
        var position = 0;
        while (position < text.Length && reading.County is null)
        {
            var rest = text.AsSpan(position);
            // Longest name wins across levels (吉林市 the city over 吉林 the province); on a tie the higher level.
            var best = default(Candidate);
            if (reading.Province is null && reading.City is null)
            {
                best = Better(best, provinces.Longest(rest, _ => true, Level.Province));
            }
            if (reading.City is null)
            {
                var province = reading.Province;
                best = Better(best, cities.Longest(rest, c => province is null || c.ProvinceCode == province.Code, Level.City));
            }
            best = Better(best, MatchCounty(rest, reading));
            if (best.Length == 0)
            {
                break;
            }
            position += best.Length;
            if (!Apply(reading, best))
            {
                break;
            }
        }
        return reading;
    }

    private Candidate MatchCounty(ReadOnlySpan<char> rest, Reading reading)
    {
        var city = reading.City;
        var province = reading.Province;
        bool Under(Division county) =>
            city is not null ? county.ParentCode == city.Code : province is null || county.ProvinceCode == province.Code;

        var match = counties.Longest(rest, Under, Level.County);
        if (match.Length > 0 || (city is null && province is null))
        {
            return match;
        }
        // Renamed counties (太谷县 for 太谷区) only under a known parent, where the stem is unambiguous enough.
        match = countyStems.Longest(rest, Under, Level.County, requireSuffix: CountySuffixes);
        return match.Length > 0 ? match with { Length = match.Length + 1 } : match;
    }

    /// <summary>Records a match; false when it cannot narrow further (a county name shared by several places).</summary>
    private bool Apply(Reading reading, Candidate match)
    {
        if (match.Divisions.Count > 1)
        {
            // Only counties are ambiguous: keep what they agree on.
            var provinceCodes = match.Divisions.Select(d => d.ProvinceCode).Distinct().ToList();
            if (reading.Province is null && provinceCodes.Count == 1)
            {
                reading.Province = byCode[provinceCodes[0]];
            }
            return false;
        }
        var division = match.Divisions[0];
        switch (match.Level)
        {
            case Level.Province:
                reading.Province = division;
                reading.ProvinceNamed = true;
                break;
            case Level.City:
                reading.City = division;
                reading.Province ??= byCode[division.ProvinceCode];
                break;
            default:
                reading.County = division;
                if (reading.City is null && byCode.TryGetValue(division.ParentCode, out var parent) && parent.Level == Level.City)
                {
                    reading.City = parent;
                }
                reading.Province ??= byCode[division.ProvinceCode];
                break;
        }
        return true;
    }

    private static Candidate Better(Candidate best, Candidate next) =>
        next.Length > best.Length || (next.Length == best.Length && next.Length > 0 && next.Level < best.Level) ? next : best;

    /// <summary>Half-width, simplified, without whitespace, a leading postcode or 中国.</summary>
    private static string Clean(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "";
        }
        var text = ChineseText.ToSimplified(ChineseText.ToHalfWidth(address));
        if (text.Any(char.IsWhiteSpace))
        {
            text = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        }
        return AddressPrefix().Replace(text, "");
    }

    private Division? ParseHint(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return null;
        }
        // Not Clean: a 6-digit code here is the province code itself, not a postcode.
        var text = ChineseText.ToSimplified(ChineseText.ToHalfWidth(hint)).Trim();
        var digits = HintCode().Match(text);
        if (digits.Success && byCode.TryGetValue(digits.Value[..2] + "0000", out var byNumber))
        {
            return byNumber;
        }
        var match = provinces.Longest(text, _ => true, Level.Province);
        return match.Length > 0 ? match.Divisions[0] : null;
    }

    /// <summary>The full name and the short form: 山西省/山西, 北京市/北京, 内蒙古自治区/内蒙古, 广西壮族自治区/广西.</summary>
    private static IEnumerable<string> ProvinceNames(Division province)
    {
        yield return province.Name;
        var stem = ProvinceSuffix().Replace(province.Name, "");
        // Short forms are two characters except 内蒙古 and 黑龙江; longer stems carry an ethnic name (广西壮族, 新疆维吾尔).
        yield return stem.Length > 3 ? stem[..2] : stem;
    }

    /// <summary>
    /// The full name, the name without 市/地区/盟 (晋中, 阿克苏, 兴安), and for autonomous prefectures the place name before
    /// the ethnic designation, alone or with 州 (恩施, 恩施州, 西双版纳). Where that place name ends cannot be told from the
    /// name itself, so its 2–4 character prefixes are all aliases; the spare ones (西双) are harmless.
    /// </summary>
    private static IEnumerable<string> CityNames(Division city)
    {
        yield return city.Name;
        if (city.Name.EndsWith("自治州", StringComparison.Ordinal))
        {
            var place = city.Name[..^3];
            for (var length = 2; length <= Math.Min(4, place.Length - 1); length++)
            {
                yield return place[..length];
                yield return place[..length] + "州";
            }
            yield break;
        }
        var stem = CitySuffix().Replace(city.Name, "");
        if (stem.Length >= 2 && stem != city.Name)
        {
            yield return stem;
        }
    }

    private static RegionResolver LoadDefault()
    {
        using var reader = new StreamReader(PatentAnalysis.OpenResource("regions/divisions.csv"), Encoding.UTF8);
        return new RegionResolver(ReadDivisions(reader));
    }

    /// <summary>Reads <c>code,name,level,parent_code</c>; the file has no quoted fields (checked, and refused if it ever does).</summary>
    private static List<Division> ReadDivisions(TextReader reader)
    {
        var divisions = new List<Division>();
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length != 4 || line.Contains('"', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Unexpected divisions.csv row: {line}");
            }
            var level = fields[2] switch
            {
                "province" => Level.Province,
                "city" => Level.City,
                "county" => Level.County,
                _ => throw new InvalidDataException($"Unknown division level in: {line}"),
            };
            divisions.Add(new Division(fields[0], fields[1], level, fields[3]));
        }
        return divisions;
    }

    private enum Level
    {
        Province,
        City,
        County,
    }

    private sealed record Division(string Code, string Name, Level Level, string ParentCode)
    {
        public string ProvinceCode { get; } = Code[..2] + "0000";
    }

    /// <summary>What an address names so far.</summary>
    private sealed class Reading
    {
        public Division? Province { get; set; }
        public Division? City { get; set; }
        public Division? County { get; set; }

        /// <summary>Whether the province came from a name in the address rather than from a city, county or hint.</summary>
        public bool ProvinceNamed { get; set; }

        public RegionCodes? ToCodes() =>
            Province is null && City is null && County is null ? null : new RegionCodes(Province?.Code, City?.Code, County?.Code);
    }

    /// <summary>A name found at the current position: its length and the divisions of that name that fit.</summary>
    private readonly record struct Candidate(int Length, IReadOnlyList<Division> Divisions, Level Level);

    /// <summary>Names (full and short) of one level, probed by prefix length from the longest down.</summary>
    private sealed class NameIndex
    {
        private readonly FrozenDictionary<string, Division[]>.AlternateLookup<ReadOnlySpan<char>> names;
        private readonly int maxLength;

        public NameIndex(IEnumerable<(string Name, Division Division)> entries)
        {
            var map = entries
                .GroupBy(e => e.Name, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(e => e.Division).Distinct().ToArray(), StringComparer.Ordinal);
            names = map.GetAlternateLookup<ReadOnlySpan<char>>();
            maxLength = map.Count == 0 ? 0 : map.Keys.Max(k => k.Length);
        }

        /// <summary>
        /// The longest name at the start of <paramref name="text"/> with at least one division that <paramref name="fits"/>;
        /// with <paramref name="requireSuffix"/>, the name must be followed by one of those characters.
        /// </summary>
        public Candidate Longest(ReadOnlySpan<char> text, Func<Division, bool> fits, Level level, string? requireSuffix = null)
        {
            for (var length = Math.Min(maxLength, text.Length); length >= 2; length--)
            {
                if (requireSuffix is not null && (length >= text.Length || !requireSuffix.Contains(text[length], StringComparison.Ordinal)))
                {
                    continue;
                }
                if (names.TryGetValue(text[..length], out var found))
                {
                    var fitting = Array.FindAll(found, d => fits(d));
                    if (fitting.Length > 0)
                    {
                        return new Candidate(length, fitting, level);
                    }
                }
            }
            return default;
        }
    }

    [GeneratedRegex(@"^(?:(?:邮编|邮政编码)[:：]?)?(?:[0-9]{6}(?![0-9]))?(?:中华人民共和国|中国)?", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPrefix();

    [GeneratedRegex(@"[0-9]{2}(?:[0-9]{4})?", RegexOptions.CultureInvariant)]
    private static partial Regex HintCode();

    [GeneratedRegex(@"(?:省|市|自治区|特别行政区)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProvinceSuffix();

    [GeneratedRegex(@"(?:市|地区|盟)$", RegexOptions.CultureInvariant)]
    private static partial Regex CitySuffix();

    [GeneratedRegex(@"(?:县|区|市|旗)$", RegexOptions.CultureInvariant)]
    private static partial Regex CountyStem();
}
