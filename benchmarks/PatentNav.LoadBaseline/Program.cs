using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PatentNav.Core.Engine;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene;

// Opens an index read-only and times, single-threaded, the engine work behind the three wrk workloads of
// benchmarks/load/run.sh with the same inputs and the same request defaults as the service's SearchService:
//   expert  = parse + search (size 10, relevance, the 7 default facets, highlight on)
//   novelty = NoveltySearch (size 10)
//   patent  = PatentLookup.Find
// Usage: patentnav-load-baseline --index-dir DIR --queries FILE --novelty FILE --numbers FILE [--seconds 5] [--out FILE]
var options = ParseArgs(args);
var indexDir = options.GetValueOrDefault("index-dir") ?? throw new ArgumentException("--index-dir is required");
var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "5", CultureInfo.InvariantCulture);

using var index = LucenePatentIndex.Open(indexDir, new LuceneIndexOptions { ReadOnly = true });
var parser = new ExpertQueryParser(new QueryLimits { MaxLength = 4000 });
FacetField[] defaultFacets =
    [FacetField.IpcSubclass, FacetField.Type, FacetField.LegalState, FacetField.ApplicationYear, FacetField.Applicant, FacetField.Province, FacetField.City];

var results = new Dictionary<string, object>(StringComparer.Ordinal);
if (options.TryGetValue("queries", out var queriesFile))
{
    var queries = ReadLines(queriesFile);
    foreach (var q in queries)
    {
        Console.Error.WriteLine($"  expert total={Expert(q).Total,6}  {q}");
    }
    results["expert"] = Measure("expert", queries, q => Expert(q).Hits.Count);
}
if (options.TryGetValue("novelty", out var noveltyFile))
{
    var novelty = new NoveltySearch(index);
    results["novelty"] = Measure("novelty", ReadLines(noveltyFile), t => novelty.SearchAsync(new NoveltyRequest { Text = t, Size = 10 }).GetAwaiter().GetResult().Hits.Count);
}
if (options.TryGetValue("numbers", out var numbersFile))
{
    results["patent"] = Measure("patent", ReadLines(numbersFile), n => PatentLookup.FindAsync(index, n).GetAwaiter().GetResult().Record is null ? 0 : 1);
}

var json = JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
{
    ["indexDir"] = Path.GetFullPath(indexDir),
    ["documents"] = index.DocumentCount,
    ["secondsPerWorkload"] = seconds,
    ["workloads"] = results,
}, new JsonSerializerOptions { WriteIndented = true });
if (options.TryGetValue("out", out var outFile))
{
    File.WriteAllText(outFile, json);
}
Console.WriteLine(json);
return 0;

SearchResult Expert(string q) => index.Search(new SearchRequest
{
    Query = parser.Parse(q),
    Size = 10,
    Sort = SortOrder.Relevance,
    Facets = [.. defaultFacets.Select(f => new FacetRequest(f, 10))],
    Highlight = true,
});

// Warm-up (at least 2 rounds over the list and 3 seconds, so tiered JIT settles as it has in the warmed-up service),
// then round-robin calls until the time budget is spent (at least 3 rounds).
Dictionary<string, object> Measure(string name, IReadOnlyList<string> inputs, Func<string, int> call)
{
    var warmup = Stopwatch.StartNew();
    for (var i = 0; i < 2 * inputs.Count || warmup.Elapsed.TotalSeconds < 3; i++)
    {
        call(inputs[i % inputs.Count]);
    }
    var samples = new List<double>();
    var total = Stopwatch.StartNew();
    var hits = 0L;
    for (var i = 0; total.Elapsed.TotalSeconds < seconds || i < 3 * inputs.Count; i++)
    {
        var clock = Stopwatch.StartNew();
        hits += call(inputs[i % inputs.Count]);
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }
    samples.Sort();
    var result = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["calls"] = samples.Count,
        ["callsPerSecond"] = Math.Round(samples.Count / total.Elapsed.TotalSeconds, 1),
        ["hitsReturned"] = hits,
        ["p50_ms"] = Math.Round(Percentile(samples, 50), 3),
        ["p99_ms"] = Math.Round(Percentile(samples, 99), 3),
        ["mean_ms"] = Math.Round(samples.Average(), 3),
    };
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-8} calls={samples.Count,6}  p50={result["p50_ms"]} ms  p99={result["p99_ms"]} ms"));
    return result;
}

static double Percentile(List<double> sorted, double p)
{
    var rank = p / 100 * (sorted.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = Math.Min(low + 1, sorted.Count - 1);
    return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
}

static List<string> ReadLines(string path) => [.. File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).Where(l => !string.IsNullOrWhiteSpace(l))];

static Dictionary<string, string> ParseArgs(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument '{args[i]}'");
        }
        parsed[args[i][2..]] = args[i + 1];
    }
    return parsed;
}
