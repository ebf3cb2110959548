namespace PatentNav.Indexer.Tests;

/// <summary><c>report</c> writes the same report as the service's endpoint, from an index, in the format its name asks for.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly ScratchDir _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Index()
    {
        var input = _scratch.File("patents.jsonl");
        File.WriteAllLines(input,
        [
            """{"publicationNumber":"CN111504366B","title":"一种锂离子电池正极材料及其制备方法","abstract":"降低成本，提高循环稳定性。","ipc":"H01M4/36","applicants":"太原理工大学","applicationDate":"2020-03-02","address":"山西省晋中市榆次区"}""",
            """{"publicationNumber":"CN112000001A","title":"一种风力发电机组","abstract":"提高发电效率。","ipc":"F03D1/00","applicants":"华为技术有限公司","applicationDate":"2021-05-06","address":"广东省深圳市龙岗区"}""",
        ]);
        var index = _scratch.File("index");
        Assert.Equal(IndexerCli.Ok, IndexerRun.Cli("index", input, "--index-dir", index).ExitCode);
        return index;
    }

    [Theory]
    [InlineData(".html", "<!doctype html>")]
    [InlineData(".xlsx", "PK")]
    public void A_report_is_written_as_html_or_as_a_workbook(string extension, string starts)
    {
        var index = Index();
        var output = _scratch.File("report" + extension);
        var (exit, text) = IndexerRun.Cli("report", "--index-dir", index, "--chain", "jinzhong-new-energy", "--region", "1407", "--from", "2015", "--to", "2024", "--out", output);
        Assert.True(exit == IndexerCli.Ok, text);
        var head = File.ReadAllText(output)[..starts.Length];
        Assert.Equal(starts, head);
        if (extension == ".html")
        {
            var html = File.ReadAllText(output);
            Assert.Contains("晋中市", html, StringComparison.Ordinal);
            Assert.Contains("锂电池与储能", html, StringComparison.Ordinal);
            Assert.Contains("中的 2 件专利", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--chain", "no-such-chain")]
    [InlineData("--region", "99")]
    [InlineData("--office", "XYZ")]
    [InlineData("--out", "report.docx")]
    public void A_report_that_cannot_be_written_says_why(string option, string value)
    {
        var index = Index();
        string[] args = ["report", "--index-dir", index, "--chain", "jinzhong-new-energy", "--out", _scratch.File("r.html")];
        var at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];
        var (exit, _) = IndexerRun.Cli(args);
        Assert.NotEqual(IndexerCli.Ok, exit);
    }
}
