using System.Globalization;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;

namespace PatentNav.NavigationMaps;

/// <summary>
/// Where a region stands in a node, and the thresholds behind the verdict (shown with every map, docs/navigation-maps.md).
/// </summary>
public sealed record PositioningThresholds
{
    /// <summary>Location quotient at or above which, with at least <see cref="AdvantageMinCount"/> patents, the region is strong (优势).</summary>
    public double AdvantageQuotient { get; init; } = 1.5;
    public int AdvantageMinCount { get; init; } = 5;
    /// <summary>Location quotient below which a region that has patents in the node is weak (短板).</summary>
    public double WeakQuotient { get; init; } = 0.8;
    /// <summary>Compound annual growth of the node's filings over the last five years of the period that makes it a hot spot (热点).</summary>
    public double HotGrowth { get; init; } = 0.2;
}

public static class Positioning
{
    public const string Advantage = "优势";
    public const string Average = "一般";
    public const string Weak = "短板";
    public const string Blank = "空白";
    public const string Hot = "热点";
    /// <summary>The corpus has nothing in the node for the period: not a zero, an absence of evidence.</summary>
    public const string NoData = "无数据";
}

public sealed record RegionFigures(string Code, string? Name, long Count, double? Share, double? LocationQuotient);

public sealed record NodeMap(
    string Id, string Name, string Query, string? Why, long Total, RegionFigures Region, string Positioning, bool Hot,
    IReadOnlyList<string> Tags, double? Growth, IReadOnlyList<AggregationBucket> Years, IReadOnlyList<NodeMap> Children)
{
    /// <summary>The first application year with a filing in the period, or null without any.</summary>
    public string? FirstYear => Years.FirstOrDefault(y => y.Count > 0)?.Key;
    /// <summary>Patents in the node by type (<c>Invention</c>, <c>UtilityModel</c>, <c>Design</c>, <c>Unknown</c>).</summary>
    public IReadOnlyDictionary<string, long> ByType { get; init; } = new Dictionary<string, long>();
    /// <summary>Patents in the node by legal state (<c>InForce</c>, <c>Pending</c>, <c>NotInForce</c>, <c>Unknown</c>).</summary>
    public IReadOnlyDictionary<string, long> ByLegalState { get; init; } = new Dictionary<string, long>();
    /// <summary>Granted and in force.</summary>
    public long InForce => ByLegalState.GetValueOrDefault("InForce");
    /// <summary>The applicants with most patents in the node, nationally (normalised names).</summary>
    public IReadOnlyList<FacetBucket> TopApplicants { get; init; } = [];
    /// <summary>The applicants with most patents in the node within the region.</summary>
    public IReadOnlyList<FacetBucket> RegionTopApplicants { get; init; } = [];
}

public sealed record ChainMap(
    string Id, string Name, string? Description, string Region, string? RegionName, int? From, int? To,
    long CorpusTotal, long RegionTotal, PositioningThresholds Thresholds, IReadOnlyList<NodeMap> Nodes, string Engine)
{
    /// <summary>The publishing office counted (<c>CN</c>), or null when every office is.</summary>
    public string? Office { get; init; }
}

/// <summary>
/// Draws a chain for a region and period through the aggregation contract: one request counts every node nationally
/// (with its year series), one counts them in the region. The location quotient compares the node's share of the
/// region's patents with its share of all patents in the period.
/// </summary>
public sealed class NavigationMapService(IPatentSearcher searcher, PositioningThresholds? thresholds = null)
{
    private readonly PositioningThresholds _thresholds = thresholds ?? new PositioningThresholds();

    public PositioningThresholds Thresholds => _thresholds;

    /// <summary>A region code as the index holds it (6 digits): 14 → 140000, 1407 → 140700.</summary>
    public static string RegionCode(string region) => region.Trim().PadRight(6, '0');

    public static IReadOnlyList<QueryNode> PeriodFilters(int? from, int? to) =>
        from is null && to is null
            ? []
            : [new DateRangeNode(SearchField.ApplicationDate, from is { } f ? new DateOnly(f, 1, 1) : null, to is { } t ? new DateOnly(t, 12, 31) : null)];

    public static QueryNode RegionFilter(string region) => new KeywordNode(SearchField.RegionCode, RegionCode(region));

    /// <summary>The corpus a map counts: the period, and one publishing office (CN by default) or every office (null).</summary>
    public static IReadOnlyList<QueryNode> CorpusFilters(int? from, int? to, string? office) =>
        office is null ? PeriodFilters(from, to) : [.. PeriodFilters(from, to), new KeywordNode(SearchField.Office, office)];

