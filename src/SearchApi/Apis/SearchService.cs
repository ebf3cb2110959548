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
public sealed partial class SearchService(IPatentSearcher searcher, IOptions<PatentNavOptions> options, PatentNavMetrics metrics, SearchEngineHost host, TimeProvider clock)
{
    private static readonly FacetField[] DefaultFacets =
        [FacetField.IpcSubclass, FacetField.Type, FacetField.LegalState, FacetField.ApplicationYear, FacetField.Applicant, FacetField.Province, FacetField.City, FacetField.Office];

    private QueryOptions Limits => options.Value.Query;

    private ExpertQueryParser Parser => field ??= new ExpertQueryParser(new QueryLimits { MaxLength = Limits.MaxQueryLength });

    public Task<SearchResponse> SearchAsync(SearchBody body, CancellationToken cancellationToken) =>
        SearchAsync(ParseMember("q", body.Q ?? throw Missing("q")), ParseFilters(body.Filters), body, cancellationToken);

    /// <summary>The same search with one more filter built elsewhere (a collection's patents).</summary>
    public Task<SearchResponse> SearchAsync(SearchBody body, QueryNode extraFilter, CancellationToken cancellationToken) =>
        SearchAsync(ParseMember("q", body.Q ?? throw Missing("q")), [.. ParseFilters(body.Filters), extraFilter], body, cancellationToken);

