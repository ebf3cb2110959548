using PatentNav.Core.Model;
using PatentNav.Core.Novelty;
using PatentNav.Core.Text;
using PatentNav.Engine.Lucene;
using Sylvan.Data.Csv;

namespace PatentNav.Evaluation;

/// <summary>
/// K-fold check of IPC subclass suggestion on titles with known subclasses (cn-titles-ipc.csv):
/// each fold's titles are classified by k-nearest-neighbour votes over an index of the other folds.
/// </summary>
public static class IpcCrossValidation
{
    public sealed record TitleLabels(string Id, string Title, IReadOnlyList<string> Subclasses);

    public sealed record Result(int Folds, int Titles, IReadOnlyDictionary<double, MicroF1> ByThreshold);

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

    public static Result Run(IReadOnlyList<TitleLabels> rows, int folds, double[] thresholds, Action<string>? log = null)
    {
        var predictions = thresholds.ToDictionary(t => t, _ => new List<(IReadOnlyCollection<string>, IReadOnlyCollection<string>)>());
        for (var fold = 0; fold < folds; fold++)
        {
            var dir = Directory.CreateTempSubdirectory("patentnav-ipc-cv-").FullName;
            try
            {
                using var index = LucenePatentIndex.Open(dir);
                // Rows are assigned to folds by position, so the split is deterministic.
                var training = rows.Where((_, i) => i % folds != fold).Select(r => new PatentRecord
                {
                    Id = r.Id,
                    PublicationNumber = r.Id,
                    Title = ChineseText.Normalize(r.Title),
                    Ipc = r.Subclasses,
                }).ToList();
                foreach (var chunk in training.Chunk(2000))
                {
                    index.Upsert(chunk);
                }
                index.Commit();
                var novelty = new NoveltySearch(index);
                var held = rows.Where((_, i) => i % folds == fold).ToList();
                foreach (var row in held)
                {
                    var suggestions = novelty.SearchAsync(new NoveltyRequest { Text = row.Title, Size = 10 }).GetAwaiter().GetResult().SuggestedIpc;
                    foreach (var threshold in thresholds)
                    {
                        predictions[threshold].Add((Predict(suggestions, threshold), row.Subclasses.ToHashSet(StringComparer.Ordinal)));
                    }
                }
                log?.Invoke($"fold {fold + 1}/{folds}: trained on {training.Count}, classified {held.Count}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return new Result(folds, rows.Count, predictions.ToDictionary(p => p.Key, p => MicroF1.Compute(p.Value)));
    }
}
