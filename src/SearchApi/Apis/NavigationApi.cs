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
                return TypedResults.Ok(await maps.MapAsync(chain, code, yearFrom, yearTo, RegionResolver.Default.NameOf(code), ValidateOffice(office), cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationChain")
            .WithSummary("One chain for a region (default 晋中 1407) and application years: each node's total, the region's count, share and location quotient, and its positioning (优势/一般/短板/空白/无数据, 热点).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/chains/{id}/nodes/{nodeId}/patents", async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> (
                string id, string nodeId, string? region, int? from, int? to, string? office, int? size, string? cursor, string? sort,
                ChainCatalog catalog, SearchService search, CancellationToken cancellationToken) =>
            {
                if (catalog.Find(id) is not { } chain)
                {
                    return NotFound($"No chain '{id}'.");
                }
                if (chain.AllNodes.FirstOrDefault(n => n.Id == nodeId) is not { } node)
                {
                    return NotFound($"Chain '{id}' has no node '{nodeId}'.");
                }
                // No region means the node's total; a region means that region's count, as the map shows them.
                var (code, yearFrom, yearTo) = Validate(region ?? DefaultRegion, from, to);
                List<QueryNode> filters = [.. NavigationMapService.CorpusFilters(yearFrom, yearTo, ValidateOffice(office))];
                if (region is not null)
                {
                    filters.Add(NavigationMapService.RegionFilter(code));
                }
                return TypedResults.Ok(await search.SearchAsync(node.Query, filters,
                    new SearchBody { Q = node.QueryText, Size = size, Cursor = cursor, Sort = sort ?? "-applicationDate", Facets = [] }, cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("NavigationNodePatents")
            .WithSummary("The patents behind a node's figure: the node's total without region, the region's count with it; paged by cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static (string Region, int? From, int? To) Validate(string? region, int? from, int? to)
    {
        var code = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim();
        if (code.Length is not (2 or 4 or 6) || !code.All(char.IsAsciiDigit) || RegionResolver.Default.NameOf(code) is null)
        {
            throw new RequestValidationException("region", $"region '{region}' is not a GB/T 2260 code (14, 1407, 140702).", $"地区代码“{region}”无效（如 14、1407、140702）");
        }
        foreach (var (member, year) in new[] { ("from", from), ("to", to) })
        {
            if (year is < 1985 or > 2100)
            {
                throw new RequestValidationException(member, $"{member} must be a year from 1985 to 2100.", $"{member} 须为 1985 到 2100 之间的年份");
            }
        }
        if (from > to)
        {
            throw new RequestValidationException("from", "from is after to.", "起始年份晚于结束年份");
        }
        return (code, from, to);
    }

    /// <summary>Maps count CN publications unless asked for another office (<c>US</c>, <c>中国台湾</c>) or <c>all</c>.</summary>
    private static string? ValidateOffice(string? office)
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

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found / 未找到", detail: detail);
}

public sealed record ChainList(IReadOnlyList<ChainSummary> Chains);

public sealed record ChainSummary(string Id, string Name, string? Description, int Nodes);
