using System.Text;
using System.Text.Json;

namespace PatentNav.Indexer.Tests;

public sealed class IndexCommandTests : IDisposable
{
    private readonly ScratchDir _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Demo_corpus_indexes_with_a_reconciled_summary_and_a_second_run_adds_nothing()
    {
        var index = _scratch.File("index");
        var first = IndexerRun.Index(index, _scratch.Path, RepoPaths.Demo);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first["read"], first["added"] + first["updated"] + first["quarantined"]);
        Assert.Equal(first["added"], first["documents"]);
        Assert.True(first["documents"] > 13_000, first.Output);

        var second = IndexerRun.Index(index, _scratch.Path, RepoPaths.Demo);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, second["added"]);
        Assert.Equal(first["documents"], second["documents"]);
        Assert.Equal(second["read"], second["updated"] + second["quarantined"]);
    }

    [Fact]
    public void Malformed_rows_are_quarantined_with_reasons_while_every_good_row_is_indexed()
    {
        var input = _scratch.File("mixed.jsonl");
        var hugeTitle = new string('锂', 5 * 1024 * 1024 / 3);
        using (var stream = File.Create(input))
        {
            void Line(string text) => stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
            Line("""{"publicationNumber":"CN113914863A","title":"一种近水平薄矿体智能掘进机机械开采方法","abstract":"本发明公开了一种近水平薄矿体智能掘进机机械开采方法。"}""");
            Line("""{"publicationNumber":"CN114232276A","title":"一种衣物处理装置的预约控制方法",""");
            Line("""{"title":"没有公开号也没有来源编号的记录","abstract":"这条记录没有身份。"}""");
            Line("""{"publicationNumber":"CN111185648A"}""");
            stream.Write([0x00, 0xFF, 0xFE, 0x13, 0x80, 0x00, 0x7F, 0xC3, 0x28, (byte)'\n']);
            // 202010123456 has check digit 2, not 0, and 2021-02-30 does not exist: both are flagged, the record is kept.
            Line("""{"publicationNumber":"CN112852127A","applicationNumber":"CN202010123456.0","title":"3D打印用组合物","applicationDate":"2021-02-30"}""");
            Line("""{"id":"KP-A-0002","abstract":"一种用于液化和提纯高压乙烷供给流的装置和过程。"}""");
            Line($$"""{"publicationNumber":"CN113132524A","title":"{{hugeTitle}}","abstract":"联系人名片的生成方法。"}""");
        }

        var quarantine = _scratch.File("quarantine.jsonl");
        var output = new StringWriter();
        var summaryPath = _scratch.File("summary.json");
        var exit = IndexerCli.Run(["index", input, "--index-dir", _scratch.File("index"), "--quarantine", quarantine, "--summary-json", summaryPath], output);
        Assert.Equal(0, exit);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        long Member(string name) => summary.RootElement.GetProperty(name).GetInt64();
        Assert.Equal(8, Member("read"));
        Assert.Equal(4, Member("added"));
        Assert.Equal(4, Member("quarantined"));
        Assert.Equal(4, Member("documents"));
        Assert.True(Member("flagged") >= 1);
        var issues = summary.RootElement.GetProperty("issues");
        Assert.True(issues.TryGetProperty("check-digit-mismatch", out _), issues.ToString());
        Assert.True(issues.TryGetProperty("invalid-date", out _), issues.ToString());

        var entries = File.ReadAllLines(quarantine).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, entries.Count);
        Assert.Equal([2L, 3L, 4L, 5L], entries.Select(e => e.GetProperty("line").GetInt64()));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
        Assert.Contains("identity", entries[1].GetProperty("reason").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("没有公开号", entries[1].GetProperty("original").GetString()!, StringComparison.Ordinal);

        // The 5 MB title was capped, not indexed whole: the index stays small.
        var indexBytes = Directory.EnumerateFiles(_scratch.File("index")).Where(f => !f.EndsWith("quarantine.jsonl", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
        Assert.True(indexBytes < 1024 * 1024, $"index is {indexBytes} bytes");
    }

    [Fact]
    public void A_missing_input_path_is_fatal_with_its_own_exit_code()
    {
        var run = IndexerRun.Index(_scratch.File("index"), _scratch.Path, _scratch.File("does-not-exist.jsonl"));
        Assert.Equal(IndexerCli.InputUnreadable, run.ExitCode);
    }

    [Fact]
    public void A_locked_index_is_fatal_with_its_own_exit_code()
    {
        var index = _scratch.File("index");
        using var holder = Engine.Lucene.LucenePatentIndex.Open(index);
        var run = IndexerRun.Index(index, _scratch.Path, RepoPaths.Demo);
        Assert.Equal(IndexerCli.IndexUnavailable, run.ExitCode);
        Assert.Contains("in use by process", run.Output, StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_and_delete_work_on_an_indexed_corpus()
    {
        var index = _scratch.File("index");
        var input = _scratch.File("two.jsonl");
        File.WriteAllLines(input,
        [
            """{"publicationNumber":"CN113914863A","title":"一种近水平薄矿体智能掘进机机械开采方法","ipc":["E21C41/16"]}""",
            """{"id":"KP-A-0001","abstract":"本申请涉及使用近红外光谱法评估牙齿表面上的聚合物沉积的方法。"}""",
        ]);
        Assert.Equal(0, IndexerRun.Index(index, _scratch.Path, input).ExitCode);

        var stats = IndexerRun.Cli("stats", "--index-dir", index);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("2 documents", stats.Output, StringComparison.Ordinal);
        Assert.Contains("E21C", stats.Output, StringComparison.Ordinal);

        // Numbers are accepted in the forms users paste.
        var delete = IndexerRun.Cli("delete", "cn 113914863 a", "--index-dir", index);
        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("Deleted 1 of 1", delete.Output, StringComparison.Ordinal);
        Assert.Contains("1 documents", IndexerRun.Cli("stats", "--index-dir", index).Output, StringComparison.Ordinal);
    }
}
