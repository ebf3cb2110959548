using System.Net.Http.Json;
using System.Text.Json;
using PatentNav.Core.Engine;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;

namespace PatentNav.Evaluation;

/// <summary>Where evaluated queries run: in-process on an index folder, or over HTTP against a running service.</summary>
public interface ISearchBackend : IDisposable
{
    /// <summary>Ranked ids for a project description, with the top hit's relevance.</summary>
    (IReadOnlyList<string> Ids, double? TopRelevance) Novelty(string text, int size)
    {
        var (ids, relevances) = NoveltyRanked(text, size, NoveltyRanking.Product);
        return (ids, relevances.Count > 0 ? relevances[0] : null);
    }

    /// <summary>Ranked ids and each hit's relevance under the product ranking or the plain baseline.</summary>
    (IReadOnlyList<string> Ids, IReadOnlyList<double> Relevances) NoveltyRanked(string text, int size, NoveltyRanking ranking);

    IReadOnlyList<string> Expert(string query, int size);
}

/// <summary>Runs the same code the service runs (parser, novelty search) directly on an index.</summary>
public sealed class InProcessBackend(IPatentSearcher searcher, IDisposable? owner = null) : ISearchBackend
{
    private readonly NoveltySearch _novelty = new(searcher);
    private readonly ExpertQueryParser _parser = new();

    public (IReadOnlyList<string> Ids, IReadOnlyList<double> Relevances) NoveltyRanked(string text, int size, NoveltyRanking ranking)
    {
        var result = _novelty.SearchAsync(new NoveltyRequest { Text = text, Size = size, Ranking = ranking }).GetAwaiter().GetResult();
        return ([.. result.Hits.Select(h => h.Id)], [.. result.Hits.Select(h => h.Relevance)]);
    }

    public IReadOnlyList<string> Expert(string query, int size) =>
        [.. searcher.SearchAsync(new SearchRequest { Query = _parser.Parse(query), Size = size, IncludeRecords = false }).GetAwaiter().GetResult().Hits.Select(h => h.Id)];

    public void Dispose() => owner?.Dispose();
}

/// <summary>Calls <c>/api/v1/novelty</c> and <c>/api/v1/search</c> of a running service.</summary>
public sealed class HttpBackend(Uri baseAddress) : ISearchBackend
{
    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public (IReadOnlyList<string> Ids, IReadOnlyList<double> Relevances) NoveltyRanked(string text, int size, NoveltyRanking ranking)
    {
        using var response = _client.PostAsJsonAsync("/api/v1/novelty", new { text, size, ranking = ranking.ToString().ToLowerInvariant() }).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var json = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        return ([.. hits.Select(h => h.GetProperty("id").GetString()!)], [.. hits.Select(h => h.GetProperty("relevance").GetDouble())]);
    }

    public IReadOnlyList<string> Expert(string query, int size)
    {
        using var response = _client.GetAsync(new Uri($"/api/v1/search?size={size}&highlight=false&facets=&q={Uri.EscapeDataString(query)}", UriKind.Relative)).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var json = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
        return [.. json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];
    }

    public void Dispose() => _client.Dispose();
}
