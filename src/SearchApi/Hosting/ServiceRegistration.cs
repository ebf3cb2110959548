using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PatentNav.Core.Engine;
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
            // A body is read as strictly as it is written: null where the contract has no null, or a member given twice
            // (which one would win?), is a 400 that names the member, not a NullReferenceException or a silent choice.
            json.SerializerOptions.RespectNullableAnnotations = true;
            json.SerializerOptions.RespectRequiredConstructorParameters = true;
            json.SerializerOptions.AllowDuplicateProperties = false;
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
        services.AddSingleton<EngineGateway>();
        services.AddSingleton<IPatentSearcher>(sp => sp.GetRequiredService<EngineGateway>());
        services.AddSingleton<IPatentIndexWriter>(sp => sp.GetRequiredService<EngineGateway>());
        services.AddSingleton<IPatentIndexAdmin>(sp => sp.GetRequiredService<EngineGateway>());
        services.AddSingleton<SearchService>();
        // Chain files are checked at start: a broken one stops the service with its file, line and column.
        services.AddSingleton(sp => NavigationMaps.ChainCatalog.Load(
            sp.GetRequiredService<IOptions<PatentNavOptions>>().Value.ChainsDir ?? Path.Combine(AppContext.BaseDirectory, "chains")));
        services.AddSingleton(sp => new NavigationMaps.NavigationMapService(sp.GetRequiredService<IPatentSearcher>()));
        services.AddSingleton<NavigationMaps.NavigationReports>();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
        services.AddSingleton(sp => NavigationMaps.EffectVocabulary.Load(
            sp.GetRequiredService<IOptions<PatentNavOptions>>().Value.EffectsFile ?? Path.Combine(AppContext.BaseDirectory, "effects", "technical-effects.effects")));
        // Like the chains, the scope file is checked at start: an unknown chain or node stops the service with its line.
        services.AddSingleton(sp => NavigationMaps.PreExaminationScope.Load(
            sp.GetRequiredService<IOptions<PatentNavOptions>>().Value.PreExaminationScopeFile ?? Path.Combine(AppContext.BaseDirectory, "scopes", "pre-examination.scope"),
            sp.GetRequiredService<NavigationMaps.ChainCatalog>()));
        // Collections (专利池, 专题库) are user data: a SQLite file beside the index, outside the index itself.
        services.AddSingleton(sp => new Collections.CollectionStore(
            Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<PatentNavOptions>>().Value.DataDir), "collections.db"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PatentWriteService>();
        services.AddSingleton<HeavyWorkLimiter>();
        return services;
    }

    /// <summary>API keys as an authentication scheme, and the policy that write, admin and metrics endpoints require.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// A request that presents a key which does not validate is refused (401) on every endpoint, after the rate limiter
    /// has counted it against the client's address: a client with a wrong key learns it at once instead of running
    /// anonymously, and guessing keys costs the guesser's own budget.
    /// </summary>
    public static IApplicationBuilder UseInvalidKeyRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ApiKeyAuthenticationHandler.GivenKey(context.Request) is not null && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
            return;
        }
        await next(context);
    });

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
                // Partitions are validated identities only. UseSiteKeys has already refused unknown site keys; an API key
                // counts as itself only once authentication accepted it, so made-up keys all share the caller's address.
                if (context.Request.Headers[SiteKeys.Header] is { Count: > 0 } site && options.Sites.TryGetValue(site[0]!, out var siteOptions))
                {
                    client = "site:" + site[0];
                    permits = siteOptions.PermitLimit;
                }
                else if (context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId)
                {
                    client = "key:" + keyId.Value;
                }
                else
                {
                    client = "ip:" + context.Connection.RemoteIpAddress;
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
            .AddCheck<EngineLiveCheck>("live", tags: ["live"])
            .AddCheck<EngineReadyCheck>("engine", tags: ["ready"]);
        return services;
    }

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<PatentNavMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PatentNavMetrics.MeterName)
            .AddMeter(PatentNav.Engine.Failover.EngineMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteReadiness,
            // Degraded covers two cases: still starting (not ready: 503, set by WriteReadiness) and serving from the
            // embedded fallback while the cluster is away (ready: 200). Only a failed start is Unhealthy.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableRateLimiting();
        return app;
    }

    /// <summary>
    /// Readiness as JSON: the probe's status, what the engine is doing (<c>indexing demo corpus: 37 % (24000 records read)</c>)
    /// and, when Degraded, why (<c>cluster unavailable: answering from the embedded index</c>).
    /// </summary>
    private static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        var host = context.RequestServices.GetRequiredService<SearchEngineHost>();
        if (!host.IsReady)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        context.Response.ContentType = "application/json";
        var reason = report.Entries.Values.Select(e => e.Description).FirstOrDefault(d => d is not null && report.Status != HealthStatus.Healthy);
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), engine = host.Status, reason });
    }

    /// <summary>Write and admin endpoints need a configured API key in <c>X-Api-Key</c>; with none configured they are closed.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyAuthenticationHandler.Policy);
}

/// <summary>Ready only when the index is open, the analyzer warm and the bundled corpus fully in.</summary>
internal sealed class EngineReadyCheck(SearchEngineHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.State switch
        {
            EngineState.Ready when host.DegradedReason is { } reason => HealthCheckResult.Degraded(reason),
            EngineState.Ready => HealthCheckResult.Healthy(host.Status),
            EngineState.Failed => HealthCheckResult.Unhealthy(host.Status),
            _ => HealthCheckResult.Degraded(host.Status),
        });
}

/// <summary>Alive unless the engine failed to start: a supervisor's restart is then the remedy (and resumes a first start).</summary>
internal sealed class EngineLiveCheck(SearchEngineHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.State == EngineState.Failed ? HealthCheckResult.Unhealthy(host.Status) : HealthCheckResult.Healthy());
}
