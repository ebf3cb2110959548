using System.Text.Json.Serialization;
using PatentNav.Core.Engine;
using PatentNav.Core.Novelty;
using PatentNav.NavigationMaps;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST /api/v1/pre-examination</c>: a draft application's title, abstract and claims.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PreExaminationBody
{
    public required string Title { get; init; }
    public string? Abstract { get; init; }
    public string? Claims { get; init; }
}

/// <summary>快速预审 scope check: suggested IPC for a draft and whether it falls in the pre-examined fields.</summary>
public static class PreExaminationApi
{
    public const int MaxTextLength = 20_000;

    public static IEndpointRouteBuilder MapPreExaminationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/pre-examination", async (PreExaminationBody body, PreExaminationScope scope, IPatentSearcher searcher, SearchEngineHost host, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200)
                {
                    throw new RequestValidationException("title", "title: the draft's title, 1 to 200 characters.", "名称须为 1 到 200 个字符");
                }
                var text = string.Join("\n", new[] { body.Title, body.Abstract, body.Claims }.Where(t => !string.IsNullOrWhiteSpace(t)));
                if (text.Length > MaxTextLength)
                {
                    throw new RequestValidationException("claims", $"title, abstract and claims together at most {MaxTextLength} characters.", $"名称、摘要与权利要求合计最多 {MaxTextLength} 个字符");
                }
                // The novelty search's IPC suggestion: neighbour votes, mixed with the index's classifier once it is trained.
                var novelty = await new NoveltySearch(searcher) { Classifier = host.IpcClassifier }.SearchAsync(new NoveltyRequest { Text = text, Size = 10 }, cancellationToken);
                return TypedResults.Ok(scope.Check(body.Title, novelty.SuggestedIpc));
            })
            .RequireCors(SiteKeys.CorsPolicy)
            .WithHeavyWorkLimit()
            .WithTags("tools")
            .WithName("PreExamination")
            .WithSummary("快速预审 scope check: the suggested IPC of a draft and whether it falls in the pre-examined fields (new energy, modern equipment manufacturing); the centre's official list prevails.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
