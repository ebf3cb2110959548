using System.Diagnostics.CodeAnalysis;
using PatentNav.Core.Text;

namespace PatentNav.Core.Normalization;

/// <summary>Outcome of parsing one value: the value, or why it was rejected. Bad input is data here, never an exception.</summary>
public sealed record ParseResult<T>(T? Value, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;
}

/// <summary>Factories for <see cref="ParseResult{T}"/>.</summary>
public static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value)
        where T : class => new(value, null);

    public static ParseResult<T> Fail<T>(string error)
        where T : class => new(null, error);
}

/// <summary>Helpers the parsers share.</summary>
internal static class InputText
{
    /// <summary>Longest input quoted back in an error message: a 5 MB field must not become a 5 MB reason.</summary>
    private const int QuoteLimit = 40;

    /// <summary>Half-width, upper case, no whitespace: the shape every code and number is matched in.</summary>
    public static string Compact(string text)
    {
        var folded = ChineseText.ToHalfWidth(text);
        return string.Create(folded.Length - folded.Count(char.IsWhiteSpace), folded, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!char.IsWhiteSpace(c))
                {
                    span[i++] = char.ToUpperInvariant(c);
                }
            }
        });
    }

    public static string Quote(string text) =>
        text.Length <= QuoteLimit ? $"'{text}'" : $"'{text[..QuoteLimit]}…' ({text.Length} chars)";
}
