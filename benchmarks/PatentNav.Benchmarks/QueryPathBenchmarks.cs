using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using PatentNav.Core.Analysis;
using PatentNav.Core.Engine;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.Engine.Lucene.Search;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Benchmarks;

/// <summary>
/// The latency-critical query path: analysis, parsing, AST compilation, expert search with an IPC filter, highlighting,
/// facet aggregation over every match, novelty term extraction and novelty search end to end, and get-by-number.
/// Runs on the demo corpus (13,459 patents, indexed on first use) or on any index named by PATENTNAV_BENCH_INDEX, such as
/// the 100k and 1M synthetic ones that <c>benchmarks/peer/run.sh --keep-index</c> leaves. Percentile columns give p50/p95.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class QueryPathBenchmarks
{
    private const string ExpertQuery = "TI=(电池 OR 电极 OR 储能) AND AB=材料 NOT TI=\"太阳能\"";
    private const string NoveltyText =
        "我们计划研发一种针对近水平薄矿体的开采工艺：沿着矿体走向把矿区划分成若干盘区，每个盘区沿倾向布置矿块，" +
        "用智能掘进机对矿块逐层回采，采用房柱法并保留间柱和点柱来支撑顶板，从而提高薄矿体的回采率、降低贫化。";

    private readonly ExpertQueryParser _parser = new();
    private string _indexDir = "";
    private LucenePatentIndex _index = null!;
    private NoveltySearch _novelty = null!;
    private QueryNode _expert = null!;
    private QueryNode _ipcFilter = null!;
    private LuceneQueryCompiler _compiler = null!;
    private global::Lucene.Net.Analysis.Analyzer _words = null!;
    private global::Lucene.Net.Analysis.Analyzer _bigrams = null!;
    private NoveltyTermExtractor _extractor = null!;
    private string _pastedNumber = "";

    [GlobalSetup]
    public void Setup()
    {
        (_index, _indexDir) = OpenBenchmarkIndex();
        _novelty = new NoveltySearch(_index);
        _expert = _parser.Parse(ExpertQuery);
        _ipcFilter = _parser.Parse("IPC=H01M");
        _compiler = new LuceneQueryCompiler(LucenePatentIndex.CreateAnalyzer());
        _words = PatentAnalysis.CreateWordAnalyzer();
        _bigrams = PatentAnalysis.CreateBigramAnalyzer();
        _extractor = new NoveltyTermExtractor(_index);
        // A number that is in this index (demo or synthetic), pasted the way users type it.
        var first = _index.Search(new SearchRequest { Query = new MatchAllNode(), Size = 1 }).Hits[0].Record!;
        _pastedNumber = (first.PublicationNumber ?? first.Id).ToLowerInvariant().Insert(2, " ");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _words.Dispose();
        _bigrams.Dispose();
        _index.Dispose();
    }

    /// <summary>Index-time analysis of one abstract: SmartCn words and CJK bigrams.</summary>
    [Benchmark]
    public int AnalyzeAbstract() =>
        PatentAnalysis.Tokenize(_words, "abstract", NoveltyText).Count + PatentAnalysis.Tokenize(_bigrams, "abstract.bg", NoveltyText).Count;

    [Benchmark]
    public global::Lucene.Net.Search.Query CompileExpertQuery() => _compiler.Compile(_expert);

    [Benchmark]
    public IReadOnlyList<NoveltyTerm> NoveltyTermExtraction() => _extractor.ExtractAsync(NoveltyText).GetAwaiter().GetResult();

    [Benchmark]
    public QueryNode ParseExpertQuery() => _parser.Parse(ExpertQuery);

    [Benchmark]
    public SearchResult ExpertSearchWithIpcFilter() => _index.Search(new SearchRequest { Query = _expert, Filters = [_ipcFilter], Size = 10 });

    [Benchmark]
    public SearchResult ExpertSearchHighlighted() => _index.Search(new SearchRequest { Query = _expert, Size = 10, Highlight = true });

    [Benchmark]
    public SearchResult FacetsOverAllMatches() => _index.Search(new SearchRequest
    {
        Query = new MatchAllNode(),
        Size = 0,
        IncludeRecords = false,
        Facets = [new FacetRequest(FacetField.IpcSubclass), new FacetRequest(FacetField.Type), new FacetRequest(FacetField.ApplicationYear), new FacetRequest(FacetField.Applicant)],
    });

    [Benchmark]
    public NoveltyResult NoveltySearchEndToEnd() => _novelty.SearchAsync(new NoveltyRequest { Text = NoveltyText, Size = 10 }).GetAwaiter().GetResult();

    [Benchmark]
    public Core.Model.PatentRecord? GetByNumber() => PatentLookup.FindAsync(_index, _pastedNumber).GetAwaiter().GetResult().Record;

    /// <summary>The index named by PATENTNAV_BENCH_INDEX, or the demo corpus's, indexed on first use.</summary>
    internal static (LucenePatentIndex Index, string Path) OpenBenchmarkIndex()
    {
        var indexDir = Environment.GetEnvironmentVariable("PATENTNAV_BENCH_INDEX") ?? Path.Combine(Path.GetTempPath(), "patentnav-bench-demo");
        var index = LucenePatentIndex.Open(indexDir);
        if (index.DocumentCount == 0)
        {
            var pipeline = new IndexingPipeline(index, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default));
            pipeline.Run(SourceReaders.ReadAll([DemoCorpusPath()], CancellationToken.None), new IndexingOptions());
        }
        return (index, indexDir);
    }

    internal static string DemoCorpusPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatentNav.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("run from inside the repository"), "data", "demo");
    }

    internal sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}
