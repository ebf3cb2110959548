using System.Globalization;
using PatentNav.Core.Text;

namespace PatentNav.Core.Query;

/// <summary>
/// Recursive-descent parser for CNIPA-style expert queries (docs/architecture.md, the expert query language):
/// <c>TI=(锂电池 OR 钠离子电池) AND IPC=H01M AND AD>=2020-01-01 NOT PA="某某公司"</c>.
/// Precedence: NOT binds to the clause on its left as "and not"; AND (or juxtaposition) binds tighter than OR.
/// </summary>
public sealed class ExpertQueryParser(QueryLimits? limits = null)
{
    private static readonly Dictionary<string, SearchField> FieldCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TI"] = SearchField.Title,
        ["AB"] = SearchField.Abstract,
        ["CL"] = SearchField.Claims,
        ["DE"] = SearchField.Description,
        ["TX"] = SearchField.AllText,
        ["KW"] = SearchField.Keywords,
        ["PA"] = SearchField.Applicant,
        ["IN"] = SearchField.Inventor,
        ["AN"] = SearchField.ApplicationNumber,
        ["PN"] = SearchField.PublicationNumber,
        ["AD"] = SearchField.ApplicationDate,
        ["PD"] = SearchField.PublicationDate,
        ["IPC"] = SearchField.Ipc,
        ["MIPC"] = SearchField.MainIpc,
        ["CO"] = SearchField.RegionCode,
        ["ADDR"] = SearchField.Address,
        ["TYPE"] = SearchField.Type,
        ["LS"] = SearchField.LegalStatus,
        ["PNC"] = SearchField.Office,
        ["APT"] = SearchField.ApplicantKind,
    };

    private static readonly string[] Comparators = [">=", "<=", "=", ":", ">", "<"];

    private readonly QueryLimits _limits = limits ?? QueryLimits.Default;

    /// <summary>The field codes the language knows, for help texts.</summary>
    public static IReadOnlyCollection<string> KnownFieldCodes => FieldCodes.Keys;

    /// <summary>Parses a query; throws <see cref="QueryParseException"/> with the offset where it broke.</summary>
    public QueryNode Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > _limits.MaxLength)
        {
            throw new QueryParseException(_limits.MaxLength, $"检索式过长（最多 {_limits.MaxLength} 个字符）", $"Query is longer than {_limits.MaxLength} characters", "limit");
        }
        // Full-width brackets, operators and letters are common in pasted Chinese queries; the mapping is 1:1, so offsets stay valid.
        var text = ChineseText.ToHalfWidth(query);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new QueryParseException(0, "检索式为空", "Query is empty");
        }
        var state = new ParseState(QueryLexer.Tokenize(text, _limits), _limits);
        var node = ParseOr(state, SearchField.Keywords, depth: 0);
        if (state.Current.Kind != TokenKind.End)
        {
            throw state.Current.Kind == TokenKind.RightParen
                ? new QueryParseException(state.Current.Start, "多余的右括号 )", "Unbalanced closing parenthesis")
                : new QueryParseException(state.Current.Start, $"无法理解“{state.Current.Text}”", $"Unexpected '{state.Current.Text}'");
        }
        return node;
    }

    private QueryNode ParseOr(ParseState state, SearchField field, int depth)
    {
        var children = new List<QueryNode> { ParseAnd(state, field, depth) };
        while (state.Current.Kind == TokenKind.Or)
        {
            var op = state.Advance();
            RequireOperand(state, op);
            children.Add(ParseAnd(state, field, depth));
        }
        return children.Count == 1 ? children[0] : new OrNode(children);
    }

    private QueryNode ParseAnd(ParseState state, SearchField field, int depth)
    {
        QueryNode left = state.Current.Kind == TokenKind.Not ? ParseLeadingNot(state, field, depth) : ParseProximity(state, field, depth);
        var must = new List<QueryNode> { left };
        while (true)
        {
            var kind = state.Current.Kind;
            if (kind == TokenKind.And)
            {
                var op = state.Advance();
                RequireOperand(state, op);
                must.Add(state.Current.Kind == TokenKind.Not ? ParseLeadingNot(state, field, depth) : ParseProximity(state, field, depth));
            }
            else if (kind == TokenKind.Not)
            {
                var op = state.Advance();
                RequireOperand(state, op);
                var excluded = ParseProximity(state, field, depth);
                var include = must.Count == 1 ? must[0] : new AndNode([.. must]);
                must.Clear();
                must.Add(new NotNode(include, excluded));
            }
            else if (kind is TokenKind.Word or TokenKind.Quoted or TokenKind.LeftParen)
            {
                // Juxtaposition means AND, as in every search box.
                must.Add(ParseProximity(state, field, depth));
            }
            else
            {
                break;
            }
        }
        return must.Count == 1 ? must[0] : new AndNode(must);
    }

    private NotNode ParseLeadingNot(ParseState state, SearchField field, int depth)
    {
        var op = state.Advance();
        RequireOperand(state, op);
        return new NotNode(new MatchAllNode(), ParseProximity(state, field, depth));
    }

    private QueryNode ParseProximity(ParseState state, SearchField field, int depth)
    {
        var first = state.Current;
        var left = ParsePrimary(state, field, depth);
        if (state.Current.Kind != TokenKind.Proximity)
        {
            return left;
        }
        var terms = new List<string> { ProximityTerm(first, left) };
        var distance = int.MaxValue;
        var ordered = true;
        while (state.Current.Kind == TokenKind.Proximity)
        {
            var op = state.Advance();
            RequireOperand(state, op);
            distance = Math.Min(distance, op.Distance);
            ordered &= op.Ordered;
            var operandToken = state.Current;
            terms.Add(ProximityTerm(operandToken, ParsePrimary(state, field, depth)));
        }
        return new ProximityNode(ProximityField(field, first), terms, distance, ordered);
    }

    private static string ProximityTerm(Token token, QueryNode node) => node switch
    {
        TextNode text => text.Text,
        PhraseNode phrase => phrase.Text,
        _ => throw new QueryParseException(token.Start, "位置算符两侧只能是检索词", "Proximity operators join plain terms only"),
    };

    private static SearchField ProximityField(SearchField field, Token token) =>
        IsTextField(field) ? field : throw new QueryParseException(token.Start, "位置算符只能用于文本字段", "Proximity works on text fields only");

    private QueryNode ParsePrimary(ParseState state, SearchField field, int depth)
    {
        var token = state.Current;
        switch (token.Kind)
        {
            case TokenKind.LeftParen:
                {
                    if (depth + 1 > _limits.MaxDepth)
                    {
                        throw new QueryParseException(token.Start, $"括号嵌套过深（最多 {_limits.MaxDepth} 层）", $"Parentheses nest deeper than {_limits.MaxDepth} levels", "limit");
                    }
                    state.Advance();
                    if (state.Current.Kind == TokenKind.RightParen)
                    {
                        throw new QueryParseException(state.Current.Start, "括号内没有检索词", "Empty parentheses");
                    }
                    var inner = ParseOr(state, field, depth + 1);
                    if (state.Current.Kind != TokenKind.RightParen)
                    {
                        throw new QueryParseException(token.Start, "左括号 ( 没有对应的右括号", "Parenthesis opened here is never closed");
                    }
                    state.Advance();
                    return inner;
                }
            case TokenKind.Quoted:
                state.Advance();
                return Leaf(state, token, field, token.Text, "=", quoted: true);
            case TokenKind.Word:
                state.Advance();
                if (TrySplitField(token.Text, out var code, out var comparator, out var rest))
                {
                    if (!FieldCodes.TryGetValue(code, out var target))
                    {
                        throw new QueryParseException(token.Start, $"未知的字段代码“{code}”", $"Unknown field code '{code}'");
                    }
                    if (field != SearchField.Keywords && depth > 0 && field != target)
                    {
                        // TI=(AB=x) mixes fields inside a field group; CNIPA rejects it too.
                        throw new QueryParseException(token.Start, "字段内不能再指定其他字段", "A field group cannot contain another field code");
                    }
                    return ParseFieldValue(state, token, target, comparator, rest, depth);
                }
                return Leaf(state, token, field, token.Text, "=", quoted: false);
            case TokenKind.End:
                throw new QueryParseException(token.Start, "检索式不完整：缺少检索词", "Query ends where a term was expected");
            case TokenKind.RightParen:
                throw new QueryParseException(token.Start, "右括号 ) 前缺少检索词", "A term was expected before ')'");
            default:
                throw new QueryParseException(token.Start, $"运算符“{token.Text}”前缺少检索词", $"Operator '{token.Text}' has no left operand");
        }
    }

    private QueryNode ParseFieldValue(ParseState state, Token fieldToken, SearchField field, string comparator, string rest, int depth)
    {
        if (rest.Length > 0)
        {
            return Leaf(state, fieldToken with { Start = fieldToken.Start + fieldToken.Text.Length - rest.Length }, field, rest, comparator, quoted: false);
        }
        var value = state.Current;
        switch (value.Kind)
        {
            case TokenKind.Quoted:
                state.Advance();
                return Leaf(state, value, field, value.Text, comparator, quoted: true);
            case TokenKind.Word:
                state.Advance();
                return Leaf(state, value, field, value.Text, comparator, quoted: false);
            case TokenKind.Range:
                state.Advance();
                return RangeLeaf(state, value, field);
            case TokenKind.LeftParen when comparator is "=" or ":":
                return ParsePrimary(state, field, depth);
            default:
                throw new QueryParseException(value.Start, $"字段 {fieldToken.Text} 后缺少检索值", $"Field {fieldToken.Text} has no value");
        }
    }

    private static bool TrySplitField(string word, out string code, out string comparator, out string rest)
    {
        code = comparator = rest = "";
        var letters = 0;
        while (letters < word.Length && char.IsAsciiLetter(word[letters]))
        {
            letters++;
        }
        if (letters is < 2 or > 4)
        {
            return false;
        }
        foreach (var op in Comparators)
        {
            if (word.AsSpan(letters).StartsWith(op, StringComparison.Ordinal))
            {
                code = word[..letters];
                comparator = op;
                rest = word[(letters + op.Length)..];
                return true;
            }
        }
        return false;
    }

    private QueryNode Leaf(ParseState state, Token token, SearchField field, string value, string comparator, bool quoted)
    {
        state.CountClause(token);
        CheckValue(token, field, value, comparator, quoted);
        var leaf = LeafNode(token, field, value, comparator, quoted);
        if (leaf is WildcardNode)
        {
            state.CountWildcard(token);
        }
        return leaf;
    }

    /// <summary>
    /// The leaf that <c>FIELD=value</c> gives, with <paramref name="value"/> taken literally: operators, parentheses and
    /// quotes in it are never parsed as query syntax. Structured filters (novelty <c>filters.ipc</c>, <c>filters.type</c>…)
    /// become AST nodes this way instead of query text. Errors carry the offset inside <paramref name="value"/>.
    /// </summary>
    public QueryNode FieldValue(SearchField field, string value, string comparator = "=")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Comparators.Contains(comparator))
        {
            throw new ArgumentOutOfRangeException(nameof(comparator), comparator, "Use =, :, >=, <=, > or <.");
        }
        var text = ChineseText.ToHalfWidth(value).Trim();
        var token = new Token(TokenKind.Word, text, 0, text.Length);
        CheckValue(token, field, text, comparator, quoted: false);
        return LeafNode(token, field, text, comparator, quoted: false);
    }

    private void CheckValue(Token token, SearchField field, string value, string comparator, bool quoted)
    {
        if (value.Length == 0 || (quoted && string.IsNullOrWhiteSpace(value)))
        {
            throw new QueryParseException(token.Start, "检索值为空", "Empty search value");
        }
        if (value.Length > _limits.MaxTermLength)
        {
            // One long run of CJK text analyses into hundreds of words, each a clause of its own.
            throw new QueryParseException(token.Start, $"检索词过长（最多 {_limits.MaxTermLength} 个字符），请拆成几个词",
                $"A search term is longer than {_limits.MaxTermLength} characters; split it into several terms", "limit");
        }
        if (comparator is not ("=" or ":") && field is not (SearchField.ApplicationDate or SearchField.PublicationDate))
        {
            throw new QueryParseException(token.Start, "只有日期字段可以用 > < >= <=", "Only date fields take > < >= <=");
        }
    }

    private QueryNode LeafNode(Token token, SearchField field, string value, string comparator, bool quoted)
    {
        if (quoted && token.Slop is { } slop)
        {
            var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new ProximityNode(ProximityField(field, token), words, slop, Ordered: false);
        }
        return field switch
        {
            SearchField.ApplicationDate or SearchField.PublicationDate => QueryValues.DateLeaf(field, value, comparator, token.Start),
            SearchField.Ipc or SearchField.MainIpc => QueryValues.IpcLeaf(field, value, token.Start, _limits),
            SearchField.PublicationNumber or SearchField.ApplicationNumber => QueryValues.NumberLeaf(field, value, token.Start, _limits),
            SearchField.Type => new KeywordNode(field, QueryValues.PatentTypeValue(value, token.Start)),
            SearchField.LegalStatus => new KeywordNode(field, QueryValues.LegalStateValue(value, token.Start)),
            SearchField.RegionCode => new KeywordNode(field, QueryValues.RegionValue(value, token.Start)),
            SearchField.Office => new KeywordNode(field, QueryValues.OfficeValue(value, token.Start)),
            SearchField.ApplicantKind => new KeywordNode(field, QueryValues.ApplicantKindValue(value, token.Start)),
            _ when value.Contains('*') || value.Contains('?') => QueryValues.TextWildcard(field, value, token.Start, _limits),
            _ => quoted
                ? new PhraseNode(field, ChineseText.Normalize(value))
                : new TextNode(field, ChineseText.Normalize(value)),
        };
    }

    private static DateRangeNode RangeLeaf(ParseState state, Token token, SearchField field)
    {
        state.CountClause(token);
        if (field is not (SearchField.ApplicationDate or SearchField.PublicationDate))
        {
            throw new QueryParseException(token.Start, "只有日期字段可以用范围 [a TO b]", "Only date fields take a range [a TO b]");
        }
        var parts = token.Text.Split(" TO ", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new QueryParseException(token.Start, "范围应写作 [起 TO 止]", "A range is written [from TO to]");
        }
        DateOnly? from = parts[0] == "*" ? null : QueryValues.DateBound(parts[0], upper: false, token.Start + 1);
        DateOnly? to = parts[1] == "*" ? null : QueryValues.DateBound(parts[1], upper: true, token.Start + 1 + token.Text.IndexOf(" TO ", StringComparison.Ordinal) + 4);
        if (from is { } f && to is { } t && f > t)
        {
            throw new QueryParseException(token.Start, "范围的起点晚于终点", "The range starts after it ends");
        }
        return new DateRangeNode(field, from, to);
    }

    private static void RequireOperand(ParseState state, Token op)
    {
        if (state.Current.Kind is TokenKind.End or TokenKind.RightParen or TokenKind.And or TokenKind.Or or TokenKind.Proximity)
        {
            throw new QueryParseException(op.Start, $"运算符“{op.Text}”后缺少检索词", $"Operator '{op.Text}' has no right operand");
        }
    }

    internal static bool IsTextField(SearchField field) => field is SearchField.Keywords or SearchField.Title or SearchField.Abstract
        or SearchField.Claims or SearchField.Description or SearchField.AllText or SearchField.Applicant or SearchField.Inventor or SearchField.Address;

    private sealed class ParseState(List<Token> tokens, QueryLimits limits)
    {
        private int _index;
        private int _clauses;
        private int _wildcards;

        public Token Current => tokens[_index];

        public Token Advance()
        {
            var token = tokens[_index];
            if (_index < tokens.Count - 1)
            {
                _index++;
            }
            return token;
        }

        public void CountClause(Token token)
        {
            if (++_clauses > limits.MaxClauses)
            {
                throw new QueryParseException(token.Start, $"检索式的检索项过多（最多 {limits.MaxClauses} 个）", $"Query has more than {limits.MaxClauses} clauses", "limit");
            }
        }

        public void CountWildcard(Token token)
        {
            if (++_wildcards > limits.MaxWildcardTerms)
            {
                throw new QueryParseException(token.Start, $"检索式的通配符检索词过多（最多 {limits.MaxWildcardTerms} 个）", $"Query has more than {limits.MaxWildcardTerms} wildcard terms", "limit");
            }
        }
    }
}
