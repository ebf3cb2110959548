using System.Diagnostics;
using Microsoft.Extensions.Options;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;
using PatentNav.SearchApi.Configuration;
using PatentNav.SearchApi.Hosting;
using PatentNav.SearchApi.Telemetry;

namespace PatentNav.SearchApi.Apis;

/// <summary>Turns HTTP requests into engine requests and engine results into response contracts.</summary>
public sealed class SearchService(SearchEngineHost host, IOptions<PatentNavOptions> options, PatentNavMetrics metrics)
{
    private static readonly FacetField[] DefaultFacets =
        [FacetField.IpcSubclass, FacetField.Type, FacetField.LegalState, FacetField.ApplicationYear, FacetField.Applicant, FacetField.Province, FacetField.City];

    private QueryOptions Limits => options.Value.Query;

    private ExpertQueryParser Parser => field ??= new ExpertQueryParser(new QueryLimits { MaxLength = Limits.MaxQueryLength });

    public SearchResponse Search(SearchBody body)
    {
        var clock = Stopwatch.StartNew();
        var query = Parser.Parse(body.Q);
        var filters = (body.Filters ?? []).Select(f => ParseFilter(f)).ToList();
        var size = body.Size ?? 10;
        var from = body.From ?? 0;
        if (size < 0 || size > Limits.MaxPageSize)
        {
            throw new RequestValidationException("size", $"size must be between 0 and {Limits.MaxPageSize}.", $"size 须在 0 到 {Limits.MaxPageSize} 之间");
        }
        if (from < 0 || from + size > Limits.MaxOffset)
        {
            throw new RequestValidationException("from", $"from + size may not exceed {Limits.MaxOffset}; page deeper with the cursor (nextCursor).", $"from + size 不能超过 {Limits.MaxOffset}，更深的翻页请使用 cursor");
        }
        var request = new SearchRequest
        {
            Query = query,
            Filters = filters,
            From = body.Cursor is null ? from : 0,
            Size = size,
            Sort = ParseSort(body.Sort),
            SearchAfter = body.Cursor,
            Facets = ParseFacets(body.Facets),
            Highlight = body.Highlight ?? true,
        };
        var searcher = host.Searcher;
        var result = searcher.Search(request);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        metrics.Record("search", result.Engine, elapsed, result.Hits.Count);
        return new SearchResponse(
            body.Q,
            result.Total,
            [.. result.Hits.Select(ToDto)],
            result.Facets.ToDictionary(f => FacetName(f.Key), f => (IReadOnlyList<FacetBucketDto>)[.. f.Value.Select(b => new FacetBucketDto(b.Value, b.Count, FacetLabels.Label(f.Key, b.Value)))]),
            result.NextCursor,
            result.Engine,
            Math.Round(elapsed, 2));
    }

    public NoveltyResponse Novelty(NoveltyBody body)
    {
        var clock = Stopwatch.StartNew();
        if (string.IsNullOrWhiteSpace(body.Text) && body.Terms is not { Count: > 0 })
        {
            throw new RequestValidationException("text", "text is empty.", "项目描述为空");
        }
        if (body.Text.Length > Limits.MaxNoveltyTextLength)
        {
            throw new RequestValidationException("text", $"text may be at most {Limits.MaxNoveltyTextLength} characters.", $"项目描述最多 {Limits.MaxNoveltyTextLength} 个字符");
        }
        var size = body.Size ?? 10;
        if (size is < 1 or > NoveltySearch.MaxSize)
        {
            throw new RequestValidationException("size", $"size must be between 1 and {NoveltySearch.MaxSize}.", $"size 须在 1 到 {NoveltySearch.MaxSize} 之间");
        }
        if (body.Terms is { Count: > 64 })
        {
            throw new RequestValidationException("terms", "at most 64 terms.", "关键词最多 64 个");
        }
        var searcher = host.Searcher;
        var result = new NoveltySearch(searcher).Search(new NoveltyRequest
        {
            Text = body.Text,
            Size = size,
            Filters = NoveltyFilterNodes(body.Filters),
            Terms = body.Terms?.Where(t => !string.IsNullOrWhiteSpace(t.Term)).Select(t => new NoveltyTerm(t.Term.Trim(), Math.Clamp(t.Weight, 0, 10), t.Bigram)).ToList(),
        });
        var elapsed = clock.Elapsed.TotalMilliseconds;
        metrics.Record("novelty", result.Engine, elapsed, result.Hits.Count);
        return new NoveltyResponse(
            [.. result.Hits.Select(h => new NoveltyHitDto(
                h.Record.PublicationNumber ?? h.Id, h.Id, h.Record.Title, h.Score, h.Relevance, h.MatchedTerms, h.Passage, h.PassageField,
                h.Record.Ipc, h.Record.MainIpc, h.Record.Applicants, h.Record.ApplicationDate))],
            [.. result.Terms.Select(t => new NoveltyTermDto(t.Term, t.Weight, t.Bigram, t.DocumentFrequency))],
            [.. result.SuggestedIpc.Select(s => new IpcSuggestionDto(s.Subclass, s.Confidence))],
            result.Candidates,
            result.Engine,
            Math.Round(elapsed, 2));
    }

