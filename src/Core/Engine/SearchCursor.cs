using System.Globalization;
using System.Text;

namespace PatentNav.Core.Engine;

/// <summary>
/// An engine-neutral search-after position: the last hit's sort value and its identity as the tie-breaker. Both engines
/// sort by (value, id), so either can continue a page the other started: for date sorts the continuation is exact; for
/// relevance it continues after that score on the answering engine's own scale (docs/elasticsearch.md, parity).
/// </summary>
/// <param name="Sort">The order the cursor was issued for; a cursor is refused under another order.</param>
/// <param name="Score">The last hit's score (relevance order).</param>
/// <param name="Date">The last hit's date as yyyymmdd, 0 when the hit has none (date orders).</param>
/// <param name="Id">The last hit's identity.</param>
public sealed record SearchCursor(SortOrder Sort, float Score, int Date, string Id)
{
    private const string Version = "c1";

    public static SearchCursor ForHit(SortOrder sort, float score, int date, string id) => new(sort, score, date, id);

    /// <summary>URL-safe text, opaque to clients.</summary>
    public string Encode()
    {
        var value = Sort == SortOrder.Relevance
            ? Score.ToString("R", CultureInfo.InvariantCulture)
            : Date.ToString(CultureInfo.InvariantCulture);
        var text = string.Join('|', Version, ((int)Sort).ToString(CultureInfo.InvariantCulture), value, Id);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a cursor for <paramref name="sort"/>; throws <see cref="FormatException"/> for one this service did not issue.</summary>
    public static SearchCursor? Decode(string? cursor, SortOrder sort)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        string text;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw new FormatException("The search-after cursor is not valid.");
        }
        // The id is last and may itself contain '|' (source ids are free text).
        var parts = text.Split('|', 4);
        if (parts.Length != 4 || parts[0] != Version || parts[3].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var order))
        {
            throw new FormatException("The search-after cursor is not valid.");
        }
        if (order != (int)sort)
        {
            throw new FormatException("The search-after cursor does not belong to this sort order.");
        }
        if (sort == SortOrder.Relevance)
        {
            return float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && float.IsFinite(score)
                ? new SearchCursor(sort, score, 0, parts[3])
                : throw new FormatException("The search-after cursor is not valid.");
        }
        return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var date)
            ? new SearchCursor(sort, 0, date, parts[3])
            : throw new FormatException("The search-after cursor is not valid.");
    }
}
