using System.Text.RegularExpressions;

namespace PatentNav.Core.Normalization;

/// <summary>An IPC symbol in compact form (<c>H01M10/0525</c>), from a subclass down to a subgroup, with the levels the index stores.</summary>
public sealed partial record IpcCode
{
    /// <summary>Compact symbol: <c>H01M</c>, <c>H01M10/00</c> or <c>H01M10/0525</c>.</summary>
    public required string Value { get; init; }

    public string Section => Value[..1];

    public string Class => Value[..3];

    public string Subclass => Value[..4];

    /// <summary>The main group (<c>H01M10/00</c>), or null for a bare subclass.</summary>
    public string? MainGroup { get; init; }

    /// <summary>Section, class, subclass, main group and the symbol itself, each once: what the IPC keyword field indexes.</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    /// <summary>
    /// Parses <c>H01M 10/0525</c>, <c>h01m10/0525</c>, full-width forms, WIPO padding (<c>H04N  19/50</c>), an edition suffix
    /// (<c>(2006.01)</c>) and the 14-character IPC8 form (<c>H01M0010052500</c>). A section or class alone is rejected:
    /// no document is classified that coarsely.
    /// </summary>
    public static ParseResult<IpcCode> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult.Fail<IpcCode>("empty IPC symbol");
        }
        var compact = Edition().Replace(InputText.Compact(text), "");
        var match = Slashed().Match(compact);
        var ipc8 = !match.Success;
        if (ipc8)
        {
            match = Ipc8().Match(compact);
        }
        if (!match.Success)
        {
            return ParseResult.Fail<IpcCode>($"not an IPC symbol: {InputText.Quote(text)}");
        }

        var subclass = match.Groups["subclass"].Value;
        if (subclass[1..3] == "00")
        {
            return ParseResult.Fail<IpcCode>($"not an IPC symbol: {InputText.Quote(text)} (class 00)");
        }
        if (!match.Groups["main"].Success)
        {
            return ParseResult.Ok<IpcCode>(new IpcCode { Value = subclass, Levels = [subclass[..1], subclass[..3], subclass] });
        }

        var main = match.Groups["main"].Value.TrimStart('0');
        // IPC8 pads the subgroup to six digits; the scheme writes at least two.
        var sub = match.Groups["sub"].Value;
        if (ipc8)
        {
            sub = sub.TrimEnd('0').PadRight(2, '0');
        }
        if (main.Length == 0)
        {
            return ParseResult.Fail<IpcCode>($"not an IPC symbol: {InputText.Quote(text)} (main group 0)");
        }

        var mainGroup = $"{subclass}{main}/00";
        var value = $"{subclass}{main}/{sub}";
        IReadOnlyList<string> levels = value == mainGroup
            ? [subclass[..1], subclass[..3], subclass, mainGroup]
            : [subclass[..1], subclass[..3], subclass, mainGroup, value];
        return ParseResult.Ok<IpcCode>(new IpcCode { Value = value, MainGroup = mainGroup, Levels = levels });
    }

    /// <summary>
    /// Splits a source list (<c>B64U20/80;B64U101/30</c>; also <c>；</c>, <c>,</c>, <c>|</c>, <c>、</c>) into symbols in order,
    /// without duplicates; entries that are not IPC symbols come back as errors and do not stop the rest.
    /// </summary>
    public static IpcList ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new IpcList([], []);
        }
        var codes = new List<IpcCode>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in ListSeparator().Split(text))
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }
            var parsed = Parse(entry);
            if (!parsed.Success)
            {
                errors.Add(parsed.Error);
            }
            else if (seen.Add(parsed.Value.Value))
            {
                codes.Add(parsed.Value);
            }
        }
        return new IpcList(codes, errors);
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<subclass>[A-H][0-9]{2}[A-Z])(?:(?<main>[0-9]{1,4})/(?<sub>[0-9]{2,6}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Slashed();

    [GeneratedRegex(@"^(?<subclass>[A-H][0-9]{2}[A-Z])(?<main>[0-9]{4})(?<sub>[0-9]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipc8();

    // Edition marker some exports append: H01M10/0525(2010.01).
    [GeneratedRegex(@"[(（][0-9]{4}\.[0-9]{2}[)）]$", RegexOptions.CultureInvariant)]
    private static partial Regex Edition();

    [GeneratedRegex(@"[;；,，|、\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}

/// <summary>The symbols of a source IPC list and the entries that were not symbols.</summary>
public sealed record IpcList(IReadOnlyList<IpcCode> Codes, IReadOnlyList<string> Errors);
