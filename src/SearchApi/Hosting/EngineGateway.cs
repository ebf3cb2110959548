using PatentNav.Core.Engine;
using PatentNav.Core.Model;

namespace PatentNav.SearchApi.Hosting;

/// <summary>The engines the service answers from once started: the embedded index alone, or the cluster with it as fallback.</summary>
public sealed record EngineSet(IPatentSearcher Searcher, IPatentIndexWriter Writer, IPatentIndexAdmin Admin);

/// <summary>
/// What the API is given through DI for <see cref="IPatentSearcher"/>, <see cref="IPatentIndexWriter"/> and
/// <see cref="IPatentIndexAdmin"/>: the engines of <see cref="SearchEngineHost"/> once it is ready, and
/// <see cref="EngineNotReadyException"/> (503 with Retry-After) before. Only the host knows which engines those are.
/// </summary>
public sealed class EngineGateway(SearchEngineHost host) : IPatentSearcher, IPatentIndexWriter, IPatentIndexAdmin
{
    private EngineSet Engines => host.Engines;

    public string EngineName => Engines.Searcher.EngineName;

    public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => Engines.Searcher.GetAsync(id, cancellationToken);

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        Engines.Searcher.SearchAsync(request, cancellationToken);

    public Task<IReadOnlyList<TermStatistic>> GetTermStatisticsAsync(IReadOnlyList<TermKey> terms, CancellationToken cancellationToken = default) =>
        Engines.Searcher.GetTermStatisticsAsync(terms, cancellationToken);

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default) =>
        Engines.Writer.UpsertAsync(records, cancellationToken);

    public Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        Engines.Writer.DeleteAsync(ids, cancellationToken);

    public Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default) =>
        Engines.Writer.CommitAsync(userData, cancellationToken);

    public Task<IReadOnlyList<EngineStats>> GetStatsAsync(CancellationToken cancellationToken = default) => Engines.Admin.GetStatsAsync(cancellationToken);

    /// <summary>The host owns the engines and disposes them; the gateway only borrows them.</summary>
    public void Dispose()
    {
    }
}
