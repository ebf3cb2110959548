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
