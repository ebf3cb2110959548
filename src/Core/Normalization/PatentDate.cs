using System.Text.RegularExpressions;
using PatentNav.Core.Text;

namespace PatentNav.Core.Normalization;

/// <summary>Whether a source date was given, usable, or given but impossible.</summary>
public enum DateStatus
{
    Absent,
    Valid,
    Invalid,
}

/// <summary>A parsed source date: <see cref="Value"/> is set only when <see cref="Status"/> is Valid; <see cref="Error"/> only when Invalid.</summary>
public sealed record DateParseResult(DateStatus Status, DateOnly? Value, string? Error)
{
    public static readonly DateParseResult Absent = new(DateStatus.Absent, null, null);
}

/// <summary>Parses the date forms of patent sources and users; impossible dates are reported, never thrown.</summary>
public static partial class PatentDate
{
    /// <summary>The Chinese patent law took effect in 1985; an earlier filing or publication date is an error.</summary>
    public static readonly DateOnly Earliest = new(1985, 1, 1);

    /// <summary>Parses against today's UTC date.</summary>
    public static DateParseResult Parse(string? text) => Parse(text, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>
    /// Parses <c>2020-01-02</c>, <c>2020.01.02</c>, <c>20200102</c>, <c>2020/1/2</c>, <c>2020年1月2日</c>, full-width digits and
    /// an ignored time of day. Empty and <c>0</c> are Absent (CNIPA exports write 0 for "not granted"); dates before 1985
    /// or more than a year after <paramref name="today"/> are Invalid.
    /// </summary>
    public static DateParseResult Parse(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateParseResult.Absent;
        }
        var folded = ChineseText.ToHalfWidth(text).Trim();
        if (folded.All(c => c == '0'))
        {
            return DateParseResult.Absent;
        }
        var match = Shape().Match(folded);
        if (!match.Success)
        {
            return Invalid($"not a date: {InputText.Quote(text)}");
        }
        var year = int.Parse(match.Groups["y"].Value);
        var month = int.Parse(match.Groups["m"].Value);
        var day = int.Parse(match.Groups["d"].Value);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Invalid($"no such day: {InputText.Quote(text)}");
        }
        var date = new DateOnly(year, month, day);
        if (date < Earliest)
        {
            return Invalid($"date {date:yyyy-MM-dd} is before the Chinese patent system (1985)");
        }
        // Publication dates are known a little ahead; a year of slack also covers clock skew between sources.
        if (date > today.AddYears(1))
        {
            return Invalid($"date {date:yyyy-MM-dd} is more than a year in the future");
        }
        return new DateParseResult(DateStatus.Valid, date, null);
    }

    private static DateParseResult Invalid(string error) => new(DateStatus.Invalid, null, error);

    [GeneratedRegex(
        @"^(?<y>[0-9]{4})(?:(?<m>[0-9]{2})(?<d>[0-9]{2})|\s*[-./年]\s*(?<m>[0-9]{1,2})\s*[-./月]\s*(?<d>[0-9]{1,2})\s*日?)"
        + @"(?:[T\s]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
