using PatentNav.Core.Engine;
using PatentNav.Tests.Contract;

namespace PatentNav.Engine.Lucene.Tests;

/// <summary>The embedded index built once over the contract corpus, shared by the contract tests.</summary>
public sealed class ContractIndexFixture : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public ContractIndexFixture()
    {
        Index = LucenePatentIndex.Open(_dir.Path);
        Index.Upsert(ContractCorpus.Records);
        Index.Commit();
    }

    public LucenePatentIndex Index { get; }

    public void Dispose()
    {
        Index.Dispose();
        _dir.Dispose();
    }
}

public sealed class LuceneContractTests(ContractIndexFixture fixture) : EngineContractTests, IClassFixture<ContractIndexFixture>
{
    protected override Task<IPatentSearcher> EngineAsync() => Task.FromResult<IPatentSearcher>(fixture.Index);
}
