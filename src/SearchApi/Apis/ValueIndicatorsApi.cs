using PatentNav.Core.Valuation;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

public sealed record ValueIndicatorsResponse(string PublicationNumber, string? Title, IReadOnlyList<ValueIndicator> Indicators, string Note, string Engine);

/// <summary>Value indicators for transfer, licensing and pledge loans: each with its definition, no opaque score.</summary>
public static class ValueIndicatorsApi
{
    public const string Note = "各项指标均为数据中的事实及其定义，不合成综合评分；数据缺失的指标为空，不作推测。评估、质押融资请结合专业评估报告。";

    public static IEndpointRouteBuilder MapValueIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/patents/{number}/indicators", async (string number, SearchService service, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (record, engine) = await service.FindAsync(number, cancellationToken);
                return record is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patent not found / 未找到该专利", detail: $"No patent matches '{number}'.",
                        extensions: new Dictionary<string, object?> { ["number"] = number })
                    : Results.Ok(new ValueIndicatorsResponse(record.PublicationNumber ?? record.Id, record.Title,
                        ValueIndicators.Of(record, DateOnly.FromDateTime(clock.GetLocalNow().Date)), Note, engine));
            })
            .RequireCors(SiteKeys.CorsPolicy)
            .WithTags("search")
            .WithName("PatentIndicators")
            .WithSummary("Documented value indicators of one patent (remaining term, legal status, type, claims, IPC breadth, applicants), each with its definition.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
