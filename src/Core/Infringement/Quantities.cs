using System.Globalization;
using System.Text.RegularExpressions;
using PatentNav.Core.Text;

namespace PatentNav.Core.Infringement;

/// <summary>
/// A claimed value or range, or a value a product states, in base units of its dimension (m, Pa, ℃, %, kg, s, V, A, W,
/// Hz …). Bounds are inclusive unless marked open; a single stated value is a range from it to itself.
/// </summary>
/// <param name="Attribute">The words just before the number (厚度, 温度): which property it is.</param>
public sealed record Quantity(string Dimension, double? Min, bool MinOpen, double? Max, bool MaxOpen, string Text, string Attribute, int Position)
{
    public bool IsPoint => Min is { } a && Max is { } b && a == b && !MinOpen && !MaxOpen;

    /// <summary>Whether every value of <paramref name="stated"/> lies within this (claimed) range.</summary>
    public bool Contains(Quantity stated)
    {
        if (stated.Dimension != Dimension)
        {
            return false;
        }
        var low = stated.Min ?? double.NegativeInfinity;
        var high = stated.Max ?? double.PositiveInfinity;
        return Within(low, stated.MinOpen) && Within(high, stated.MaxOpen);

        bool Within(double value, bool statedOpen)
        {
            const double Tolerance = 1e-9;
            if (Min is { } min && (value < min - Tolerance || (MinOpen && !statedOpen && Math.Abs(value - min) <= Tolerance)))
            {
                return false;
            }
            if (Max is { } max && (value > max + Tolerance || (MaxOpen && !statedOpen && Math.Abs(value - max) <= Tolerance)))
            {
                return false;
            }
            return true;
        }
    }

    /// <summary>Whether some value of <paramref name="stated"/> lies in this range (a product range that only partly overlaps).</summary>
    public bool Overlaps(Quantity stated) =>
        stated.Dimension == Dimension
        && (Max is not { } max || stated.Min is not { } smin || smin < max || (smin == max && !MaxOpen && !stated.MinOpen))
        && (Min is not { } min || stated.Max is not { } smax || smax > min || (smax == min && !MinOpen && !stated.MaxOpen));

    public string Describe() => (Min, Max) switch
    {
        ({ } a, { } b) when a == b => Format(a),
        ({ } a, { } b) => $"{(MinOpen ? "(" : "[")}{Format(a)}, {Format(b)}{(MaxOpen ? ")" : "]")}",
        ({ } a, null) => $"{(MinOpen ? ">" : "≥")} {Format(a)}",
        (null, { } b) => $"{(MaxOpen ? "<" : "≤")} {Format(b)}",
        _ => Text,
    } + " " + Quantities.BaseUnit(Dimension);

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads values and ranges with units from claim and product text: <c>3～8m</c>, <c>0.14％～1.5％</c>, <c>250-350℃</c>,
/// <c>5至10 MPa</c>, <c>≥5mm</c>, <c>不小于5mm</c>, <c>大于2 kg</c>, <c>10℃以下</c>, <c>20mm以上</c>, <c>1.0～1.1eV</c>.
/// Numbers without a unit are not read (step numbers, claim numbers, counts of parts).
/// </summary>
public static partial class Quantities
{
    private sealed record Unit(string Dimension, double Factor, double Offset = 0);

