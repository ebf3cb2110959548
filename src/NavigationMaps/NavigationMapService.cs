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
    /// <summary>Compound annual growth of the node's filings over the last five complete years of the period that makes it a hot spot (热点).</summary>
    public double HotGrowth { get; init; } = 0.2;
    /// <summary>The last years of the period in which an applicant's first filing in a node makes it a new entrant.</summary>
    public int NewEntrantYears { get; init; } = 3;
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

/// <summary>A count under a code with its display name: a province (140000 山西省), a city, an applicant kind (university 大专院校).</summary>
public sealed record LabelledCount(string Key, string? Label, long Count);

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
    /// <summary>Patents per applicant kind; a patent of a company and a university counts under both.</summary>
    public IReadOnlyList<LabelledCount> ApplicantKinds { get; init; } = [];
    /// <summary>The same within the region.</summary>
    public IReadOnlyList<LabelledCount> RegionApplicantKinds { get; init; } = [];
    /// <summary>Patents per province of the (first) applicant, every province with any.</summary>
    public IReadOnlyList<LabelledCount> Provinces { get; init; } = [];
    /// <summary>The cities with most patents nationally.</summary>
    public IReadOnlyList<LabelledCount> Cities { get; init; } = [];
    /// <summary>Within the region, one level down: the cities of a province, the counties of a city.</summary>
    public IReadOnlyList<LabelledCount> Subregions { get; init; } = [];
    /// <summary>Patents whose region is unknown (no address, no place in the name): never counted for or against a region.</summary>
    public long WithoutRegion { get; init; }
    /// <summary>The inventors named on most patents in the node (a name, not a person: namesakes count together).</summary>
    public IReadOnlyList<FacetBucket> TopInventors { get; init; } = [];
    /// <summary>Inventors named on most patents filed outside the region: talent to bring in.</summary>
    public IReadOnlyList<FacetBucket> ExternalInventors { get; init; } = [];
    /// <summary>Applicants with most patents filed outside the region (引进来: whom to license from or invite).</summary>
    public IReadOnlyList<FacetBucket> ExternalLeaders { get; init; } = [];
    /// <summary>Universities and institutes holding most of the node's in-force inventions (企业出题、高校答卷).</summary>
    public IReadOnlyList<FacetBucket> Partners { get; init; } = [];
    /// <summary>
    /// Applicants among the node's most active in the last <see cref="PositioningThresholds.NewEntrantYears"/> years of
    /// the period with no filing in the node before those years (at any date); the count is their filings in the window.
    /// </summary>
    public IReadOnlyList<FacetBucket> NewEntrants { get; init; } = [];
}

public sealed record ChainMap(
    string Id, string Name, string? Description, string Region, string? RegionName, int? From, int? To,
    long CorpusTotal, long RegionTotal, PositioningThresholds Thresholds, IReadOnlyList<NodeMap> Nodes, string Engine)
{
    /// <summary>The publishing office counted (<c>CN</c>), or null when every office is.</summary>
    public string? Office { get; init; }

    /// <summary>The collection (专利池, 专题库) the map is drawn on, or null for the whole corpus.</summary>
    public string? Collection { get; init; }
    /// <summary>The latest publication date in the counted corpus: nothing published after it can be in the figures.</summary>
    public DateOnly? DataDate { get; init; }
    /// <summary>Patents of the period whose region is unknown; they count in totals, never for a region.</summary>
    public long CorpusWithoutRegion { get; init; }
    /// <summary>
    /// Patents of the office with no application date (CNKI's exports give publication dates only): no period holds
    /// them, so they are in a map only when it has no period.
    /// </summary>
    public long CorpusWithoutApplicationDate { get; init; }
    /// <summary>The last application year all of whose filings are published (<see cref="NavigationMapService.CompleteThrough"/>); growth stops there.</summary>
    public int? CompleteThrough { get; init; }
    /// <summary>The application years whose first-time applicants are new entrants, or null when the corpus has no dates.</summary>
    public int? NewEntrantsFrom { get; init; }
    public int? NewEntrantsTo { get; init; }
}

