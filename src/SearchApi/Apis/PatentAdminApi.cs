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

        admin.MapPost("/patents", async (IReadOnlyList<System.Text.Json.JsonElement> records, PatentWriteService writes) => TypedResults.Ok(await writes.UpsertAsync(records)))
            .WithName("UpsertPatents")
            .WithSummary("Index or replace patents given in the canonical JSON format; malformed records are returned with their reasons.");

        admin.MapDelete("/patents/{number}", async Task<Results<Ok<DeleteResult>, ProblemHttpResult>> (string number, PatentWriteService writes) =>
                await writes.DeleteAsync(number) is { Deleted: > 0 } result
                    ? TypedResults.Ok(result)
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patent not found / 未找到该专利", detail: $"No patent matches '{number}'."))
            .WithName("DeletePatent");

        admin.MapGet("/admin/index", async (IPatentIndexAdmin engines, SearchEngineHost host, CancellationToken cancellationToken) =>
                TypedResults.Ok(IndexInfo.From(await engines.GetStatsAsync(cancellationToken), host.Status)))
            .WithName("IndexInfo")
            .WithSummary("Each engine's document count and state, and the writes waiting for the cluster (journal).");
        return admin;
    }
}

public sealed record DeleteResult(string Id, int Deleted);

/// <summary>
/// The admin view of the index. <see cref="Documents"/>, <see cref="SizeBytes"/> and <see cref="LastCommit"/> are the
/// embedded index's (the source of truth every write reaches first); <see cref="Engines"/> lists every engine with its
/// count; <see cref="Journal"/> is null when no cluster is configured.
/// </summary>
public sealed record IndexInfo(long? Documents, long? SizeBytes, IReadOnlyDictionary<string, string> LastCommit, string Status, IReadOnlyList<EngineStats> Engines, JournalInfo? Journal)
{
    public static IndexInfo From(IReadOnlyList<EngineStats> engines, string status)
    {
        var embedded = engines.FirstOrDefault(e => e.Engine == "lucene") ?? engines[0];
        var journal = engines.FirstOrDefault(e => e.Details.ContainsKey(JournalInfo.DepthKey)) is { } cluster ? JournalInfo.From(cluster.Details) : null;
        return new IndexInfo(embedded.Documents, embedded.SizeBytes, embedded.Details, status, engines, journal);
    }
}

/// <summary>Writes the cluster has not yet acknowledged, waiting in the durable journal for replay.</summary>
public sealed record JournalInfo(long Depth, string? OldestAt, string? LastReplayAt, string? LastError)
{
    public const string DepthKey = "journal.depth";

    public static JournalInfo From(IReadOnlyDictionary<string, string> details) => new(
        long.Parse(details[DepthKey], System.Globalization.CultureInfo.InvariantCulture),
        details.GetValueOrDefault("journal.oldestAt"),
        details.GetValueOrDefault("journal.lastReplayAt"),
        details.GetValueOrDefault("journal.lastError"));
}

public sealed record UpsertResponse(int Received, int Added, int Updated, IReadOnlyList<RejectedRecord> Rejected);

public sealed record RejectedRecord(int Index, string Reason);
