using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatentNav.SearchApi.Hosting;
using PatentNav.Core.Model;

namespace PatentNav.SearchApi.Apis;

/// <summary>The public search endpoints: expert search, novelty search and patent detail.</summary>
public static class PatentSearchApi
{
    public const string PublicPolicy = "public";

    public static RouteGroupBuilder MapPatentSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("search").RequireCors(Hosting.SiteKeys.CorsPolicy);

        api.MapGet("/search", (
                [FromQuery] string q,
                [FromQuery] string[]? filter,
                [FromQuery] string? sort,
                [FromQuery] int? from,
                [FromQuery] int? size,
                [FromQuery] string? cursor,
                [FromQuery] string? facets,
                [FromQuery] bool? highlight,
                SearchService service,
                CancellationToken cancellationToken) =>
                TypedResults.Ok(service.Search(new SearchBody
                {
                    Q = q,
                    Filters = filter,
                    Sort = sort,
                    From = from,
                    Size = size,
                    Cursor = cursor,
                    Facets = facets is null ? null : [facets],
                    Highlight = highlight,
                }, cancellationToken)))
            .WithHeavyWorkLimit()
            .WithName("SearchGet")
            .WithSummary("Expert search with CNIPA field codes (TI, AB, CL, PA, IPC, AD, …), facets, highlights and paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);


        api.MapPost("/search", (SearchBody body, SearchService service, CancellationToken cancellationToken) => TypedResults.Ok(service.Search(body, cancellationToken)))
            .WithHeavyWorkLimit()
            .WithName("SearchPost")
            .WithSummary("Expert search with a JSON body.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/novelty", (NoveltyBody body, SearchService service, CancellationToken cancellationToken) => TypedResults.Ok(service.Novelty(body, cancellationToken)))
            .WithHeavyWorkLimit()
            .WithName("Novelty")
            .WithSummary("Novelty (查新) search: paste a project description, get ranked prior art with reasons.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/patents/{number}", Results<Ok<PatentRecord>, ProblemHttpResult> (string number, SearchService service) =>
                service.Find(number) is { } record
                    ? TypedResults.Ok(record)
                    : TypedResults.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "Patent not found / 未找到该专利",
                        detail: $"No patent matches '{number}'.",
                        extensions: new Dictionary<string, object?> { ["number"] = number }))
            .WithName("GetPatent")
            .WithSummary("One patent with its parsed claim tree; accepts publication numbers, application numbers and source ids in any pasted form.");

        return api;
    }
}