/// <summary>
/// Draws a chain for a region and period through the aggregation contract: one request counts every node nationally
/// (with its year series, types, states, applicants, kinds, provinces, inventors, partners and the world outside the
/// region), one counts them in the region, and one checks the recent applicants for earlier filings. The location
/// quotient compares the node's share of the region's patents with its share of all patents in the period.
/// </summary>
public sealed class NavigationMapService(IPatentSearcher searcher, PositioningThresholds? thresholds = null)
{
    private readonly PositioningThresholds _thresholds = thresholds ?? new PositioningThresholds();

    public PositioningThresholds Thresholds => _thresholds;

    /// <summary>Applicants, inventors and partners listed per node.</summary>
    public const int TopApplicants = 10;
    /// <summary>Recent applicants checked for earlier filings; the new entrants are those of them without any.</summary>
    public const int NewEntrantCandidates = 20;
    /// <summary>Provinces counted per node: every province-level division and the overseas codes fit.</summary>
    private const int AllProvinces = 64;

    /// <summary>A region code as the index holds it (6 digits): 14 → 140000, 1407 → 140700.</summary>
    public static string RegionCode(string region) => region.Trim().PadRight(6, '0');

    public static IReadOnlyList<QueryNode> PeriodFilters(int? from, int? to) =>
        from is null && to is null
            ? []
            : [new DateRangeNode(SearchField.ApplicationDate, from is { } f ? new DateOnly(f, 1, 1) : null, to is { } t ? new DateOnly(t, 12, 31) : null)];

    public static QueryNode RegionFilter(string region) => new KeywordNode(SearchField.RegionCode, RegionCode(region));

    /// <summary>Everything outside the region, including patents whose region is unknown.</summary>
    public static QueryNode OutsideRegionFilter(string region) => new NotNode(new MatchAllNode(), RegionFilter(region));

    /// <summary>Patents whose region is unknown: every record with a region has a province code.</summary>
    public static QueryNode WithoutRegionFilter { get; } = new NotNode(new MatchAllNode(),
        new OrNode([.. Core.Regions.RegionResolver.Default.ProvinceCodes.Select(c => new KeywordNode(SearchField.RegionCode, c))]));

