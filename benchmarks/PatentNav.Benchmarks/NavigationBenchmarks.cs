using BenchmarkDotNet.Attributes;
using PatentNav.Engine.Lucene;
using PatentNav.NavigationMaps;

namespace PatentNav.Benchmarks;

/// <summary>A whole chain map (every node, every figure: national and regional counts, year series) on the demo corpus or PATENTNAV_BENCH_INDEX.</summary>
[Config(typeof(QueryPathBenchmarks.PercentileConfig))]
[MemoryDiagnoser]
public class NavigationBenchmarks
{
    private LucenePatentIndex _index = null!;
    private NavigationMapService _maps = null!;
    private IndustryChain _newEnergy = null!;
    private IndustryChain _equipment = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_index, _) = QueryPathBenchmarks.OpenBenchmarkIndex();
        _maps = new NavigationMapService(_index);
        var chains = ChainCatalog.Load(Path.Combine(Path.GetDirectoryName(QueryPathBenchmarks.DemoCorpusPath())!, "..", "src", "NavigationMaps", "Chains"));
        _newEnergy = chains.Find("jinzhong-new-energy")!;
        _equipment = chains.Find("jinzhong-equipment")!;
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public ChainMap NewEnergyChainForJinzhong() => _maps.MapAsync(_newEnergy, "1407", 2010, 2024, "晋中市").GetAwaiter().GetResult();

    [Benchmark]
    public ChainMap EquipmentChainForShanxi() => _maps.MapAsync(_equipment, "14", null, null, "山西省").GetAwaiter().GetResult();
}
