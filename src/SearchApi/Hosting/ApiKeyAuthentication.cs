using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PatentNav.SearchApi.Configuration;

namespace PatentNav.SearchApi.Hosting;

/// <summary>
/// Authenticates <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>, which Prometheus scrapers send) against
/// <c>PatentNav:ApiKeys</c>. Everything downstream — the rate limiter's partitions, the admin endpoints, <c>/metrics</c> —
/// sees only a validated identity, never the raw header: a made-up key is not a fresh rate-limit bucket.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<PatentNavOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Policy = "api-key";
    /// <summary>Claim with a short fingerprint of the key (never the key itself), used as the rate-limit partition.</summary>
    public const string KeyIdClaim = "patentnav:key-id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (GivenKey(Request) is not { } given)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var givenBytes = Encoding.UTF8.GetBytes(given);
        var matched = false;
        // Compare with every configured key in fixed time, so timing does not reveal how much of a key was right.
        foreach (var key in options.Value.ApiKeys)
        {
            matched |= key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), givenBytes);
        }
        if (!matched)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, KeyId(given)), new Claim(ClaimTypes.Name, "api-key:" + KeyId(given))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ServiceRegistration.ApiKeyHeader}\"";
        var invalid = GivenKey(Request) is not null;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = invalid ? "Invalid API key / API 密钥无效" : "API key required / 需要 API 密钥",
                Detail = invalid
                    ? $"The {ServiceRegistration.ApiKeyHeader} given is not a configured key."
                    : $"This endpoint needs a valid {ServiceRegistration.ApiKeyHeader} header.",
            },
        });
    }

    /// <summary>The credential a request presents, or null for an anonymous request.</summary>
    public static string? GivenKey(HttpRequest request)
    {
        if (request.Headers[ServiceRegistration.ApiKeyHeader] is { Count: > 0 } header)
        {
            return header.ToString();
        }
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    private static string KeyId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
}
