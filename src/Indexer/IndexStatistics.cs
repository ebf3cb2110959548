using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene;

namespace PatentNav.Indexer;

/// <summary>What <c>stats</c> shows: size, last commit and the main facet distributions.</summary>
internal sealed record IndexStatistics(
    string Path,
    long Documents,
    long SizeBytes,
    IReadOnlyDictionary<string, string> LastCommit,
    IReadOnlyDictionary<FacetField, IReadOnlyList<FacetBucket>> Facets)
{
    public static IndexStatistics Collect(LucenePatentIndex index)
    {
        var result = index.Search(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            IncludeRecords = false,
            Facets =
            [
                new FacetRequest(FacetField.Type),
                new FacetRequest(FacetField.LegalState),
                new FacetRequest(FacetField.IpcSection, 8),
                new FacetRequest(FacetField.IpcSubclass, 10),
                new FacetRequest(FacetField.ApplicationYear, 10),
                new FacetRequest(FacetField.Province, 10),
            ],
        });
        return new IndexStatistics(index.IndexPath, result.Total, index.SizeInBytes, index.LastCommitData, result.Facets);
    }
}
