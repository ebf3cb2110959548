using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Tests;

/// <summary>The service on a temporary data folder, bootstrapped once from the bundled demo corpus.</summary>
public sealed class DemoServiceFixture : IAsyncLifetime
{
    public const string ApiKey = "test-admin-key";
    public const string SiteKey = "demo";
    public const string SiteOrigin = "https://zch.example.cn";
    /// <summary>A site with a limit of 2 requests per window, for the per-site rate-limit test only.</summary>
    public const string TightSiteKey = "tight";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("patentnav-api-test-").FullName;

    public PatentNavFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PatentNavFactory(_dataDir, new Dictionary<string, string?>
        {
            ["PatentNav:RateLimit:PermitLimit"] = "100000",
            [$"PatentNav:Sites:{SiteKey}:AllowedOrigins:0"] = SiteOrigin,
            [$"PatentNav:Sites:{SiteKey}:PermitLimit"] = "100000",
            [$"PatentNav:Sites:{TightSiteKey}:AllowedOrigins:0"] = SiteOrigin,
            [$"PatentNav:Sites:{TightSiteKey}:PermitLimit"] = "2",
        });
        Client = Factory.CreateClient();
        await Factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        var ready = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        ready.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoServiceGroup : ICollectionFixture<DemoServiceFixture>
{
    public const string Name = "demo service";
}

/// <summary>Hosts Program with test settings layered over appsettings.json.</summary>
public sealed class PatentNavFactory(string dataDir, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
        builder.UseSetting("PatentNav:DataDir", dataDir);
        builder.UseSetting("PatentNav:DemoCorpus", RepoPaths.Demo);
        builder.UseSetting("PatentNav:ApiKeys:0", DemoServiceFixture.ApiKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Training the IPC model takes minutes of CPU beside the tests; IpcModelServiceTests turns it on.
        builder.UseSetting("PatentNav:IpcModel:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

internal static class HttpJson
{
    public static async Task<System.Text.Json.JsonElement> ReadJson(this HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return json;
    }
}