    // Longest spellings first in the pattern below; factors convert to the dimension's base unit.
    private static readonly Dictionary<string, Unit> Units = new(StringComparer.Ordinal)
    {
        ["nm"] = new("length", 1e-9), ["μm"] = new("length", 1e-6), ["um"] = new("length", 1e-6), ["微米"] = new("length", 1e-6),
        ["mm"] = new("length", 1e-3), ["毫米"] = new("length", 1e-3), ["cm"] = new("length", 1e-2), ["厘米"] = new("length", 1e-2),
        ["m"] = new("length", 1), ["米"] = new("length", 1), ["km"] = new("length", 1e3), ["千米"] = new("length", 1e3), ["纳米"] = new("length", 1e-9),
        ["℃"] = new("temperature", 1), ["°C"] = new("temperature", 1), ["摄氏度"] = new("temperature", 1), ["度"] = new("temperature", 1),
        ["K"] = new("temperature", 1, -273.15),
        ["Pa"] = new("pressure", 1), ["kPa"] = new("pressure", 1e3), ["MPa"] = new("pressure", 1e6), ["GPa"] = new("pressure", 1e9),
        ["兆帕"] = new("pressure", 1e6), ["千帕"] = new("pressure", 1e3), ["帕"] = new("pressure", 1), ["bar"] = new("pressure", 1e5),
        ["%"] = new("fraction", 1), ["wt%"] = new("fraction", 1), ["vol%"] = new("fraction", 1), ["mol%"] = new("fraction", 1),
        ["mg"] = new("mass", 1e-6), ["g"] = new("mass", 1e-3), ["kg"] = new("mass", 1), ["克"] = new("mass", 1e-3), ["千克"] = new("mass", 1), ["吨"] = new("mass", 1e3), ["t"] = new("mass", 1e3),
        ["ms"] = new("time", 1e-3), ["s"] = new("time", 1), ["秒"] = new("time", 1), ["min"] = new("time", 60), ["分钟"] = new("time", 60),
        ["h"] = new("time", 3600), ["小时"] = new("time", 3600), ["天"] = new("time", 86400), ["d"] = new("time", 86400),
        ["mV"] = new("voltage", 1e-3), ["V"] = new("voltage", 1), ["kV"] = new("voltage", 1e3), ["伏"] = new("voltage", 1),
        ["mA"] = new("current", 1e-3), ["A"] = new("current", 1), ["安"] = new("current", 1),
        ["mW"] = new("power", 1e-3), ["W"] = new("power", 1), ["kW"] = new("power", 1e3), ["MW"] = new("power", 1e6), ["瓦"] = new("power", 1), ["千瓦"] = new("power", 1e3),
        ["Hz"] = new("frequency", 1), ["kHz"] = new("frequency", 1e3), ["MHz"] = new("frequency", 1e6), ["GHz"] = new("frequency", 1e9),
        ["rpm"] = new("rotation", 1), ["r/min"] = new("rotation", 1), ["转/分"] = new("rotation", 1),
        ["eV"] = new("energy", 1), ["mAh"] = new("charge", 1e-3), ["Ah"] = new("charge", 1),
        ["mol/L"] = new("concentration", 1), ["mmol/L"] = new("concentration", 1e-3), ["g/L"] = new("density", 1), ["mg/L"] = new("density", 1e-3),
        ["重量份"] = new("parts-by-weight", 1), ["份"] = new("parts-by-weight", 1),
        ["L"] = new("volume", 1e-3), ["mL"] = new("volume", 1e-6), ["ml"] = new("volume", 1e-6), ["升"] = new("volume", 1e-3), ["毫升"] = new("volume", 1e-6),
        ["°"] = new("angle", 1),
        ["dB"] = new("level", 1), ["N"] = new("force", 1), ["kN"] = new("force", 1e3),
        // Counts of parts: 布置4~6个矿块 against 5个矿块.
        ["个"] = new("count", 1),
    };

    public static string BaseUnit(string dimension) => dimension switch
    {
        "length" => "m", "temperature" => "℃", "pressure" => "Pa", "fraction" => "%", "mass" => "kg", "time" => "s",
        "voltage" => "V", "current" => "A", "power" => "W", "frequency" => "Hz", "rotation" => "r/min", "energy" => "eV",
        "charge" => "Ah", "concentration" => "mol/L", "density" => "g/L", "parts-by-weight" => "重量份", "volume" => "m³",
        "angle" => "°", "level" => "dB", "force" => "N", "count" => "个", _ => dimension,
    };

    /// <summary>Every value or range with a unit in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<Quantity> Find(string text)
    {
        var normalized = Normalize(text);
        var found = new List<Quantity>();
        foreach (Match match in QuantityPattern().Matches(normalized))
        {
            if (Read(match, normalized) is { } quantity)
            {
                found.Add(quantity);
            }
        }
        return found;
    }

