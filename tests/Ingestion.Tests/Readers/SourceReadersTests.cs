using PatentNav.Core.Ingestion;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

public sealed class SourceReadersTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_missing_path_throws_at_the_call_before_any_record_of_the_valid_inputs()
    {
        var good = _scratch.Write("good.jsonl", "{\"id\":\"A\"}\n");
        var missing = _scratch.File("does-not-exist.jsonl");

        var ex = Assert.Throws<SourceNotFoundException>(() => SourceReaders.ReadAll([good, missing], CancellationToken.None));

        Assert.Equal(missing, ex.Path);
        Assert.Contains("does-not-exist.jsonl", ex.Message, StringComparison.Ordinal);
        Assert.Throws<SourceNotFoundException>(() => SourceReaders.TotalBytes([good, missing]));
    }

    [Fact]
    public void A_file_of_an_unsupported_type_given_explicitly_is_refused_up_front()
    {
        var text = _scratch.Write("notes.txt", "hello");

        var ex = Assert.Throws<SourceNotFoundException>(() => SourceReaders.ReadAll([text], CancellationToken.None));

        Assert.Contains("unsupported file type '.txt'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_expand_recursively_in_sorted_order_to_supported_files_and_each_reader_is_picked_by_extension()
    {
        _scratch.Write("in/b.jsonl", "{\"id\":\"jsonl-b\"}\n");
        _scratch.Write("in/a.CSV", "id,标题\ncsv-a,标题\n");
        _scratch.Write("in/sub/c.tsv", "id\t标题\ntsv-c\t标题\n");
        _scratch.Write("in/sub/d.json", "[{\"id\":\"json-d\"}]");
        _scratch.Write("in/readme.txt", "ignored");
        _scratch.Write("in/~$open.xlsx", "an Excel owner file, not a workbook");
        var extra = _scratch.Write("extra.jsonl", "{\"id\":\"explicit\"}\n");

        var diagnostics = new SourceReadDiagnostics();
        var ids = SourceReaders.ReadAll([_scratch.File("in"), extra, _scratch.File("in/b.jsonl")], CancellationToken.None, diagnostics)
            .Select(r => r.Record().Get(SourceFields.Id))
            .ToList();

        Assert.Equal(["csv-a", "jsonl-b", "tsv-c", "json-d", "explicit"], ids);
        Assert.Equal(5, diagnostics.Files);
        Assert.Equal(5, diagnostics.Records);
        Assert.Equal(
            new FileInfo(_scratch.File("in/a.CSV")).Length + new FileInfo(_scratch.File("in/b.jsonl")).Length
                + new FileInfo(_scratch.File("in/sub/c.tsv")).Length + new FileInfo(_scratch.File("in/sub/d.json")).Length
                + new FileInfo(extra).Length,
            SourceReaders.TotalBytes([_scratch.File("in"), extra]));
    }

    [Fact]
    public void Reading_is_lazy_so_nothing_is_opened_until_records_are_asked_for()
    {
        var path = _scratch.Write("lazy.jsonl", "{\"id\":\"A\"}\n");
        var diagnostics = new SourceReadDiagnostics();

        var results = SourceReaders.ReadAll([path], CancellationToken.None, diagnostics);
        Assert.Equal(0, diagnostics.Files);

        Assert.Single(results);
        Assert.Equal(1, diagnostics.Files);
    }
}
