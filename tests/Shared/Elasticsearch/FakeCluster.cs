using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using PatentNav.Engine.Elasticsearch;

namespace PatentNav.Tests.Elasticsearch;

/// <summary>
/// A scripted single-node cluster behind the client's real HTTP pipeline (an <see cref="HttpMessageHandler"/> given to
/// Elastic.Transport's <see cref="HttpRequestInvoker"/>). It keeps the documents bulk requests write, answers counts and
/// mappings as Elasticsearch 9 does, and lets a test take it down, slow it, or fail chosen bulk items. Response shapes are
/// taken from the Elasticsearch reference (bulk, count, search, get mapping, refresh, errors).
/// </summary>
public sealed class FakeCluster : HttpMessageHandler
{
    public const string Alias = "patentnav";

    private ConcurrentDictionary<string, JsonObject> _documents = new(StringComparer.Ordinal);
    private int? _mappingVersion;
    private string? _aliasTarget;
    // Indices created beside the alias's (a rebuild), with their documents, until the alias moves to one.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> _unaliased = new(StringComparer.Ordinal);

    public List<(string Method, string Path, string Body)> Requests { get; } = [];

    /// <summary>When true every request fails as a refused connection.</summary>
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Added before every answer (a slow cluster); the request's cancellation interrupts it.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answers a request before the built-in routes do (a 503, a 429 with Retry-After, a canned search).</summary>
    public Func<string, string, string, HttpResponseMessage?>? Override { get; set; }

    /// <summary>Per bulk item (id, how many times this id was sent): a status to fail it with, or null to accept it.</summary>
    public Func<string, int, int?>? ItemFault { get; set; }

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonObject> Documents => _documents;

    public int SearchRequests => Requests.Count(r => r.Path.EndsWith("/_search", StringComparison.Ordinal));

    public void CreateIndexWithVersion(int version)
    {
        _mappingVersion = version;
        _aliasTarget = $"{Alias}-v{version}";
    }

    /// <summary>The index the alias points at.</summary>
    public string? AliasTarget => _aliasTarget;

    public IReadOnlyCollection<string> DeletedIndices => _deleted;

    private readonly List<string> _deleted = [];

    public ElasticsearchClient Client(ElasticsearchOptions? options = null) =>
        ElasticsearchClientFactory.Create(options ?? Options(), new HttpRequestInvoker((_, _) => this));