    /// <param name="office">The publishing office counted (CN by default: the exports hold US, WO, TW … records too); null for all.</param>
    public async Task<ChainMap> MapAsync(IndustryChain chain, string region, int? from, int? to, string? regionName,
        string? office = Core.Normalization.PatentOffice.China, CancellationToken cancellationToken = default)
    {
        var nodes = chain.AllNodes.ToList();
        var period = CorpusFilters(from, to, office);
        var perNode = new FiltersAggregation([.. nodes.Select(n => new NamedFilter(n.Id, n.Query))])
        {
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["years"] = new YearHistogram(FacetField.ApplicationYear, from, to),
                ["types"] = new TermsAggregation(FacetField.Type, 4),
                ["states"] = new TermsAggregation(FacetField.LegalState, 4),
                ["applicants"] = new TermsAggregation(FacetField.Applicant, TopApplicants),
            },
        };
        var national = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = period,
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest> { ["nodes"] = perNode },
        }, cancellationToken).ConfigureAwait(false);
        var local = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = [.. period, RegionFilter(region)],
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation(perNode.Filters)
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.Applicant, TopApplicants) },
                },
            },
        }, cancellationToken).ConfigureAwait(false);
        var nationalBuckets = national.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var localBuckets = local.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, StringComparer.Ordinal);

        NodeMap Draw(ChainNode node)
        {
            var bucket = nationalBuckets[node.Id];
            var localBucket = localBuckets.GetValueOrDefault(node.Id);
            var count = localBucket?.Count ?? 0;
            var years = bucket.Aggregations.TryGetValue("years", out var series) ? series.Buckets : [];
            double? share = bucket.Count == 0 ? null : (double)count / bucket.Count;
            double? quotient = bucket.Count == 0 || local.Total == 0 || national.Total == 0
                ? null
                : ((double)count / local.Total) / ((double)bucket.Count / national.Total);
            var growth = Growth(years);
            var positioning = bucket.Count == 0 ? Positioning.NoData
                : count == 0 ? Positioning.Blank
                : quotient >= _thresholds.AdvantageQuotient && count >= _thresholds.AdvantageMinCount ? Positioning.Advantage
                : quotient < _thresholds.WeakQuotient ? Positioning.Weak
                : Positioning.Average;
            var hot = growth >= _thresholds.HotGrowth;
            return new NodeMap(node.Id, node.Name, node.QueryText, node.Why, bucket.Count,
                new RegionFigures(RegionCode(region), regionName, count, Round(share), Round(quotient)),
                positioning, hot, hot ? [positioning, Positioning.Hot] : [positioning], Round(growth), years,
                [.. node.Children.Select(Draw)])
            {
                ByType = Counts(bucket, "types"),
                ByLegalState = Counts(bucket, "states"),
                TopApplicants = Buckets(bucket, "applicants"),
                RegionTopApplicants = localBucket is null ? [] : Buckets(localBucket, "applicants"),
            };
        }

        return new ChainMap(chain.Id, chain.Name, chain.Description, RegionCode(region), regionName, from, to,
            national.Total, local.Total, _thresholds, [.. chain.Nodes.Select(Draw)], national.Engine) { Office = office };
    }

    /// <summary>Applicants listed per node, nationally and in the region.</summary>
    public const int TopApplicants = 10;

    private static Dictionary<string, long> Counts(AggregationBucket bucket, string name) =>
        bucket.Aggregations.TryGetValue(name, out var result) ? result.Buckets.ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal) : [];

    private static List<FacetBucket> Buckets(AggregationBucket bucket, string name) =>
        bucket.Aggregations.TryGetValue(name, out var result) ? [.. result.Buckets.Select(b => new FacetBucket(b.Key, b.Count))] : [];

    /// <summary>Compound annual growth of filings from the first to the last of the series' last five years; null without filings to grow from.</summary>
    internal static double? Growth(IReadOnlyList<AggregationBucket> years)
    {
        var last = years.TakeLast(5).ToList();
        if (last.Count < 2 || last[0].Count == 0)
        {
            return null;
        }
        return Math.Pow((double)last[^1].Count / last[0].Count, 1.0 / (last.Count - 1)) - 1;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

/// <summary>The chain files of a folder, loaded and validated once; a broken file stops the start with its location.</summary>
public sealed class ChainCatalog
{
    private readonly Dictionary<string, IndustryChain> _chains;

    public ChainCatalog(IEnumerable<IndustryChain> chains)
    {
        _chains = new Dictionary<string, IndustryChain>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            if (!_chains.TryAdd(chain.Id, chain))
            {
                throw new ChainFileException(chain.File, 1, 1, $"chain id '{chain.Id}' is also used by {_chains[chain.Id].File}");
            }
        }
    }

    public static ChainCatalog Load(string folder, ExpertQueryParser? parser = null) =>
        new(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.chain").Order(StringComparer.Ordinal).Select(f => ChainFileParser.Parse(f, File.ReadAllText(f), parser))
            : []);

    public IReadOnlyList<IndustryChain> Chains => [.. _chains.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public IndustryChain? Find(string id) => _chains.GetValueOrDefault(id);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_chains.Count} chains");
}
