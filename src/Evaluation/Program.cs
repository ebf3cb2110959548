using System.CommandLine;
using System.Globalization;
using PatentNav.Engine.Lucene;
using PatentNav.Evaluation;

var root = new RootCommand("PatentNav search-quality evaluation: recall@10, recall@50 and MRR (docs/search-quality.md).");

var file = new Option<string>("--file") { Description = "JSONL of {\"query\", \"relevant\": [...], \"kind\"}.", Required = true };
var indexDir = new Option<string?>("--index-dir") { Description = "Evaluate in-process on this index." };
var url = new Option<string?>("--url") { Description = "Evaluate against a running service, e.g. http://127.0.0.1:5080." };

ISearchBackend Backend(ParseResult parse)
{
    if (parse.GetValue(url) is { } baseUrl)
    {
        return new HttpBackend(new Uri(baseUrl));
    }
    var dir = parse.GetValue(indexDir) ?? throw new ArgumentException("give --index-dir or --url");
    var index = LucenePatentIndex.Open(dir, new LuceneIndexOptions { ReadOnly = true });
    return new InProcessBackend(index, index);
}

var files = new Argument<string[]>("files") { Description = "JSONL query files ({\"query\", \"relevant\", \"kind\", \"split\"}).", Arity = ArgumentArity.OneOrMore };
var classicBaseline = new Option<bool>("--classic-baseline") { Description = "In-process: run the baseline with Lucene's classic TF-IDF similarity and coordination (the definition of issue 12) instead of the index's BM25." };
var noveltyCommand = new Command("novelty", "Product ranking and plain baseline side by side, per kind and dev / held-out split, with 95 % bootstrap intervals.") { files, indexDir, url, classicBaseline };
noveltyCommand.SetAction(parse =>
{
    using var product = Backend(parse);
    using var classic = parse.GetValue(classicBaseline) && parse.GetValue(indexDir) is { } dir
        ? LucenePatentIndex.Open(dir, new LuceneIndexOptions { ReadOnly = true, Similarity = new Lucene.Net.Search.Similarities.DefaultSimilarity() })
        : null;
    using var baseline = classic is null ? null : new InProcessBackend(classic);
    var queries = parse.GetValue(files)!.SelectMany(QuerySet.Load).ToList();
    var rows = NoveltyComparison.Run(queries, new Dictionary<PatentNav.Core.Novelty.NoveltyRanking, ISearchBackend>
    {
        [PatentNav.Core.Novelty.NoveltyRanking.Product] = product,
        [PatentNav.Core.Novelty.NoveltyRanking.Baseline] = baseline ?? product,
    });
    NoveltyComparison.Print(rows, Console.WriteLine);
    return 0;
});
root.Subcommands.Add(noveltyCommand);

