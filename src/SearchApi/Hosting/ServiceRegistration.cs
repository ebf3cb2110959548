using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PatentNav.Core.Model;
using PatentNav.SearchApi.Apis;
using PatentNav.SearchApi.Configuration;
using PatentNav.SearchApi.Errors;
using PatentNav.SearchApi.Telemetry;

namespace PatentNav.SearchApi.Hosting;

/// <summary>One extension method per concern, so Program.cs reads as a table of contents.</summary>
public static class ServiceRegistration
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static WebApplicationBuilder AddPatentNavOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PatentNavOptions>()
            .Bind(builder.Configuration.GetSection(PatentNavOptions.Section))
            .PostConfigure(o =>
            {
                if (Environment.GetEnvironmentVariable("PATENTNAV_DATA_DIR") is { Length: > 0 } dataDir)
                {
                    o.DataDir = dataDir;
                }
            });
        var bodyLimit = builder.Configuration.GetValue<long?>($"{PatentNavOptions.Section}:Query:MaxRequestBodyBytes") ?? new QueryOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bodyLimit);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            var shared = PatentJson.Options;
            json.SerializerOptions.DefaultIgnoreCondition = shared.DefaultIgnoreCondition;
            json.SerializerOptions.Encoder = shared.Encoder;
        });
        return builder;
    }

    /// <summary>
    /// Refuses bodies over the configured size with 413 before reading them. Kestrel enforces the same limit on
    /// streamed bodies; this also covers hosts that do not (the test server) and answers with ProblemDetails.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<PatentNavOptions>>().Value.Query.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large / 请求体过大", Detail = $"Bodies may be at most {limit} bytes." },
            });
            return;
        }
        await next(context);
    });

    public static IServiceCollection AddSearchEngine(this IServiceCollection services)
    {
        services.AddSingleton<SearchEngineHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchEngineHost>());
        services.AddSingleton<SearchService>();
        services.AddSingleton<PatentWriteService>();
        return services;
    }

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Binding failures (bad JSON, missing members) go through the exception handler as 400 ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Fixed-window limits per client: widget site key (with that site's limit), else API key, else the remote address.</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<PatentNavOptions>>().Value;
                var settings = options.RateLimit;
                var permits = settings.PermitLimit;
                string client;
                // UseSiteKeys has already refused unknown site keys, so each partition here is a configured site with its own limit.
                if (context.Request.Headers[SiteKeys.Header] is { Count: > 0 } site && options.Sites.TryGetValue(site[0]!, out var siteOptions))
                {
                    client = "site:" + site[0];
                    permits = siteOptions.PermitLimit;
                }
                else
                {
                    client = context.Request.Headers[ApiKeyHeader] is { Count: > 0 } key
                        ? "key:" + key[0]
                        : "ip:" + context.Connection.RemoteIpAddress;
                }
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests / 请求过于频繁", Detail = $"Retry after {retryAfter} s." },
                });
            };
        });
        return services;
    }

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<EngineReadyCheck>("engine", tags: ["ready"]);
        return services;
    }

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<PatentNavMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PatentNavMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).DisableRateLimiting();
        return app;
    }

    /// <summary>Write and admin endpoints need a configured API key in <c>X-Api-Key</c>; with none configured they are closed.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<IOptions<PatentNavOptions>>().Value.ApiKeys;
            var given = context.HttpContext.Request.Headers[ApiKeyHeader].ToString();
            var givenBytes = Encoding.UTF8.GetBytes(given);
            var accepted = given.Length > 0 && keys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), givenBytes));
            return accepted
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required / 需要 API 密钥",
                    detail: $"This endpoint needs a valid {ApiKeyHeader} header.");
        });
}

/// <summary>Ready only when the index is open and the analyzer warmed.</summary>
internal sealed class EngineReadyCheck(SearchEngineHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.IsReady ? HealthCheckResult.Healthy(host.Status) : HealthCheckResult.Unhealthy(host.Status));
}
