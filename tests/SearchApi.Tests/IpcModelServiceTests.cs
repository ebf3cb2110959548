using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Classification;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Tests;

public sealed class IpcModelServiceTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("patentnav-ipc-model-").FullName;
    private readonly string _corpus = Directory.CreateTempSubdirectory("patentnav-ipc-corpus-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
        Directory.Delete(_corpus, recursive: true);
    }

    [Fact]
    public async Task The_service_trains_its_ipc_model_in_the_background_stores_it_with_the_index_and_loads_it_at_the_next_start()
    {
        // 400 real titles with their subclasses: a model in seconds.
        File.WriteAllLines(Path.Combine(_corpus, "titles.jsonl"), File.ReadLines(Path.Combine(RepoPaths.Demo, "cn-titles-ipc.jsonl")).Take(400));
        var settings = new Dictionary<string, string?> { ["PatentNav:DemoCorpus"] = _corpus, ["PatentNav:IpcModel:Enabled"] = "true" };
        string indexDir;
        IpcModelStore.Manifest? first;
        using (var factory = new PatentNavFactory(_dataDir, settings))
        {
            using var client = factory.CreateClient();
            var host = factory.Services.GetRequiredService<SearchEngineHost>();
            await host.WhenReady;
            indexDir = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.PatentNavOptions>>().Value.IndexDir;
            for (var wait = 0; host.IpcClassifier is null && wait < 600; wait++)
            {
                await Task.Delay(100);
            }
            Assert.NotNull(host.IpcClassifier);
            first = IpcModelStore.ReadManifest(indexDir);
            Assert.NotNull(first);
            Assert.Equal(400, first.LabelledRecords);
            Assert.Equal(IpcModelStore.FormatVersion, first.FormatVersion);

            var json = await (await client.PostAsJsonAsync("/api/v1/novelty", new { text = "一种用于输电线路的驱鸟装置，防止鸟类在杆塔上筑巢" })).ReadJson();
            var suggested = json.GetProperty("suggestedIpc").EnumerateArray().ToList();
            Assert.NotEmpty(suggested);
            Assert.All(suggested, s => Assert.InRange(s.GetProperty("confidence").GetDouble(), 0.05, 1));
        }

        using (var again = new PatentNavFactory(_dataDir, settings))
        {
            using var client = again.CreateClient();
            var host = again.Services.GetRequiredService<SearchEngineHost>();
            await host.WhenReady;
            for (var wait = 0; host.IpcClassifier is null && wait < 100; wait++)
            {
                await Task.Delay(100);
            }
            Assert.NotNull(host.IpcClassifier);
            // Loaded, not trained again: the manifest is the first start's.
            Assert.Equal(first.TrainedAt, IpcModelStore.ReadManifest(indexDir)!.TrainedAt);
        }
    }
}
