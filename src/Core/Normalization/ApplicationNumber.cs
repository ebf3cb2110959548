using System.Text.RegularExpressions;
using PatentNav.Core.Model;

namespace PatentNav.Core.Normalization;

/// <summary>
/// A Chinese application number (申请号) in the dotted form <c>202010123456.7</c> (since 2003) or <c>97101765.4</c> (before),
/// with its check digit verified. A wrong check digit is reported, not rejected, so the record can be flagged and kept.
/// </summary>
public sealed partial record ApplicationNumber
{
    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    /// <summary>Serial digits, a dot and the check digit: the given one, or the computed one when none was given.</summary>
    public required string Value { get; init; }

    /// <summary>The 12 (since 2003) or 8 (before) digits in front of the check digit.</summary>
    public required string Serial { get; init; }

    public char? GivenCheckDigit { get; init; }

    public required char ExpectedCheckDigit { get; init; }

    public bool HasCheckDigit => GivenCheckDigit is not null;

    /// <summary>Whether the given check digit is right; null when the input had none.</summary>
    public bool? CheckDigitMatches => GivenCheckDigit is { } given ? given == ExpectedCheckDigit : null;

    public required int Year { get; init; }

    /// <summary>1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model.</summary>
    public required int TypeDigit { get; init; }

    public PatentType Type => TypeDigit switch
    {
        1 or 8 => PatentType.Invention,
        2 or 9 => PatentType.UtilityModel,
        3 => PatentType.Design,
        _ => PatentType.Unknown,
    };

    public bool IsPct => TypeDigit is 8 or 9;

    /// <summary>True for the 8-digit numbers used until 2003.</summary>
    public bool IsLegacyFormat => Serial.Length == 8;

    /// <summary>Parses the forms users paste: <c>CN202010123456.7</c>, <c>2020101234567</c>, <c>ZL 2020 1 0123456.7</c>, full-width digits.</summary>
    public static ParseResult<ApplicationNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult.Fail<ApplicationNumber>("empty application number");
        }
        var compact = InputText.Compact(text);
        // ZL (专利) prefixes granted patent numbers, which are the application number.
        if (compact.StartsWith("ZL", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }
        if (compact.StartsWith("CN", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }
        var match = Shape().Match(compact);
        if (!match.Success)
        {
            return ParseResult.Fail<ApplicationNumber>(
                $"not an application number: {InputText.Quote(text)} (expected 12 or 8 digits and a check digit)");
        }

        var serial = match.Groups["serial"].Value;
        var legacy = serial.Length == 8;
        var year = legacy ? LegacyYear(int.Parse(serial[..2])) : int.Parse(serial[..4]);
        var typeDigit = serial[legacy ? 2 : 4] - '0';
        if (year < PatentDate.Earliest.Year || year > DateTime.UtcNow.Year + 1)
        {
            return ParseResult.Fail<ApplicationNumber>($"application number {InputText.Quote(text)} has an impossible year {year}");
        }
        if (typeDigit is not (1 or 2 or 3 or 8 or 9))
        {
            return ParseResult.Fail<ApplicationNumber>($"application number {InputText.Quote(text)} has an unknown type digit {typeDigit}");
        }

        var expected = ComputeCheckDigit(serial);
        char? given = match.Groups["check"].Success ? match.Groups["check"].Value[0] : null;
        return ParseResult.Ok<ApplicationNumber>(new ApplicationNumber
        {
            Value = $"{serial}.{given ?? expected}",
            Serial = serial,
            GivenCheckDigit = given,
            ExpectedCheckDigit = expected,
            Year = year,
            TypeDigit = typeDigit,
        });
    }

    /// <summary>The CNIPA check digit: digits × 2,3,4,5,6,7,8,9,2,3,4,5 summed, mod 11, with 10 written X.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> serial)
    {
        var sum = 0;
        for (var i = 0; i < serial.Length; i++)
        {
            if (!char.IsAsciiDigit(serial[i]))
            {
                throw new ArgumentException("the serial must be ASCII digits", nameof(serial));
            }
            sum += (serial[i] - '0') * Weights[i % Weights.Length];
        }
        var check = sum % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    public override string ToString() => Value;

    // Two-digit years of the pre-2003 format run 85–99 and 00–03; anything else fails the year check.
    private static int LegacyYear(int yy) => yy switch
    {
        >= 85 => 1900 + yy,
        <= 3 => 2000 + yy,
        _ => 0,
    };

    // 12 digits (since 2003) or 8 (before), then an optional dot and check digit; 13 or 9 digits mean the dot was dropped.
    [GeneratedRegex(@"^(?<serial>[0-9]{12}|[0-9]{8})(?:\.?(?<check>[0-9X]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
