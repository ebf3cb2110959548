using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Core.Query;
using PatentNav.Core.Regions;
using PatentNav.NavigationMaps;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>专利导航: industry chains as data, drawn for a region and period; every figure lists the patents behind it.</summary>
public static class NavigationApi
{
    public const string DefaultRegion = "1407";

    public static RouteGroupBuilder MapNavigationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/navigation").WithTags("navigation").RequireCors(Hosting.SiteKeys.CorsPolicy);

        api.MapGet("/chains", (ChainCatalog catalog) => TypedResults.Ok(new ChainList(
                [.. catalog.Chains.Select(c => new ChainSummary(c.Id, c.Name, c.Description, c.AllNodes.Count()))])))
            .WithName("NavigationChains")
            .WithSummary("The industry chains the service draws maps for.");

        api.MapGet("/chains/{id}", async Task<Results<Ok<ChainMap>, ProblemHttpResult>> (
                string id, string? region, int? from, int? to, string? office, ChainCatalog catalog, NavigationMapService maps, CancellationToken cancellationToken) =>
            {
                if (catalog.Find(id) is not { } chain)
                {
                    return NotFound($"No chain '{id}'.");
                }
                var (code, yearFrom, yearTo) = Validate(region, from, to);
                return TypedResults.Ok(await maps.MapAsync(chain, code, yearFrom, yearTo, RegionResolver.Default.NameOf(code), ValidateOffice(office), cancellationToken: cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationChain")
            .WithSummary("One chain for a region (default 晋中 1407) and application years: each node's total, the region's count, share and location quotient, and its positioning (优势/一般/短板/空白/无数据, 热点).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/chains/{id}/matrix", async Task<Results<Ok<EffectMatrix>, ProblemHttpResult>> (
                string id, string? region, int? from, int? to, string? office, ChainCatalog catalog, EffectVocabulary effects, Core.Engine.IPatentSearcher searcher, CancellationToken cancellationToken) =>
            {
                if (catalog.Find(id) is not { } chain)
                {
                    return NotFound($"No chain '{id}'.");
                }
                var (code, yearFrom, yearTo) = Validate(region, from, to);
                return TypedResults.Ok(await searcher.MatrixAsync(chain, effects, region is null ? null : code, yearFrom, yearTo,
                    region is null ? null : RegionResolver.Default.NameOf(code), ValidateOffice(office), cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationEffectMatrix")
            .WithSummary("The chain's technology–effect matrix (技术功效矩阵): each node's patents per stated effect, nationally or (region=) in a region; a cell's patents are the node's patents with effect=.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/chains/{id}/report", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string id, string? region, int? from, int? to, string? office, string? format, ChainCatalog catalog, NavigationReports reports,
                Microsoft.Extensions.Options.IOptions<Configuration.PatentNavOptions> options, TimeProvider clock, IWebHostEnvironment web, CancellationToken cancellationToken) =>
            {
                if (catalog.Find(id) is not { } chain)
                {
                    return NotFound($"No chain '{id}'.");
                }
                var (code, yearFrom, yearTo) = Validate(region, from, to);
                var name = $"patentnav-{chain.Id}-{NavigationMapService.RegionCode(code)}-{yearFrom?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}-{yearTo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}";
                switch (format?.Trim().ToLowerInvariant())
                {
                    case null or "" or "html":
                        break;
                    case "xlsx":
                        return TypedResults.File(await reports.XlsxAsync(chain, code, yearFrom, yearTo, RegionResolver.Default.NameOf(code), ValidateOffice(office),
                            CorpusDescription(options.Value), cancellationToken), ExportApi.XlsxContentType, name + ".xlsx");
                    default:
                        throw new RequestValidationException("format", $"format '{format}' is not html or xlsx (PDF: print the HTML, docs/navigation-maps.md).", $"格式“{format}”无效（html 或 xlsx）");
                }
                var echarts = await File.ReadAllTextAsync(Path.Combine(web.WebRootPath, "lib", "echarts", "echarts.min.js"), cancellationToken);
                var html = await reports.HtmlAsync(chain, code, yearFrom, yearTo, RegionResolver.Default.NameOf(code), ValidateOffice(office),
                    CorpusDescription(options.Value), echarts, clock.GetUtcNow(), cancellationToken);
                // A download: opened from disk it runs its own inline charts, which the page's policy would refuse here.
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", name + ".html");
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationReport")
            .WithSummary("The chain's navigation report (专利导航报告) for a region and period: format=html (default) one self-contained HTML file along GB/T 39551 (需求 → 数据 → 分析 → 定位 → 路径), charts and data inside; format=xlsx every table as a sheet.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/chains/{id}/nodes/{nodeId}/patents", async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> (
                string id, string nodeId, [AsParameters] NodePatentsQuery query, ChainCatalog catalog, EffectVocabulary effects, SearchService search, CancellationToken cancellationToken) =>
            {
                if (catalog.Find(id) is not { } chain)
                {
                    return NotFound($"No chain '{id}'.");
                }
                if (chain.AllNodes.FirstOrDefault(n => n.Id == nodeId) is not { } node)
                {
                    return NotFound($"Chain '{id}' has no node '{nodeId}'.");
                }
                var filters = FigureFilters(query, effects);
                return TypedResults.Ok(await search.SearchAsync(node.Query, filters,
                    new SearchBody { Q = node.QueryText, Size = query.Size, Cursor = query.Cursor, Sort = query.Sort ?? "-applicationDate", Facets = [] }, cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationNodePatents")
            .WithSummary("The patents behind any figure of a node: the node's total without region, the region's count with it, and one bar, slice, cell or row with year, type, legalState, applicant, inventor, applicantKind, province, city, county, outside, withoutRegion or effect; paged by cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>
    /// The filters behind one figure, each an AST node built from one validated value (never query text). No region
    /// means the node's total; <c>region</c> alone the region's count; <c>outside</c> the rest of the corpus.
    /// </summary>
    internal static List<QueryNode> FigureFilters(NodePatentsQuery query, EffectVocabulary effects)
    {
        var (code, yearFrom, yearTo) = Validate(query.Region ?? DefaultRegion, query.From, query.To);
        List<QueryNode> filters = [.. NavigationMapService.CorpusFilters(yearFrom, yearTo, ValidateOffice(query.Office))];
        if (query.Outside == true && query.Region is null)
        {
            throw new RequestValidationException("outside", "outside needs the region it is outside of.", "outside 须与 region 一起使用");
        }
        if (query.Region is not null)
        {
            filters.Add(query.Outside == true ? NavigationMapService.OutsideRegionFilter(code) : NavigationMapService.RegionFilter(code));
        }
        if (query.Year is { } year)
        {
            ValidateYear("year", year);
            filters.Add(new DateRangeNode(SearchField.ApplicationDate, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
        }
        if (query.Type is { } type)
        {
            filters.Add(FieldValue("type", SearchField.Type, type));
        }
        if (query.LegalState is { } state)
        {
            filters.Add(FieldValue("legalState", SearchField.LegalStatus, state));
        }
        if (query.ApplicantKind is { } kind)
        {
            filters.Add(FieldValue("applicantKind", SearchField.ApplicantKind, kind));
        }
        if (!string.IsNullOrWhiteSpace(query.Applicant))
        {
            // The maps list applicants by their key; a display name (with its legal form) finds the same key.
            filters.Add(new KeywordNode(SearchField.Applicant, Core.Normalization.ApplicantName.ToKey(query.Applicant)));
        }
        if (!string.IsNullOrWhiteSpace(query.Inventor))
        {
            filters.Add(new KeywordNode(SearchField.Inventor, query.Inventor.Trim()));
        }
        foreach (var (member, value, length) in new[] { ("province", query.Province, 2), ("city", query.City, 4), ("county", query.County, 6) })
        {
            if (value is null)
            {
                continue;
            }
            var trimmed = value.Trim();
            // A province, city or county code of its own level: city=14 is a province, province=1407 a city. NameOf
            // knows only 2-, 4- and 6-digit codes of the division table.
            var full = NavigationMapService.RegionCode(trimmed);
            if (RegionResolver.Default.NameOf(trimmed) is null || full[length..].Any(c => c != '0') || full[(length - 2)..length] == "00")
            {
                throw new RequestValidationException(member, $"{member} '{value}' is not a {member} code of GB/T 2260.", $"{member} 代码“{value}”无效");
            }
            filters.Add(NavigationMapService.RegionFilter(trimmed));
        }
        if (query.WithoutRegion == true)
        {
            filters.Add(NavigationMapService.WithoutRegionFilter);
        }
        if (query.Effect is { } effect)
        {
            filters.Add((effects.Find(effect.Trim()) ?? throw new RequestValidationException("effect",
                $"effect '{effect}' is not in the vocabulary ({string.Join(", ", effects.Effects.Select(e => e.Id))}).", $"技术功效“{effect}”不在词表中")).Query);
        }
        return filters;
    }

    /// <summary>One value of one field through the query language's own value rules (发明, 有效, 高校 …), as a leaf node.</summary>
    private static QueryNode FieldValue(string member, SearchField field, string value)
    {
        try
        {
            return ValueParser.FieldValue(field, value, "=");
        }
        catch (QueryParseException error)
        {
            throw new RequestValidationException(member, error);
        }
    }

    private static readonly ExpertQueryParser ValueParser = new();

    private static void ValidateYear(string member, int? year)
    {
        if (year is < 1985 or > 2100)
        {
            throw new RequestValidationException(member, $"{member} must be a year from 1985 to 2100.", $"{member} 须为 1985 到 2100 之间的年份");
        }
    }

    internal static (string Region, int? From, int? To) Validate(string? region, int? from, int? to)
    {
        var code = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim();
        // NameOf knows only 2-, 4- and 6-digit codes of the division table.
        if (RegionResolver.Default.NameOf(code) is null)
        {
            throw new RequestValidationException("region", $"region '{region}' is not a GB/T 2260 code (14, 1407, 140702).", $"地区代码“{region}”无效（如 14、1407、140702）");
        }
        ValidateYear("from", from);
        ValidateYear("to", to);
        if (from > to)
        {
            throw new RequestValidationException("from", "from is after to.", "起始年份晚于结束年份");
        }
        return (code, from, to);
    }

    /// <summary>Maps count CN publications unless asked for another office (<c>US</c>, <c>中国台湾</c>) or <c>all</c>.</summary>
    internal static string? ValidateOffice(string? office)
    {
        if (string.IsNullOrWhiteSpace(office))
        {
            return Core.Normalization.PatentOffice.China;
        }
        if (office.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Core.Normalization.PatentOffice.Parse(office)
            ?? throw new RequestValidationException("office", $"office '{office}' is not an office code (CN, US, WO …) or 'all'.", $"公开国别“{office}”无效（如 CN、US、WO，或 all）");
    }

    /// <summary>What the maps count, for the report's statement of its corpus.</summary>
    private static string CorpusDescription(Configuration.PatentNavOptions options) => options.DemoCorpus is null
        ? "本服务索引中的专利：内置语料（data/demo 的真实专利文本与 data/exports 的 Patentics、incoPat、CNKI 真实导出，来源与许可见 data/exports/README.md）及其后写入的专利"
        : $"本服务索引中的专利（首次启动语料：{Path.GetFileName(options.DemoCorpus.TrimEnd('/', '\\'))}）";

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found / 未找到", detail: detail);
}

/// <summary>Query parameters of a node's patents: the map's period, region and office, and the figure's own filters.</summary>
public sealed class NodePatentsQuery
{
    public string? Region { get; init; }
    public int? From { get; init; }
    public int? To { get; init; }
    public string? Office { get; init; }
    public int? Size { get; init; }
    public string? Cursor { get; init; }
    public string? Sort { get; init; }
    /// <summary>One application year (a point of the trend line).</summary>
    public int? Year { get; init; }
    public string? Type { get; init; }
    public string? LegalState { get; init; }
    /// <summary>An applicant as the map lists it (its key) or as written.</summary>
    public string? Applicant { get; init; }
    public string? Inventor { get; init; }
    public string? ApplicantKind { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? County { get; init; }
    /// <summary>Everything outside <see cref="Region"/> (external leaders and inventors).</summary>
    public bool? Outside { get; init; }
    /// <summary>Patents whose region is unknown.</summary>
    public bool? WithoutRegion { get; init; }
    /// <summary>Patents stating one effect of the vocabulary (a cell of the technology–effect matrix).</summary>
    public string? Effect { get; init; }
}

public sealed record ChainList(IReadOnlyList<ChainSummary> Chains);

public sealed record ChainSummary(string Id, string Name, string? Description, int Nodes);
