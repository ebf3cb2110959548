using PatentNav.Core.Engine;
using PatentNav.Core.Infringement;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Query;

namespace PatentNav.NavigationMaps;

/// <summary>One enterprise on the growth list: its invention grants in the two years and the patents behind each count.</summary>
public sealed record GrowthEntry(string Applicant, string Key, long PreviousYear, long Year, long Growth, IReadOnlyList<string> PreviousPatents, IReadOnlyList<string> Patents);

/// <param name="GrantsWithoutDate">Granted inventions of the region in the data whose grant year cannot be read (no grant date, not a B/C publication): not counted, reported.</param>
public sealed record GrowthList(string Region, int Year, int Threshold, IReadOnlyList<GrowthEntry> Qualified, IReadOnlyList<GrowthEntry> Others,
    long GrantsCounted, long GrantsWithoutDate, string Rule);

/// <summary>
/// 创新券 growth list (措施五): the region's enterprises whose invention grants in year Y exceed those of Y−1 by at least
/// the threshold (5 by the measures; configurable). A grant's year is its grant date, else the year of its B/C
/// publication; the region and the enterprise are the first applicant's (the region the data gives is the first
/// applicant's); one grant per application.
/// </summary>
public sealed class VoucherGrowthList(IPatentSearcher searcher)
{
    public const int DefaultThreshold = 5;

    public async Task<GrowthList> BuildAsync(string region, int year, int threshold = DefaultThreshold, CancellationToken cancellationToken = default)
    {
        var grants = new Dictionary<string, (string Display, HashSet<string> Previous, HashSet<string> Current)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long counted = 0, undated = 0;
        var request = new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters =
            [
                NavigationMapService.RegionFilter(region),
                new KeywordNode(SearchField.Type, nameof(PatentType.Invention)),
                // Grants of Y−1 and Y are published by the end of Y; earlier publications may carry a later grant date.
                new DateRangeNode(SearchField.PublicationDate, null, new DateOnly(year, 12, 31)),
            ],
            Sort = SortOrder.PublicationDateDesc,
        };
        await foreach (var record in SearchPages.RecordsAsync(searcher, request, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Enforceability.IsGranted(record) != true)
            {
                continue;
            }
            var grantYear = Enforceability.GrantYear(record);
            if (grantYear is null)
            {
                undated++;
                continue;
            }
            if (grantYear != year && grantYear != year - 1)
            {
                continue;
            }
            var first = record.Applicants.Count > 0 ? record.Applicants[0] : null;
            if (first is null || ApplicantKind.Of(first) != ApplicantKind.Enterprise || !seen.Add(record.ApplicationNumber ?? record.Id))
            {
                continue;
            }
            var key = ApplicantName.ToKey(first);
            if (!grants.TryGetValue(key, out var entry))
            {
                grants[key] = entry = (first, [], []);
            }
            (grantYear == year ? entry.Current : entry.Previous).Add(record.PublicationNumber ?? record.Id);
            counted++;
        }
        var entries = grants.Select(g => new GrowthEntry(g.Value.Display, g.Key, g.Value.Previous.Count, g.Value.Current.Count,
                g.Value.Current.Count - g.Value.Previous.Count, [.. g.Value.Previous.Order(StringComparer.Ordinal)], [.. g.Value.Current.Order(StringComparer.Ordinal)]))
            .OrderByDescending(e => e.Growth).ThenByDescending(e => e.Year).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        return new GrowthList(region, year, threshold, [.. entries.Where(e => e.Growth >= threshold)], [.. entries.Where(e => e.Growth < threshold)],
            counted, undated,
            $"{year} 年发明专利授权量比 {year - 1} 年增加 {threshold} 件及以上的企业（授权年取授权日，无授权日时取 B/C 公告年；以第一申请人及其地区计）。");
    }
}
