using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Tests.Browser;

/// <summary>Skips a browser test, with the reason, where Debian's chromium is not installed (.ci/install-deps installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Browser test: {ChromiumPath} is absent (apt-get install -y chromium, as .ci/install-deps does).";
        }
    }
}

/// <summary>
/// The service on a real Kestrel port (a browser cannot reach the in-memory test server), a second loopback server playing the
/// host site that embeds the widget (one port allowed for site key <c>demo</c>, one not), and one headless Chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("patentnav-browser-test-").FullName;
    private readonly string _mapsDataDir = Directory.CreateTempSubdirectory("patentnav-browser-maps-").FullName;
    private PatentNavFactory? _factory;
    private PatentNavFactory? _mapsFactory;
    private WebApplication? _hostSite;
    private IPlaywright? _playwright;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>
    /// A second service for the navigation maps, on real exports with applicants, inventors, application dates, types,
    /// states and addresses: Patentics' virtual and augmented reality searches (titles only) and incoPat's iFlytek file
    /// (with abstracts, for the technology–effect matrix) in data/exports. The demo texts have none of those fields, and
    /// CNKI's exports have no application dates.
    /// </summary>
    public string MapsServiceUrl { get; private set; } = "";

    public static IReadOnlyList<string> MapsCorpusFiles { get; } =
    [
        .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "data", "exports", "patentics"), "*.csv").Order(StringComparer.Ordinal),
        Path.Combine(RepoPaths.Root, "data", "exports", "incopat", "iflytek-3816.xlsx"),
    ];
    public string AllowedHostUrl { get; private set; } = "";
    public string RefusedHostUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host site links results to its own detail pages through this template.</summary>
    public const string HostDetailTemplate = "/patent-view?no={number}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            return;
        }
        var servicePort = FreePort();
        var allowedPort = FreePort();
        var refusedPort = FreePort();
        ServiceUrl = $"http://127.0.0.1:{servicePort}";
        AllowedHostUrl = $"http://127.0.0.1:{allowedPort}";
        RefusedHostUrl = $"http://127.0.0.1:{refusedPort}";

        _factory = new PatentNavFactory(_dataDir, new Dictionary<string, string?>
        {
            ["PatentNav:RateLimit:PermitLimit"] = "100000",
            ["PatentNav:Sites:demo:AllowedOrigins:0"] = AllowedHostUrl,
        });
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, servicePort));
        _factory.StartServer();

        var mapsPort = FreePort();
        MapsServiceUrl = $"http://127.0.0.1:{mapsPort}";
        var corpus = Directory.CreateDirectory(Path.Combine(_mapsDataDir, "corpus")).FullName;
        foreach (var file in MapsCorpusFiles)
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }
        _mapsFactory = new PatentNavFactory(Path.Combine(_mapsDataDir, "data"), new Dictionary<string, string?>
        {
            ["PatentNav:RateLimit:PermitLimit"] = "100000",
            ["PatentNav:DemoCorpus"] = corpus,
        });
        _mapsFactory.UseKestrel(k => k.Listen(IPAddress.Loopback, mapsPort));
        _mapsFactory.StartServer();
        await _factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        await _mapsFactory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
        // Two first starts in one process leave a heap of indexing garbage: collect it now, so the first search that
        // the page measures pays for its own work and not for a full collection of both loads.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var site = WebApplication.CreateSlimBuilder();
        site.Logging.ClearProviders();
        site.WebHost.UseUrls(AllowedHostUrl, RefusedHostUrl);
        _hostSite = site.Build();
        _hostSite.MapGet("/", () => Results.Content(HostPage(ServiceUrl), "text/html; charset=utf-8"));
        await _hostSite.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A host page with aggressive global styles, to show that none reach into the widget and the widget's reach none out.</summary>
    private static string HostPage(string service) => $$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>智创汇 · 合作站点</title>
        <style>
          body { font-family: serif; margin: 2rem; background: #fbf7ef; }
          button { background: rgb(255, 0, 0) !important; color: yellow; }
          input, a { font-size: 30px; } h1 { color: #7a3b00; }
        </style></head>
        <body>
          <h1>智创汇 专利服务</h1>
          <p>以下检索框由 PatentNav 组件提供：</p>
          <input id="host-input" placeholder="宿主页面自己的输入框">
          <patentnav-search detail-url="{{HostDetailTemplate}}"></patentnav-search>
          <script src="{{service}}/widget.js" data-site-key="demo"></script>
        </body></html>
        """;

    public async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // xunit calls DisposeAsync; this only satisfies the ownership rule for the factory.
    public void Dispose()
    {
        _factory?.Dispose();
        _mapsFactory?.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_hostSite is not null)
        {
            await _hostSite.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (_mapsFactory is not null)
        {
            await _mapsFactory.DisposeAsync();
        }
        foreach (var dir in new[] { _dataDir, _mapsDataDir })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>
/// Runs alone, after the parallel collections: its fixture indexes two corpora at start and its tests time the page,
/// so it neither starves the timing-sensitive load tests of CPU nor is starved by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
