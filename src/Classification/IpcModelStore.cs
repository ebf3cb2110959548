using System.Text.Json;
using PatentNav.Core.Model;

namespace PatentNav.Classification;

/// <summary>
/// The IPC model kept in the embedded index's folder, trained on that index's own IPC-labelled records. Its manifest says
/// which model format and how many documents it was trained on: a model of another format is never loaded, and one from
/// a smaller or larger index still serves until it is trained again.
/// </summary>
public static class IpcModelStore
{
    public const string ModelFileName = "ipc-classifier.zip";
    public const string ManifestFileName = "ipc-classifier.json";

    /// <summary>Bumped whenever features or the trainer change: an older model is retrained, not misread.</summary>
    public const int FormatVersion = 1;

    public sealed record Manifest(int FormatVersion, long TrainedOnDocuments, int LabelledRecords, DateTimeOffset TrainedAt);

    /// <summary>
    /// The records with a title and IPC codes, as training text; above <paramref name="max"/> an evenly spaced sample of
    /// them (every k-th in index order), since training time and memory grow with the examples (on one core: 20,000
    /// titles 515 s and 1.8 GB; 80,000 more than 13 minutes and 2.8 GB).
    /// </summary>
    public static IReadOnlyList<IpcClassifier.LabelledText> TrainingTexts(IEnumerable<PatentRecord> records, int max = int.MaxValue)
    {
        var all = records.Where(r => r.Ipc.Count > 0 && !string.IsNullOrWhiteSpace(r.Title)).Select(r => new IpcClassifier.LabelledText(r.Title!, r.Ipc)).ToList();
        if (all.Count <= max)
        {
            return all;
        }
        var step = (double)all.Count / max;
        return [.. Enumerable.Range(0, max).Select(i => all[(int)(i * step)])];
    }

    /// <summary>
    /// Trains on <paramref name="texts"/> and stores model and manifest with the index: the one path of the service's
    /// background training and of <c>patentnav-indexer train-ipc</c>. Nothing is stored once <paramref name="token"/> is cancelled.
    /// </summary>
    public static IpcClassifier TrainAndSave(string indexDir, IReadOnlyList<IpcClassifier.LabelledText> texts, long documents, int? threads, CancellationToken token = default)
    {
        var classifier = IpcClassifier.Train(texts, threads: threads);
        token.ThrowIfCancellationRequested();
        Save(indexDir, classifier, new Manifest(FormatVersion, documents, texts.Count, DateTimeOffset.UtcNow));
        return classifier;
    }

    public static Manifest? ReadManifest(string indexDir)
    {
        var path = Path.Combine(indexDir, ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored model when its format is this one; null when there is none or it cannot be read.</summary>
    public static IpcClassifier? TryLoad(string indexDir)
    {
        var model = Path.Combine(indexDir, ModelFileName);
        if (ReadManifest(indexDir) is not { FormatVersion: FormatVersion } || !File.Exists(model))
        {
            return null;
        }
        try
        {
            using var stream = File.OpenRead(model);
            return IpcClassifier.Load(stream);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes model and manifest through temporary files, so a crash leaves the previous pair or none.</summary>
    public static void Save(string indexDir, IpcClassifier classifier, Manifest manifest)
    {
        var model = Path.Combine(indexDir, ModelFileName);
        var temporary = model + ".tmp";
        using (var stream = File.Create(temporary))
        {
            classifier.Save(stream);
        }
        File.Move(temporary, model, overwrite: true);
        var manifestPath = Path.Combine(indexDir, ManifestFileName);
        File.WriteAllText(manifestPath + ".tmp", JsonSerializer.Serialize(manifest));
        File.Move(manifestPath + ".tmp", manifestPath, overwrite: true);
    }
}
