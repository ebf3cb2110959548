using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;

namespace PatentNav.Core.Tests.Ingestion;

public sealed class PatentRecordMergerTests
{
    // CN114058170A as the demo corpus has it twice: cn-titles-ipc (title and IPC subclasses), then kppatent-tac (title,
    // abstract, claims, no IPC). Before merging, the second replaced the first and the IPC was lost.
    private static readonly PatentRecord TitlesIpc = new()
    {
        Id = "CN114058170A",
        PublicationNumber = "CN114058170A",
        Title = "一种高性能全生物降解的农用地膜",
        Ipc = ["C08J", "C08K", "C08L", "G06T"],
        Source = new SourceLocation("data/demo/cn-titles-ipc.jsonl", 4711),
    };

    private static readonly PatentRecord Tac = new()
    {
        Id = "CN114058170A",
        PublicationNumber = "CN114058170A",
        Title = "一种高性能全生物降解的农用地膜",
        Abstract = "本发明公开了一种高性能全生物降解的农用地膜，现有传统地膜可降解度相对较低，降解过程缓慢。",
        Claims = "1.一种高性能全生物降解的农用地膜，其特征在于，由聚乙交酯、邻苯二甲酸酐和增塑剂制成。",
        Source = new SourceLocation("data/demo/kppatent-tac.jsonl", 12),
    };

    [Fact]
    public void A_later_source_without_ipc_keeps_the_ipc_an_earlier_one_had()
    {
        var merged = PatentRecordMerger.Merge(TitlesIpc, Tac);
        Assert.Equal(["C08J", "C08K", "C08L", "G06T"], merged.Ipc);
        Assert.Equal(Tac.Abstract, merged.Abstract);
        Assert.Equal(Tac.Claims, merged.Claims);
        Assert.Empty(merged.Issues);
        // Order does not lose anything either.
        var reversed = PatentRecordMerger.Merge(Tac, TitlesIpc);
        Assert.Equal(merged.Ipc, reversed.Ipc);
        Assert.Equal(Tac.Claims, reversed.Claims);
    }

    [Fact]
    public void Differing_values_are_kept_from_the_later_source_and_the_conflict_names_both()
    {
        var earlier = TitlesIpc with { LegalState = LegalState.Pending, ApplicationDate = new DateOnly(2021, 11, 2), Applicants = ["某大学"] };
        var later = Tac with { LegalState = LegalState.InForce, ApplicationDate = new DateOnly(2021, 11, 3), Applicants = [] };
        var merged = PatentRecordMerger.Merge(earlier, later);
        Assert.Equal(LegalState.InForce, merged.LegalState);
        Assert.Equal(new DateOnly(2021, 11, 3), merged.ApplicationDate);
        Assert.Equal(["某大学"], merged.Applicants);
        Assert.Equal(2, merged.Issues.Count(i => i.Code == PatentRecordMerger.ConflictCode));
        var dateConflict = Assert.Single(merged.Issues, i => i.Message.StartsWith("applicationDate", StringComparison.Ordinal));
        Assert.Contains("kppatent-tac.jsonl:12", dateConflict.Message, StringComparison.Ordinal);
        Assert.Contains("cn-titles-ipc.jsonl:4711", dateConflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_never_replaces_a_known_type_or_state_and_claim_one_never_replaces_whole_claims()
    {
        var full = Tac with { Type = PatentType.Invention, LegalState = LegalState.InForce, Claims = Tac.Claims + "\n2.根据权利要求1所述的农用地膜，其特征在于，增塑剂为柠檬酸酯。" };
        var cnki = Tac with { Type = PatentType.Unknown, LegalState = LegalState.Unknown };
        var merged = PatentRecordMerger.Merge(full, cnki);
        Assert.Equal(PatentType.Invention, merged.Type);
        Assert.Equal(LegalState.InForce, merged.LegalState);
        Assert.Equal(full.Claims, merged.Claims);
    }

    [Fact]
    public void Ipc_codes_merge_to_the_most_specific_of_each_branch()
    {
        var merged = PatentRecordMerger.Merge(TitlesIpc, Tac with { Ipc = ["C08L67/04", "C08K5/12"] });
        Assert.Equal(["C08J", "G06T", "C08L67/04", "C08K5/12"], merged.Ipc);
    }

    [Fact]
    public void Merging_a_record_with_itself_changes_nothing()
    {
        var once = PatentRecordMerger.Merge(TitlesIpc, Tac);
        var twice = PatentRecordMerger.Merge(once, Tac);
        Assert.Equal(once.Ipc, twice.Ipc);
        Assert.Equal(once.Issues, twice.Issues);
        Assert.Equal(once.Abstract, twice.Abstract);
    }

    [Fact]
    public void Different_patents_are_not_merged() =>
        Assert.Throws<ArgumentException>(() => PatentRecordMerger.Merge(TitlesIpc, Tac with { Id = "CN1A" }));
}
