using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using PatentNav.Core.Analysis;
using PatentNav.Core.Novelty;
using PatentNav.Core.Text;

namespace PatentNav.Classification;

/// <summary>
/// Supervised IPC subclass suggestion: character 1–3-grams of the text and its SmartCn words, TF-IDF-like bag features
/// (L2-normalised), and one multinomial logistic regression (ML.NET SDCA maximum entropy) over every subclass. A patent
/// with several subclasses is one training example per subclass, weighted so that each patent counts once.
/// </summary>
public sealed class IpcClassifier : IIpcClassifier
{
    private static readonly MLContext Ml = new(seed: 1);
    // Analyzers reuse per-thread token streams, so one instance serves every caller.
    private static readonly Lucene.Net.Analysis.Analyzer WordAnalyzer = PatentAnalysis.CreateWordAnalyzer();
    private readonly PredictionEngine<Example, Prediction> _engine;
    private readonly string[] _subclasses;

    private IpcClassifier(ITransformer model, DataViewSchema inputSchema)
    {
        Model = model;
        InputSchema = inputSchema;
        _engine = Ml.Model.CreatePredictionEngine<Example, Prediction>(model, inputSchema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        _engine.OutputSchema["Score"].GetSlotNames(ref names);
        _subclasses = [.. names.DenseValues().Select(n => n.ToString())];
    }

    public ITransformer Model { get; }

    private DataViewSchema InputSchema { get; }

    /// <summary>The subclasses the model knows.</summary>
    public IReadOnlyList<string> Subclasses => _subclasses;

    /// <summary>A labelled patent for training: its text (title, optionally abstract) and its IPC subclasses (4 characters).</summary>
    public sealed record LabelledText(string Text, IReadOnlyCollection<string> Subclasses);

    /// <summary>N-grams kept per bag, most frequent first: the weights are subclasses × features, so the vocabulary is bounded.</summary>
    public const int MaxFeatures = 100_000;

    /// <param name="threads">Training threads: all cores for a command, one when a running service trains beside its queries.</param>
    public static IpcClassifier Train(IEnumerable<LabelledText> patents, int maximumIterations = 30, int? threads = null)
    {
        var examples = new List<Example>();
        foreach (var patent in patents)
        {
            var subclasses = patent.Subclasses.Where(s => s.Length >= 4).Select(s => s[..4]).Distinct(StringComparer.Ordinal).ToList();
            if (subclasses.Count == 0 || string.IsNullOrWhiteSpace(patent.Text))
            {
                continue;
            }
            var (chars, words) = Features(patent.Text);
            examples.AddRange(subclasses.Select(s => new Example { Chars = chars, Words = words, Label = s, Weight = 1f / subclasses.Count }));
        }
        if (examples.Count == 0)
        {
            throw new InvalidOperationException("No labelled patents to train the IPC classifier on.");
        }
        var data = Ml.Data.LoadFromEnumerable(examples);
        var pipeline = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.Text.FeaturizeText("CharFeatures", new TextFeaturizingEstimator.Options
            {
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true, MaximumNgramsCount = [MaxFeatures] },
                WordFeatureExtractor = null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
                KeepPunctuations = false,
            }, "Chars"))
            .Append(Ml.Transforms.Text.FeaturizeText("WordFeatures", new TextFeaturizingEstimator.Options
            {
                CharFeatureExtractor = null,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, MaximumNgramsCount = [MaxFeatures] },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
                KeepPunctuations = false,
            }, "Words"))
            .Append(Ml.Transforms.Concatenate("Features", "CharFeatures", "WordFeatures"))
            .Append(Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = "Weight",
                MaximumNumberOfIterations = maximumIterations,
                NumberOfThreads = threads ?? Environment.ProcessorCount,
            }));
        return new IpcClassifier(pipeline.Fit(data), data.Schema);
    }

    /// <summary>Subclasses by probability, best first; at most <paramref name="top"/>.</summary>
    public IReadOnlyList<IpcSuggestion> Suggest(string text, int top = 5)
    {
        var (chars, words) = Features(text);
        float[] scores;
        lock (_engine)
        {
            // A prediction engine is not thread-safe; one suggestion takes microseconds.
            scores = _engine.Predict(new Example { Chars = chars, Words = words, Label = "", Weight = 1 }).Score;
        }
        return [.. scores.Select((p, i) => new IpcSuggestion(_subclasses[i], Math.Round(p, 4)))
            .OrderByDescending(s => s.Confidence).ThenBy(s => s.Subclass, StringComparer.Ordinal).Take(top)];
    }

    public void Save(Stream stream) => Ml.Model.Save(Model, InputSchema, stream);

    public static IpcClassifier Load(Stream stream)
    {
        var model = Ml.Model.Load(stream, out var schema);
        return new IpcClassifier(model, schema);
    }

    private static (string Chars, string Words) Features(string text)
    {
        var normalized = ChineseText.Normalize(text.Length > 4000 ? text[..4000] : text);
        return (normalized, string.Join(' ', PatentAnalysis.Tokenize(WordAnalyzer, "title", normalized)));
    }

    private sealed class Example
    {
        public string Chars { get; set; } = "";
        public string Words { get; set; } = "";
        public string Label { get; set; } = "";
        public float Weight { get; set; }
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
