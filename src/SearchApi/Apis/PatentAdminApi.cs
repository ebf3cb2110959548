using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Core.Engine;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>Write and admin endpoints; every one needs an API key.</summary>
public static class PatentAdminApi
{
    public static RouteGroupBuilder MapPatentAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1").WithTags("admin").RequireApiKey();

        admin.MapPost("/patents", (IReadOnlyList<System.Text.Json.JsonElement> records, PatentWriteService writes) => TypedResults.Ok(writes.Upsert(records)))
            .WithName("UpsertPatents")
            .WithSummary("Index or replace patents given in the canonical JSON format; malformed records are returned with their reasons.");

        admin.MapDelete("/patents/{number}", Results<Ok<DeleteResult>, ProblemHttpResult> (string number, PatentWriteService writes) =>
                writes.Delete(number) is { Deleted: > 0 } result
                    ? TypedResults.Ok(result)
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patent not found / 未找到该专利", detail: $"No patent matches '{number}'."))
            .WithName("DeletePatent");

        admin.MapGet("/admin/index", (SearchEngineHost host) => TypedResults.Ok(new IndexInfo(
                host.Index.IndexPath, host.Index.DocumentCount, host.Index.SizeInBytes, host.Index.LastCommitData, host.Status)))
            .WithName("IndexInfo");
        return admin;
    }
}

public sealed record DeleteResult(string Id, int Deleted);

public sealed record IndexInfo(string Path, long Documents, long SizeBytes, IReadOnlyDictionary<string, string> LastCommit, string Status);

public sealed record UpsertResponse(int Received, int Added, int Updated, IReadOnlyList<RejectedRecord> Rejected);

public sealed record RejectedRecord(int Index, string Reason);
