using PatentNav.SearchApi.Apis;
using PatentNav.SearchApi.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddPatentNavOptions();
builder.Services.AddSearchEngine();
builder.Services.AddApiProblemDetails();
builder.Services.AddApiRateLimiting();
builder.Services.AddSiteKeyCors();
builder.Services.AddApiHealthChecks();
builder.Services.AddApiTelemetry();
// Search and novelty JSON compresses several-fold; Brotli first, gzip for older clients.
builder.Services.AddResponseCompression(o => o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>());
builder.Services.AddOpenApi(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);

var app = builder.Build();

app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
// The web page and widget script are plain files from wwwroot, served before limits so page loads never count against searches.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.UseSiteKeys();
app.UseRateLimiter();
app.UseRequestBodyLimit();

app.MapHealth();
app.MapOpenApi().DisableRateLimiting();
app.MapScalarApiReference("/api").DisableRateLimiting();
app.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
app.MapPatentSearchApi();
app.MapPatentAdminApi();
app.MapExportApi();

app.Run();

/// <summary>Entry point, public so integration tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
