using PatentNav.Core.Novelty;
using PatentNav.Tests;

namespace PatentNav.NavigationMaps.Tests;

/// <summary>The shipped 快速预审 scope file over the shipped chains.</summary>
public sealed class PreExaminationScopeTests
{
    private static readonly string Chains = Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Chains");
    private static readonly string ScopeFile = Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Scopes", "pre-examination.scope");
    private static readonly Lazy<ChainCatalog> Catalog = new(() => ChainCatalog.Load(Chains));

    private static ScopeFieldAnswer Field(ScopeAnswer answer, string name) => answer.Fields.Single(f => f.Field == name);

    [Fact]
    public void The_shipped_scope_has_the_two_fields_of_the_measures()
    {
        Assert.Equal(["新能源", "高端装备制造"], PreExaminationScope.Load(ScopeFile, Catalog.Value).FieldNames);
    }

    [Fact]
    public void A_battery_draft_is_in_new_energy_by_its_title_and_partly_by_its_subclass()
    {
        var answer = PreExaminationScope.Load(ScopeFile, Catalog.Value).Check("一种锂离子电池正极材料及其制备方法", [new IpcSuggestion("H01M", 0.8)]);
        var energy = Field(answer, "新能源");
        Assert.Equal("in_scope", energy.Status);
        Assert.Contains(energy.Matches, m => m.Basis == "title-keyword" && m.Evidence.Contains("锂离子电池", StringComparison.Ordinal));
        // H01M is only partly new energy: the field lists some of its groups (H01M4, H01M10/05, …).
        Assert.Contains(energy.Matches, m => m.Basis == "ipc-part" && m.Evidence.Contains("H01M", StringComparison.Ordinal));
        Assert.True(answer.InScope);
        Assert.Contains("以山西省知识产权保护中心", answer.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_subclass_of_a_field_decides_and_a_weak_suggestion_does_not()
    {
        var scope = PreExaminationScope.Load(ScopeFile, Catalog.Value);
        // F03D (wind motors) is a whole subclass of the new-energy chain.
        Assert.Equal("in_scope", Field(scope.Check("一种叶片变桨装置", [new IpcSuggestion("F03D", 0.6)]), "新能源").Status);
        Assert.Equal("out_of_scope", Field(scope.Check("一种叶片变桨装置", [new IpcSuggestion("F03D", 0.1)]), "新能源").Status);
    }

    [Fact]
    public void A_draft_outside_both_fields_is_out_of_scope()
    {
        var answer = PreExaminationScope.Load(ScopeFile, Catalog.Value).Check("一种治疗失眠的中药组合物", [new IpcSuggestion("A61K", 0.9), new IpcSuggestion("A61P", 0.5)]);
        Assert.All(answer.Fields, f => Assert.Equal("out_of_scope", f.Status));
        Assert.False(answer.InScope);
    }

    [Fact]
    public void A_scope_line_naming_an_unknown_node_stops_with_its_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scope-{Guid.NewGuid():N}.scope");
        File.WriteAllText(file, "# test\n新能源: sei-2021:sei-6\n装备: sei-2021:sei-99\n");
        try
        {
            var error = Assert.Throws<ChainFileException>(() => PreExaminationScope.Load(file, Catalog.Value));
            Assert.Equal(3, error.Line);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
