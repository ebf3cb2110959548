using System.Globalization;
using System.Text.Json;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;
using PatentNav.NavigationMaps;

namespace PatentNav.Evaluation;

/// <summary>One effect's agreement: our vocabulary's matches against the reference annotations, per patent.</summary>
public sealed record EffectScore(string Effect, int Reference, int Predicted, int Both)
{
    public double Precision => Predicted == 0 ? 0 : (double)Both / Predicted;
    public double Recall => Reference == 0 ? 0 : (double)Both / Reference;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record AgreementResult(int Patents, int Annotated, IReadOnlyList<EffectScore> Effects)
{
    public EffectScore Micro => new("micro", Effects.Sum(e => e.Reference), Effects.Sum(e => e.Predicted), Effects.Sum(e => e.Both));
}

/// <summary>
/// How well the effect vocabulary (技术功效词表) finds the effects incoPat's analysts annotated (技术功效2级) in the iFlytek
/// export: for every patent, the set of our effects its abstract matches against the set incoPat's labels map to.
/// </summary>
public static class EffectAgreement
{
    /// <summary>incoPat's second-level effect labels and the vocabulary's effect each one is; labels not listed have none.</summary>
    public static readonly IReadOnlyDictionary<string, string> IncopatLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["成本降低"] = "cost", ["效率提高"] = "efficiency", ["准确性提高"] = "accuracy", ["正确性提高"] = "accuracy",
        ["精度提高"] = "precision", ["精确性提高"] = "precision", ["精准性提高"] = "precision", ["便利性提高"] = "convenience",
        ["复杂性降低"] = "simplicity", ["难度降低"] = "simplicity", ["可靠性提高"] = "reliability", ["稳定性提高"] = "reliability",
        ["安全提高"] = "safety", ["安全性提高"] = "safety", ["能耗降低"] = "energy", ["功耗降低"] = "energy", ["清洁性"] = "environment",
        ["质量提高"] = "quality", ["速度提高"] = "speed", ["实时性提高"] = "speed", ["时间降低"] = "speed", ["自动化提高"] = "automation",
        ["智能化提高"] = "automation", ["劳动强度降低"] = "labour", ["体验提高"] = "experience", ["体验改善"] = "experience",
        ["寿命提高"] = "lifetime", ["寿命延长"] = "lifetime",
    };

    public static AgreementResult Score(IReadOnlyDictionary<string, IReadOnlySet<string>> reference, IReadOnlyDictionary<string, IReadOnlySet<string>> predicted, IReadOnlyList<string> effects)
    {
        var scores = effects.Select(effect =>
        {
            var inReference = reference.Where(r => r.Value.Contains(effect)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var inPredicted = predicted.Where(p => reference.ContainsKey(p.Key) && p.Value.Contains(effect)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            return new EffectScore(effect, inReference.Count, inPredicted.Count, inReference.Count(inPredicted.Contains));
        }).ToList();
        return new AgreementResult(predicted.Count, reference.Count, scores);
    }

    /// <summary>
    /// Indexes the export into a scratch index, matches every effect's query there, and scores the patents that carry
    /// at least one incoPat label (a patent incoPat left unannotated says nothing about what its abstract states).
    /// </summary>
    public static AgreementResult Run(string exportFile, string effectsFile)
    {
        var vocabulary = EffectVocabulary.Load(effectsFile);
        var scratch = Directory.CreateTempSubdirectory("patentnav-effects-").FullName;
        try
        {
            using var index = LucenePatentIndex.Open(scratch);
            var builder = new PatentRecordBuilder(RegionResolver.Default);
            var reference = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
            var records = new List<Core.Model.PatentRecord>();
            foreach (var result in SourceReaders.ReadAll([exportFile], CancellationToken.None))
            {
                if (result is not SourceReadResult.Record(var source) || builder.Build(source).Record is not { } record)
                {
                    continue;
                }
                records.Add(record);
                using var original = JsonDocument.Parse(source.OriginalText);
                var labels = original.RootElement.TryGetProperty("技术功效2级", out var cell) ? cell.GetString() ?? "" : "";
                var effects = labels.Split([';', '；', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(l => IncopatLabels.GetValueOrDefault(l)).Where(e => e is not null).Select(e => e!).ToHashSet(StringComparer.Ordinal);
                if (labels.Trim().Length > 0)
                {
                    reference[record.Id] = effects;
                }
            }
            index.Upsert(records);
            index.Commit();
            var ids = records.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
            var predicted = ids.ToDictionary(id => id, _ => (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var effect in vocabulary.Effects)
            {
                var hits = index.Search(new SearchRequest { Query = effect.Query, Ids = ids, Size = ids.Count, IncludeRecords = false });
                foreach (var hit in hits.Hits)
                {
                    ((HashSet<string>)predicted[hit.Id]).Add(effect.Id);
                }
            }
            return Score(reference, predicted, [.. vocabulary.Effects.Select(e => e.Id)]);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    public static void Print(AgreementResult result, Action<string> write)
    {
        write(string.Create(CultureInfo.InvariantCulture, $"{result.Patents} patents, {result.Annotated} with incoPat effect labels (技术功效2级)"));
        write($"{"effect",-12} {"incoPat",8} {"ours",6} {"both",6} {"precision",10} {"recall",8} {"F1",6}");
        foreach (var e in result.Effects.Append(result.Micro))
        {
            write(string.Create(CultureInfo.InvariantCulture, $"{e.Effect,-12} {e.Reference,8} {e.Predicted,6} {e.Both,6} {e.Precision,10:F3} {e.Recall,8:F3} {e.F1,6:F3}"));
        }
        write(string.Create(CultureInfo.InvariantCulture, $"effects micro-F1: {result.Micro.F1:F3}"));
    }
}
