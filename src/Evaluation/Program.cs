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
var ipcCv = new Command("ipc-cv", "K-fold micro-F1 of IPC subclass suggestion (kNN votes).") { titles, folds };
ipcCv.SetAction(parse =>
{
    var rows = IpcCrossValidation.Load(parse.GetValue(titles)!);
    var result = IpcCrossValidation.Run(rows, parse.GetValue(folds), [0.2, 0.3, 0.4, 0.5, 1.1], Console.WriteLine);
    Console.WriteLine($"{result.Titles} titles, {result.Folds} folds; predicted = top suggestion + others with confidence >= threshold");
    Console.WriteLine($"{"threshold",10} {"precision",10} {"recall",8} {"micro-F1",9}");
    foreach (var (threshold, f1) in result.ByThreshold.OrderBy(r => r.Key))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(threshold > 1 ? "top-1" : threshold.ToString("F1", CultureInfo.InvariantCulture)),10} {f1.Precision,10:F3} {f1.Recall,8:F3} {f1.F1,9:F3}"));
    }
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
