using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace PatentNav.SearchApi.Tests;

/// <summary>
/// The service as real processes, started the way the README's first command starts it: two instances on one data
/// folder, the indexer CLI against a running service, a first start killed with SIGKILL, and attacks on a running one.
/// </summary>
[Collection(ServiceProcessGroup.Name)]
public sealed class ServiceProcessTests : IDisposable
{
    private readonly ScratchFolder _scratchFolder = new("patentnav-process-");

    private string _scratch => _scratchFolder.Path;

    public void Dispose() => _scratchFolder.Dispose();

    /// <summary>The first 300 demo records: enough to search, quick to index.</summary>
    private string SmallCorpus()
    {
        var file = Path.Combine(_scratch, "small.jsonl");
        File.WriteAllLines(file, File.ReadLines(Path.Combine(RepoPaths.Demo, "kppatent-tac.jsonl")).Take(300));
        return file;
    }

    [Fact]
    public async Task A_second_service_and_the_indexer_refuse_a_data_folder_in_use_and_leave_the_first_untouched()
    {
        var dataDir = Path.Combine(_scratch, "data");
        var corpus = SmallCorpus();
        using var first = ServiceProcess.Start(dataDir, corpus);
        await first.WaitReady(TimeSpan.FromMinutes(2));
        await first.Upsert("CN399999971A", "一种双实例测试用的漆器打磨装置");
        var before = await first.Documents();

        using var second = ServiceProcess.Start(dataDir, corpus);
        Assert.True(await second.WaitExit(TimeSpan.FromMinutes(1)), "the second instance kept running");
        Assert.True(second.ExitCode == 3, $"exit code {second.ExitCode}, output:\n{second.Output}");
        Assert.Contains($"in use by process {first.Pid}", second.Output, StringComparison.Ordinal);

        var indexer = await RunIndexer(corpus, Path.Combine(dataDir, "index"));
        Assert.Equal(3, indexer.ExitCode);
        Assert.Contains($"in use by process {first.Pid}", indexer.Output, StringComparison.Ordinal);

        // The first instance still serves and writes, and nothing it acknowledged is gone.
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(before, await first.Documents());
        await first.Upsert("CN399999972A", "一种双实例测试用的漆器抛光装置");
        Assert.Equal(before + 1, await first.Documents());
        await first.Stop();

        using var third = ServiceProcess.Start(dataDir, corpus);
        await third.WaitReady(TimeSpan.FromMinutes(2));
        Assert.Equal(before + 1, await third.Documents());
        Assert.Equal(HttpStatusCode.OK, (await third.Client.GetAsync(new Uri("/api/v1/patents/CN399999971A", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task With_a_configured_but_unreachable_cluster_the_service_starts_degraded_answers_from_the_embedded_index_and_journals_writes()
    {
        var dataDir = Path.Combine(_scratch, "unreachable-cluster");
        using var service = ServiceProcess.Start(dataDir, RepoPaths.Demo, new Dictionary<string, string> { ["PatentNav__Elasticsearch__Url"] = "http://127.0.0.1:9" });
        await service.WaitReady(TimeSpan.FromMinutes(3));
        var readiness = await (await service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).ReadJson();
        Assert.Equal("Degraded", readiness.GetProperty("status").GetString());
        Assert.Contains("cluster unavailable", readiness.GetProperty("reason").GetString(), StringComparison.Ordinal);

        string[] queries = ["掘进机", "TI=电池 AND IPC=H01M", "\"正极材料\"", "IPC=G06F", "传感器 NOT 温度", "TI=电*"];
        foreach (var q in queries)
        {
            var response = await service.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(q), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("lucene", (await response.ReadJson()).GetProperty("engine").GetString());
        }
        foreach (var text in new[] { "一种锂离子电池正极材料的制备方法，提高循环寿命", "用智能掘进机开采近水平薄矿体" })
        {
            var response = await service.Client.PostAsJsonAsync("/api/v1/novelty", new { text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("lucene", (await response.ReadJson()).GetProperty("engine").GetString());
        }

        var before = (await service.Admin()).GetProperty("journal").GetProperty("depth").GetInt64();
        Assert.True(before >= await service.Documents(), "the demo corpus written while the cluster was away waits in the journal");
        await service.Upsert("CN999999999A", "一种集群不可达时写入的测试专利");
        Assert.Equal(before + 1, (await service.Admin()).GetProperty("journal").GetProperty("depth").GetInt64());
        await service.Stop();
    }

    [Fact]
    public async Task A_collection_written_before_the_process_is_killed_is_there_after_the_restart()
    {
        var dataDir = Path.Combine(_scratch, "collections");
        var corpus = SmallCorpus();
        string id;
        using (var killed = ServiceProcess.Start(dataDir, corpus))
        {
            await killed.WaitReady(TimeSpan.FromMinutes(2));
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/collections")
            {
                Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
                Content = JsonContent.Create(new { name = "晋中新能源专利池", owner = "晋中市知识产权局", query = "TI=电池", pinned = new[] { "CN113914863A" } }),
            };
            var response = await killed.Client.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            id = (await response.ReadJson()).GetProperty("id").GetString()!;
            // SIGKILL right after the answer: no shutdown, no flush but what the commit already made durable.
            killed.Kill();
        }

        using var restarted = ServiceProcess.Start(dataDir, corpus);
        await restarted.WaitReady(TimeSpan.FromMinutes(2));
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/collections/{id}") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        var again = await restarted.Client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var collection = await again.ReadJson();
        Assert.Equal("晋中新能源专利池", collection.GetProperty("name").GetString());
        Assert.Equal(["CN113914863A"], collection.GetProperty("pinned").EnumerateArray().Select(p => p.GetString()));
        await restarted.Stop();
    }

    [Fact]
    public async Task A_first_start_killed_mid_corpus_resumes_on_restart_until_the_whole_corpus_is_in()
    {
        var dataDir = Path.Combine(_scratch, "data");
        using (var killed = ServiceProcess.Start(dataDir, RepoPaths.Demo))
        {
            await killed.WaitForOutput("Indexed 4000 records", TimeSpan.FromMinutes(2));
            var ready = await killed.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("indexing demo corpus", (await ready.ReadJson()).GetProperty("engine").GetString(), StringComparison.Ordinal);
            killed.Kill();
        }

        using var restarted = ServiceProcess.Start(dataDir, RepoPaths.Demo);
        await restarted.WaitForOutput("resuming", TimeSpan.FromMinutes(1));
        await restarted.WaitReady(TimeSpan.FromMinutes(3));
        Assert.Equal(ExpectedCorpus.All.Count, await restarted.Documents());
        var info = await restarted.Admin();
        Assert.Equal("complete", info.GetProperty("lastCommit").GetProperty("bootstrap").GetString());
        Assert.DoesNotContain("fail:", restarted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runaway_queries_are_answered_within_two_seconds_and_the_process_is_idle_after_clients_hang_up()
    {
        var dataDir = Path.Combine(_scratch, "data");
        using var service = ServiceProcess.Start(dataDir, RepoPaths.Demo);
        await service.WaitReady(TimeSpan.FromMinutes(3));
        var longText = string.Concat(Enumerable.Repeat("一种锂离子电池隔膜及其制备方法，通过传感器监测矿山掘进机的振动与温度，", 300))[..9_900];
        string[] queries =
        [
            "a" + string.Concat(Enumerable.Repeat("*b", 1999)),
            string.Join(" OR ", Enumerable.Range(0, 16).Select(i => "电" + (char)('池' + i) + "*")),
            "TX=(电* OR 机* OR 装* OR 方* OR 系* OR 控* OR 传* OR 检*)",
            "电池 100D 装置 100D 方法 100D 系统",
            "\"一种 装置\"~100 AND \"所述 方法\"~100",
            string.Concat(Enumerable.Repeat("锂离子电池隔膜", 600))[..3990],
        ];
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            var response = await service.Client.PostAsJsonAsync("/api/v1/search", new { q = query, size = 100 });
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query[..Math.Min(40, query.Length)]}: {response.StatusCode}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{query[..Math.Min(40, query.Length)]} took {clock.Elapsed}");
        }
        var novelty = Stopwatch.StartNew();
        var answered = await service.Client.PostAsJsonAsync("/api/v1/novelty", new { text = longText, size = 100 });
        Assert.True(answered.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, answered.StatusCode.ToString());
        Assert.True(novelty.Elapsed < TimeSpan.FromSeconds(2), $"novelty took {novelty.Elapsed}");

        // Twenty heavy requests whose clients hang up after 50 ms: the work stops with them.
        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var abandoned = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? service.Client.PostAsJsonAsync("/api/v1/novelty", new { text = longText, size = 100 }, hangUp.Token)
            : service.Client.GetAsync(new Uri("/api/v1/search?size=100&q=" + Uri.EscapeDataString(queries[2]), UriKind.Relative), hangUp.Token)).ToList();
        foreach (var request in abandoned)
        {
            try
            {
                await request;
            }
            catch (OperationCanceledException)
            {
            }
        }
        // Work in flight stops at its next cancellation check and at the latest at the 1.5 s time budget (measured by
        // hand: about 1.5 s of CPU in the first 2 s, then idle); the window starts after that.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var cpuBefore = service.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var busy = service.CpuTime() - cpuBefore;
        Assert.True(busy < TimeSpan.FromMilliseconds(400), $"the service used {busy.TotalMilliseconds} ms of CPU in the 2 s after its clients left");
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    private static async Task<(int ExitCode, string Output)> RunIndexer(string corpus, string indexDir)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The indexer's own build output, in the configuration and framework this test was built with.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var indexerDll = Path.Combine(RepoPaths.Root, "src", "Indexer", "bin", testOutput.Parent!.Name, testOutput.Name, "patentnav-indexer.dll");
        Assert.True(File.Exists(indexerDll), $"the indexer is not built at {indexerDll}");
        foreach (var arg in new[] { indexerDll, "index", corpus, "--index-dir", indexDir })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>Real processes measure wall time and CPU: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceProcessGroup
{
    public const string Name = "service processes";
}

/// <summary>One service process on a loopback port of its own, with its console output collected.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _lines);

    public static ServiceProcess Start(string dataDir, string corpus, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        // As the README's first command runs it: the built service with its appsettings.json, only the data folder moved.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "patentnav-search.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PATENTNAV_DATA_DIR"] = dataDir;
        start.Environment["PatentNav__DemoCorpus"] = corpus;
        start.Environment["PatentNav__ApiKeys__0"] = DemoServiceFixture.ApiKey;
        start.Environment["PatentNav__RateLimit__PermitLimit"] = "100000";
        // Training the IPC model is minutes of background CPU: these tests measure a process that should be idle.
        start.Environment["PatentNav__IpcModel__Enabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the service"), port);
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public async Task WaitReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "the service exited: " + Output);
            try
            {
                if ((await Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        Assert.Fail("the service was not ready in time: " + Output);
    }

    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' in the output in time: {Output}");
            Assert.False(_process.HasExited, "the service exited: " + Output);
            await Task.Delay(20);
        }
    }

    public async Task<bool> WaitExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task Upsert(string number, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = JsonContent.Create(new[] { new { publicationNumber = number, title } }),
        };
        (await Client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public async Task<System.Text.Json.JsonElement> Admin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/index") { Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } } };
        var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.ReadJson();
    }

    public async Task<long> Documents() => (await Admin()).GetProperty("documents").GetInt64();

    /// <summary>Graceful stop (SIGTERM), as a supervisor stops it.</summary>
    public async Task Stop()
    {
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        Assert.True(await WaitExit(TimeSpan.FromSeconds(60)), "the service did not stop on SIGTERM");
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>User plus system CPU time of the process, from /proc (clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        Client.Dispose();
    }
}
