using Microsoft.Extensions.Options;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>
/// Response headers that make the page and the API hard to misuse from other sites: no MIME sniffing, no referrer to
/// other hosts, a Content-Security-Policy that admits only this service's own scripts and styles, and framing only by this
/// service and the configured widget sites. The widget itself is a script on the host page, not a frame, so it stays
/// embeddable anywhere a site key allows; its script may be loaded cross-origin.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The web page: its scripts, styles and requests come from this service only.</summary>
    public const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The Scalar API reference configures itself with an inline script and inline styles.</summary>
    private const string ApiReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            var sites = context.RequestServices.GetRequiredService<IOptionsMonitor<PatentNavOptions>>().CurrentValue.Sites.Values
                .SelectMany(s => s.AllowedOrigins)
                .Select(o => o.TrimEnd('/'))
                .Where(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && o.IndexOfAny([' ', ';', ',', '\'']) < 0)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            var frameAncestors = "frame-ancestors " + string.Join(' ', ["'self'", .. sites]);
            var policy = path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
                ? ApiReferencePolicy
                : PagePolicy;
            headers.ContentSecurityPolicy = policy + "; " + frameAncestors;
            if (path.Equals("/widget.js", StringComparison.OrdinalIgnoreCase))
            {
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
