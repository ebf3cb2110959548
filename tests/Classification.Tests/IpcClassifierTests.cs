using PatentNav.Classification;

namespace PatentNav.Classification.Tests;

public sealed class IpcClassifierTests
{
    private static readonly IpcClassifier.LabelledText[] Training =
    [
        new("一种锂离子电池正极材料及其制备方法", ["H01M"]),
        new("锂电池负极极片的涂布方法", ["H01M4/04"]),
        new("一种固态电池电解质膜", ["H01M"]),
        new("动力电池包的热管理结构", ["H01M", "B60L"]),
        new("一种煤矿井下掘进机截割头", ["E21C"]),
        new("采煤机滚筒及其截齿", ["E21C"]),
        new("薄矿体房柱法开采工艺", ["E21C", "E21D"]),
        new("巷道支护锚杆钻机", ["E21D"]),
        new("滚筒洗衣机的排水泵", ["D06F"]),
        new("洗衣机内筒平衡环", ["D06F"]),
        new("一种干衣机的冷凝器", ["D06F"]),
    ];

    private static readonly Lazy<IpcClassifier> Trained = new(() => IpcClassifier.Train(Training));

    [Fact]
    public void On_real_titles_held_out_ones_get_a_right_first_subclass_far_more_often_than_the_commonest_subclass_would()
    {
        var rows = File.ReadLines(Path.Combine(RepoPaths.Demo, "cn-titles-ipc.jsonl")).Take(3000).Select(line =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            return (Title: doc.RootElement.GetProperty("title").GetString()!,
                Ipc: doc.RootElement.GetProperty("ipc").EnumerateArray().Select(c => c.GetString()![..4]).ToHashSet(StringComparer.Ordinal));
        }).ToList();
        var training = rows.Where((_, i) => i % 5 != 0).ToList();
        var held = rows.Where((_, i) => i % 5 == 0).ToList();
        var classifier = IpcClassifier.Train(training.Select(r => new IpcClassifier.LabelledText(r.Title, r.Ipc)));

        var right = held.Count(r => r.Ipc.Contains(classifier.Suggest(r.Title)[0].Subclass));
        var commonest = training.SelectMany(r => r.Ipc).GroupBy(c => c).MaxBy(g => g.Count())!.Key;
        var prior = held.Count(r => r.Ipc.Contains(commonest));

        Assert.True(right >= 3 * prior && right >= held.Count / 4, $"{right} of {held.Count} right first; the commonest subclass {commonest} is in {prior}");
    }

    [Fact]
    public void Learns_four_character_subclasses_from_any_ipc_form()
    {
        Assert.Equal(["B60L", "D06F", "E21C", "E21D", "H01M"], Trained.Value.Subclasses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_saved_model_loads_and_suggests_the_same()
    {
        using var stream = new MemoryStream();
        Trained.Value.Save(stream);
        stream.Position = 0;
        var loaded = IpcClassifier.Load(stream);

        Assert.Equal(Trained.Value.Suggest("锂电池电解质"), loaded.Suggest("锂电池电解质"));
    }

    [Fact]
    public void Training_without_labelled_patents_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => IpcClassifier.Train([new IpcClassifier.LabelledText("没有分类号的专利", [])]));
    }
}

public sealed class IpcModelStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("patentnav-ipc-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IpcClassifier Small() => IpcClassifier.Train(
    [
        new IpcClassifier.LabelledText("锂离子电池正极材料", ["H01M4/131"]),
        new IpcClassifier.LabelledText("滚筒洗衣机排水泵", ["D06F39/08"]),
    ]);

    [Fact]
    public void A_stored_model_loads_with_its_manifest()
    {
        var manifest = new IpcModelStore.Manifest(IpcModelStore.FormatVersion, 1234, 2, DateTimeOffset.UnixEpoch);
        IpcModelStore.Save(_dir, Small(), manifest);

        Assert.Equal(manifest, IpcModelStore.ReadManifest(_dir));
        Assert.Equal(["D06F", "H01M"], IpcModelStore.TryLoad(_dir)!.Subclasses.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void A_model_of_another_format_a_broken_manifest_or_a_missing_file_is_not_loaded()
    {
        Assert.Null(IpcModelStore.TryLoad(_dir));
        IpcModelStore.Save(_dir, Small(), new IpcModelStore.Manifest(IpcModelStore.FormatVersion + 1, 1, 2, DateTimeOffset.UnixEpoch));
        Assert.Null(IpcModelStore.TryLoad(_dir));
        File.WriteAllText(Path.Combine(_dir, IpcModelStore.ManifestFileName), "{not json");
        Assert.Null(IpcModelStore.ReadManifest(_dir));
        Assert.Null(IpcModelStore.TryLoad(_dir));
    }

    [Fact]
    public void A_corrupt_model_file_is_not_loaded()
    {
        IpcModelStore.Save(_dir, Small(), new IpcModelStore.Manifest(IpcModelStore.FormatVersion, 1, 2, DateTimeOffset.UnixEpoch));
        File.WriteAllBytes(Path.Combine(_dir, IpcModelStore.ModelFileName), [1, 2, 3, 4]);
        Assert.Null(IpcModelStore.TryLoad(_dir));
    }

    [Fact]
    public void Training_texts_are_the_titled_records_with_ipc()
    {
        var records = new[]
        {
            new Core.Model.PatentRecord { Id = "A", Title = "锂电池", Ipc = ["H01M10/0525"] },
            new Core.Model.PatentRecord { Id = "B", Title = "无分类号" },
            new Core.Model.PatentRecord { Id = "C", Ipc = ["D06F"] },
        };
        Assert.Equal(["锂电池"], IpcModelStore.TrainingTexts(records).Select(t => t.Text));
    }

    [Fact]
    public void Above_the_maximum_an_evenly_spaced_sample_is_trained_on()
    {
        var records = Enumerable.Range(0, 100).Select(i => new Core.Model.PatentRecord { Id = $"R{i}", Title = $"标题{i}", Ipc = ["H01M"] }).ToList();

        var sample = IpcModelStore.TrainingTexts(records, max: 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"标题{i * 10}"), sample.Select(t => t.Text));
        Assert.Equal(100, IpcModelStore.TrainingTexts(records).Count);
    }
}
