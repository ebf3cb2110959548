using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.SearchApi.Tests;

/// <summary>The demo corpus as the indexer builds it, for brute-force expectations of exact query semantics.</summary>
internal static class ExpectedCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, PatentRecord>> Records = new(Load);

    public static IReadOnlyDictionary<string, PatentRecord> All => Records.Value;

    private static Dictionary<string, PatentRecord> Load()
    {
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var records = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
        foreach (var item in SourceReaders.ReadAll([RepoPaths.Demo], CancellationToken.None))
        {
            if (item is SourceReadResult.Record(var source) && builder.Build(source).Record is { } record)
            {
                records[record.Id] = record;
            }
        }
        return records;
    }
}
