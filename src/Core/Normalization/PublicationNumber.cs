using System.Text.RegularExpressions;
using PatentNav.Core.Model;

namespace PatentNav.Core.Normalization;

/// <summary>A publication number (公开号/公告号) in the compact form <c>CN113914863A</c>; the identity of a record in the index.</summary>
public sealed partial record PublicationNumber
{
    /// <summary>Country, serial and kind code without spaces: <c>CN113914863A</c>, or <c>CN113914863</c> when the kind was not given.</summary>
    public required string Value { get; init; }

    public required string Country { get; init; }

    public required string Serial { get; init; }

    /// <summary>Kind code such as <c>A</c>, <c>B</c>, <c>U</c> or <c>B1</c>; null when the input had none.</summary>
    public string? KindCode { get; init; }

    /// <summary>The type implied by the kind code, or for a Chinese number without one, by the first digit of the serial.</summary>
    public required PatentType Type { get; init; }

    /// <summary>Parses <c>CN113914863A</c>, <c>cn 113914863 a</c>, <c>CN1139148 63A</c>, full-width forms and bare serials (taken as CN).</summary>
    public static ParseResult<PublicationNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult.Fail<PublicationNumber>("empty publication number");
        }
        var match = Shape().Match(InputText.Compact(text));
        if (!match.Success)
        {
            return ParseResult.Fail<PublicationNumber>($"not a publication number: {InputText.Quote(text)}");
        }
        var country = match.Groups["country"].Success ? match.Groups["country"].Value : "CN";
        var prefix = match.Groups["prefix"].Value;
        var digits = match.Groups["serial"].Value;
        var serial = prefix + digits;
        var kind = match.Groups["kind"].Success ? match.Groups["kind"].Value : null;

        if (country == "CN")
        {
            if (prefix.Length > 0)
            {
                return ParseResult.Fail<PublicationNumber>($"not a CN publication number: {InputText.Quote(text)} (letters before the serial)");
            }
            // 7 digits (1989–2007), 9 digits (since 2007), or the 8 of 1985–1988 that begin with the year (CN86104632).
            if (serial.Length is not (7 or 9) && !(serial.Length == 8 && serial[0] == '8' && serial[1] is >= '5' and <= '8'))
            {
                return ParseResult.Fail<PublicationNumber>(
                    $"not a CN publication number: {InputText.Quote(text)} (expected 7 or 9 digits, found {serial.Length})");
            }
            if (kind is not null && TypeOfKind(kind[0]) == PatentType.Unknown)
            {
                return ParseResult.Fail<PublicationNumber>($"unknown CN kind code '{kind}' in {InputText.Quote(text)}");
            }
        }
        else if (digits.Length is < 4 or > 13)
        {
            return ParseResult.Fail<PublicationNumber>($"not a publication number: {InputText.Quote(text)}");
        }

        var type = country != "CN" ? PatentType.Unknown
            : kind is not null ? TypeOfKind(kind[0])
            // CN serials are numbered per type: 1… invention, 2… utility model, 3… design; 1985–1988 serials after the year.
            : serial[serial.Length == 8 ? 2 : 0] switch { '1' => PatentType.Invention, '2' => PatentType.UtilityModel, '3' => PatentType.Design, _ => PatentType.Unknown };

        return ParseResult.Ok<PublicationNumber>(new PublicationNumber
        {
            Value = country + serial + kind,
            Country = country,
            Serial = serial,
            KindCode = kind,
            Type = type,
        });
    }

    /// <summary>The patent type a CN kind code letter stands for: A/B/C invention, U/Y utility model, S/D design.</summary>
    public static PatentType TypeOfKind(char kind) => char.ToUpperInvariant(kind) switch
    {
        'A' or 'B' or 'C' => PatentType.Invention,
        'U' or 'Y' => PatentType.UtilityModel,
        'S' or 'D' => PatentType.Design,
        _ => PatentType.Unknown,
    };

    public override string ToString() => Value;

    /// <remarks>
    /// Other offices put letters before the digits: Taiwan's I (invention), M (utility model), D (design), Brazil's PI and
    /// MU, Japan's WO for national-phase republications (<c>JPWO2017183476A1</c>). They belong to the serial.
    /// </remarks>
    [GeneratedRegex(@"^(?<country>[A-Z]{2})?(?<prefix>[A-Z]{1,2})?(?<serial>[0-9]+)(?<kind>[A-Z][1-9]?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
