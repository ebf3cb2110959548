using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>Finds one patent from whatever number a user pasted, and says which engine answered.</summary>
public static class PatentLookup
{
    public static async Task<(PatentRecord? Record, string Engine)> FindAsync(IPatentSearcher searcher, string input, CancellationToken cancellationToken = default)
    {
        var trimmed = input.Trim();
        if (trimmed.Length == 0)
        {
            return (null, searcher.EngineName);
        }
        // By identity through a search rather than a get: the result names the engine, which may be the fallback.
        var byIdentity = await searcher.SearchAsync(
            new SearchRequest { Query = new MatchAllNode(), Ids = [RecordIdentity.FromUserInput(trimmed)], Size = 1 },
            cancellationToken).ConfigureAwait(false);
        if (byIdentity.Hits.Count > 0)
        {
            return (byIdentity.Hits[0].Record, byIdentity.Engine);
        }
        if (PublicationNumber.Parse(trimmed).Value is { KindCode: null } serialOnly)
        {
            // CN113914863 without a kind code: the A publication and the B grant share the serial.
            return await FirstAsync(searcher, new WildcardNode(SearchField.PublicationNumber, serialOnly.Value + "*"), cancellationToken).ConfigureAwait(false);
        }
        if (ApplicationNumber.Parse(trimmed).Value is { } application)
        {
            return await FirstAsync(searcher, new KeywordNode(SearchField.ApplicationNumber, application.Value), cancellationToken).ConfigureAwait(false);
        }
        return (null, byIdentity.Engine);
    }

    private static async Task<(PatentRecord?, string)> FirstAsync(IPatentSearcher searcher, QueryNode query, CancellationToken cancellationToken)
    {
        var result = await searcher.SearchAsync(new SearchRequest { Query = query, Size = 1, Sort = SortOrder.PublicationDateDesc }, cancellationToken).ConfigureAwait(false);
        return (result.Hits.Count > 0 ? result.Hits[0].Record : null, result.Engine);
    }
}

/// <summary>The identity rule of the index: the normalised publication number, or a stable source id when there is none.</summary>
public static class RecordIdentity
{
    /// <summary>The identity of a record: its publication number when it has one, else its source id.</summary>
    public static string? Of(PublicationNumber? publication, string? sourceId) => publication?.Value ?? sourceId;

    /// <summary>Normalises a pasted publication number (<c>cn 113914863 a</c> → <c>CN113914863A</c>); anything else is kept as a source id.</summary>
    public static string FromUserInput(string input)
    {
        var trimmed = input.Trim();
        return Of(PublicationNumber.Parse(trimmed).Value, trimmed)!;
    }
}