    public static ElasticsearchOptions Options() => new() { Url = "http://cluster.test:9200", IndexAlias = Alias, RetryBaseDelayMs = 1 };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await ReadBody(request.Content, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var method = request.Method.Method;
        lock (Requests)
        {
            Requests.Add((method, path, body));
        }
        if (_down)
        {
            throw new HttpRequestException("Connection refused (cluster.test:9200)", new SocketException((int)SocketError.ConnectionRefused));
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        if (Override?.Invoke(method, path, body) is { } overridden)
        {
            return WithProductHeader(overridden);
        }
        return WithProductHeader(Route(method, path, body));
    }

    private static async Task<string> ReadBody(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        // The client compresses request bodies (EnableHttpCompression).
        if (content.Headers.ContentEncoding.Contains("gzip"))
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, cancellationToken);
            bytes = plain.ToArray();
        }
        return Encoding.UTF8.GetString(bytes);
    }

    private HttpResponseMessage Route(string method, string path, string body)
    {
        var index = $"{Alias}-v{PatentIndexTemplate.MappingVersion}";
        return (method, path) switch
        {
            ("GET", $"/{Alias}/_mapping") when _mappingVersion is null => Json(HttpStatusCode.NotFound,
                """{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [patentnav]"}],"type":"index_not_found_exception","reason":"no such index [patentnav]"},"status":404}"""),
            ("GET", $"/{Alias}/_mapping") => Json(HttpStatusCode.OK,
                new JsonObject { [Alias + "-v" + _mappingVersion] = new JsonObject { ["mappings"] = new JsonObject { ["dynamic"] = "strict", ["_meta"] = new JsonObject { ["mapping_version"] = _mappingVersion }, ["properties"] = new JsonObject() } } }.ToJsonString()),
            ("PUT", _) when path == "/" + index => CreateIndex(),
            ("PUT", _) when path.StartsWith($"/{Alias}-v", StringComparison.Ordinal) => CreateUnaliased(path[1..]),
            ("POST" or "PUT", $"/{Alias}/_bulk") => Bulk(body, index, _documents),
            ("POST" or "PUT", _) when path.EndsWith("/_bulk", StringComparison.Ordinal) && _unaliased.TryGetValue(path[1..^6], out var building) => Bulk(body, path[1..^6], building),
            ("POST", _) when path.EndsWith("/_refresh", StringComparison.Ordinal) && _unaliased.ContainsKey(path[1..^9]) => Json(HttpStatusCode.OK, """{"_shards":{"total":2,"successful":1,"failed":0}}"""),
            ("GET", $"/_alias/{Alias}") when _aliasTarget is null => Json(HttpStatusCode.NotFound, """{"error":"alias [patentnav] missing","status":404}"""),
            ("GET", $"/_alias/{Alias}") => Json(HttpStatusCode.OK, new JsonObject { [_aliasTarget] = new JsonObject { ["aliases"] = new JsonObject { [Alias] = new JsonObject() } } }.ToJsonString()),
            ("POST", "/_aliases") => MoveAlias(body),
            ("DELETE", _) => DeleteIndex(path[1..]),
            ("POST" or "GET", $"/{Alias}/_count") => Json(HttpStatusCode.OK, """{"count":""" + _documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ""","_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}"""),
            ("POST" or "GET", $"/{Alias}/_refresh") => Json(HttpStatusCode.OK, """{"_shards":{"total":2,"successful":1,"failed":0}}"""),
            ("POST" or "GET", $"/{Alias}/_search") when ListsIds(body) is { } after => Json(HttpStatusCode.OK, IdPage(after)),
            ("POST" or "GET", $"/{Alias}/_search") => Json(HttpStatusCode.OK, EmptySearch(_documents.Count)),
            _ => Json(HttpStatusCode.BadRequest, $$"""{"error":{"type":"illegal_argument_exception","reason":"unexpected {{method}} {{path}}"},"status":400}"""),
        };
    }

    private HttpResponseMessage CreateIndex()
    {
        if (_mappingVersion is not null)
        {
            return Json(HttpStatusCode.BadRequest,
                """{"error":{"root_cause":[{"type":"resource_already_exists_exception","reason":"index [patentnav-v1/abc] already exists"}],"type":"resource_already_exists_exception","reason":"index [patentnav-v1/abc] already exists"},"status":400}""");
        }
        _mappingVersion = PatentIndexTemplate.MappingVersion;
        _aliasTarget = $"{Alias}-v{_mappingVersion}";
        return Json(HttpStatusCode.OK, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{Alias}}-v{{_mappingVersion}}"}""");
    }

    private HttpResponseMessage CreateUnaliased(string name)
    {
        _unaliased[name] = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        return Json(HttpStatusCode.OK, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name }.ToJsonString());
    }

    private HttpResponseMessage MoveAlias(string body)
    {
        foreach (var action in JsonNode.Parse(body)!["actions"]!.AsArray())
        {
            if (action!["add"] is { } add && _unaliased.TryRemove(add["index"]!.GetValue<string>(), out var docs))
            {
                _aliasTarget = add["index"]!.GetValue<string>();
                _documents = docs;
                _mappingVersion = PatentIndexTemplate.MappingVersion;
            }
        }
        return Json(HttpStatusCode.OK, """{"acknowledged":true,"errors":false}""");
    }

    private HttpResponseMessage DeleteIndex(string name)
    {
        lock (_deleted)
        {
            _deleted.Add(name);
        }
        return Json(HttpStatusCode.OK, """{"acknowledged":true}""");
    }

    private HttpResponseMessage Bulk(string body, string index, ConcurrentDictionary<string, JsonObject> documents)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject();
            var (op, meta) = (action.First().Key, action.First().Value!.AsObject());
            var id = meta["_id"]!.GetValue<string>();
            JsonObject? doc = null;
            if (op is "index" or "create")
            {
                doc = JsonNode.Parse(lines[++i])!.AsObject();
            }
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (ItemFault?.Invoke(id, attempt) is { } status)
            {
                errors = true;
                var type = status == 429 ? "es_rejected_execution_exception" : "mapper_parsing_exception";
                var reason = status == 429
                    ? "rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=1024, max_coordinating_and_primary_bytes=0]"
                    : "failed to parse field [ad] of type [integer]";
                items.Add(new JsonObject { [op] = new JsonObject { ["_index"] = index, ["_id"] = id, ["status"] = status, ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason } } });
                continue;
            }
            string result;
            int code;
            if (doc is not null)
            {
                result = documents.ContainsKey(id) ? "updated" : "created";
                code = result == "created" ? 201 : 200;
                documents[id] = doc;
            }
            else
            {
                result = documents.TryRemove(id, out _) ? "deleted" : "not_found";
                code = result == "deleted" ? 200 : 404;
            }
            items.Add(new JsonObject
            {
                [op] = new JsonObject
                {
                    ["_index"] = index, ["_id"] = id, ["_version"] = 1, ["result"] = result,
                    ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
                    ["_seq_no"] = 0, ["_primary_term"] = 1, ["status"] = code,
                },
            });
        }
        return Json(HttpStatusCode.OK, new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items }.ToJsonString());
    }

    /// <summary>A page of identities by <c>id</c> order (how a re-sync lists the cluster's documents), or null for other searches.</summary>
    private static string? ListsIds(string body)
    {
        var request = JsonNode.Parse(body)!;
        if (request["_source"] is JsonValue source && !source.GetValue<bool>()
            // A one-key sort may come as an object or as a one-element list (both are valid request syntax).
            && (request["sort"] is JsonArray { Count: 1 } sort ? sort[0] : request["sort"]) is JsonObject byId && byId.ContainsKey("id")
            && request["query"]?["match_all"] is not null)
        {
            return request["search_after"] is JsonArray { Count: 1 } after ? after[0]!.GetValue<string>() : "";
        }
        return null;
    }

    private string IdPage(string after)
    {
        var ids = _documents.Keys.Where(id => string.CompareOrdinal(id, after) > 0).Order(StringComparer.Ordinal).Take(1000).ToList();
        var hits = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["_index"] = Alias + "-v1", ["_id"] = id, ["_score"] = null, ["sort"] = new JsonArray(id) })]);
        return new JsonObject
        {
            ["took"] = 1, ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = _documents.Count, ["relation"] = "eq" }, ["max_score"] = null, ["hits"] = hits },
        }.ToJsonString();
    }

    public static string EmptySearch(long total) =>
        """{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":""" + total.ToString(System.Globalization.CultureInfo.InvariantCulture) + ""","relation":"eq"},"max_score":null,"hits":[]}}""";

    public static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    /// <summary>The client refuses answers without the product header (Elasticsearch 7.14+ sends it).</summary>
    private static HttpResponseMessage WithProductHeader(HttpResponseMessage response)
    {
        response.Headers.TryAddWithoutValidation("X-Elastic-Product", "Elasticsearch");
        return response;
    }
}
