using PatentNav.Core.Query;

namespace PatentNav.Core.Tests.Query;

public class ExpertQueryParserTests
{
    private static readonly ExpertQueryParser Parser = new();

    [Fact]
    public void Bare_words_search_keywords_and_juxtaposition_means_and()
    {
        var node = Parser.Parse("锂电池 正极材料");
        Assert.Equal(new AndNode([new TextNode(SearchField.Keywords, "锂电池"), new TextNode(SearchField.Keywords, "正极材料")]), node, new AstComparer());
    }

    [Fact]
    public void Field_codes_operators_and_parentheses_build_the_expected_tree()
    {
        var node = Parser.Parse("TI=(锂电池 OR 钠离子电池) AND IPC=H01M NOT PA=\"某某公司\"");
        var expected = new NotNode(
            new AndNode([
                new OrNode([new TextNode(SearchField.Title, "锂电池"), new TextNode(SearchField.Title, "钠离子电池")]),
                new IpcNode("H01M", false),
            ]),
            new PhraseNode(SearchField.Applicant, "某某公司"));
        Assert.Equal(expected, node, new AstComparer());
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var node = Parser.Parse("a OR b AND c");
        Assert.Equal(new OrNode([new TextNode(SearchField.Keywords, "a"), new AndNode([new TextNode(SearchField.Keywords, "b"), new TextNode(SearchField.Keywords, "c")])]), node, new AstComparer());
    }

    [Theory]
    [InlineData("TI=锂电池 与 AB=正极 或 CL=负极")]
    [InlineData("TI＝锂电池 与 AB＝正极 或 CL＝负极")]
    [InlineData("TI:锂电池 && AB:正极 || CL:负极")]
    public void Chinese_and_symbolic_operators_and_full_width_forms_mean_the_same(string query)
    {
        var expected = new OrNode([
            new AndNode([new TextNode(SearchField.Title, "锂电池"), new TextNode(SearchField.Abstract, "正极")]),
            new TextNode(SearchField.Claims, "负极"),
        ]);
        Assert.Equal(expected, Parser.Parse(query), new AstComparer());
    }