    /// <summary>A search of a query built elsewhere (a map node's definition), paged, sorted and faceted as <paramref name="body"/> asks.</summary>
    public async Task<SearchResponse> SearchAsync(QueryNode query, IReadOnlyList<QueryNode> filters, SearchBody body, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var size = body.Size ?? 10;
        var from = body.From ?? 0;
        if (size < 0 || size > Limits.MaxPageSize)
        {
            throw new RequestValidationException("size", $"size must be between 0 and {Limits.MaxPageSize}.", $"size 须在 0 到 {Limits.MaxPageSize} 之间");
        }
        // In long arithmetic: from = int.MaxValue must not wrap around into a small offset.
        if (from < 0 || (long)from + size > Limits.MaxOffset)
        {
            throw new RequestValidationException("from", $"from + size may not exceed {Limits.MaxOffset}; page deeper with the cursor (nextCursor).", $"from + size 不能超过 {Limits.MaxOffset}，更深的翻页请使用 cursor");
        }
        if (body.Cursor is { Length: > MaxCursorLength })
        {
            throw new RequestValidationException("cursor", "cursor is not one this service issued.", "cursor 无效");
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
        var result = await WithinBudget(token => searcher.SearchAsync(request, token), cancellationToken);
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

    public async Task<NoveltyResponse> NoveltyAsync(NoveltyBody body, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var text = body.Text ?? "";
        var terms = NoveltyTerms(body.Terms);
        if (string.IsNullOrWhiteSpace(text) && terms is not { Count: > 0 })
        {
            throw new RequestValidationException("text", "text is empty.", "项目描述为空");
        }
        if (text.Length > Limits.MaxNoveltyTextLength)
        {
            throw new RequestValidationException("text", $"text may be at most {Limits.MaxNoveltyTextLength} characters.", $"项目描述最多 {Limits.MaxNoveltyTextLength} 个字符");
        }
        var size = body.Size ?? 10;
        if (size is < 1 or > NoveltySearch.MaxSize)
        {
            throw new RequestValidationException("size", $"size must be between 1 and {NoveltySearch.MaxSize}.", $"size 须在 1 到 {NoveltySearch.MaxSize} 之间");
        }
        var ranking = body.Ranking switch
        {
            null or "product" => NoveltyRanking.Product,
            "baseline" => NoveltyRanking.Baseline,
            _ => throw new RequestValidationException("ranking", "ranking must be product or baseline.", "ranking 须为 product 或 baseline"),
        };
        var filters = NoveltyFilterNodes(body.Filters);
        var result = await WithinBudget(token => new NoveltySearch(searcher) { Classifier = host.IpcClassifier }.SearchAsync(new NoveltyRequest
        {
            Text = text,
            Size = size,
            Filters = filters,
            Terms = terms,
            Ranking = ranking,
        }, token), cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        metrics.Record("novelty", result.Engine, elapsed, result.Hits.Count);
        return new NoveltyResponse(
            [.. result.Hits.Select(h => new NoveltyHitDto(
                h.Record.PublicationNumber ?? h.Id, h.Id, h.Record.Title, h.Score, h.Relevance, h.MatchedTerms, h.Passage, h.PassageField,
                h.Record.Ipc, h.Record.MainIpc, h.Record.Applicants, h.Record.ApplicationDate, h.Coverage))],
            [.. result.Terms.Select(t => new NoveltyTermDto(t.Term, t.Weight, t.Bigram, t.DocumentFrequency))],
            [.. result.SuggestedIpc.Select(s => new IpcSuggestionDto(s.Subclass, s.Confidence))],
            result.Candidates,
            result.Engine,
            Math.Round(elapsed, 2));
    }

    /// <summary>Finds a patent by any pasted form of its publication or application number, or by source id.</summary>
    public async Task<(PatentRecord? Record, string Engine)> FindAsync(string number, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (record, engine) = await WithinBudget(token => PatentLookup.FindAsync(searcher, number, token), cancellationToken);
        metrics.Record("patent", engine, clock.Elapsed.TotalMilliseconds, record is null ? 0 : 1);
        return (record, engine);
    }

    private const int MaxCursorLength = 512;

    /// <summary>
    /// Runs engine work under the request's time budget and the client's connection: when the client goes away the work
    /// stops (<see cref="OperationCanceledException"/>, nobody to answer); when the budget runs out it stops with a 400.
    /// </summary>
    private async Task<T> WithinBudget<T>(Func<CancellationToken, Task<T>> work, CancellationToken requestAborted)
    {
        var budget = TimeSpan.FromMilliseconds(Limits.TimeBudgetMs);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (budget <= TimeSpan.Zero)
        {
            // A zero budget lets no engine work start (CancelAfter(0) would race a fast search).
            limit.Cancel();
        }
        else
        {
            limit.CancelAfter(budget);
        }
        try
        {
            return await work(limit.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            throw new SearchBudgetExceededException(budget);
        }
    }

    private List<QueryNode> ParseFilters(IReadOnlyList<string?>? filters)
    {
        if (filters is null)
        {
            return [];
        }
        if (filters.Count > Limits.MaxFilters)
        {
            throw new RequestValidationException("filters", $"At most {Limits.MaxFilters} filters.", $"过滤条件最多 {Limits.MaxFilters} 个");
        }
        return [.. filters.Select((f, i) => ParseMember($"filters[{i}]", f ?? throw Missing($"filters[{i}]")))];
    }

    /// <summary>Parses one member's query text; a parse error names the member as well as the offset inside it.</summary>
    private QueryNode ParseMember(string member, string text)
    {
        try
        {
            return Parser.Parse(text);
        }
        catch (QueryParseException error)
        {
            throw new RequestValidationException(member, error);
        }
    }

    /// <summary>One literal value of one field; never parsed as query syntax, so it cannot escape the other filters.</summary>
    private QueryNode FieldValue(string member, SearchField field, string? value, string comparator = "=")
    {
        try
        {
            return Parser.FieldValue(field, value ?? throw Missing(member), comparator);
        }
        catch (QueryParseException error)
        {
            throw new RequestValidationException(member, error);
        }
    }

    private static RequestValidationException Missing(string member) =>
        new(member, $"{member} must not be null.", $"{member} 不能为 null");

    private static List<NoveltyTerm>? NoveltyTerms(IReadOnlyList<NoveltyTermDto?>? terms)
    {
        if (terms is null)
        {
            return null;
        }
        if (terms.Count > MaxNoveltyTerms)
        {
            throw new RequestValidationException("terms", $"At most {MaxNoveltyTerms} terms.", $"关键词最多 {MaxNoveltyTerms} 个");
        }
        var result = new List<NoveltyTerm>(terms.Count);
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i] ?? throw Missing($"terms[{i}]");
            var text = term.Term?.Trim() ?? throw Missing($"terms[{i}].term");
            if (text.Length > MaxNoveltyTermLength)
            {
                throw new RequestValidationException($"terms[{i}].term", $"A term may be at most {MaxNoveltyTermLength} characters.", $"关键词最多 {MaxNoveltyTermLength} 个字符");
            }
            if (text.Length > 0)
            {
                result.Add(new NoveltyTerm(text, Math.Clamp(double.IsFinite(term.Weight) ? term.Weight : 0, 0, 10), term.Bigram));
            }
        }
        return result;
    }

    private const int MaxNoveltyTerms = 64;
    private const int MaxNoveltyTermLength = 64;

    /// <summary>Structured novelty filters become AST nodes, each an AND-ed filter of its own; none of them is query text.</summary>
    private List<QueryNode> NoveltyFilterNodes(NoveltyFilters? filters)
    {
        if (filters is null)
        {
            return [];
        }
        var nodes = StructuredFilterNodes(filters.Ipc, filters.ApplicationDateFrom, filters.ApplicationDateTo, filters.Type, filters.Query);
        if (filters.LegalStatus is { Length: > 0 } status)
        {
            nodes.Add(FieldValue("filters.legalStatus", SearchField.LegalStatus, status));
        }
        return nodes;
    }

    /// <summary>The filters novelty and infringement requests share: IPC, application dates, types and an expert query.</summary>
    private List<QueryNode> StructuredFilterNodes(IReadOnlyList<string?>? ipc, string? applicationDateFrom, string? applicationDateTo, IReadOnlyList<string?>? types, string? query)
    {
        var nodes = new List<QueryNode>();
        if (ipc is { Count: > 0 })
        {
            nodes.Add(AnyOf("filters.ipc", ipc, SearchField.Ipc));
        }
        if (applicationDateFrom is { Length: > 0 })
        {
            nodes.Add(FieldValue("filters.applicationDateFrom", SearchField.ApplicationDate, applicationDateFrom, ">="));
        }
        if (applicationDateTo is { Length: > 0 })
        {
            nodes.Add(FieldValue("filters.applicationDateTo", SearchField.ApplicationDate, applicationDateTo, "<="));
        }
        if (types is { Count: > 0 })
        {
            nodes.Add(AnyOf("filters.type", types, SearchField.Type));
        }
        if (query is { Length: > 0 })
        {
            nodes.Add(ParseMember("filters.query", query));
        }
        return nodes;
    }

    private QueryNode AnyOf(string member, IReadOnlyList<string?> values, SearchField field)
    {
        if (values.Count > Limits.MaxFilters)
        {
            throw new RequestValidationException(member, $"At most {Limits.MaxFilters} values.", $"最多 {Limits.MaxFilters} 个取值");
        }
        var nodes = values.Select((v, i) => FieldValue($"{member}[{i}]", field, v)).ToList();
        return nodes.Count == 1 ? nodes[0] : new OrNode(nodes);
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

    private static List<FacetRequest> ParseFacets(IReadOnlyList<string?>? names)
    {
        if (names is null)
        {
            return [.. DefaultFacets.Select(f => new FacetRequest(f, 10))];
        }
        var facets = new List<FacetRequest>();
        var given = names.Select((n, i) => n ?? throw Missing($"facets[{i}]"))
            .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (given.Count > Enum.GetValues<FacetField>().Length)
        {
            throw new RequestValidationException("facets", "Each facet may be named once.", "每个分面只能请求一次");
        }
        foreach (var name in given)
        {
            var field = Enum.GetValues<FacetField>().FirstOrDefault(f => string.Equals(FacetName(f), name, StringComparison.OrdinalIgnoreCase), (FacetField)(-1));
            if ((int)field == -1)
            {
                throw new RequestValidationException("facets", $"Unknown facet '{name}'. Known: {string.Join(", ", Enum.GetValues<FacetField>().Select(FacetName))}.", $"未知的分面“{name}”");
            }
            if (facets.All(f => f.Field != field))
            {
                facets.Add(new FacetRequest(field, 10));
            }
        }
        return facets;
    }

    internal static string FacetName(FacetField field) => ContractName(field);

    /// <summary>An enum value as the API writes it (<c>UtilityModel</c> → <c>utilityModel</c>), the JSON options' naming.</summary>
    internal static string ContractName(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    internal static SearchHitDto ToDto(SearchHit hit)
    {
        var r = hit.Record!;
        var abstractText = r.Abstract is { Length: > 300 } a ? a[..300] + "…" : r.Abstract;
        return new SearchHitDto(r.PublicationNumber ?? r.Id, r.Id, r.Title, abstractText, r.Applicants, r.Ipc, r.MainIpc,
            r.ApplicationDate, r.PublicationDate, r.Type, r.LegalState, Math.Round(hit.Score, 4), hit.Highlights);
    }
}

/// <summary>A request member with a value the API cannot use; answered with 400 naming the member.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(string member, string messageEn, string messageZh)
        : base(messageEn)
    {
        Member = member;
        MessageZh = messageZh;
    }

    /// <summary>A query-language error inside <paramref name="member"/>: keeps its offset and kind.</summary>
    public RequestValidationException(string member, QueryParseException parse)
        : base(parse.MessageEn, parse)
    {
        Member = member;
        MessageZh = parse.MessageZh;
        Position = parse.Position;
        Kind = parse.Kind;
    }

    public string Member { get; }
    public string MessageZh { get; }
    /// <summary>Character offset inside the member's text, for query-language errors.</summary>
    public int? Position { get; }
    /// <summary><c>syntax</c> or <c>limit</c> for query-language errors.</summary>
    public string? Kind { get; }
}

