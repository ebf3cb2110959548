using PatentNav.Core.Query;

namespace PatentNav.NavigationMaps.Tests;

public sealed class ChainFileTests
{
    private static readonly string ChainFolder = Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Chains");

    [Fact]
    public void Every_shipped_chain_loads_with_unique_node_ids_and_a_reason_for_each_node()
    {
        var files = Directory.GetFiles(ChainFolder, "*.chain");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var chain = ChainFileParser.Parse(file, File.ReadAllText(file));
            Assert.NotEmpty(chain.Nodes);
            Assert.All(chain.AllNodes, n => Assert.False(string.IsNullOrWhiteSpace(n.Why), $"{chain.Id}/{n.Id} says not why it is drawn so"));
            Assert.Equal(chain.AllNodes.Count(), chain.AllNodes.Select(n => n.Id).Distinct().Count());
        }
    }

    [Fact]
    public void The_shipped_effect_vocabulary_loads_with_a_reason_for_every_effect()
    {
        var vocabulary = EffectVocabulary.Load(Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Effects", "technical-effects.effects"));
        Assert.True(vocabulary.Effects.Count >= 12);
        Assert.All(vocabulary.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Why)));
        Assert.Contains(vocabulary.Effects, e => e.Id == "cost" && e.Name == "降低成本");
    }

    [Fact]
    public void Nodes_nest_by_indentation_and_keep_their_definition()
    {
        var chain = ChainFileParser.Parse("test.chain", """
            id: test
            name: 测试链
            - a 甲 = IPC=H01M
              why: 电池。
              - a.1 甲一 = IPC=H01M10/05 OR TI=锂电池
                why: 锂电池。
            - b 乙 = TI=风电
              why: 风电。
            """);
        Assert.Equal(["a", "b"], chain.Nodes.Select(n => n.Id));
        var child = Assert.Single(chain.Nodes[0].Children);
        Assert.Equal(("a.1", "甲一", "IPC=H01M10/05 OR TI=锂电池"), (child.Id, child.Name, child.QueryText));
        Assert.IsType<OrNode>(child.Query);
        Assert.Equal("锂电池。", child.Why);
    }

    [Fact]
    public void A_query_that_does_not_parse_is_reported_with_file_line_and_column_of_the_fault()
    {
        var text = "id: test\nname: 测试\n- a 甲 = IPC=H01M\n  why: x\n- b 乙 = TI=(风电 OR\n";
        var error = Assert.Throws<ChainFileException>(() => ChainFileParser.Parse("chains/test.chain", text));
        Assert.Equal(5, error.Line);
        Assert.True(error.Column > "- b 乙 = ".Length, error.Message);
        Assert.StartsWith("test.chain:5:", error.Message, StringComparison.Ordinal);
        Assert.Contains("node 'b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: x\n- a 甲 = TI=a\n", 1, "id")]
    [InlineData("id: x\nname: x\n- a 甲 = TI=a\n- a 乙 = TI=b\n", 4, "used twice")]
    [InlineData("id: x\nname: x\n- a 甲 = TI=a\n      - b 乙 = TI=b\n", 4, "levels")]
    [InlineData("id: x\nname: x\n- a 甲\n", 3, "node-id 名称 = expert query")]
    [InlineData("id: x\nname: x\ncolour: red\n", 3, "unknown header")]
    [InlineData("id: x\nname: x\n", 3, "no nodes")]
    public void A_malformed_chain_file_says_where_and_what(string text, int line, string message)
    {
        var error = Assert.Throws<ChainFileException>(() => ChainFileParser.Parse("bad.chain", text));
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

public sealed class SeiChainTests
{
    private static readonly string Shipped = Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Chains", "sei-2021.chain");

    private static string Generate()
    {
        using var rules = new StreamReader(Path.Combine(RepoPaths.Root, "data", "ipc", "sei-2021.jsonl"));
        using var concordance = new StreamReader(Path.Combine(RepoPaths.Root, "data", "ipc", "ipc-sei-2021.tsv"));
        return SeiChain.Generate(rules, concordance);
    }

    [Fact]
    public void The_shipped_sei_chain_is_what_the_generator_makes_of_the_bundled_concordance()
    {
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("PATENTNAV_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Shipped, generated);
        }
        Assert.Equal(generated, File.ReadAllText(Shipped));
    }

    [Fact]
    public void The_sei_chain_has_nine_industries_and_forty_categories_each_with_its_listed_codes()
    {
        var chain = ChainFileParser.Parse("sei-2021.chain", Generate());

        Assert.Equal(SeiChain.Id, chain.Id);
        Assert.Equal(9, chain.Nodes.Count);
        Assert.Equal(40, chain.Nodes.Sum(n => n.Children.Count));
        var wind = chain.AllNodes.Single(n => n.Id == "sei-6.2");
        Assert.Equal("风能产业", wind.Name);
        Assert.Contains("F03D", wind.QueryText, StringComparison.Ordinal);
        // The source cuts this name short.
        Assert.Equal("新能源汽车相关服务", chain.AllNodes.Single(n => n.Id == "sei-5.4").Name);
    }

    [Theory]
    [InlineData(new[] { "A01B", "A01B1/00", "A01B1/02", "B60L3/00" }, new[] { "A01B", "B60L3/00" })]
    [InlineData(new[] { "G06F12/08", "G06F12/0802", "G06F12/0804", "G06F12/10" }, new[] { "G06F12/08", "G06F12/10" })]
    [InlineData(new[] { "H01M10/0525", "H01M10/00" }, new[] { "H01M10/00" })]
    [InlineData(new[] { "C08", "C08K3/04", "G16H10/00" }, new[] { "C08", "G16H10/00" })]
    public void A_code_that_a_listed_code_already_covers_is_not_listed_again(string[] listed, string[] patterns) =>
        Assert.Equal(patterns, SeiChain.Patterns(listed));
}
