using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.SearchApi.Collections;
using PatentNav.SearchApi.Configuration;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>Body of <c>POST</c> and <c>PUT /api/v1/collections</c>; <see cref="Version"/> is the version read, required to replace.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CollectionBody
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Owner { get; init; }
    /// <summary>The saved query in the expert query language; null for a collection of pinned patents only.</summary>
    public string? Query { get; init; }
    public IReadOnlyList<string?>? Pinned { get; init; }
    public IReadOnlyList<string?>? Excluded { get; init; }
    public long? Version { get; init; }
}

/// <summary>专利池 and 专题库: named collections kept in SQLite, reachable only with an API key; their patents searchable and exportable.</summary>
public static class CollectionsApi
{
    public const int MaxMembers = 1000;

    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/collections").WithTags("collections").RequireApiKey();

        api.MapGet("", (CollectionStore store) => Results.Ok(new { collections = store.List() })).WithName("ListCollections");

        api.MapGet("/{id}", (string id, CollectionStore store) => store.Get(id) is { } collection ? Results.Ok(collection) : Missing(id)).WithName("GetCollection");

        api.MapPost("", (CollectionBody body, CollectionStore store, IOptions<PatentNavOptions> options) =>
            {
                var (result, collection) = store.Create(Draft(body, options.Value));
                return result == CollectionWrite.NameTaken ? NameTaken(body.Name) : Results.Created($"/api/v1/collections/{collection!.Id}", collection);
            })
            .WithName("CreateCollection")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id}", (string id, CollectionBody body, CollectionStore store, IOptions<PatentNavOptions> options) =>
            {
                var version = body.Version ?? throw new RequestValidationException("version", "version: the version you read; a change without it could overwrite another's.", "须提供读取时的 version");
                var (result, collection) = store.Update(id, Draft(body, options.Value), version);
                return result switch
                {
                    CollectionWrite.NotFound => Missing(id),
                    CollectionWrite.VersionConflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile / 该专题库已被他人修改",
                        detail: $"The collection is at version {collection!.Version}, not {version}: read it again and reapply the change.",
                        extensions: new Dictionary<string, object?> { ["member"] = "version", ["current"] = collection.Version }),
                    CollectionWrite.NameTaken => NameTaken(body.Name),
                    _ => Results.Ok(collection),
                };
            })
            .WithName("UpdateCollection")
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{id}", (string id, long? version, CollectionStore store) => store.Delete(id, version) switch
            {
                CollectionWrite.NotFound => Missing(id),
                CollectionWrite.VersionConflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile / 该专题库已被他人修改",
                    extensions: new Dictionary<string, object?> { ["member"] = "version" }),
                _ => Results.NoContent(),
            })
            .WithName("DeleteCollection");

        api.MapGet("/{id}/patents", async (string id, int? size, string? cursor, string? format, CollectionStore store, IPatentSearcher searcher, IOptions<PatentNavOptions> options, CancellationToken cancellationToken) =>
            {
                if (store.Get(id) is not { } collection)
                {
                    return Missing(id);
                }
                if (format is not (null or "json" or "csv" or "xlsx"))
                {
                    throw new RequestValidationException("format", "format: json, csv or xlsx.", "格式须为 json、csv 或 xlsx");
                }
                var export = format is "csv" or "xlsx";
                var pageSize = export ? ExportApi.MaxRows : size ?? 20;
                if (pageSize is < 1 or > 100 && !export)
                {
                    throw new RequestValidationException("size", "size must be between 1 and 100.", "size 须在 1 到 100 之间");
                }
                var result = await searcher.SearchAsync(new SearchRequest
                {
                    Query = QueryOf(collection, options.Value),
                    Size = pageSize,
                    Sort = SortOrder.ApplicationDateDesc,
                    SearchAfter = export ? null : cursor,
                }, cancellationToken);
                if (!export)
                {
                    return Results.Ok(new
                    {
                        collection = collection.Id,
                        total = result.Total,
                        hits = result.Hits.Select(h => new { publicationNumber = h.Record?.PublicationNumber ?? h.Id, title = h.Record?.Title, applicants = h.Record?.Applicants, applicationDate = h.Record?.ApplicationDate, pinned = collection.Pinned.Contains(h.Id) }),
                        nextCursor = result.NextCursor,
                        engine = result.Engine,
                    });
                }
                string[] columns = ["公开号", "名称", "申请人", "申请日", "类型", "法律状态", "主分类号"];
                var rows = result.Hits.Select(h => h.Record).OfType<Core.Model.PatentRecord>().Select(r => (IReadOnlyList<string?>)
                [
                    r.PublicationNumber ?? r.Id, r.Title, string.Join("；", r.Applicants), r.ApplicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    r.Type.ToString(), r.LegalStatusText ?? r.LegalState.ToString(), r.MainIpc,
                ]).ToList();
                return format == "xlsx"
                    ? Results.File(ExportApi.Xlsx(new ExportBody { Columns = columns, Rows = rows }), ExportApi.XlsxContentType, $"collection-{collection.Id}.xlsx")
                    : Results.File(System.Text.Encoding.UTF8.GetBytes(Csv(columns, rows)), "text/csv; charset=utf-8", $"collection-{collection.Id}.csv");
            })
            .WithHeavyWorkLimit()
            .WithName("CollectionPatents")
            .WithSummary("The collection's patents: its saved query or a pinned patent, never an excluded one; json (paged), csv or xlsx (first 1,000).");
        api.MapGet("/{id}/chains/{chainId}", async (string id, string chainId, NavigationMaps.ChainCatalog catalog, CollectionStore store, IPatentSearcher searcher, IOptions<PatentNavOptions> options, CancellationToken cancellationToken) =>
            {
                if (store.Get(id) is not { } collection)
                {
                    return Missing(id);
                }
                if (catalog.Find(chainId) is not { } chain)
                {
                    return NoChain(chainId);
                }
                // One request: the collection's patents counted per chain node, as a map counts the corpus.
                var nodes = chain.AllNodes.ToList();
                var result = await searcher.SearchAsync(new SearchRequest
                {
                    Query = QueryOf(collection, options.Value),
                    Size = 0,
                    IncludeRecords = false,
                    Aggregations = new Dictionary<string, AggregationRequest> { ["nodes"] = new FiltersAggregation([.. nodes.Select(n => new NamedFilter(n.Id, n.Query))]) },
                }, cancellationToken);
                var counts = result.Aggregations["nodes"].Buckets.ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal);
                return Results.Ok(new
                {
                    collection = collection.Id,
                    chain = chain.Id,
                    total = result.Total,
                    nodes = nodes.Select(n => new { id = n.Id, name = n.Name, count = counts.GetValueOrDefault(n.Id) }),
                    engine = result.Engine,
                });
            })
            .WithHeavyWorkLimit()
            .WithName("CollectionOnChain")
            .WithSummary("A collection counted on an industry chain: how many of its patents fall in each node.");
        api.MapGet("/{id}/chains/{chainId}/map", async (string id, string chainId, string? region, int? from, int? to, string? office,
                NavigationMaps.ChainCatalog catalog, NavigationMaps.NavigationMapService maps, CollectionStore store, IOptions<PatentNavOptions> options, CancellationToken cancellationToken) =>
            {
                if (store.Get(id) is not { } collection)
                {
                    return Missing(id);
                }
                if (catalog.Find(chainId) is not { } chain)
                {
                    return NoChain(chainId);
                }
                var (code, yearFrom, yearTo) = NavigationApi.Validate(region, from, to);
                var map = await maps.MapAsync(chain, code, yearFrom, yearTo, Core.Regions.RegionResolver.Default.NameOf(code), NavigationApi.ValidateOffice(office),
                    QueryOf(collection, options.Value), cancellationToken);
                return Results.Ok(map with { Collection = collection.Id });
            })
            .WithHeavyWorkLimit()
            .WithName("CollectionChainMap")
            .WithSummary("The navigation map of an industry chain drawn on a collection's patents alone: the chain map's figures, positioning and new entrants, counted within the collection.");
        return api;
    }

    /// <summary>The parser a saved query was checked with when written, so reading it back accepts what writing did.</summary>
    private static ExpertQueryParser Parser(PatentNavOptions options) => new(new QueryLimits { MaxLength = options.Query.MaxQueryLength });

    /// <summary>(query OR pinned) AND NOT excluded, as AST nodes: numbers are keyword nodes, never query text.</summary>
    public static QueryNode QueryOf(PatentPool collection, PatentNavOptions options)
    {
        var parser = Parser(options);
        var included = new List<QueryNode>();
        if (collection.Query is { Length: > 0 } query)
        {
            included.Add(parser.Parse(query));
        }
        included.AddRange(collection.Pinned.Select(n => new KeywordNode(SearchField.PublicationNumber, n)));
        QueryNode node = included.Count switch
        {
            0 => new NotNode(new MatchAllNode(), new MatchAllNode()),
            1 => included[0],
            _ => new OrNode(included),
        };
        return collection.Excluded.Count == 0
            ? node
            : new NotNode(node, new OrNode([.. collection.Excluded.Select(n => new KeywordNode(SearchField.PublicationNumber, n))]));
    }

    private static CollectionDraft Draft(CollectionBody body, PatentNavOptions options)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
        {
            throw new RequestValidationException("name", "name: 1 to 100 characters.", "名称须为 1 到 100 个字符");
        }
        if (body.Description is { Length: > 2000 })
        {
            throw new RequestValidationException("description", "description: at most 2,000 characters.", "说明最多 2000 个字符");
        }
        if (body.Owner is { Length: > 100 })
        {
            throw new RequestValidationException("owner", "owner: at most 100 characters.", "负责人最多 100 个字符");
        }
        if (body.Query is { Length: > 0 } query)
        {
            try
            {
                Parser(options).Parse(query);
            }
            catch (QueryParseException error)
            {
                throw new RequestValidationException("query", error);
            }
        }
        return new CollectionDraft(body.Name.Trim(), body.Description, body.Owner, string.IsNullOrWhiteSpace(body.Query) ? null : body.Query,
            Numbers(body.Pinned, "pinned"), Numbers(body.Excluded, "excluded"));
    }

    private static List<string> Numbers(IReadOnlyList<string?>? numbers, string member)
    {
        if (numbers is null)
        {
            return [];
        }
        if (numbers.Count > MaxMembers)
        {
            throw new RequestValidationException(member, $"{member}: at most {MaxMembers} patents.", $"最多 {MaxMembers} 件专利");
        }
        return [.. numbers.Select((n, i) => n is { Length: > 0 and <= 64 } && !string.IsNullOrWhiteSpace(n)
            ? RecordIdentity.FromUserInput(n)
            : throw new RequestValidationException($"{member}[{i}]", "A patent number of 1 to 64 characters.", "专利号须为 1 到 64 个字符")).Distinct(StringComparer.Ordinal)];
    }

    private static IResult NoChain(string chainId) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such chain / 没有该产业链",
        extensions: new Dictionary<string, object?> { ["chain"] = chainId });

    private static IResult Missing(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such collection / 没有该专题库",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    private static IResult NameTaken(string name) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name in use / 名称已被使用",
        detail: $"Another collection is named '{name}'.", extensions: new Dictionary<string, object?> { ["member"] = "name" });

    /// <summary>RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    private static string Csv(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        static string Cell(string? value)
        {
            var v = value ?? "";
            if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@')
            {
                v = "'" + v;
            }
            return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v;
        }
        var builder = new System.Text.StringBuilder("\uFEFF");
        builder.Append(string.Join(',', columns.Select(Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            builder.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }
        return builder.ToString();
    }
}
