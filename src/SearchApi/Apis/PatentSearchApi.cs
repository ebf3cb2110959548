using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
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

        api.MapGet("/search", async (
                [FromQuery] string q,
                [FromQuery] string[]? filter,
                [FromQuery] string? sort,
                [FromQuery] int? from,
                [FromQuery] int? size,
                [FromQuery] string? cursor,
                [FromQuery] string? facets,
                [FromQuery] bool? highlight,
                [FromQuery] string? collection,
                SearchService service,
                HttpContext http,
                CancellationToken cancellationToken) =>
                await SearchWithin(new SearchBody
                {
                    Q = q,
                    Filters = filter,
                    Sort = sort,
                    From = from,
                    Size = size,
                    Cursor = cursor,
                    Facets = facets is null ? null : [facets],
                    Highlight = highlight,
                    Collection = collection,
                }, service, http, cancellationToken))
            .WithHeavyWorkLimit()
            .WithName("SearchGet")
            .WithSummary("Expert search with CNIPA field codes (TI, AB, CL, PA, IPC, AD, …), facets, highlights and paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);


        api.MapPost("/search", async (SearchBody body, SearchService service, HttpContext http, CancellationToken cancellationToken) =>
                await SearchWithin(body, service, http, cancellationToken))
            .WithHeavyWorkLimit()
            .WithName("SearchPost")
            .WithSummary("Expert search with a JSON body.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/novelty", async (NoveltyBody body, SearchService service, CancellationToken cancellationToken) => TypedResults.Ok(await service.NoveltyAsync(body, cancellationToken)))
            .WithHeavyWorkLimit()
            .WithName("Novelty")
            .WithSummary("Novelty (查新) search: paste a project description, get ranked prior art with reasons.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/patents/{number}", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (
                string number, SearchService service, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
                await service.FindAsync(number, cancellationToken) is ({ } record, var engine)
                    ? TypedResults.Ok(WithEngine(record, engine, json.Value.SerializerOptions))
                    : TypedResults.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "Patent not found / 未找到该专利",
                        detail: $"No patent matches '{number}'.",
                        extensions: new Dictionary<string, object?> { ["number"] = number }))
            .Produces<PatentRecord>()
            .WithName("GetPatent")
            .WithSummary("One patent with its parsed claim tree; accepts publication numbers, application numbers and source ids in any pasted form.");

        return api;
    }

    /// <summary>A search, restricted to a collection's patents when one is named: only for a caller with an API key.</summary>
    private static async Task<IResult> SearchWithin(SearchBody body, SearchService service, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Collection is not { } id)
        {
            return TypedResults.Ok(await service.SearchAsync(body, cancellationToken));
        }
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required / 需要 API 密钥",
                detail: "Collections are user data: searching within one needs an X-Api-Key.", extensions: new Dictionary<string, object?> { ["member"] = "collection" });
        }
        // Resolved only here: a search without a collection never depends on the collection database.
        var collections = http.RequestServices.GetRequiredService<Collections.CollectionStore>();
        if (collections.Get(id) is not { } pool)
        {
            throw new RequestValidationException("collection", $"No collection '{id}'.", $"没有专题库“{id}”");
        }
        return TypedResults.Ok(await service.SearchAsync(body, CollectionsApi.QueryOf(pool, http.RequestServices.GetRequiredService<IOptions<Configuration.PatentNavOptions>>().Value), cancellationToken));
    }

    /// <summary>The record as it always was, plus <c>engine</c>: every read response names the engine that answered.</summary>
    private static JsonObject WithEngine(PatentRecord record, string engine, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(record, options)!.AsObject();
        node["engine"] = engine;
        return node;
    }
}
