using System.Diagnostics;
using System.Text.Json.Serialization;
using PatentNav.Core.Engine;
using PatentNav.Core.Marking;
using PatentNav.Core.Model;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST /api/v1/marking</c>: the number as printed and, if printed, the type.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MarkingBody
{
    public required string Number { get; init; }
    /// <summary>发明 / 发明专利, 实用新型, 外观设计 (or invention, utilityModel, design).</summary>
    public string? MarkedType { get; init; }
}

/// <summary>Body of <c>POST /api/v1/marking/batch</c>: an inspector's list of markings.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MarkingBatchBody
{
    public required IReadOnlyList<MarkingBody?> Markings { get; init; }
}

public sealed record MarkingPatentDto(string PublicationNumber, string? ApplicationNumber, string? Title, string Type, IReadOnlyList<string> Applicants,
    DateOnly? ApplicationDate, DateOnly? GrantDate, string LegalStatus, string? LegalStatusText,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? InForce, EnforceabilityDto? Enforceability);

public sealed record MarkingResponse(string Number, string? MarkedType, string? ApplicationNumber, string? TypeFromNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] MarkingPatentDto? Patent,
    IReadOnlyList<MarkingFinding> Findings, bool Correct);

public sealed record MarkingBatchResponse(IReadOnlyList<MarkingResponse> Results, int Correct, int Violations, int ToVerify, double TookMs);

/// <summary>专利标识检查: one marking, or a batch for an inspector; each problem a named finding with its rule.</summary>
public static class MarkingApi
{
    public static RouteGroupBuilder MapMarkingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/marking").WithTags("marking").RequireCors(SiteKeys.CorsPolicy);

        api.MapPost("", async (MarkingBody body, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
                TypedResults.Ok(await CheckAsync(new MarkingCheck(searcher, clock), Validate(body, "number", "markedType"), cancellationToken)))
            .WithName("Marking")
            .WithSummary("Patent marking check (专利标识检查): does the marked patent exist, is the type right, is it granted and in force?")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/batch", async (MarkingBatchBody body, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (body.Markings is not { Count: > 0 and <= MarkingCheck.MaxBatch } list)
                {
                    throw new RequestValidationException("markings", $"1 to {MarkingCheck.MaxBatch} markings.", $"标识数量须在 1 到 {MarkingCheck.MaxBatch} 之间");
                }
                var markings = list.Select((m, i) => Validate(m ?? throw new RequestValidationException($"markings[{i}]", "A marking is an object.", "标识须为对象"),
                    $"markings[{i}].number", $"markings[{i}].markedType")).ToList();
                return TypedResults.Ok(await BatchAsync(new MarkingCheck(searcher, clock), markings, cancellationToken));
            })
            .WithHeavyWorkLimit()
            .WithName("MarkingBatch")
            .WithSummary("Up to 1,000 markings at once (an inspector's list); the page reads a CSV of number,markedType into this.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/batch/csv", async (HttpRequest request, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var markings = await ReadCsvAsync(request, cancellationToken);
                return TypedResults.Ok(await BatchAsync(new MarkingCheck(searcher, clock), markings, cancellationToken));
            })
            .Accepts<string>("text/csv", ExportApi.XlsxContentType, "application/octet-stream")
            .WithHeavyWorkLimit()
            .WithName("MarkingBatchCsv")
            .WithSummary("An inspector's CSV (number,markedType; a header row is optional), checked as the JSON batch is.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>Rows of number[,markedType]; a first row that names columns (专利号, number) is a header. Errors name the row.</summary>
    private static async Task<List<PatentMarking>> ReadCsvAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var markings = new List<PatentMarking>();
        await foreach (var (row, number, type, where) in TableUpload.RowsAsync(request, cancellationToken))
        {
            if (row == 1 && (number.Contains('号', StringComparison.Ordinal) || number.Equals("number", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (number.Length == 0 && string.IsNullOrEmpty(type))
            {
                continue;
            }
            if (markings.Count >= MarkingCheck.MaxBatch)
            {
                throw new RequestValidationException("csv", $"At most {MarkingCheck.MaxBatch} markings per file.", $"每个文件最多 {MarkingCheck.MaxBatch} 条标识");
            }
            markings.Add(Validate(new MarkingBody { Number = number, MarkedType = type }, $"{where}: number", $"{where}: markedType"));
        }
        if (markings.Count == 0)
        {
            throw new RequestValidationException("csv", "The file holds no markings (number,markedType per row).", "文件中没有专利标识（每行：专利号,类型）");
        }
        return markings;
    }

    private static async Task<MarkingBatchResponse> BatchAsync(MarkingCheck check, IReadOnlyList<PatentMarking> markings, CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.StartNew();
        var results = new List<MarkingResponse>(markings.Count);
        foreach (var marking in markings)
        {
            results.Add(await CheckAsync(check, marking, cancellationToken));
        }
        return new MarkingBatchResponse(results, results.Count(r => r.Correct),
            results.Count(r => r.Findings.Any(f => f.Severity == MarkingRules.Violation)),
            results.Count(r => r.Findings.Count > 0 && r.Findings.All(f => f.Severity == MarkingRules.Verify)),
            Math.Round(clockStart.Elapsed.TotalMilliseconds, 2));
    }

    private static PatentMarking Validate(MarkingBody body, string numberMember, string typeMember)
    {
        if (body.Number is not { Length: > 0 and <= 64 } number || string.IsNullOrWhiteSpace(number))
        {
            throw new RequestValidationException(numberMember, "number: the number as printed, 1 to 64 characters.", "专利号为 1 到 64 个字符");
        }
        var (type, error) = MarkingRules.ParseMarkedType(body.MarkedType);
        if (error is not null)
        {
            throw new RequestValidationException(typeMember, error, "标注类型须为 发明、实用新型 或 外观设计");
        }
        return new PatentMarking(number, type);
    }

    private static async Task<MarkingResponse> CheckAsync(MarkingCheck check, PatentMarking marking, CancellationToken cancellationToken)
    {
        var result = await check.CheckAsync(marking, cancellationToken);
        var patent = result.Patent;
        return new MarkingResponse(marking.Number, marking.MarkedType is { } t ? SearchService.ContractName(t) : null, result.ApplicationNumber,
            result.TypeFromNumber is { } n ? SearchService.ContractName(n) : null,
            patent is null ? null : new MarkingPatentDto(patent.PublicationNumber ?? patent.Id, patent.ApplicationNumber, patent.Title, SearchService.ContractName(patent.Type),
                patent.Applicants, patent.ApplicationDate, patent.GrantDate, SearchService.ContractName(patent.LegalState), patent.LegalStatusText,
                result.Enforceability?.InForce, result.Enforceability is { } e ? new EnforceabilityDto(e.Code, e.Expiry, e.Note) : null),
            result.Findings, result.Correct);
    }
}