    /// <summary>Patents with an application date: every date a record can hold lies in this range.</summary>
    public static QueryNode HasApplicationDateFilter { get; } = new DateRangeNode(SearchField.ApplicationDate, new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31));

    /// <summary>Granted inventions in force: what a partner can license or build on.</summary>
    public static QueryNode InForceInventionFilter { get; } =
        new AndNode([new KeywordNode(SearchField.Type, nameof(Core.Model.PatentType.Invention)), new KeywordNode(SearchField.LegalStatus, nameof(Core.Model.LegalState.InForce))]);

    /// <summary>The corpus a map counts: the period, and one publishing office (CN by default) or every office (null).</summary>
    public static IReadOnlyList<QueryNode> CorpusFilters(int? from, int? to, string? office) =>
        office is null ? PeriodFilters(from, to) : [.. PeriodFilters(from, to), OfficeFilter(office)];

    private static KeywordNode OfficeFilter(string office) => new(SearchField.Office, office);

    /// <param name="office">The publishing office counted (CN by default: the exports hold US, WO, TW … records too); null for all.</param>
    /// <param name="scope">
    /// The patents the map is drawn on, as a query node: a patent pool or thematic collection (专利池, 专题库); null for the
    /// whole corpus. Every count, share, quotient and new entrant is then the collection's.
    /// </param>
    public async Task<ChainMap> MapAsync(IndustryChain chain, string region, int? from, int? to, string? regionName,
        string? office = Core.Normalization.PatentOffice.China, QueryNode? scope = null, CancellationToken cancellationToken = default)
    {
        var nodes = chain.AllNodes.ToList();
        IReadOnlyList<QueryNode> scoped = scope is null ? [] : [scope];
        var period = (IReadOnlyList<QueryNode>)[.. CorpusFilters(from, to, office), .. scoped];
        // The data date and the undated patents are the corpus's, not the period's: one request over the office's patents.
        var corpus = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = office is null ? scoped : [OfficeFilter(office), .. scoped],
            Size = 1,
            Sort = SortOrder.PublicationDateDesc,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["undated"] = new FiltersAggregation([new NamedFilter("undated", new NotNode(new MatchAllNode(), HasApplicationDateFilter))]),
            },
        }, cancellationToken).ConfigureAwait(false);
        var dataDate = corpus.Hits.Count > 0 ? corpus.Hits[0].Record?.PublicationDate : null;
        var undated = corpus.Aggregations["undated"].Buckets[0].Count;
        var completeThrough = CompleteThrough(dataDate);
        var lastYear = to ?? (await LatestApplicationAsync(period, cancellationToken).ConfigureAwait(false))?.Year;
        int? entrantsFrom = lastYear is { } ly ? Math.Max(ly - _thresholds.NewEntrantYears + 1, from ?? int.MinValue) : null;

        var nodeFigures = new Dictionary<string, AggregationRequest>
        {
            ["years"] = new YearHistogram(FacetField.ApplicationYear, from, to),
            ["types"] = new TermsAggregation(FacetField.Type, 4),
            ["states"] = new TermsAggregation(FacetField.LegalState, 4),
            ["applicants"] = new TermsAggregation(FacetField.Applicant, TopApplicants),
            ["kinds"] = new TermsAggregation(FacetField.ApplicantKind, Core.Normalization.ApplicantKind.All.Count),
            ["provinces"] = new TermsAggregation(FacetField.Province, AllProvinces),
            ["cities"] = new TermsAggregation(FacetField.City, TopApplicants),
            ["inventors"] = new TermsAggregation(FacetField.Inventor, TopApplicants),
            ["outside"] = new FiltersAggregation([new NamedFilter("outside", OutsideRegionFilter(region))])
            {
                Aggregations = new Dictionary<string, AggregationRequest>
                {
                    ["applicants"] = new TermsAggregation(FacetField.Applicant, TopApplicants),
                    ["inventors"] = new TermsAggregation(FacetField.Inventor, TopApplicants),
                },
            },
            ["partners"] = new FiltersAggregation([new NamedFilter("partners", InForceInventionFilter)])
            {
                Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.AcademicApplicant, TopApplicants) },
            },
        };
        if (entrantsFrom is { } ef)
        {
            nodeFigures["recent"] = new FiltersAggregation([new NamedFilter("recent", new DateRangeNode(SearchField.ApplicationDate, new DateOnly(ef, 1, 1), null))])
            {
                Aggregations = new Dictionary<string, AggregationRequest> { ["applicants"] = new TermsAggregation(FacetField.Applicant, NewEntrantCandidates) },
            };
        }
        var perNode = new FiltersAggregation([.. nodes.Select(n => new NamedFilter(n.Id, n.Query))]) { Aggregations = nodeFigures };
        var national = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = period,
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = perNode,
                ["provinces"] = new TermsAggregation(FacetField.Province, AllProvinces),
            },
        }, cancellationToken).ConfigureAwait(false);

        var regionCode = RegionCode(region);
        var localFigures = new Dictionary<string, AggregationRequest>
        {
            ["applicants"] = new TermsAggregation(FacetField.Applicant, TopApplicants),
            ["kinds"] = new TermsAggregation(FacetField.ApplicantKind, Core.Normalization.ApplicantKind.All.Count),
        };
        if (SubregionFacet(region) is { } subregion)
        {
            localFigures["subregions"] = new TermsAggregation(subregion, AllProvinces);
        }
        var local = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = [.. period, RegionFilter(region)],
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation(perNode.Filters) { Aggregations = localFigures },
            },
        }, cancellationToken).ConfigureAwait(false);
        var nationalBuckets = national.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var localBuckets = local.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var newEntrants = entrantsFrom is { } start
            ? await NewEntrantsAsync(nodes, nationalBuckets, office, scoped, start, cancellationToken).ConfigureAwait(false)
            : [];

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
            var growth = Growth(years, completeThrough);
            var positioning = bucket.Count == 0 ? Positioning.NoData
                : count == 0 ? Positioning.Blank
                : quotient >= _thresholds.AdvantageQuotient && count >= _thresholds.AdvantageMinCount ? Positioning.Advantage
                : quotient < _thresholds.WeakQuotient ? Positioning.Weak
                : Positioning.Average;
            var hot = growth >= _thresholds.HotGrowth;
            var provinces = bucket.Aggregations.GetValueOrDefault("provinces");
            return new NodeMap(node.Id, node.Name, node.QueryText, node.Why, bucket.Count,
                new RegionFigures(regionCode, regionName, count, Round(share), Round(quotient)),
                positioning, hot, hot ? [positioning, Positioning.Hot] : [positioning], Round(growth), years,
                [.. node.Children.Select(Draw)])
            {
                ByType = Counts(bucket, "types"),
                ByLegalState = Counts(bucket, "states"),
                TopApplicants = Buckets(bucket, "applicants"),
                RegionTopApplicants = localBucket is null ? [] : Buckets(localBucket, "applicants"),
                ApplicantKinds = Kinds(bucket),
                RegionApplicantKinds = localBucket is null ? [] : Kinds(localBucket),
                Provinces = Regions(provinces),
                Cities = Regions(bucket.Aggregations.GetValueOrDefault("cities")),
                Subregions = Regions(localBucket?.Aggregations.GetValueOrDefault("subregions")),
                WithoutRegion = WithoutRegion(bucket.Count, provinces),
                TopInventors = Buckets(bucket, "inventors"),
                ExternalInventors = Buckets(Single(bucket, "outside"), "inventors"),
                ExternalLeaders = Buckets(Single(bucket, "outside"), "applicants"),
                Partners = Buckets(Single(bucket, "partners"), "applicants"),
                NewEntrants = newEntrants.GetValueOrDefault(node.Id, []),
            };
        }

        return new ChainMap(chain.Id, chain.Name, chain.Description, regionCode, regionName, from, to,
            national.Total, local.Total, _thresholds, [.. chain.Nodes.Select(Draw)], national.Engine)
        {
            Office = office,
            DataDate = dataDate,
            CorpusWithoutRegion = WithoutRegion(national.Total, national.Aggregations.GetValueOrDefault("provinces")),
            CorpusWithoutApplicationDate = undated,
            CompleteThrough = completeThrough,
            NewEntrantsFrom = entrantsFrom,
            NewEntrantsTo = entrantsFrom is null ? null : lastYear,
        };
    }

    /// <summary>
    /// Of each node's recent applicants, those with no filing in the node before <paramref name="windowStart"/>: one
    /// request, one bucket per (node, candidate), counted over the whole corpus before the window.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<FacetBucket>>> NewEntrantsAsync(IReadOnlyList<ChainNode> nodes,
        Dictionary<string, AggregationBucket> nationalBuckets, string? office, IReadOnlyList<QueryNode> scoped, int windowStart, CancellationToken cancellationToken)
    {
        var candidates = nodes.ToDictionary(n => n.Id, n => Buckets(Single(nationalBuckets[n.Id], "recent"), "applicants"), StringComparer.Ordinal);
        var checks = new Dictionary<string, AggregationRequest>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => candidates[n.Id].Count > 0))
        {
            checks[node.Id] = new FiltersAggregation([new NamedFilter(node.Id, node.Query)])
            {
                Aggregations = new Dictionary<string, AggregationRequest>
                {
                    // The candidates' earlier filings in the node: a terms count restricted to them (a filter per
                    // candidate cost a 1M-document SEI map half a second and 550 MB).
                    ["earlier"] = new TermsAggregation(FacetField.Applicant, candidates[node.Id].Count) { Include = [.. candidates[node.Id].Select(c => c.Value)] },
                },
            };
        }
        if (checks.Count == 0)
        {
            return [];
        }
        List<QueryNode> before = [new DateRangeNode(SearchField.ApplicationDate, null, new DateOnly(windowStart, 1, 1), IncludeTo: false)];
        if (office is not null)
        {
            before.Add(OfficeFilter(office));
        }
        before.AddRange(scoped);
        var earlier = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = before,
            Size = 0,
            IncludeRecords = false,
            Aggregations = checks,
        }, cancellationToken).ConfigureAwait(false);
        var entrants = new Dictionary<string, IReadOnlyList<FacetBucket>>(StringComparer.Ordinal);
        foreach (var (nodeId, result) in earlier.Aggregations)
        {
            var priorCounts = result.Buckets[0].Aggregations["earlier"].Buckets.ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal);
            entrants[nodeId] = [.. candidates[nodeId].Where(c => priorCounts.GetValueOrDefault(c.Value) == 0).Take(TopApplicants)];
        }
        return entrants;
    }

    /// <summary>The latest application date in the period: where an open period's new-entrant window ends.</summary>
    private async Task<DateOnly?> LatestApplicationAsync(IReadOnlyList<QueryNode> filters, CancellationToken cancellationToken)
    {
        var result = await searcher.SearchAsync(new SearchRequest { Query = new MatchAllNode(), Filters = filters, Size = 1, Sort = SortOrder.ApplicationDateDesc }, cancellationToken).ConfigureAwait(false);
        return result.Hits.Count > 0 ? result.Hits[0].Record?.ApplicationDate : null;
    }

    /// <summary>One level below the region: a province's cities, a city's counties; nothing below a county.</summary>
    private static FacetField? SubregionFacet(string region) => RegionCode(region) switch
    {
        var code when code.EndsWith("0000", StringComparison.Ordinal) => FacetField.City,
        var code when code.EndsWith("00", StringComparison.Ordinal) => FacetField.County,
        _ => null,
    };

    private static Dictionary<string, long> Counts(AggregationBucket bucket, string name) =>
        bucket.Aggregations.TryGetValue(name, out var result) ? result.Buckets.ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal) : [];

    private static List<FacetBucket> Buckets(AggregationBucket? bucket, string name) =>
        bucket is not null && bucket.Aggregations.TryGetValue(name, out var result) ? [.. result.Buckets.Select(b => new FacetBucket(b.Key, b.Count))] : [];

    /// <summary>The only bucket of a one-filter aggregation.</summary>
    private static AggregationBucket? Single(AggregationBucket bucket, string name) =>
        bucket.Aggregations.TryGetValue(name, out var result) && result.Buckets.Count == 1 ? result.Buckets[0] : null;

    private static List<LabelledCount> Kinds(AggregationBucket bucket) =>
        bucket.Aggregations.TryGetValue("kinds", out var result)
            ? [.. result.Buckets.Select(b => new LabelledCount(b.Key, Core.Normalization.ApplicantKind.Label(b.Key), b.Count))]
            : [];

    private static List<LabelledCount> Regions(AggregationResult? result) =>
        result is null ? [] : [.. result.Buckets.Select(b => new LabelledCount(b.Key, Core.Regions.RegionResolver.Default.NameOf(b.Key), b.Count))];

    /// <summary>A record has at most one province, so what no province bucket (and no "other") holds has none.</summary>
    private static long WithoutRegion(long total, AggregationResult? provinces) =>
        provinces is null ? 0 : total - provinces.Buckets.Sum(b => b.Count) - provinces.Other;

    /// <summary>
    /// The last application year whose filings have all been published by <paramref name="dataDate"/>: inventions publish
    /// 18 months after filing, so the latest years hold only part of their filings and would read as a collapse.
    /// </summary>
    public static int? CompleteThrough(DateOnly? dataDate)
    {
        if (dataDate is not { } date)
        {
            return null;
        }
        var year = date.AddMonths(-PublicationLagMonths).Year;
        return new DateOnly(year, 12, 31).AddMonths(PublicationLagMonths) <= date ? year : year - 1;
    }

    /// <summary>Months from filing to publication of an invention application (专利法第三十四条).</summary>
    public const int PublicationLagMonths = 18;

    /// <summary>
    /// Compound annual growth of filings from the first to the last of the last five complete years of the series
    /// (through <paramref name="completeThrough"/>); null without filings to grow from.
    /// </summary>
    internal static double? Growth(IReadOnlyList<AggregationBucket> years, int? completeThrough = null)
    {
        var complete = completeThrough is { } through
            ? years.Where(y => int.TryParse(y.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year <= through)
            : years;
        var last = complete.TakeLast(5).ToList();
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

/// <summary>
/// The effects a technology–effect matrix (技术功效矩阵) counts: a file in the chain format whose nodes are effects, each
/// an expert query on the text that states effects (the shipped one: Effects/technical-effects.effects, on abstracts).
/// </summary>
public sealed class EffectVocabulary(IndustryChain source)
{
    public string Id => source.Id;
    public string Name => source.Name;
    public string File => source.File;
    public IReadOnlyList<ChainNode> Effects { get; } = [.. source.AllNodes];

    public ChainNode? Find(string id) => Effects.FirstOrDefault(e => e.Id == id);

    public static EffectVocabulary Load(string file, ExpertQueryParser? parser = null) =>
        new(ChainFileParser.Parse(file, System.IO.File.ReadAllText(file), parser));
}

public sealed record EffectColumn(string Id, string Name, string Query, string? Why, long Total);

/// <param name="Counts">Patents of the node that state each effect, in the order of <see cref="EffectMatrix.Effects"/>.</param>
public sealed record EffectRow(string Id, string Name, int Depth, long Total, IReadOnlyList<long> Counts);

/// <summary>Nodes × effects: every cell counts the node's patents whose text states the effect (a patent may state several).</summary>
public sealed record EffectMatrix(
    string ChainId, string ChainName, string Vocabulary, string? Region, string? RegionName, int? From, int? To, string? Office,
    long CorpusTotal, IReadOnlyList<EffectColumn> Effects, IReadOnlyList<EffectRow> Rows, string Engine);

public static class EffectMatrices
{
    /// <summary>One request: the nodes as filters, the effects as filters inside each node and once over the whole corpus.</summary>
    public static async Task<EffectMatrix> MatrixAsync(this IPatentSearcher searcher, IndustryChain chain, EffectVocabulary vocabulary,
        string? region, int? from, int? to, string? regionName, string? office = Core.Normalization.PatentOffice.China, CancellationToken cancellationToken = default)
    {
        var effects = new FiltersAggregation([.. vocabulary.Effects.Select(e => new NamedFilter(e.Id, e.Query))]);
        List<QueryNode> filters = [.. NavigationMapService.CorpusFilters(from, to, office)];
        if (region is not null)
        {
            filters.Add(NavigationMapService.RegionFilter(region));
        }
        var result = await searcher.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Filters = filters,
            Size = 0,
            IncludeRecords = false,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation([.. chain.AllNodes.Select(n => new NamedFilter(n.Id, n.Query))])
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["effects"] = effects },
                },
                ["effects"] = effects,
            },
        }, cancellationToken).ConfigureAwait(false);
        var nodes = result.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var totals = result.Aggregations["effects"].Buckets;
        var rows = new List<EffectRow>();
        void Add(ChainNode node, int depth)
        {
            var bucket = nodes[node.Id];
            rows.Add(new EffectRow(node.Id, node.Name, depth, bucket.Count, [.. bucket.Aggregations["effects"].Buckets.Select(b => b.Count)]));
            foreach (var child in node.Children)
            {
                Add(child, depth + 1);
            }
        }
        foreach (var node in chain.Nodes)
        {
            Add(node, 0);
        }
        return new EffectMatrix(chain.Id, chain.Name, vocabulary.Id, region is null ? null : NavigationMapService.RegionCode(region), regionName,
            from, to, office, result.Total,
            [.. vocabulary.Effects.Select((e, i) => new EffectColumn(e.Id, e.Name, e.QueryText, e.Why, totals[i].Count))], rows, result.Engine);
    }
}