    /// <summary>Full-width digits, signs and ranges to ASCII; keeps positions (one character in, one out).</summary>
    private static string Normalize(string text)
    {
        var chars = ChineseText.ToHalfWidth(text).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '～' or '〜' or '∼' => '~',
                '－' or '—' or '–' or '−' => '-',
                '％' => '%',
                '＞' => '>',
                '＜' => '<',
                '＝' => '=',
                'µ' => 'μ',
                var c => c,
            };
        }
        return new string(chars);
    }

    private static Quantity? Read(Match match, string text)
    {
        var unitText = match.Groups["unit"].Value;
        var unit2 = match.Groups["unit2"].Success ? match.Groups["unit2"].Value : unitText;
        if (!Units.TryGetValue(unitText, out var unit) || !Units.TryGetValue(unit2, out var lowUnit) || lowUnit.Dimension != unit.Dimension)
        {
            return null;
        }
        // 度 is a temperature only when nothing says angle; a bare 度 after 角 is an angle.
        var attribute = AttributeBefore(text, match.Index);
        if (unitText == "度" && attribute.Contains('角', StringComparison.Ordinal))
        {
            unit = lowUnit = Units["°"];
        }
        var a = Value(match.Groups["a"].Value, match.Groups["unit2"].Success ? lowUnit : unit);
        double? b = match.Groups["b"].Success ? Value(match.Groups["b"].Value, unit) : null;
        if (a is null)
        {
            return null;
        }
        var before = match.Groups["pre"].Value;
        var after = match.Groups["post"].Value;
        var raw = match.Value.Trim();
        if (b is { } high)
        {
            var (low, top) = a.Value <= high ? (a.Value, high) : (high, a.Value);
            return new Quantity(unit.Dimension, low, false, top, false, raw, attribute, match.Index);
        }
        var value = a.Value;
        return (before, after) switch
        {
            (">=" or "≥" or "不小于" or "不低于" or "至少" or "大于等于" or "大于或等于", _) or (_, "以上" or "及以上" or "或以上") =>
                new Quantity(unit.Dimension, value, false, null, false, raw, attribute, match.Index),
            (">" or "大于" or "高于" or "超过", _) => new Quantity(unit.Dimension, value, true, null, false, raw, attribute, match.Index),
            ("<=" or "≤" or "不大于" or "不高于" or "不超过" or "至多" or "小于等于" or "小于或等于", _) or (_, "以下" or "及以下" or "或以下" or "以内") =>
                new Quantity(unit.Dimension, null, false, value, false, raw, attribute, match.Index),
            ("<" or "小于" or "低于", _) => new Quantity(unit.Dimension, null, false, value, true, raw, attribute, match.Index),
            _ => new Quantity(unit.Dimension, value, false, value, false, raw, attribute, match.Index),
        };
    }

    private static double? Value(string number, Unit unit) =>
        double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? (value * unit.Factor) + unit.Offset : null;

    /// <summary>The CJK or Latin word characters just before a number, up to the previous separator (厚度为 → 厚度).</summary>
    private static string AttributeBefore(string text, int index)
    {
        var start = index;
        while (start > 0 && index - start < 12 && !IsSeparator(text[start - 1]))
        {
            start--;
        }
        var attribute = text[start..index];
        foreach (var filler in AttributeFillers)
        {
            attribute = attribute.Replace(filler, "", StringComparison.Ordinal);
        }
        return attribute.Trim();
    }

    private static readonly string[] AttributeFillers = ["所述", "为", "是", "在", "约", "控制", "达到", "保持", "不小于", "不大于", "不低于", "不高于", "大于", "小于", "高于", "低于", "超过", "不超过", "至少", "至多", "等于", "或"];

    private static bool IsSeparator(char c) => c is '，' or ',' or '。' or '；' or ';' or '：' or ':' or '、' or '(' or ')' or '（' or '）' or '\n' or ' ' or '~' || char.IsAsciiDigit(c);

    // The parts both forms share: a comparison word or sign before, the unit, 以上/以下 after. Units must not run into a
    // following Latin word (5 mm steel, not 5 ms).
    private const string Comparison = @"(?<pre>>=|<=|≥|≤|>|<|不小于|不低于|不大于|不高于|不超过|大于等于|大于或等于|小于等于|小于或等于|大于|小于|高于|低于|超过|至少|至多)?\s*";
    private const string Number = @"[0-9]+(?:\.[0-9]+)?";
    private const string UnitPattern = @"(?<unit>wt%|vol%|mol%|%|℃|°C|摄氏度|nm|μm|um|mm|cm|km|m(?!ol|in|[A-Za-z])|毫米|厘米|微米|纳米|千米|米|MPa|kPa|GPa|Pa|兆帕|千帕|帕|bar|mmol/L|mol/L|mg/L|g/L|mAh|Ah|mg|kg|g(?![A-Za-z])|千克|克|吨|ms|min|s(?![A-Za-z])|秒|分钟|小时|h(?![A-Za-z])|天|mV|kV|V(?![A-Za-z])|mA|A(?![A-Za-z])|kW|MW|mW|W(?![A-Za-z])|千瓦|瓦|GHz|MHz|kHz|Hz|rpm|r/min|转/分|eV|重量份|份|mL|ml|L(?![A-Za-z])|毫升|升|°|dB|kN|N(?![A-Za-z])|度|个|K(?![A-Za-z]))";
    private const string After = @"(?<post>及以上|或以上|以上|及以下|或以下|以下|以内)?";

    // A range (a, optional unit on the low end as in 0.14%~1.5%, range sign, b, unit), or a single value with its unit.
    [GeneratedRegex(
        Comparison + @"(?<![0-9.])(?<a>" + Number + @")\s*(?<unit2>wt%|vol%|mol%|%|℃|°C|nm|μm|um|mm|cm|km|m|MPa|kPa|GPa|Pa|mg|kg|g|ms|min|s|h|mV|kV|V|mA|A|kW|MW|mW|W|GHz|MHz|kHz|Hz|eV)?"
        + @"\s*(?:~|-|至|到|—)\s*(?<b>" + Number + @")\s*" + UnitPattern + After
        + "|" + Comparison + @"(?<![0-9.])(?<a>" + Number + @")\s*" + UnitPattern + After,
        RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
