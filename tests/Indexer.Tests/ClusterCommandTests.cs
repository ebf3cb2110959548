namespace PatentNav.Indexer.Tests;

/// <summary>The indexer with a cluster configured but not reachable: the embedded index gets everything, the journal the rest.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private readonly ScratchDir _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string SmallCorpus()
    {
        var input = _scratch.File("three.jsonl");
        File.WriteAllLines(input,
        [
            """{"publicationNumber":"CN113914863A","title":"一种近水平薄矿体智能掘进机机械开采方法","abstract":"用智能掘进机对各矿块进行回采。"}""",
            """{"publicationNumber":"CN114232276A","title":"一种衣物处理装置的预约控制方法","abstract":"获取用户信息；预估衣物处理时长。"}""",
            """{"publicationNumber":"CN111504366B","title":"一种锂离子电池正极材料及其制备方法","abstract":"正极材料由前驱体与锂源烧结而成。"}""",
        ]);
        return input;
    }

    [Fact]
    public void Indexing_with_an_unreachable_cluster_fills_the_embedded_index_and_journals_every_write_beside_it()
    {
        var dataDir = _scratch.File("data");
        var index = Path.Combine(dataDir, "index");
        var (exit, output) = IndexerRun.Cli("index", SmallCorpus(), "--index-dir", index, "--es-url", "http://127.0.0.1:9");
        Assert.Equal(IndexerCli.Ok, exit);
        Assert.Contains("3 writes waiting in the journal", output, StringComparison.Ordinal);
        var journal = File.ReadAllLines(Path.Combine(dataDir, "cluster-journal.jsonl"));
        Assert.Equal(3, journal.Length);
        Assert.Contains(journal, l => l.Contains("CN111504366B", StringComparison.Ordinal));

        var (stats, statsOutput) = IndexerRun.Cli("stats", "--index-dir", index);
        Assert.Equal(IndexerCli.Ok, stats);
        Assert.Contains("3", statsOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sync_that_cannot_reach_the_cluster_says_so_and_exits_4()
    {
        var index = _scratch.File("index");
        Assert.Equal(IndexerCli.Ok, IndexerRun.Cli("index", SmallCorpus(), "--index-dir", index).ExitCode);
        var (exit, output) = IndexerRun.Cli("es-sync", "--index-dir", index, "--es-url", "http://127.0.0.1:9");
        Assert.Equal(IndexerCli.ClusterUnavailable, exit);
        Assert.Contains("could not be synced", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sync_without_a_cluster_is_refused()
    {
        var index = _scratch.File("index");
        Assert.Equal(IndexerCli.Ok, IndexerRun.Cli("index", SmallCorpus(), "--index-dir", index).ExitCode);
        var (exit, output) = IndexerRun.Cli("es-sync", "--index-dir", index, "--es-url", "");
        Assert.Equal(IndexerCli.Fatal, exit);
        Assert.Contains("No cluster", output, StringComparison.Ordinal);
    }
}
