namespace PatentNav.Core.Query;

internal enum TokenKind
{
    Word,
    Quoted,
    Range,
    LeftParen,
    RightParen,
    And,
    Or,
    Not,
    /// <summary>Proximity operator between two terms: <c>5W</c> (ordered), <c>5D</c> (any order), <c>NEAR/5</c>, <c>PRE/5</c>.</summary>
    Proximity,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Start, int Length = 0, int Distance = 0, bool Ordered = false, int? Slop = null);

/// <summary>Splits an expert query into tokens, keeping each token's character offset for error messages.</summary>
internal static class QueryLexer
{
    private static readonly char[] OpenQuotes = ['"', '“', '”', '「', '『'];

    public static List<Token> Tokenize(string text, QueryLimits limits)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", i, 1));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", i, 1));
                    i++;
                    continue;
                case '[':
                    tokens.Add(ReadRange(text, ref i));
                    continue;
            }
            if (Array.IndexOf(OpenQuotes, c) >= 0)
            {
                tokens.Add(ReadQuoted(text, ref i, limits));
                continue;
            }
            tokens.Add(Classify(ReadWord(text, ref i), limits));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static Token ReadQuoted(string text, ref int i, QueryLimits limits)
    {
        var start = i;
        var open = text[i];
        var close = open switch { '“' => '”', '「' => '」', '『' => '』', _ => open };
        var end = text.IndexOf(close, i + 1);
        if (end < 0 && open == '“')
        {
            end = text.IndexOf('"', i + 1);
        }
        if (end < 0)
        {
            throw new QueryParseException(start, "引号没有闭合", "Unterminated quoted phrase");
        }
        var content = text[(i + 1)..end];
        i = end + 1;
        int? slop = null;
        if (i < text.Length && text[i] == '~')
        {
            var digits = i + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }
            if (digits == i + 1)
            {
                throw new QueryParseException(i, "~ 后面需要一个数字（词距）", "A number (word distance) must follow ~");
            }
            slop = Distance(text.AsSpan(i + 1, digits - i - 1), i + 1, limits);
            i = digits;
        }
        return new Token(TokenKind.Quoted, content, start, i - start, Slop: slop);
    }

    private static Token ReadRange(string text, ref int i)
    {
        var start = i;
        var end = text.IndexOf(']', i);
        if (end < 0)
        {
            throw new QueryParseException(start, "范围缺少右方括号 ]", "Range is missing its closing ]");
        }
        i = end + 1;
        return new Token(TokenKind.Range, text[(start + 1)..end], start, i - start);
    }

    private static (string Text, int Start) ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '[') && Array.IndexOf(OpenQuotes, text[i]) < 0)
        {
            i++;
            // A field prefix such as TI= may be followed directly by a quote, parenthesis or range.
            if (text[i - 1] is '=' or ':' or '>' or '<' && i < text.Length && (text[i] is '(' or '[' || Array.IndexOf(OpenQuotes, text[i]) >= 0))
            {
                break;
            }
        }
        return (text[start..i], start);
    }

    private static Token Classify((string Text, int Start) word, QueryLimits limits)
    {
        var (text, start) = word;
        var kind = text switch
        {
            "AND" or "与" or "&&" or "并且" => TokenKind.And,
            "OR" or "或" or "||" or "或者" => TokenKind.Or,
            "NOT" or "非" or "!" => TokenKind.Not,
            _ => TokenKind.Word,
        };
        if (kind != TokenKind.Word)
        {
            return new Token(kind, text, start, text.Length);
        }
        if (TryProximity(text, out var digits, out var ordered))
        {
            return new Token(TokenKind.Proximity, text, start, text.Length, Distance(digits, start, limits), ordered);
        }
        return new Token(TokenKind.Word, text, start, text.Length);
    }

    /// <summary>
    /// A word distance; digits that overflow or exceed the limit are a positioned 400, never an overflow. Spans with a
    /// huge slop also cost more: every position pair within it is a candidate.
    /// </summary>
    private static int Distance(ReadOnlySpan<char> digits, int position, QueryLimits limits)
    {
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var distance)
            || distance > limits.MaxProximityDistance)
        {
            throw new QueryParseException(position, $"词距过大（最多 {limits.MaxProximityDistance}）",
                $"Word distance is larger than {limits.MaxProximityDistance}", "limit");
        }
        return distance;
    }

    /// <summary>CNIPA's <c>nW</c>/<c>nD</c> (upper case only, so <c>3d</c> stays a term) and <c>NEAR/n</c>, <c>PRE/n</c>.</summary>
    private static bool TryProximity(string text, out ReadOnlySpan<char> digits, out bool ordered)
    {
        digits = default;
        ordered = false;
        if (text.Length >= 2 && text[^1] is 'W' or 'D' && text[..^1].All(char.IsAsciiDigit))
        {
            ordered = text[^1] == 'W';
            digits = text.AsSpan(0, text.Length - 1);
            return true;
        }
        foreach (var (prefix, isOrdered) in new[] { ("NEAR/", false), ("PRE/", true) })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length && text[prefix.Length..].All(char.IsAsciiDigit))
            {
                ordered = isOrdered;
                digits = text.AsSpan(prefix.Length);
                return true;
            }
        }
        return false;
    }
}
