using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>Finds one patent from whatever number a user pasted.</summary>
public static class PatentLookup
{
    public static PatentRecord? Find(IPatentSearcher searcher, string input)
    {
        var trimmed = input.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (searcher.Get(RecordIdentity.FromUserInput(trimmed)) is { } byIdentity)
        {
            return byIdentity;
        }
        if (PublicationNumber.Parse(trimmed).Value is { KindCode: null } serialOnly)
        {
            // CN113914863 without a kind code: the A publication and the B grant share the serial.
            return First(searcher, new WildcardNode(SearchField.PublicationNumber, serialOnly.Value + "*"));
        }
        if (ApplicationNumber.Parse(trimmed).Value is { } application)
        {
            return First(searcher, new KeywordNode(SearchField.ApplicationNumber, application.Value));
        }
        return null;
    }

    private static PatentRecord? First(IPatentSearcher searcher, QueryNode query)
    {
        var hits = searcher.Search(new SearchRequest { Query = query, Size = 1, Sort = SortOrder.PublicationDateDesc }).Hits;
        return hits.Count > 0 ? hits[0].Record : null;
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
