using BenchmarkDotNet.Attributes;
using PatentNav.Core.Infringement;
using PatentNav.Engine.Lucene;

namespace PatentNav.Benchmarks;

/// <summary>
/// The infringement pre-check end to end (candidate search over in-force claims, claim parsing, element matching of
/// every candidate, dependent claims): on the service's own index set <c>PATENTNAV_BENCH_INDEX</c> to its folder with
/// the service stopped (the demo texts alone hold no in-force patent: every one is a published application).
/// </summary>
[Config(typeof(QueryPathBenchmarks.PercentileConfig))]
[MemoryDiagnoser]
public class InfringementBenchmarks
{
    // A product written against CN222664260U (a utility model in the CNKI export), as eval/infringement/cases.jsonl has it.
    private const string Product =
        "我们的医用标本箱包括固定底板，底板上方安装一个放置箱，箱子内部底面装有样本架，箱子正面有活动门，背面一侧立着L型支架，支架横臂下端装有扫码器，"
        + "支架内侧、箱体顶面装有控制单元，箱体一侧内壁装有电锁座，门的内侧有与电锁座配合的锁舌。";

    private LucenePatentIndex _index = null!;
    private InfringementCheck _check = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_index, _) = QueryPathBenchmarks.OpenBenchmarkIndex();
        _check = new InfringementCheck(_index);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    /// <summary>What a company runs before a launch: the ten riskiest in-force patents for a product description.</summary>
    [Benchmark]
    public InfringementResult SearchedPreCheck() => _check.CheckAsync(new InfringementRequest { Text = Product, Size = 10 }).GetAwaiter().GetResult();

    /// <summary>After a warning letter: the named patent only.</summary>
    [Benchmark]
    public InfringementResult GivenPatent() => _check.CheckAsync(new InfringementRequest { Text = Product, Patents = ["CN222664260U"] }).GetAwaiter().GetResult();
}
