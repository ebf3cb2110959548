using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatentNav.SearchApi.Telemetry;

/// <summary>Search metrics exported through OpenTelemetry: duration and hit counts per endpoint and engine.</summary>
public sealed class PatentNavMetrics : IDisposable
{
    public const string MeterName = "PatentNav.Search";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _requests;

    public PatentNavMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        _duration = _meter.CreateHistogram<double>("patentnav.search.duration", "ms", "Time to answer a search, inside the service.");
        _hits = _meter.CreateCounter<long>("patentnav.search.hits", description: "Hits returned.");
        _requests = _meter.CreateCounter<long>("patentnav.search.requests", description: "Searches answered.");
    }

    public void Record(string endpoint, string engine, double milliseconds, int hits)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "engine", engine } };
        _duration.Record(milliseconds, tags);
        _hits.Add(hits, tags);
        _requests.Add(1, tags);
    }

    public void Dispose() => _meter.Dispose();
}
