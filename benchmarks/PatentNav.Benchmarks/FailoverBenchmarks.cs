using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Engine.Elasticsearch;
using PatentNav.Engine.Failover;
using PatentNav.Engine.Lucene;

namespace PatentNav.Benchmarks;

/// <summary>
/// What a read costs while the cluster is down and the breaker open, against the same read on the embedded index
/// directly: the target is at most 1 ms more at p50. The cluster refuses every connection; the breaker is opened in
/// setup and stays open for the run (break duration one hour).
/// </summary>
[Config(typeof(QueryPathBenchmarks.PercentileConfig))]
[MemoryDiagnoser]
public class FailoverBenchmarks
{
    private LucenePatentIndex _index = null!;
    private FailoverEngines _engines = null!;
    private SearchRequest _request = null!;
    private string _dataDir = "";

    [GlobalSetup]
    public void Setup()
    {
        (_index, _) = QueryPathBenchmarks.OpenBenchmarkIndex();
        _dataDir = Directory.CreateTempSubdirectory("patentnav-bench-failover-").FullName;
        var options = new ElasticsearchOptions { Url = "http://cluster.invalid:9200", BreakerBreakSeconds = 3600, BreakerMinimumThroughput = 2, ReadRetries = 0 };
        _engines = new FailoverEngines(_index, options, _dataDir, invoker: new Elastic.Transport.HttpRequestInvoker((_, _) => new RefusingHandler()));
        _engines.Status.IndexChecked();
        _request = new SearchRequest
        {
            Query = new ExpertQueryParser().Parse("TI=(电池 OR 电极 OR 储能) AND AB=材料 NOT TI=\"太阳能\""),
            Filters = [new ExpertQueryParser().Parse("IPC=H01M")],
            Size = 10,
        };
        for (var i = 0; i < 4; i++)
        {
            _ = _engines.Searcher.SearchAsync(_request).GetAwaiter().GetResult();
        }
        if (_engines.Status.Breakers["search"] != Polly.CircuitBreaker.CircuitState.Open)
        {
            throw new InvalidOperationException("the breaker did not open");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engines.Dispose();
        _index.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public SearchResult EmbeddedSearchDirect() => _index.SearchAsync(_request).GetAwaiter().GetResult();

    [Benchmark]
    public SearchResult SearchWithBreakerOpen() => _engines.Searcher.SearchAsync(_request).GetAwaiter().GetResult();

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
    }
}
