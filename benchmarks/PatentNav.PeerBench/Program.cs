using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.Engine.Lucene.Search;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;
using PatentNav.PeerBench;

// Side-by-side peer benchmark, C# half (benchmarks/peer/run.sh drives it):
//   run   --corpus F --index-dir D --docs-out TSV --queries-out JSONL --metrics-out JSON
//         [--threads N] [--reuse-index true] [--only expert|novelty|facet|expert_engine|novelty_engine] [--passes N]
//   merge --docs N --csharp JSON --java JSON --out JSON
var options = Cli.Parse(args);
return options.Command switch
{
    "run" => PeerRun.Run(options),
    "merge" => Merge.Run(options),
    _ => Cli.Usage(),
};

namespace PatentNav.PeerBench
{
    internal sealed record Cli(string Command, IReadOnlyDictionary<string, string> Values)
    {
        public string Get(string name) => Values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

        public int GetInt(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public bool GetBool(string name) => Values.TryGetValue(name, out var v) && bool.Parse(v);

        public static Cli Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }
            return new Cli(args.Length > 0 ? args[0] : "", values);
        }

        public static int Usage()
        {
            Console.Error.WriteLine("usage: patentnav-peerbench run --corpus F --index-dir D --docs-out TSV --queries-out JSONL --metrics-out JSON");
            Console.Error.WriteLine("         [--threads N] [--reuse-index true] [--only expert|novelty|facet|expert_engine|novelty_engine] [--passes N]");
            Console.Error.WriteLine("       patentnav-peerbench merge --docs N --csharp JSON --java JSON --out JSON");
            return 2;
        }
    }

    /// <summary>Loop sizes shared with PeerBench.java (it reads them from the query file's header line).</summary>
    internal static class Loops
    {
        public const int ExpertQueries = 50;
        public const int NoveltyQueries = 50;
        public const int WarmupPasses = 3;
        public const int MeasuredPasses = 5;
        public const int FacetWarmup = 10;
        public const int FacetMeasured = 40;
        /// <summary>
        /// Warm-up also lasts at least this long: both runtimes compile hot code in tiers (.NET's tiered JIT, the JVM's C2),
        /// and a few fast calls end before the optimised code is in place (facets at 100k: 5.3 ms in tier 0, 1.8 ms optimised).
        /// </summary>
        public const double WarmupSeconds = 3;
        public const int ExpertTop = 10;
        /// <summary>NoveltySearch fetches max(50, size × 5) candidates for re-ranking.</summary>
        public const int NoveltyTop = 50;
    }

    internal static class PeerRun
    {
        public static int Run(Cli cli)
        {
            var corpus = cli.Get("corpus");
            var indexDir = cli.Get("index-dir");
            var metrics = new JsonObject();

            // Profiling aid (benchmarks/README.md): --reuse-index true queries an index left by an earlier run with
            // --keep-index, and --only expert|novelty|facet with --passes N runs just that loop, long enough to trace.
            var reuse = cli.GetBool("reuse-index") && Directory.Exists(indexDir);
            var only = cli.Values.GetValueOrDefault("only");
            var passes = cli.GetInt("passes", Loops.MeasuredPasses);

            // 1. Index with the real engine, as `patentnav-indexer index` does (batch 2,000, durable commit per batch).
            if (!reuse && Directory.Exists(indexDir))
            {
                Directory.Delete(indexDir, recursive: true);
            }
            var threads = cli.GetInt("threads", Environment.ProcessorCount);
            using var index = LucenePatentIndex.Open(indexDir, new LuceneIndexOptions { IndexingThreads = threads });
            metrics["index_threads"] = threads;
            if (reuse && File.Exists(cli.Get("metrics-out")) && JsonNode.Parse(File.ReadAllText(cli.Get("metrics-out"))) is JsonObject earlier
                && earlier["index_seconds"] is { } seconds)
            {
                // Queries re-measured on the index an earlier run built and timed: keep that run's indexing figures.
                metrics["index_threads"] = earlier["index_threads"]?.DeepClone();
                metrics["index_seconds"] = seconds.DeepClone();
            }
            if (!reuse)
            {
                var clock = Stopwatch.StartNew();
                var pipeline = new IndexingPipeline(index, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default));
                var summary = pipeline.Run(SourceReaders.ReadAll([corpus], CancellationToken.None), new IndexingOptions { BatchSize = 2000 });
                // As `patentnav-indexer index` ends, and as PeerBench.java's writer.close() does: merges finished and committed,
                // so both sides' queries run on a quiescent, merged index.
                index.FinishMerges();
                clock.Stop();
                metrics["index_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
                Console.Error.WriteLine($"patentnav: indexed {index.DocumentCount} docs in {clock.Elapsed.TotalSeconds:F1} s ({summary.Quarantined} quarantined)");
            }
            // The service queries an index another process built: start the loops from a collected heap, not from the
            // indexing run's garbage (PeerBench.java calls System.gc() at the same point).
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
            metrics["index_docs"] = index.DocumentCount;
            metrics["index_mib"] = Math.Round(index.SizeInBytes / 1048576.0, 1);

            // 2. The Lucene documents the engine wrote, flattened for the Java side, and the sample records for queries.
            var samples = DocumentExport.Export(corpus, cli.Get("docs-out"), index.DocumentCount, out var prepSeconds);
            metrics["prep_seconds"] = Math.Round(prepSeconds, 2);

            // 3. Queries: compiled by our compiler, exported term for term.
            var analyzer = LucenePatentIndex.CreateAnalyzer();
            var compiler = new LuceneQueryCompiler(analyzer);
            var queries = QueryBuilder.Build(samples, index, compiler);
            QueryExport.Write(cli.Get("queries-out"), queries);
            Console.Error.WriteLine($"patentnav: {queries.Expert.Count} expert and {queries.Novelty.Count} novelty queries -> {cli.Get("queries-out")}");

            bool Runs(string loop) => only is null || only == loop;

            // 4./5. Loops on the engine's searcher.
            using (var lease = index.AcquireSearcher())
            {
                var searcher = lease.Searcher;
                // Total matches summed over the query list: equal on both sides when both engines run the same queries on the same documents.
                metrics["expert_total_hits"] = queries.Expert.Sum(q => (long)Timing.Top(searcher, q.Query, Loops.ExpertTop));
                metrics["novelty_total_hits"] = queries.Novelty.Sum(q => (long)Timing.Top(searcher, q.Query, Loops.NoveltyTop));
                if (Runs("expert"))
                {
                    Timing.AddPercentiles(metrics, "expert", Timing.Loop(queries.Expert.Select(q => q.Query).ToList(), q => Timing.Top(searcher, q, Loops.ExpertTop), measured: passes));
                }
                if (Runs("novelty"))
                {
                    Timing.AddPercentiles(metrics, "novelty", Timing.Loop(queries.Novelty.Select(q => q.Query).ToList(), q => Timing.Top(searcher, q, Loops.NoveltyTop), measured: passes));
                }
            }
            var facetRequest = new SearchRequest
            {
                Query = new MatchAllNode(),
                Size = 0,
                IncludeRecords = false,
                Facets = [new FacetRequest(FacetField.IpcSubclass, 10), new FacetRequest(FacetField.Type, 10)],
            };
            var facetResult = index.Search(facetRequest);
            metrics["facet_total"] = facetResult.Total;
            metrics["facet_top_subclass"] = facetResult.Facets[FacetField.IpcSubclass] is { Count: > 0 } buckets ? $"{buckets[0].Value}={buckets[0].Count}" : "";
            if (Runs("facet"))
            {
                Timing.AddPercentiles(metrics, "facet", Timing.Loop([facetRequest], r => (int)index.Search(r).Total, Loops.FacetWarmup, Loops.FacetMeasured * passes / Loops.MeasuredPasses));
            }

            // Informative only (no Java counterpart): the engine's full paths, with record loading, re-ranking and passages.
            if (Runs("expert_engine"))
            {
                Timing.AddPercentiles(metrics, "expert_engine", Timing.Loop(queries.Expert.Select(q => q.Ast).ToList(), ast => (int)index.Search(new SearchRequest { Query = ast }).Total, measured: passes));
            }
            if (Runs("novelty_engine"))
            {
                var novelty = new NoveltySearch(index);
                Timing.AddPercentiles(metrics, "novelty_engine", Timing.Loop(queries.Novelty.Select(q => q.Text).ToList(), text => novelty.SearchAsync(new NoveltyRequest { Text = text }).GetAwaiter().GetResult().Hits.Count, 1, Math.Max(2, passes * 2 / Loops.MeasuredPasses)));
            }

            File.WriteAllText(cli.Get("metrics-out"), metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
    }

    internal static class Timing
    {
        public static int Top(IndexSearcher searcher, Query query, int top)
        {
            // Exact totals, as the engine reports them: every match is scored and counted.
            var collector = TopScoreDocCollector.Create(top, docsScoredInOrder: false);
            searcher.Search(query, collector);
            return collector.TotalHits;
        }

        public static List<double> Loop<T>(IReadOnlyList<T> items, Func<T, int> run, int warmup = Loops.WarmupPasses, int measured = Loops.MeasuredPasses)
        {
            long sink = 0;
            var warming = Stopwatch.StartNew();
            for (var pass = 0; pass < warmup || warming.Elapsed.TotalSeconds < Loops.WarmupSeconds; pass++)
            {
                foreach (var item in items)
                {
                    sink += run(item);
                }
            }
            var samples = new List<double>(items.Count * measured);
            for (var pass = 0; pass < measured; pass++)
            {
                foreach (var item in items)
                {
                    var start = Stopwatch.GetTimestamp();
                    sink += run(item);
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            GC.KeepAlive(sink);
            return samples;
        }

        public static void AddPercentiles(JsonObject metrics, string name, List<double> samples)
        {
            samples.Sort();
            metrics[name + "_p50_ms"] = Math.Round(Percentile(samples, 0.50), 3);
            metrics[name + "_p95_ms"] = Math.Round(Percentile(samples, 0.95), 3);
        }

        /// <summary>Nearest rank, as PeerBench.java computes it.</summary>
        public static double Percentile(List<double> sorted, double p) =>
            sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Re-reads the corpus with the same reader and record builder and writes each record's Lucene document, field by field.</summary>
    internal static class DocumentExport
    {
        private static readonly MethodInfo ToDocument =
            typeof(LucenePatentIndex).Assembly.GetType("PatentNav.Engine.Lucene.Indexing.PatentDocumentMapper")?.GetMethod("ToDocument")
            ?? throw new InvalidOperationException("PatentDocumentMapper.ToDocument not found");

        public static List<PatentRecord> Export(string corpus, string path, long docCount, out double prepSeconds)
        {
            var stride = (int)Math.Max(1, docCount / (Loops.ExpertQueries + Loops.NoveltyQueries + 2));
            var builder = new PatentRecordBuilder(RegionResolver.Default);
            var samples = new List<PatentRecord>();
            var exists = File.Exists(path);
            using var writer = exists ? null : new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 20);
            var clock = Stopwatch.StartNew();
            var prep = TimeSpan.Zero;
            var n = 0;
            foreach (var result in SourceReaders.ReadAll([corpus], CancellationToken.None))
            {
                if (result is not SourceReadResult.Record { Value: var source })
                {
                    continue;
                }
                var start = Stopwatch.GetTimestamp();
                var record = builder.Build(source).Record;
                prep += Stopwatch.GetElapsedTime(start);
                if (record is null)
                {
                    continue;
                }
                if (n++ % stride == 0)
                {
                    samples.Add(record);
                }
                if (writer is not null)
                {
                    var doc = (Document)ToDocument.Invoke(null, [record, null])!;
                    WriteDocument(writer, doc);
                }
            }
            if (writer is not null)
            {
                writer.Dispose();
                File.Move(path + ".tmp", path, overwrite: true);
            }
            // Read + normalise only (no Lucene), for the README's comparison of what each index_seconds covers.
            prepSeconds = prep.TotalSeconds;
            Console.Error.WriteLine($"patentnav: {n} records re-read in {clock.Elapsed.TotalSeconds:F1} s{(exists ? "" : " -> " + path)}");
            return samples;
        }

        private static void WriteDocument(StreamWriter writer, Document doc)
        {
            foreach (var field in doc.Fields)
            {
                var type = field.IndexableFieldType;
                string kind;
                string value;
                if (type.DocValueType == DocValuesType.SORTED_SET)
                {
                    (kind, value) = ("SS", field.GetBinaryValue().Utf8ToString());
                }
                else if (type.DocValueType == DocValuesType.SORTED)
                {
                    (kind, value) = ("SD", field.GetBinaryValue().Utf8ToString());
                }
                else if (type.DocValueType == DocValuesType.NUMERIC)
                {
                    (kind, value) = ("N", field.GetInt64Value()!.Value.ToString(CultureInfo.InvariantCulture));
                }
                else if (field is Int32Field)
                {
                    (kind, value) = ("I", field.GetInt32Value()!.Value.ToString(CultureInfo.InvariantCulture));
                }
                else if (type.IsIndexed && type.IsTokenized)
                {
                    (kind, value) = ("T", field.GetStringValue());
                }
                else if (type.IsIndexed)
                {
                    (kind, value) = (type.IsStored ? "SY" : "S", field.GetStringValue());
                }
                else if (type.IsStored && field.GetBinaryValue() is { } bytes)
                {
                    (kind, value) = ("B", bytes.Utf8ToString());
                }
                else
                {
                    throw new InvalidOperationException($"Unexpected field {field.Name}");
                }
                writer.Write(kind);
                writer.Write('\t');
                writer.Write(field.Name);
                writer.Write('\t');
                writer.Write(Escape(value));
                writer.Write('\n');
            }
            writer.Write('\n');
        }

        private static string Escape(string value)
        {
            if (value.AsSpan().IndexOfAny("\\\n\r\t") < 0)
            {
                return value;
            }
            return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        }
    }

    internal sealed record ExpertQuery(string Text, QueryNode Ast, Query Query);

    internal sealed record NoveltyQuery(string Text, Query Query, int Terms);

    internal sealed record QuerySet(List<ExpertQuery> Expert, List<NoveltyQuery> Novelty);

    internal static class QueryBuilder
    {
        private static readonly SearchField[] ScoredFields = [SearchField.Title, SearchField.Abstract, SearchField.Claims];

        public static QuerySet Build(List<PatentRecord> samples, LucenePatentIndex index, LuceneQueryCompiler compiler)
        {
            var parser = new ExpertQueryParser();
            using var words = PatentAnalysis.CreateWordAnalyzer();
            var expert = new List<ExpertQuery>();
            var novelty = new List<NoveltyQuery>();
            var extractor = new NoveltyTermExtractor(index);
            var candidateTerms = new NoveltySearch(index);
            for (var i = 0; i < samples.Count; i++)
            {
                var record = samples[i];
                if (expert.Count < Loops.ExpertQueries && record.Title is { } title && record.Ipc.FirstOrDefault(c => c.Length >= 4) is { } ipc)
                {
                    // The longest CJK word of the title (first on ties) and the record's first IPC subclass.
                    var word = PatentAnalysis.Tokenize(words, "title", title)
                        .Where(w => w.Length >= 2 && w.All(c => c is >= '\u4E00' and <= '\u9FFF'))
                        .Aggregate((string?)null, (best, w) => best is null || w.Length > best.Length ? w : best);
                    if (word is not null)
                    {
                        var text = $"TI={word} AND IPC={ipc[..4]}";
                        var ast = parser.Parse(text);
                        expert.Add(new ExpertQuery(text, ast, compiler.Compile(ast)));
                    }
                }
                if (novelty.Count < Loops.NoveltyQueries)
                {
                    // A project description made of corpus sentences: two of this abstract, one of the next record's claims.
                    var next = samples[(i + 1) % samples.Count];
                    var sentences = Sentences(record.Abstract).Take(2).Concat(Sentences(next.Claims).Skip(1).Take(1)).ToList();
                    if (sentences.Count == 0)
                    {
                        continue;
                    }
                    var description = "我们计划研发" + string.Join("。", sentences) + "。";
                    var terms = extractor.ExtractAsync(description).GetAwaiter().GetResult().Where(t => t.DocumentFrequency > 0 && t.Weight > 0).ToList();
                    if (terms.Count == 0)
                    {
                        continue;
                    }
                    // As NoveltySearch builds its candidate query: the terms common to more than 2 % of documents left out.
                    var node = new WeightedTermsNode([.. candidateTerms.CandidateTerms(terms).Select(t => new WeightedTerm(t.Term, (float)t.Weight, t.Bigram))], ScoredFields);
                    novelty.Add(new NoveltyQuery(description, compiler.Compile(node), terms.Count));
                }
            }
            return new QuerySet(expert, novelty);
        }

        private static IEnumerable<string> Sentences(string? text) =>
            string.IsNullOrWhiteSpace(text) ? [] : text.Split(['。', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length >= 8);
    }

    /// <summary>
    /// The compiled Lucene queries as JSON trees, one per line: bool (clauses with occur, coord), term, phrase (terms with
    /// positions), prefix, wildcard, all and filtered; each with its boost. PeerBench.java rebuilds exactly these.
    /// </summary>
    internal static class QueryExport
    {
        public static void Write(string path, QuerySet queries)
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            var header = new JsonObject
            {
                ["warmup"] = Loops.WarmupPasses,
                ["measured"] = Loops.MeasuredPasses,
                ["facetWarmup"] = Loops.FacetWarmup,
                ["warmupSeconds"] = Loops.WarmupSeconds,
                ["facetMeasured"] = Loops.FacetMeasured,
            };
            writer.Write(header.ToJsonString() + "\n");
            foreach (var q in queries.Expert)
            {
                writer.Write(new JsonObject { ["kind"] = "expert", ["top"] = Loops.ExpertTop, ["text"] = q.Text, ["query"] = ToJson(q.Query) }.ToJsonString() + "\n");
            }
            foreach (var q in queries.Novelty)
            {
                writer.Write(new JsonObject { ["kind"] = "novelty", ["top"] = Loops.NoveltyTop, ["text"] = q.Text, ["query"] = ToJson(q.Query) }.ToJsonString() + "\n");
            }
        }

        private static JsonObject ToJson(Query query)
        {
            var node = query switch
            {
                BooleanQuery b => new JsonObject
                {
                    ["t"] = "bool",
                    ["coord"] = !b.CoordDisabled,
                    ["min"] = b.MinimumNumberShouldMatch,
                    ["c"] = new JsonArray([.. b.Clauses.Select(c => (JsonNode)new JsonObject { ["o"] = c.Occur.ToString(), ["q"] = ToJson(c.Query) })]),
                },
                TermQuery t => new JsonObject { ["t"] = "term", ["f"] = t.Term.Field, ["v"] = t.Term.Text },
                PhraseQuery p => new JsonObject
                {
                    ["t"] = "phrase",
                    ["slop"] = p.Slop,
                    ["f"] = p.GetTerms()[0].Field,
                    ["terms"] = new JsonArray([.. p.GetTerms().Select(x => (JsonNode)x.Text)]),
                    ["pos"] = new JsonArray([.. p.GetPositions().Select(x => (JsonNode)x)]),
                },
                PrefixQuery p => new JsonObject { ["t"] = "prefix", ["f"] = p.Prefix.Field, ["v"] = p.Prefix.Text },
                WildcardQuery w => new JsonObject { ["t"] = "wildcard", ["f"] = w.Term.Field, ["v"] = w.Term.Text },
                MatchAllDocsQuery => new JsonObject { ["t"] = "all" },
                FilteredQuery f when f.Filter is QueryWrapperFilter qwf => new JsonObject { ["t"] = "filtered", ["q"] = ToJson(f.Query), ["filter"] = ToJson(qwf.Query) },
                _ => throw new NotSupportedException($"Export of {query.GetType().Name} is not implemented: {query}"),
            };
            node["b"] = query.Boost;
            return node;
        }
    }

    internal static class Merge
    {
        private static readonly string[] Metrics =
        [
            "index_seconds", "expert_p50_ms", "expert_p95_ms", "novelty_p50_ms", "novelty_p95_ms", "facet_p50_ms", "facet_p95_ms",
        ];

        public static int Run(Cli cli)
        {
            var cs = JsonNode.Parse(File.ReadAllText(cli.Get("csharp")))!.AsObject();
            var java = JsonNode.Parse(File.ReadAllText(cli.Get("java")))!.AsObject();
            var rows = new JsonArray();
            var table = new StringBuilder();
            table.Append("| metric | patentnav | java_lucene | ratio |\n| --- | ---: | ---: | ---: |\n");
            foreach (var metric in Metrics)
            {
                var x = cs[metric]!.GetValue<double>();
                var y = java[metric]!.GetValue<double>();
                var ratio = y > 0 ? Math.Round(x / y, 2) : double.NaN;
                rows.Add(new JsonObject { ["metric"] = metric, ["patentnav"] = x, ["java_lucene"] = y, ["ratio"] = ratio });
                table.Append(CultureInfo.InvariantCulture, $"| {metric} | {x} | {y} | {ratio} |\n");
            }
            var result = new JsonObject
            {
                ["docs"] = int.Parse(cli.Get("docs"), CultureInfo.InvariantCulture),
                ["rows"] = rows,
                ["patentnav_raw"] = cs.DeepClone(),
                ["java_lucene_raw"] = java.DeepClone(),
            };
            File.WriteAllText(cli.Get("out"), result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.Write(table.ToString());
            Console.WriteLine($"engine paths (PatentNav only): expert p50/p95 {cs["expert_engine_p50_ms"]}/{cs["expert_engine_p95_ms"]} ms, novelty end to end {cs["novelty_engine_p50_ms"]}/{cs["novelty_engine_p95_ms"]} ms");
            return 0;
        }
    }
}
