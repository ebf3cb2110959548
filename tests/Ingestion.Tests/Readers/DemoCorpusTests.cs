using PatentNav.Core.Ingestion;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

/// <summary>The demo corpus in data/demo reads fully through the JSONL reader: every record, none unreadable.</summary>
public sealed class DemoCorpusTests
{
    [Theory]
    [InlineData("kppatent-tac.jsonl", 696)]
    [InlineData("kppatent-abstracts.jsonl", 3024)]
    [InlineData("cn-titles-ipc.jsonl", 9740)]
    public void Every_demo_record_is_readable(string file, int expected)
    {
        var diagnostics = new SourceReadDiagnostics();
        var results = TestData.ReadAll(new JsonSourceReader(diagnostics), TestData.Demo(file));

        Assert.Equal(expected, results.Count);
        Assert.All(results, r => Assert.IsType<SourceReadResult.Record>(r));
        Assert.Equal(0, diagnostics.Unreadable);
        Assert.Empty(diagnostics.IgnoredFields);
        Assert.All(results, r => Assert.NotNull(r.Record().Get(SourceFields.Id)));
    }

    [Fact]
    public void Demo_records_carry_only_the_fields_their_source_has()
    {
        var tac = TestData.ReadAll(new JsonSourceReader(), TestData.Demo("kppatent-tac.jsonl")).Select(r => r.Record()).ToList();
        var titles = TestData.ReadAll(new JsonSourceReader(), TestData.Demo("cn-titles-ipc.jsonl")).Select(r => r.Record()).ToList();
        var abstracts = TestData.ReadAll(new JsonSourceReader(), TestData.Demo("kppatent-abstracts.jsonl")).Select(r => r.Record()).ToList();

        string[] invented = [SourceFields.Applicants, SourceFields.Inventors, SourceFields.ApplicationDate, SourceFields.PublicationDate, SourceFields.ApplicationNumber];
        Assert.All(tac.Concat(titles).Concat(abstracts), r => Assert.DoesNotContain(r.Fields.Keys, invented.Contains));

        Assert.Equal(667, tac.Count(r => r.Get(SourceFields.PublicationNumber) is not null));
        var noNumber = tac.Single(r => r.Get(SourceFields.Id) == "KP-TAC-0017");
        Assert.Null(noNumber.Get(SourceFields.PublicationNumber));
        Assert.Equal(6819, tac.Sum(r => r.GetAll(SourceFields.Keyphrases).Count));
        Assert.Equal(31_199, abstracts.Sum(r => r.GetAll(SourceFields.Keyphrases).Count));

        var first = titles[0];
        Assert.Equal("CN114081026A", first.Get(SourceFields.PublicationNumber));
        Assert.Equal(["A01M", "G06F", "H02G"], first.GetAll(SourceFields.Ipc));
        Assert.Equal(114, titles.Count(r => r.GetAll(SourceFields.Ipc).Contains("H01L")));

        // Claims are verbatim, page-header artefacts included: the builder repairs them, not the corpus.
        Assert.Contains("CN113914863A说明书1/4页", tac[0].Get(SourceFields.Claims), StringComparison.Ordinal);
    }
}
