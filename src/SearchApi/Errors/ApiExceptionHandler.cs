using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
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
            QueryParseException parse => Problem(StatusCodes.Status400BadRequest, parse.Kind == "limit" ? "Query over a limit / 检索式超出限制" : "Malformed query / 检索式有误",
                parse.MessageEn, new() { ["position"] = parse.Position, ["messageZh"] = parse.MessageZh, ["kind"] = parse.Kind }),
            RequestValidationException invalid => Problem(StatusCodes.Status400BadRequest, "Invalid request / 请求参数有误",
                invalid.Message, new() { ["member"] = invalid.Member, ["messageZh"] = invalid.MessageZh }),
            FormatException format => Problem(StatusCodes.Status400BadRequest, "Invalid request / 请求参数有误", format.Message, []),
            EngineNotReadyException notReady => NotReady(httpContext, notReady),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large / 请求体过大" : "Bad request / 请求无效",
                Describe(bad), []),
            _ => null,
        };
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

    /// <summary>JSON errors name the member and position so a client can fix its body.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"Invalid JSON body at {json.Path ?? "$"} (line {json.LineNumber}, byte {json.BytePositionInLine}): {FirstSentence(json.Message)}",
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