    /// <summary>Finds a patent by any pasted form of its publication or application number, or by source id.</summary>
    public PatentRecord? Find(string number)
    {
        var searcher = host.Searcher;
        var clock = Stopwatch.StartNew();
        var record = PatentLookup.Find(searcher, number);
        metrics.Record("patent", searcher.EngineName, clock.Elapsed.TotalMilliseconds, record is null ? 0 : 1);
        return record;
    }

    private QueryNode ParseFilter(string filter) => Parser.Parse(filter);

    private List<QueryNode> NoveltyFilterNodes(NoveltyFilters? filters)
    {
        if (filters is null)
        {
            return [];
        }
        var clauses = new List<string>();
        if (filters.Ipc is { Count: > 0 })
        {
            clauses.Add("(" + string.Join(" OR ", filters.Ipc.Select(i => "IPC=\"" + i.Replace("\"", "", StringComparison.Ordinal) + "\"")) + ")");
        }
        if (filters.ApplicationDateFrom is { Length: > 0 } fromDate)
        {
            clauses.Add("AD>=" + Quote(fromDate));
        }
        if (filters.ApplicationDateTo is { Length: > 0 } toDate)
        {
            clauses.Add("AD<=" + Quote(toDate));
        }
        if (filters.Type is { Count: > 0 })
        {
            clauses.Add("(" + string.Join(" OR ", filters.Type.Select(t => "TYPE=" + Quote(t))) + ")");
        }
        if (filters.LegalStatus is { Length: > 0 } status)
        {
            clauses.Add("LS=" + Quote(status));
        }
        if (filters.Query is { Length: > 0 } expert)
        {
            clauses.Add("(" + expert + ")");
        }
        return clauses.Count == 0 ? [] : [Parser.Parse(string.Join(" AND ", clauses))];

        static string Quote(string value) => "\"" + value.Replace("\"", "", StringComparison.Ordinal) + "\"";
    }

    private static SortOrder ParseSort(string? sort) => sort?.Trim() switch
    {
        null or "" or "relevance" => SortOrder.Relevance,
        "applicationDate" or "ad" => SortOrder.ApplicationDateAsc,
        "-applicationDate" or "-ad" => SortOrder.ApplicationDateDesc,
        "publicationDate" or "pd" => SortOrder.PublicationDateAsc,
        "-publicationDate" or "-pd" => SortOrder.PublicationDateDesc,
        _ => throw new RequestValidationException("sort", $"Unknown sort '{sort}': use relevance, applicationDate, -applicationDate, publicationDate or -publicationDate.", $"未知的排序方式“{sort}”"),
    };

    private static List<FacetRequest> ParseFacets(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. DefaultFacets.Select(f => new FacetRequest(f, 10))];
        }
        var facets = new List<FacetRequest>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var field = Enum.GetValues<FacetField>().FirstOrDefault(f => string.Equals(FacetName(f), name, StringComparison.OrdinalIgnoreCase), (FacetField)(-1));
            if ((int)field == -1)
            {
                throw new RequestValidationException("facets", $"Unknown facet '{name}'. Known: {string.Join(", ", Enum.GetValues<FacetField>().Select(FacetName))}.", $"未知的分面“{name}”");
            }
            facets.Add(new FacetRequest(field, 10));
        }
        return facets;
    }

    internal static string FacetName(FacetField field) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field.ToString());

    internal static SearchHitDto ToDto(SearchHit hit)
    {
        var r = hit.Record!;
        var abstractText = r.Abstract is { Length: > 300 } a ? a[..300] + "…" : r.Abstract;
        return new SearchHitDto(r.PublicationNumber ?? r.Id, r.Id, r.Title, abstractText, r.Applicants, r.Ipc, r.MainIpc,
            r.ApplicationDate, r.PublicationDate, r.Type, r.LegalState, Math.Round(hit.Score, 4), hit.Highlights);
    }
}

/// <summary>A request member with a value the API cannot use; answered with 400 naming the member.</summary>
public sealed class RequestValidationException(string member, string messageEn, string messageZh) : Exception(messageEn)
{
    public string Member { get; } = member;
    public string MessageZh { get; } = messageZh;
}
