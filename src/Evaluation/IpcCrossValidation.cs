using PatentNav.Core.Model;
using PatentNav.Core.Novelty;
using PatentNav.Core.Text;
using PatentNav.Engine.Lucene;
using Sylvan.Data.Csv;

namespace PatentNav.Evaluation;

/// <summary>
/// K-fold check of IPC subclass suggestion on titles with known subclasses (cn-titles-ipc.csv): each fold's titles are
/// classified by the neighbour votes of novelty search over an index of the other folds, by the supervised model trained
/// on them, or by a mix of both. Rows are assigned to folds by position (row i in fold i mod k), so the split is fixed.
/// </summary>
public static class IpcCrossValidation
{
    public sealed record TitleLabels(string Id, string Title, IReadOnlyList<string> Subclasses);

    /// <summary>Reads <c>cn-titles-ipc.csv</c> (pub_no,title,ipc_subclasses) or its canonical copy in the demo corpus (<c>.jsonl</c>).</summary>
    public static IReadOnlyList<TitleLabels> Load(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                var root = doc.RootElement;
                return new TitleLabels(root.GetProperty("id").GetString()!, root.GetProperty("title").GetString()!,
                    [.. root.GetProperty("ipc").EnumerateArray().Select(c => c.GetString()!)]);
            })];
        }
        using var csv = CsvDataReader.Create(path);
        var rows = new List<TitleLabels>();
        while (csv.Read())
        {
            var subclasses = csv.GetString(2).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new TitleLabels(csv.GetString(0), csv.GetString(1), subclasses));
        }
        return rows;
    }

    /// <summary>
    /// Predicted subclasses for one title: the top suggestion always, plus any other whose vote share reaches the threshold.
    /// </summary>
    public static IReadOnlyCollection<string> Predict(IReadOnlyList<IpcSuggestion> suggestions, double threshold) =>
        [.. suggestions.Where((s, i) => i == 0 || s.Confidence >= threshold).Select(s => s.Subclass)];

    /// <summary>
    /// Every IPC-labelled record of an index that is not one of the evaluated titles (by number, or by the same title
    /// under another number), as extra training data: the exports of the navigation maps add tens of thousands.
    /// </summary>
    public static IReadOnlyList<PatentNav.Classification.IpcClassifier.LabelledText> ExtraTraining(LucenePatentIndex index, IReadOnlyList<TitleLabels> evaluated)
    {
        var ids = evaluated.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var titles = evaluated.Select(r => ChineseText.Normalize(r.Title)).ToHashSet(StringComparer.Ordinal);
        // The service's own selection of training texts, less the evaluated titles.
        return PatentNav.Classification.IpcModelStore.TrainingTexts(index.AllRecords().Where(r =>
            !ids.Contains(r.Id) && (r.PublicationNumber is null || !ids.Contains(r.PublicationNumber))
            && (r.Title is null || !titles.Contains(ChineseText.Normalize(r.Title)))));
    }

    /// <summary>
    /// Neighbour votes and the supervised model on the same folds, each fold's index and model built from the other folds
    /// plus <paramref name="extra"/>; F1 for every mix α·model + (1 − α)·votes and threshold.
    /// </summary>
    public static IReadOnlyDictionary<(double Alpha, double Threshold), MicroF1> Run(IReadOnlyList<TitleLabels> rows, int folds, IReadOnlyList<PatentNav.Classification.IpcClassifier.LabelledText> extra, bool model, double[] alphas, double[] thresholds, Action<string>? log = null)
    {
        var outcomes = new List<(IReadOnlyList<IpcSuggestion> Votes, IReadOnlyList<IpcSuggestion> Model, IReadOnlyCollection<string> Actual)>();
        for (var fold = 0; fold < folds; fold++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var training = rows.Where((_, i) => i % folds != fold).Select(t => new PatentNav.Classification.IpcClassifier.LabelledText(t.Title, [.. t.Subclasses])).Concat(extra).ToList();
            var dir = Directory.CreateTempSubdirectory("patentnav-ipc-cv-").FullName;
            try
            {
                using var index = LucenePatentIndex.Open(dir);
                foreach (var chunk in training.Select((t, i) => new PatentRecord { Id = $"T{i}", PublicationNumber = $"T{i}", Title = ChineseText.Normalize(t.Text), Ipc = [.. t.Subclasses] }).Chunk(5000))
                {
                    index.Upsert(chunk);
                }
                index.Commit();
                var indexed = clock.Elapsed;
                var classifier = model ? PatentNav.Classification.IpcClassifier.Train(training) : null;
                var trained = clock.Elapsed - indexed;
                var novelty = new NoveltySearch(index);
                var held = rows.Where((_, i) => i % folds == fold).ToList();
                foreach (var row in held)
                {
                    var votes = novelty.SearchAsync(new NoveltyRequest { Text = row.Title, Size = 10 }).GetAwaiter().GetResult().SuggestedIpc;
                    outcomes.Add((votes, classifier?.Suggest(row.Title, 10) ?? [], row.Subclasses.ToHashSet(StringComparer.Ordinal)));
                }
                log?.Invoke($"fold {fold + 1}/{folds}: {training.Count} training records, indexed in {indexed.TotalSeconds:F0} s, model in {trained.TotalSeconds:F0} s, classified {held.Count}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        var results = new Dictionary<(double, double), MicroF1>();
        foreach (var alpha in alphas)
        {
            foreach (var threshold in thresholds)
            {
                results[(alpha, threshold)] = MicroF1.Compute(outcomes.Select(o => (Predict(NoveltySearch.Mix(o.Votes, o.Model, alpha), threshold), o.Actual)));
            }
        }
        return results;
    }

}