var expertCommand = new Command("expert", "Evaluate expert search on a query file.") { file, indexDir, url };
expertCommand.SetAction(parse =>
{
    using var backend = Backend(parse);
    var ranked = QuerySet.Load(parse.GetValue(file)!).Select(q => (q.Kind, Ranked: new RankedQuery(q.Query, q.Relevant, backend.Expert(q.Query, 50)))).ToList();
    Console.WriteLine($"{"set",-14} {"queries",8} {"recall@10",10} {"recall@50",10} {"MRR",8}");
    foreach (var group in ranked.GroupBy(r => r.Kind ?? "all").Append(ranked.GroupBy(_ => "all").Single()))
    {
        var metrics = RankingMetrics.Compute([.. group.Select(g => g.Ranked)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{group.Key,-14} {group.Count(),8} {metrics.RecallAt10,10:F3} {metrics.RecallAt50,10:F3} {metrics.Mrr,8:F3}"));
    }
    return 0;
});
root.Subcommands.Add(expertCommand);

var casesFile = new Option<string>("--file") { Description = "JSONL of infringement cases ({\"id\", \"patent\", \"claim\", \"text\", \"expected\", \"missing\", \"split\"}).", Required = true };
var showMisses = new Option<bool>("--show-misses") { Description = "Print each case the pre-check got wrong." };
var plainMatching = new Option<bool>("--baseline") { Description = "In-process: the plain baseline (literal word coverage only, no lexicon, never equivalent) instead of the product matching." };
var infringementCommand = new Command("infringement", "Verdict accuracy of the infringement pre-check and how often the missing element is named, per dev / held-out split.") { casesFile, indexDir, url, showMisses, plainMatching };
infringementCommand.SetAction(parse =>
{
    IInfringementBackend backend;
    if (parse.GetValue(url) is { } baseUrl)
    {
        backend = new HttpInfringementBackend(new Uri(baseUrl));
    }
    else
    {
        var dir = parse.GetValue(indexDir) ?? throw new ArgumentException("give --index-dir or --url");
        var index = LucenePatentIndex.Open(dir, new LuceneIndexOptions { ReadOnly = true });
        backend = new InProcessInfringementBackend(index, index, parse.GetValue(plainMatching));
    }
    using (backend)
    {
        var rows = InfringementEvaluation.Run(InfringementCase.Load(parse.GetValue(casesFile)!), backend, parse.GetValue(showMisses) ? Console.WriteLine : null);
        InfringementEvaluation.Print(rows, Console.WriteLine);
    }
    return 0;
});
root.Subcommands.Add(infringementCommand);

var source = new Option<string>("--source") { Description = "kppatent-tac.jsonl with gold keyphrases.", Required = true };
var outDir = new Option<string>("--out-dir") { Description = "Folder for keyphrase-novelty.jsonl and keyphrase-expert.jsonl.", Required = true };
var keyphrases = new Command("keyphrase-sets", "Build known-item query sets from gold keyphrases.") { source, outDir };
keyphrases.SetAction(parse =>
{
    var (novelty, expert) = KeyphraseSets.Build(parse.GetValue(source)!);
    Directory.CreateDirectory(parse.GetValue(outDir)!);
    QuerySet.Save(Path.Combine(parse.GetValue(outDir)!, "keyphrase-novelty.jsonl"), novelty);
    QuerySet.Save(Path.Combine(parse.GetValue(outDir)!, "keyphrase-expert.jsonl"), expert);
    Console.WriteLine($"wrote {novelty.Count} novelty and {expert.Count} expert queries");
    return 0;
});
root.Subcommands.Add(keyphrases);

var export = new Option<string>("--file") { Description = "incoPat export with 技术功效2级 annotations.", DefaultValueFactory = _ => Path.Combine("data", "exports", "incopat", "iflytek-3816.xlsx") };
var vocabulary = new Option<string>("--effects") { Description = "Effect vocabulary.", DefaultValueFactory = _ => Path.Combine("src", "NavigationMaps", "Effects", "technical-effects.effects") };
var effectsCommand = new Command("effects", "Agreement of the effect vocabulary with incoPat's effect annotations (per patent, per effect).") { export, vocabulary };
effectsCommand.SetAction(parse =>
{
    EffectAgreement.Print(EffectAgreement.Run(parse.GetValue(export)!, parse.GetValue(vocabulary)!), Console.WriteLine);
    return 0;
});
root.Subcommands.Add(effectsCommand);

var titles = new Option<string>("--titles") { Description = "cn-titles-ipc.csv (pub_no,title,ipc_subclasses) or data/demo/cn-titles-ipc.jsonl.", Required = true };
var folds = new Option<int>("--folds") { DefaultValueFactory = _ => 5 };
var withModel = new Option<bool>("--model") { Description = "Also train the supervised classifier per fold and report it alone and mixed with the votes." };
var extraIndex = new Option<string?>("--extra-index") { Description = "Add this index's IPC-labelled records (not the evaluated titles) to every fold's training data." };
var ipcCv = new Command("ipc-cv", "K-fold micro-F1 of IPC subclass suggestion; ends with the line for the configuration the service uses.") { titles, folds, withModel, extraIndex };
ipcCv.SetAction(parse =>
{
    var rows = IpcCrossValidation.Load(parse.GetValue(titles)!);
    IReadOnlyList<PatentNav.Classification.IpcClassifier.LabelledText> extra = [];
    if (parse.GetValue(extraIndex) is { } extraDir)
    {
        using var source = LucenePatentIndex.Open(extraDir, new LuceneIndexOptions { ReadOnly = true });
        extra = IpcCrossValidation.ExtraTraining(source, rows);
        Console.WriteLine($"extra training records: {extra.Count}");
    }
    var model = parse.GetValue(withModel);
    double[] alphas = model ? [0, 0.3, 0.5, 0.7, 1] : [0];
    var results = IpcCrossValidation.Run(rows, parse.GetValue(folds), extra, model, alphas, [0.1, 0.15, 0.2, 0.3, 0.4, 1.1], Console.WriteLine);
    Console.WriteLine($"{rows.Count} titles, {parse.GetValue(folds)} folds; predicted = top suggestion + others with score >= threshold; score = alpha x model + (1 - alpha) x neighbour votes");
    Console.WriteLine($"{"alpha",6} {"threshold",10} {"precision",10} {"recall",8} {"micro-F1",9}");
    foreach (var ((alpha, threshold), f1) in results.OrderBy(r => r.Key.Alpha).ThenBy(r => r.Key.Threshold))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{alpha,6:F1} {(threshold > 1 ? "top-1" : threshold.ToString("F2", CultureInfo.InvariantCulture)),10} {f1.Precision,10:F3} {f1.Recall,8:F3} {f1.F1,9:F3}"));
    }
    // The service mixes its model with the votes (votes alone until the model is trained); a suggestion counts as
    // predicted when it is the first or scores at least ServiceIpcThreshold.
    var service = (Alpha: model ? PatentNav.Core.Novelty.NoveltySearch.DefaultClassifierShare : 0, Threshold: ServiceIpcThreshold);
    Console.WriteLine($"the service's configuration: alpha {service.Alpha:F1}, threshold {service.Threshold:F2}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"micro-F1: {results[service].F1:F3}"));
    return 0;
});
root.Subcommands.Add(ipcCv);

var calibrate = new Command("calibrate", "Fit the relevance curve on the dev split (true prior art in the top 10 against the best hit of no-prior-art descriptions) and check it on held-out.") { files, indexDir };
calibrate.SetAction(parse =>
{
    using var index = LucenePatentIndex.Open(parse.GetValue(indexDir) ?? throw new ArgumentException("give --index-dir"), new LuceneIndexOptions { ReadOnly = true });
    var queries = parse.GetValue(files)!.SelectMany(QuerySet.Load).ToList();
    RelevanceCalibration.Print(RelevanceCalibration.Run(index, queries), Console.WriteLine);
    return 0;
});
root.Subcommands.Add(calibrate);


return root.Parse(args).Invoke();

internal static partial class Program
{
    /// <summary>The score from which the service's second and later IPC suggestions count as predicted.</summary>
    private const double ServiceIpcThreshold = 0.1;
}
