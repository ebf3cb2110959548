using Microsoft.Extensions.Options;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>
/// Widget site keys (<c>PatentNav:Sites</c>): a request carrying <c>X-Site-Key</c> must name a configured site, come from
/// one of its origins and call a public search endpoint; CORS admits exactly the origins some site lists.
/// </summary>
public static class SiteKeys
{
    public const string Header = "X-Site-Key";
    public const string CorsPolicy = "sites";

    public static IServiceCollection AddSiteKeyCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptionsMonitor<PatentNavOptions>>((cors, sites) => cors.AddPolicy(CorsPolicy, policy => policy
                // Evaluated per request from the live options, so a changed site list applies without a restart.
                .SetIsOriginAllowed(origin => IsAllowedOrigin(sites.CurrentValue, origin))
                .WithMethods("GET", "POST")
                .WithHeaders(Header, "Content-Type")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>True when some configured site lists <paramref name="origin"/> (exact, case-insensitive scheme and host).</summary>
    public static bool IsAllowedOrigin(PatentNavOptions options, string origin) =>
        options.Sites.Values.Any(s => Allows(s, origin));

    private static bool Allows(SiteOptions site, string origin) =>
        site.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>The public endpoints a site key may reach: search (GET/POST), novelty (POST), one patent (GET).</summary>
    public static bool IsPublicEndpoint(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var get = HttpMethods.IsGet(request.Method);
        var post = HttpMethods.IsPost(request.Method);
        if (path.Equals("/api/v1/search", StringComparison.OrdinalIgnoreCase))
        {
            return get || post;
        }
        if (path.Equals("/api/v1/novelty", StringComparison.OrdinalIgnoreCase))
        {
            return post;
        }
        const string patents = "/api/v1/patents/";
        return get && path.StartsWith(patents, StringComparison.OrdinalIgnoreCase)
            && path.Length > patents.Length && path.IndexOf('/', patents.Length) < 0;
    }

    /// <summary>Refuses (403) site-key requests with an unknown key, a foreign or missing Origin, or a non-public endpoint.</summary>
    public static IApplicationBuilder UseSiteKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers[Header] is not { Count: > 0 } given)
        {
            await next(context);
            return;
        }
        var options = context.RequestServices.GetRequiredService<IOptions<PatentNavOptions>>().Value;
        var origin = context.Request.Headers.Origin.ToString();
        var reason = !options.Sites.TryGetValue(given[0]!, out var site) ? "unknown site key / 未知的站点密钥"
            : !Allows(site, origin) ? "origin not allowed for this site key / 该来源未获此站点密钥授权"
            : !IsPublicEndpoint(context.Request) ? "site keys may call only the public search endpoints / 站点密钥只能调用公开检索接口"
            : null;
        if (reason is null)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden / 禁止访问", Detail = reason },
        });
    });
}
