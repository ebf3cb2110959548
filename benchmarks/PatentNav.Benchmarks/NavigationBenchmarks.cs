using BenchmarkDotNet.Attributes;
using PatentNav.Engine.Lucene;
using PatentNav.NavigationMaps;

namespace PatentNav.Benchmarks;

/// <summary>
/// A whole chain map (every node, every figure: four engine requests) for 晋中 2015–2024, per shipped chain. On the
/// service's own index (the demo texts and the bundled exports) set <c>PATENTNAV_BENCH_INDEX</c> to its folder with the
/// service stopped; without it the benchmark indexes data/demo alone. The first map of a chain after a start or a
/// commit computes its node sets; the figures here are the steady state that later maps see.
/// </summary>
[Config(typeof(QueryPathBenchmarks.PercentileConfig))]
[MemoryDiagnoser]
public class NavigationBenchmarks
{
    private LucenePatentIndex _index = null!;
    private NavigationMapService _maps = null!;
    private ChainCatalog _chains = null!;

    [Params("jinzhong-new-energy", "jinzhong-equipment", "jinzhong-semiconductors", "jinzhong-information-technology",
        "jinzhong-biomedicine", "jinzhong-functional-agriculture", "qixian-glassware", "sei-2021")]
    public string Chain { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_index, _) = QueryPathBenchmarks.OpenBenchmarkIndex();
        _maps = new NavigationMapService(_index);
        _chains = ChainCatalog.Load(Path.Combine(Path.GetDirectoryName(QueryPathBenchmarks.DemoCorpusPath())!, "..", "src", "NavigationMaps", "Chains"));
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public ChainMap WholeChainForJinzhong() => _maps.MapAsync(_chains.Find(Chain)!, "1407", 2015, 2024, "晋中市").GetAwaiter().GetResult();
}
