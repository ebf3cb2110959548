using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.SearchApi.Apis;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Errors;

/// <summary>Maps every failure to a ProblemDetails response; nothing a client sends reaches the client as a 500 with a stack trace.</summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            QueryParseException parse => Problem(StatusCodes.Status400BadRequest, QueryTitle(parse.Kind),
                parse.MessageEn, new() { ["position"] = parse.Position, ["messageZh"] = parse.MessageZh, ["kind"] = parse.Kind }),
            RequestValidationException { Kind: { } kind } query => Problem(StatusCodes.Status400BadRequest, QueryTitle(kind),
                $"{query.Member}: {query.Message}",
                new() { ["member"] = query.Member, ["position"] = query.Position, ["messageZh"] = query.MessageZh, ["kind"] = query.Kind }),
            RequestValidationException invalid => Problem(StatusCodes.Status400BadRequest, "Invalid request / 请求参数有误",
                invalid.Message, new() { ["member"] = invalid.Member, ["messageZh"] = invalid.MessageZh }),
            SearchBudgetExceededException budget => Problem(StatusCodes.Status400BadRequest, QueryTitle("limit"),
                $"The search ran longer than its {budget.Budget.TotalMilliseconds:F0} ms budget and was stopped; make it more specific (fewer wildcards, fewer or narrower terms).",
                new() { ["messageZh"] = $"检索耗时超过 {budget.Budget.TotalMilliseconds:F0} 毫秒的上限，已停止；请缩小检索范围", ["kind"] = "limit", ["budgetMs"] = budget.Budget.TotalMilliseconds }),
            FormatException format => Problem(StatusCodes.Status400BadRequest, "Invalid request / 请求参数有误", format.Message, []),
            EngineNotReadyException notReady => NotReady(httpContext, notReady),
            _ when StorageFailure.IsNoSpace(exception) => Problem(StatusCodes.Status507InsufficientStorage, "No space left / 磁盘空间不足",
                "The server has no disk space left to write; nothing of this request was committed. Free space and retry.",
                new() { ["messageZh"] = "服务器磁盘空间不足，本次请求未写入任何内容" }),
            ObjectDisposedException => Unavailable(httpContext, "The index is closed (the service is stopping, or its writer stopped after a storage failure); nothing of this request was committed."),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large / 请求体过大" : "Bad request / 请求无效",
                Describe(bad), bad.InnerException is JsonException { Path: { } path } ? new() { ["member"] = path } : []),
            _ => null,
        };
        if (problem is null && exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away and the work stopped with it: nobody is left to answer, and it is not a server error.
            httpContext.Response.StatusCode = 499;
            return true;
        }
        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Internal error / 服务内部错误", "The request failed; it has been logged.", []);
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails NotReady(HttpContext context, EngineNotReadyException notReady)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Search engine not ready / 检索引擎尚未就绪", notReady.Message, new() { ["engineStatus"] = notReady.EngineStatus });
    }

    private static string QueryTitle(string kind) =>
        kind == "limit" ? "Query over a limit / 检索式超出限制" : "Malformed query / 检索式有误";

    private static ProblemDetails Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "30";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable / 服务暂不可用", detail, []);
    }

    /// <summary>JSON errors name the member and position so a client can fix its body.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"Invalid JSON body at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): {FirstSentence(json.Message)}",
        _ => bad.Message,
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    private static ProblemDetails Problem(int status, string title, string detail, Dictionary<string, object?> extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}

/// <summary>Recognises a full disk in the exception chain, whichever layer (Lucene, a FileStream) wrapped it.</summary>
public static class StorageFailure
{
    // ENOSPC on Linux (.NET keeps errno as the HResult of unmapped IO errors), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly HashSet<int> NoSpaceCodes = [28, unchecked((int)0x80070070), unchecked((int)0x80070027), 112, 39];

    public static bool IsNoSpace(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (NoSpaceCodes.Contains(io.HResult) || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }
}
