using System.Diagnostics;
using CsCheck;
using PatentNav.Core.Query;

namespace PatentNav.Core.Tests.Query;

/// <summary>
/// The inputs that reached the engine unbounded or crashed the lexer (issue: hardening), as named regressions, and
/// generated queries: the parser answers every input with a tree or a positioned <see cref="QueryParseException"/>.
/// </summary>
public sealed class QueryHardeningTests
{
    private static readonly ExpertQueryParser Parser = new();

    private static QueryParseException Refused(string query) => Assert.Throws<QueryParseException>(() => Parser.Parse(query));

    [Fact]
    public void The_wildcard_bomb_just_under_the_length_limit_is_refused_at_once_as_a_limit()
    {
        var bomb = "a" + string.Concat(Enumerable.Repeat("*b", 1999));
        Assert.True(bomb.Length < QueryLimits.Default.MaxLength);
        var clock = Stopwatch.StartNew();
        var error = Refused(bomb);
        Assert.Equal("limit", error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("TI=电*池*隔*膜*板*")]
    [InlineData("锂?????")]
    [InlineData("IPC=H0*M*1*/*5*")]
    public void A_term_with_more_wildcards_than_allowed_is_a_limit(string query)
    {
        var error = Refused(query);
        Assert.Equal("limit", error.Kind);
        Assert.Contains("wildcard", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_terms_per_query_are_bounded()
    {
        var allowed = string.Join(" OR ", Enumerable.Range(0, QueryLimits.Default.MaxWildcardTerms).Select(i => $"电{i}*"));
        Assert.IsType<OrNode>(Parser.Parse(allowed));
        var error = Refused(allowed + " OR 电x*");
        Assert.Equal("limit", error.Kind);
        Assert.Equal(allowed.Length + 4, error.Position);
    }

    [Theory]
    [InlineData("\"电池 隔膜\"~99999999999", 8)]
    [InlineData("\"电池 隔膜\"~101", 8)]
    [InlineData("电池 99999999999W 隔膜", 3)]
    [InlineData("电池 NEAR/2147483648 隔膜", 3)]
    [InlineData("电池 PRE/500 隔膜", 3)]
    public void A_proximity_distance_that_overflows_or_exceeds_the_limit_is_a_positioned_limit(string query, int position)
    {
        var error = Refused(query);
        Assert.Equal("limit", error.Kind);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void The_largest_allowed_distance_still_parses()
    {
        var node = Assert.IsType<ProximityNode>(Parser.Parse($"电池 {QueryLimits.Default.MaxProximityDistance}D 隔膜"));
        Assert.Equal(QueryLimits.Default.MaxProximityDistance, node.Distance);
    }

    [Fact]
    public void One_3000_character_word_is_a_limit_not_a_thousand_clauses()
    {
        var word = string.Concat(Enumerable.Repeat("锂离子电池隔膜", 429))[..3000];
        var error = Refused(word);
        Assert.Equal("limit", error.Kind);
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void Seven_hundred_comma_joined_words_are_a_limit()
    {
        var words = string.Join(",", Enumerable.Range(0, 700).Select(i => "电池"));
        var error = Refused("TI=" + words);
        Assert.Equal("limit", error.Kind);
        Assert.Equal(3, error.Position);
    }

    [Fact]
    public void Field_values_are_taken_literally_and_never_parsed_as_operators()
    {
        Assert.Equal(new IpcNode("H01M", MainOnly: false), Parser.FieldValue(SearchField.Ipc, "H01M"));
        Assert.Equal(new KeywordNode(SearchField.Type, "Invention"), Parser.FieldValue(SearchField.Type, "发明"));
        Assert.Equal(new DateRangeNode(SearchField.ApplicationDate, new DateOnly(2020, 1, 1), null), Parser.FieldValue(SearchField.ApplicationDate, "2020", ">="));
        // Query syntax inside a value is not an IPC symbol: an error, never "H01M OR anything".
        Assert.Throws<QueryParseException>(() => Parser.FieldValue(SearchField.Ipc, "H01M) OR (G06F"));
        // Vendor vocabularies are matched leniently (发明授权, 实用新型专利), but the value stays one keyword, never an OR.
        Assert.IsType<KeywordNode>(Parser.FieldValue(SearchField.Type, "发明 OR 实用新型"));
        // A text value stays one TextNode whatever it contains.
        Assert.Equal(new TextNode(SearchField.Title, "a) OR (b"), Parser.FieldValue(SearchField.Title, "a) OR (b"));
    }

    [Fact]
    public void Generated_queries_parse_or_fail_with_a_positioned_parse_error_and_stay_within_the_limits()
    {
        string[] pieces =
        [
            "TI=", "AB=", "CL=", "PA=", "IPC=", "MIPC=", "AD=", "AD>=", "PD<", "CO=", "TYPE=", "LS=", "AN=", "PN=", "XX=",
            "(", ")", "(", ")", "\"", "“", "”", "「", "」", "[", "]", " TO ", "*", "?", "~", "~5", "~99999999999",
            " AND ", " OR ", " NOT ", "与", "或", "非", "&&", "||", "!", " 5W ", " 3D ", " NEAR/2 ", " PRE/9 ", " 99999999999W ",
            "电池", "隔膜", "锂", "钙钛矿", "H01M", "H01M10/0525", "G06F 3/01", "2020", "2020-01-02", "202013", "晋中", "1407",
            "发明", "有权", "CN113914863A", "202010123456.7", "a", "b", " ", "  ", "\t", "\u3000", "（", "）", "＝", "=", ":", ">", "<",
        ];
        var generator = Gen.OneOf(pieces).Array[0, 40].Select(parts => string.Concat(parts));
        generator.Sample(query =>
        {
            try
            {
                var node = Parser.Parse(query);
                Assert.True(CountWildcards(node) <= QueryLimits.Default.MaxWildcardTerms);
            }
            catch (QueryParseException error)
            {
                Assert.InRange(error.Position, 0, Math.Max(query.Length, QueryLimits.Default.MaxLength));
                Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
                Assert.Contains(error.Kind, new[] { "syntax", "limit" });
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Random_text_never_makes_the_parser_throw_anything_but_a_parse_error()
    {
        Gen.String[0, 300].Sample(query =>
        {
            try
            {
                Parser.Parse(query);
            }
            catch (QueryParseException)
            {
            }
        }, iter: 20_000);
    }

    private static int CountWildcards(QueryNode node) => node switch
    {
        WildcardNode => 1,
        AndNode and => and.Children.Sum(CountWildcards),
        OrNode or => or.Children.Sum(CountWildcards),
        NotNode not => CountWildcards(not.Include) + CountWildcards(not.Exclude),
        _ => 0,
    };
}