    [Fact]
    public void Normalisers_apply_to_ipc_numbers_and_dates()
    {
        Assert.Equal(new IpcNode("H01M10/0525", false), Parser.Parse("IPC=h01m 10/0525".Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal(new IpcNode("H01M10/0525", true), Parser.Parse("MIPC=\"H01M 10/0525\""));
        Assert.Equal(new KeywordNode(SearchField.PublicationNumber, "CN113914863A"), Parser.Parse("PN=cn113914863a"));
        Assert.Equal(new KeywordNode(SearchField.ApplicationNumber, "202223220665.2"), Parser.Parse("AN=CN202223220665.2"));
        Assert.Equal(new DateRangeNode(SearchField.ApplicationDate, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)), Parser.Parse("AD=2020"));
        Assert.Equal(new DateRangeNode(SearchField.PublicationDate, new DateOnly(2021, 3, 1), null), Parser.Parse("PD>=2021.03.01"));
        Assert.Equal(new DateRangeNode(SearchField.PublicationDate, null, new DateOnly(2020, 12, 31)), Parser.Parse("PD<2021"));
        Assert.Equal(new DateRangeNode(SearchField.ApplicationDate, new DateOnly(2019, 1, 1), new DateOnly(2021, 6, 30)), Parser.Parse("AD=[2019 TO 202106]"));
        Assert.Equal(new KeywordNode(SearchField.Type, "UtilityModel"), Parser.Parse("TYPE=实用新型"));
        Assert.Equal(new KeywordNode(SearchField.LegalStatus, "InForce"), Parser.Parse("LS=有权"));
        Assert.Equal(new KeywordNode(SearchField.RegionCode, "140700"), Parser.Parse("CO=1407"));
        Assert.Equal(new KeywordNode(SearchField.Office, "US"), Parser.Parse("PNC=美国"));
        Assert.Equal(new KeywordNode(SearchField.Office, "TW"), Parser.Parse("PNC=tw"));
        Assert.Throws<QueryParseException>(() => Parser.Parse("PNC=火星"));
    }

    [Fact]
    public void Proximity_operators_and_wildcards_parse()
    {
        Assert.Equal(new ProximityNode(SearchField.Keywords, ["电池", "隔膜"], 5, true), Parser.Parse("电池 5W 隔膜"), new AstComparer());
        Assert.Equal(new ProximityNode(SearchField.Claims, ["电池", "隔膜"], 3, false), Parser.Parse("CL=(电池 NEAR/3 隔膜)"), new AstComparer());
        Assert.Equal(new ProximityNode(SearchField.Title, ["电池", "隔膜"], 4, false), Parser.Parse("TI=\"电池 隔膜\"~4"), new AstComparer());
        Assert.Equal(new WildcardNode(SearchField.Title, "电池*"), Parser.Parse("TI=电池*"));
        Assert.Equal(new WildcardNode(SearchField.Ipc, "H01M10/05*"), Parser.Parse("IPC=H01M10/05*"));
        // Lower-case 3d is a term (3D打印), not a proximity operator.
        Assert.IsType<AndNode>(Parser.Parse("手机 3d 屏幕"));
    }

    [Theory]
    [InlineData("TI=(锂电池 OR 钠电池", 3, "never closed")]
    [InlineData("锂电池 AND", 4, "no right operand")]
    [InlineData("AND 锂电池", 0, "no left operand")]
    [InlineData("锂电池)", 3, "Unbalanced")]
    [InlineData("XX=锂电池", 0, "Unknown field code")]
    [InlineData("TI=\"锂电池", 3, "Unterminated")]
    [InlineData("AD=2020-13-45", 3, "Unrecognised date")]
    [InlineData("IPC=Z99Q", 4, "Unrecognised IPC")]
    [InlineData("TI=()", 4, "Empty parentheses")]
    [InlineData("TI>锂电池", 3, "Only date fields")]
    [InlineData("TI=*池", 3, "wildcard")]
    public void Malformed_queries_report_what_and_where(string query, int position, string message)
    {
        var error = Assert.Throws<QueryParseException>(() => Parser.Parse(query));
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.MessageEn, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
    }

    [Fact]
    public void Limits_on_length_clauses_and_depth_are_parse_errors_of_kind_limit()
    {
        var limits = new QueryLimits { MaxLength = 100, MaxClauses = 5, MaxDepth = 3 };
        var parser = new ExpertQueryParser(limits);
        Assert.Equal("limit", Assert.Throws<QueryParseException>(() => parser.Parse(new string('锂', 101))).Kind);
        Assert.Equal("limit", Assert.Throws<QueryParseException>(() => parser.Parse("a b c d e f")).Kind);
        var deep = Assert.Throws<QueryParseException>(() => parser.Parse("((((a))))"));
        Assert.Equal("limit", deep.Kind);
        Assert.Equal(3, deep.Position);
        // The default limits still let a realistic query through.
        Assert.NotNull(Parser.Parse(string.Join(" OR ", Enumerable.Range(0, 200).Select(i => "词" + i))));
    }

    [Fact]
    public void Deep_nesting_beyond_the_limit_never_overflows_the_stack()
    {
        var query = new string('(', 100_000) + "a" + new string(')', 100_000);
        Assert.Throws<QueryParseException>(() => new ExpertQueryParser(new QueryLimits { MaxLength = 300_000 }).Parse(query));
    }

    /// <summary>Records compare lists by reference; this compares AST trees by value.</summary>
    private sealed class AstComparer : IEqualityComparer<QueryNode>
    {
        public bool Equals(QueryNode? x, QueryNode? y) => Describe(x) == Describe(y);

        public int GetHashCode(QueryNode obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        private static string Describe(QueryNode? node) => node switch
        {
            null => "null",
            AndNode a => "AND(" + string.Join(",", a.Children.Select(Describe)) + ")",
            OrNode o => "OR(" + string.Join(",", o.Children.Select(Describe)) + ")",
            NotNode n => "NOT(" + Describe(n.Include) + "," + Describe(n.Exclude) + ")",
            ProximityNode p => $"PROX({p.Field},{string.Join("|", p.Terms)},{p.Distance},{p.Ordered})",
            _ => node.ToString(),
        };
    }
}
