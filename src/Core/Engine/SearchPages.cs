using System.Runtime.CompilerServices;
using PatentNav.Core.Model;

namespace PatentNav.Core.Engine;

/// <summary>Every record a request matches, read page by page with the engine-neutral cursor (search-after).</summary>
public static class SearchPages
{
    public const int PageSize = 1000;

    /// <param name="request">The query, filters and sort; its size and cursor are set here.</param>
    /// <param name="max">Records read at most; the rest are not fetched.</param>
    public static async IAsyncEnumerable<PatentRecord> RecordsAsync(IPatentSearcher searcher, SearchRequest request, int max = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var read = 0;
        string? cursor = null;
        while (read < max)
        {
            var page = await searcher.SearchAsync(request with { Size = PageSize, SearchAfter = cursor, IncludeRecords = true }, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Hits.Select(h => h.Record).OfType<PatentRecord>())
            {
                read++;
                yield return record;
            }
            if (page.Hits.Count < PageSize || page.NextCursor is null)
            {
                yield break;
            }
            cursor = page.NextCursor;
        }
    }
}
