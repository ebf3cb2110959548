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

foreach (var mode in new[] { "novelty", "expert" })
{
    var command = new Command(mode, $"Evaluate {mode} search on a query file.") { file, indexDir, url };
    command.SetAction(parse =>
    {
        using var backend = Backend(parse);
        var queries = QuerySet.Load(parse.GetValue(file)!);
        var ranked = queries.Select(q =>
        {
            if (mode == "novelty")
            {
                var (ids, top) = backend.Novelty(q.Query, 50);
                return (q.Kind, Ranked: new RankedQuery(q.Query, q.Relevant, ids, top));
            }
            return (q.Kind, Ranked: new RankedQuery(q.Query, q.Relevant, backend.Expert(q.Query, 50)));
        }).ToList();
        Console.WriteLine($"{"set",-14} {"queries",8} {"recall@10",10} {"recall@50",10} {"MRR",8} {"top relevance >= 0.5",13}");
        foreach (var group in ranked.GroupBy(r => r.Kind ?? "all").Append(ranked.GroupBy(_ => "all").Single()))
        {
            var items = group.Select(g => g.Ranked).ToList();
            var metrics = RankingMetrics.Compute(items);
            var tops = items.Select(i => i.TopRelevance ?? 0).Order().ToList();
            var highTop = mode == "novelty"
                ? string.Create(CultureInfo.InvariantCulture, $"{items.Count(i => i.TopRelevance >= 0.5)}/{items.Count} (min {tops[0]:F2}, median {tops[tops.Count / 2]:F2}, max {tops[^1]:F2})")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-14} {items.Count,8} {metrics.RecallAt10,10:F3} {metrics.RecallAt50,10:F3} {metrics.Mrr,8:F3} {highTop,13}"));
        }
        return 0;
    });
    root.Subcommands.Add(command);
}

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

return root.Parse(args).Invoke();
