using PatentNav.SearchApi.Apis;
using PatentNav.SearchApi.Hosting;
using Scalar.AspNetCore;

// Engine work is synchronous CPU on pool threads. With the pool's default minimum (one thread per core) a probe or a
// page load arriving while the cores are busy waits for the pool to grow, about half a second per thread; spare
// threads keep them answering in milliseconds while HeavyWorkLimiter bounds how much engine work runs at once.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 32), minIo);

var builder = WebApplication.CreateBuilder(args);

builder.AddPatentNavOptions();
builder.Services.AddSearchEngine();
builder.Services.AddApiProblemDetails();
builder.Services.AddApiKeyAuthentication();
builder.Services.AddApiRateLimiting();
builder.Services.AddSiteKeyCors();
builder.Services.AddApiHealthChecks();
builder.Services.AddApiTelemetry();
// Search and novelty JSON compresses several-fold; Brotli first, gzip for older clients.
builder.Services.AddResponseCompression(o => o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>());
builder.Services.AddOpenApi(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);

var app = builder.Build();

// Chain files and the effect vocabulary are data an analyst edits: a broken one stops the start here, with its file,
// line and column, rather than failing the first map request.
app.Services.GetRequiredService<PatentNav.NavigationMaps.ChainCatalog>();
app.Services.GetRequiredService<PatentNav.NavigationMaps.EffectVocabulary>();

app.UseSecurityHeaders();
app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
// The web page and widget script are plain files from wwwroot, served before limits so page loads never count against searches.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.UseSiteKeys();
app.UseAuthentication();
app.UseRateLimiter();
app.UseInvalidKeyRefusal();
app.UseAuthorization();
app.UseRequestBodyLimit();

app.MapHealth();
app.MapOpenApi().DisableRateLimiting();
app.MapScalarApiReference("/api").DisableRateLimiting();
// Per-route traffic and exception types are for operators: an API key (X-Api-Key or Authorization: Bearer) unless configured open.
var metrics = app.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
if (!app.Configuration.GetValue<bool>("PatentNav:AnonymousMetrics"))
{
    metrics.RequireApiKey();
}
app.MapPatentSearchApi();
app.MapPatentAdminApi();
app.MapExportApi();
app.MapInfringementApi();
app.MapMarkingApi();
app.MapLedgerApi();
app.MapValueIndicatorsApi();
app.MapVoucherApi();
app.MapPreExaminationApi();
app.MapCollectionsApi();
app.MapNavigationApi();

try
{
    app.Run();
}
catch (OperationCanceledException) when (Environment.ExitCode != 0)
{
    // The engine host stopped the start on purpose (the index is locked by another process) before Kestrel had bound
    // its port: the cancelled bind is that stop, and the exit code already says why.
}

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
