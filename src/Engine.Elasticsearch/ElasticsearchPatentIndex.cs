using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using CoreSearchRequest = PatentNav.Core.Engine.SearchRequest;
using CoreSortOrder = PatentNav.Core.Engine.SortOrder;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;
using EsSortOrder = Elastic.Clients.Elasticsearch.SortOrder;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>One write for the cluster: the record to index, or the identity to delete.</summary>
public sealed record ClusterWrite(string Id, PatentRecord? Record)
{
    public static ClusterWrite Upsert(PatentRecord record) => new(record.Id, record);

    public static ClusterWrite Delete(string id) => new(id, null);
}

/// <summary>
/// What one bulk call achieved, item by item: every item result is read. <see cref="Failed"/> holds the items the
/// cluster still refused after the 429 retries (or that never reached it), with the reason; nothing is silently dropped.
/// </summary>
public sealed record BulkOutcome(int Created, int Updated, int Deleted, int NotFound, int Retried, IReadOnlyList<(ClusterWrite Write, string Reason)> Failed)
{
    public bool Complete => Failed.Count == 0;
}

/// <summary>
/// The Elasticsearch engine: searches, gets, aggregations, term statistics and bulk writes against the alias of the
/// versioned patent index. Each call makes one attempt and reports any failure as <see cref="ClusterUnavailableException"/>;
/// retries, timeouts, the breaker and the fallback are the resilience layer's (docs/elasticsearch.md).
/// </summary>
public sealed class ElasticsearchPatentIndex : IPatentSearcher, IPatentIndexWriter
{
    public const string Engine = "elasticsearch";
    private const int FragmentChars = 120;

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly TimeProvider _time;

    public ElasticsearchPatentIndex(ElasticsearchClient client, ElasticsearchOptions options, TimeProvider? time = null)
    {
        _client = client;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public string EngineName => Engine;

    public string Alias => _options.IndexAlias;

    public ElasticsearchClient Client => _client;

    /// <summary>
    /// Creates the versioned index and its alias when neither exists (idempotent: a replica that loses the race to create
    /// it finds it made), and refuses an alias pointing at an index of another mapping version. Returns true when this
    /// call created the index.
    /// </summary>
    public async Task<bool> EnsureIndexAsync(CancellationToken cancellationToken = default)
    {
        var expected = PatentIndexTemplate.IndexName(Alias);
        var mapping = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.GET, $"/{Alias}/_mapping", cancellationToken).ConfigureAwait(false);
        var status = mapping.ApiCallDetails.HttpStatusCode;
        if (status == 404)
        {
            var body = PatentIndexTemplate.CreateIndexBody(Alias, _options.NumberOfShards, _options.NumberOfReplicas).ToJsonString();
            var created = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.PUT, $"/{expected}", PostData.String(body), cancellationToken).ConfigureAwait(false);
            if (created.ApiCallDetails.HttpStatusCode is 200)
            {
                return true;
            }
            if (created.Body.Contains("resource_already_exists_exception", StringComparison.Ordinal))
            {
                return false;
            }
            throw Failure("create the index", created.ApiCallDetails, created.Body);
        }
        if (status != 200)
        {
            throw Failure("read the index mapping", mapping.ApiCallDetails, mapping.Body);
        }
        using var json = JsonDocument.Parse(mapping.Body);
        foreach (var index in json.RootElement.EnumerateObject())
        {
            int? version = index.Value.TryGetProperty("mappings", out var m) && m.TryGetProperty("_meta", out var meta)
                && meta.TryGetProperty("mapping_version", out var v) && v.TryGetInt32(out var number) ? number : null;
            if (version != PatentIndexTemplate.MappingVersion)
            {
                throw new MappingVersionMismatchException(index.Name, version, PatentIndexTemplate.MappingVersion);
            }
        }
        return false;
    }

    public async Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _client.SearchAsync<JsonObject>(new EsSearchRequest(Alias)
        {
            Query = new TermQuery(EsFields.Id, id),
            Size = 1,
            Source = new SourceConfig(new SourceFilter { Includes = EsFields.Record }),
        }, cancellationToken).ConfigureAwait(false);
        Check("get", response, cancellationToken);
        return response.Hits.FirstOrDefault()?.Source is { } source ? EsDocumentMapper.ToRecord(source) : null;
    }

    public async Task<Core.Engine.SearchResult> SearchAsync(CoreSearchRequest request, CancellationToken cancellationToken = default)
    {
        var body = BuildSearch(request);
        var response = await _client.SearchAsync<JsonObject>(body, cancellationToken).ConfigureAwait(false);
        Check("search", response, cancellationToken);
        var hits = new List<SearchHit>(response.Hits.Count);
        foreach (var hit in response.Hits)
        {
            var record = request.IncludeRecords && hit.Source is { } source ? EsDocumentMapper.ToRecord(source) : null;
            hits.Add(new SearchHit(hit.Id ?? "", (float)(hit.Score ?? 0), record, Highlights(hit))
            {
                MatchedTerms = request.ReportMatchedTerms ? MatchedTerms(hit) : [],
            });
        }
        var size = Math.Max(0, request.Size);
        var next = hits.Count == size && size > 0 ? NextCursor(request.Sort, response.Hits.Last()) : null;
        var total = response.Hits.Count == 0 && response.HitsMetadata?.Total is null ? 0 : response.Total;
        return new Core.Engine.SearchResult(total, hits, Facets(request, response.Aggregations), next, Engine)
        {
            Aggregations = request.Aggregations.ToDictionary(a => a.Key, a => ReadAggregation(a.Value, response.Aggregations, "a." + a.Key), StringComparer.Ordinal),
        };
    }

    /// <summary>The request body a search sends; golden files under tests/Engine.Elasticsearch.Tests/Golden pin it.</summary>
    internal EsSearchRequest BuildSearch(CoreSearchRequest request)
    {
        var compiler = new EsQueryCompiler(nameTerms: request.ReportMatchedTerms);
        var filters = request.Filters.Select(compiler.Compile).ToList();
        if (request.Ids is not null)
        {
            filters.Add(request.Ids.Count == 0 ? new MatchNoneQuery() : new TermsQuery { Field = EsFields.Id, Terms = new TermsQueryField([.. request.Ids.Select(i => (FieldValue)i)]) });
        }
        var query = compiler.Compile(request.Query);
        var cursor = SearchCursor.Decode(request.SearchAfter, request.Sort);
        AggregationLimits.Validate(request.Aggregations);
        var aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal);
        foreach (var facet in request.Facets)
        {
            aggregations["f." + EsFields.FacetFieldOf(facet.Field)] = Terms(facet.Field, facet.Size);
        }
        foreach (var (name, aggregation) in request.Aggregations)
        {
            aggregations["a." + name] = Compile(aggregation, compiler);
        }
        var size = Math.Max(0, request.Size);
        return new EsSearchRequest(Alias)
        {
            Query = filters.Count == 0 ? query : new BoolQuery { Must = [query], Filter = filters },
            From = cursor is null && request.From > 0 ? request.From : null,
            Size = size,
            // Exact totals, as the embedded index counts them.
            TrackTotalHits = new TrackHits(true),
            Sort = SortOf(request.Sort),
            SearchAfter = cursor is null ? null : AfterOf(cursor),
            Source = request.IncludeRecords && size > 0 ? new SourceConfig(new SourceFilter { Includes = EsFields.Record }) : new SourceConfig(false),
            Aggregations = aggregations.Count == 0 ? null : aggregations,
            Highlight = request.Highlight && size > 0 ? HighlightOf() : null,
        };
    }

    /// <summary>Relevance, then identity; or a date (0 when missing, as the embedded index sorts it), then identity.</summary>
    private static List<SortOptions> SortOf(CoreSortOrder order)
    {
        var byId = (SortOptions)new FieldSort(EsFields.Id) { Order = EsSortOrder.Asc };
        return order switch
        {
            CoreSortOrder.ApplicationDateDesc => [DateSort(EsFields.ApplicationDate, EsSortOrder.Desc), byId],
            CoreSortOrder.ApplicationDateAsc => [DateSort(EsFields.ApplicationDate, EsSortOrder.Asc), byId],
            CoreSortOrder.PublicationDateDesc => [DateSort(EsFields.PublicationDate, EsSortOrder.Desc), byId],
            CoreSortOrder.PublicationDateAsc => [DateSort(EsFields.PublicationDate, EsSortOrder.Asc), byId],
            _ => [new SortOptions { Score = new ScoreSort { Order = EsSortOrder.Desc } }, byId],
        };
    }

    private static SortOptions DateSort(string field, EsSortOrder order) => new FieldSort(field) { Order = order, Missing = 0 };

    private static List<FieldValue> AfterOf(SearchCursor cursor) =>
        cursor.Sort == CoreSortOrder.Relevance ? [FieldValue.Double(cursor.Score), cursor.Id] : [FieldValue.Long(cursor.Date), cursor.Id];

    private static string NextCursor(CoreSortOrder order, Hit<JsonObject> last)
    {
        var sort = last.Sort?.ToList() ?? [];
        var id = sort.Count > 1 && sort[1].TryGetString(out var s) ? s : last.Id ?? "";
        long? date = null;
        if (order != CoreSortOrder.Relevance && sort.Count > 0)
        {
            if (!sort[0].TryGetLong(out date) && sort[0].TryGetDouble(out var d))
            {
                date = (long?)d;
            }
        }
        return SearchCursor.ForHit(order, (float)(last.Score ?? 0), (int)(date ?? 0), id).Encode();
    }

    private static Highlight HighlightOf()
    {
        var fields = EsFields.HighlightFields.Select(f => new KeyValuePair<Field, HighlightField>(f, new HighlightField
        {
            // Words first; where they found nothing the bigram sub-field explains the hit, as in the embedded index.
            MatchedFields = new[] { f, EsFields.Bigram(f) },
            Type = HighlighterType.Unified,
            NumberOfFragments = f == EsFields.Title ? 0 : 2,
            FragmentSize = FragmentChars,
        })).ToList();
        return new Highlight(fields)
        {
            PreTags = ["<mark>"],
            PostTags = ["</mark>"],
            // The html encoder escapes the text around the marks, as the embedded highlighter does.
            Encoder = HighlighterEncoder.Html,
            RequireFieldMatch = false,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> Highlights(Hit<JsonObject> hit)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (hit.Highlight is null)
        {
            return result;
        }
        foreach (var field in EsFields.HighlightFields)
        {
            if (hit.Highlight.TryGetValue(field, out var fragments) && fragments.Count > 0)
            {
                result[field] = [.. fragments];
            }
        }
        return result;
    }

    private static List<string> MatchedTerms(Hit<JsonObject> hit)
    {
        if (hit.MatchedQueries is null)
        {
            return [];
        }
        List<string> names = [];
        hit.MatchedQueries.Match(list => names.AddRange(list ?? []), scores => names.AddRange(scores?.Keys ?? []));
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private static Aggregation Terms(FacetField field, int size, IReadOnlyList<string>? include = null) => new Elastic.Clients.Elasticsearch.Aggregations.TermsAggregation
    {
        Field = EsFields.FacetFieldOf(field),
        // A list of exact values, never a pattern: a value is matched as written, whatever characters it holds.
        Include = include is null ? null : new TermsInclude(include),
        Size = size,
        // Most documents first, ties by value: the embedded index's order. A shard size well above the size keeps the
        // counts of a multi-shard index exact for the buckets shown (docs/elasticsearch.md, parity).
        ShardSize = Math.Max(100, size * 4),
        Order = [new KeyValuePair<Field, EsSortOrder>("_count", EsSortOrder.Desc), new KeyValuePair<Field, EsSortOrder>("_key", EsSortOrder.Asc)],
    };

    private static Aggregation Compile(AggregationRequest request, EsQueryCompiler compiler)
    {
        Aggregation aggregation = request switch
        {
            Core.Engine.TermsAggregation terms => Terms(terms.Field, terms.Size, terms.Include),
            Core.Engine.FiltersAggregation filters => new Elastic.Clients.Elasticsearch.Aggregations.FiltersAggregation
            {
                // Anonymous filters answer as a list in request order: the chain's node order.
                Filters = new Buckets<Query>([.. filters.Filters.Select(f => compiler.Compile(f.Query))]),
            },
            YearHistogram histogram => new HistogramAggregation
            {
                Field = EsFields.FacetFieldOf(histogram.Field),
                Interval = 1,
                MinDocCount = 0,
                ExtendedBounds = histogram.From is not null && histogram.To is not null
                    ? new ExtendedBounds<double?> { Min = histogram.From, Max = histogram.To }
                    : null,
                HardBounds = histogram.From is not null || histogram.To is not null
                    ? new ExtendedBounds<double?> { Min = histogram.From, Max = histogram.To }
                    : null,
            },
            _ => throw new NotSupportedException($"The Elasticsearch engine cannot count {request.GetType().Name}."),
        };
        if (request.Aggregations.Count > 0)
        {
            aggregation.Aggregations = request.Aggregations.ToDictionary(a => "a." + a.Key, a => Compile(a.Value, compiler), StringComparer.Ordinal);
        }
        return aggregation;
    }

    private static Dictionary<FacetField, IReadOnlyList<FacetBucket>> Facets(CoreSearchRequest request, AggregateDictionary? aggregations)
    {
        var result = new Dictionary<FacetField, IReadOnlyList<FacetBucket>>();
        foreach (var facet in request.Facets)
        {
            var terms = ReadTerms(aggregations, "f." + EsFields.FacetFieldOf(facet.Field));
            result[facet.Field] = [.. terms.Buckets.Select(b => new FacetBucket(b.Key, b.Count))];
        }
        return result;
    }

    private static AggregationResult ReadAggregation(AggregationRequest request, AggregateDictionary? aggregations, string name)
    {
        switch (request)
        {
            case Core.Engine.TermsAggregation:
            {
                var terms = ReadTerms(aggregations, name, request);
                return terms;
            }
            case Core.Engine.FiltersAggregation filters:
            {
                var buckets = aggregations?.GetFilters(name)?.Buckets.ToList() ?? [];
                return new AggregationResult([.. filters.Filters.Select((f, i) => new AggregationBucket(f.Name, i < buckets.Count ? buckets[i].DocCount : 0)
                {
                    Aggregations = Children(request, i < buckets.Count ? buckets[i].Aggregations : null),
                })]);
            }
            case YearHistogram:
            {
                var buckets = aggregations?.GetHistogram(name)?.Buckets ?? [];
                return new AggregationResult([.. buckets.Select(b => new AggregationBucket(((int)b.Key).ToString("D4", CultureInfo.InvariantCulture), b.DocCount)
                {
                    Aggregations = Children(request, b.Aggregations),
                })]);
            }
            default:
                throw new NotSupportedException($"The Elasticsearch engine cannot read {request.GetType().Name}.");
        }
    }

    private static Dictionary<string, AggregationResult> Children(AggregationRequest request, AggregateDictionary? aggregations) =>
        request.Aggregations.ToDictionary(a => a.Key, a => ReadAggregation(a.Value, aggregations, "a." + a.Key), StringComparer.Ordinal);

    /// <summary>Keyword fields answer <c>sterms</c>, the integer year fields <c>lterms</c>; an empty index may answer either.</summary>
    private static AggregationResult ReadTerms(AggregateDictionary? aggregations, string name, AggregationRequest? request = null)
    {
        if (aggregations is null)
        {
            return new AggregationResult([]);
        }
        if (aggregations.TryGetAggregate<StringTermsAggregate>(name, out var strings) && strings is not null)
        {
            return new AggregationResult(
                [.. strings.Buckets.Select(b => new AggregationBucket(KeyText(b.Key), b.DocCount) { Aggregations = request is null ? [] : Children(request, b.Aggregations) })],
                strings.SumOtherDocCount ?? 0);
        }
        if (aggregations.TryGetAggregate<LongTermsAggregate>(name, out var longs) && longs is not null)
        {
            return new AggregationResult(
                [.. longs.Buckets.Select(b => new AggregationBucket(b.Key.ToString("D4", CultureInfo.InvariantCulture), b.DocCount) { Aggregations = request is null ? [] : Children(request, b.Aggregations) })],
                longs.SumOtherDocCount ?? 0);
        }
        return new AggregationResult([]);
    }

    private static string KeyText(FieldValue key) => key.TryGetString(out var s) ? s! : key.Value?.ToString() ?? "";

    /// <summary>
    /// Document frequencies from one size-0 search with a <c>filters</c> aggregation, one bucket per term and field: exact
    /// over every shard and only live documents. The term vectors API's <c>term_statistics</c> on an artificial document
    /// would answer per shard, so a multi-shard index would weigh terms by one shard's share.
    /// </summary>
    public async Task<IReadOnlyList<TermStatistic>> GetTermStatisticsAsync(IReadOnlyList<TermKey> terms, CancellationToken cancellationToken = default)
    {
        var slots = terms.Select(t => EsFields.TextFieldsOf(t.Field).Select(f => t.Bigram ? EsFields.Bigram(f) : f).ToArray()).ToArray();
        var filters = new List<Query>();
        foreach (var (key, fields) in terms.Zip(slots))
        {
            filters.AddRange(fields.Select(f => (Query)new TermQuery(f, key.Term)));
        }
        var response = await _client.SearchAsync<JsonObject>(new EsSearchRequest(Alias)
        {
            Size = 0,
            TrackTotalHits = new TrackHits(true),
            Query = new MatchAllQuery(),
            Aggregations = filters.Count == 0 ? null : new Dictionary<string, Aggregation>
            {
                ["df"] = new Elastic.Clients.Elasticsearch.Aggregations.FiltersAggregation { Filters = new Buckets<Query>(filters) },
            },
        }, cancellationToken).ConfigureAwait(false);
        Check("term statistics", response, cancellationToken);
        var buckets = response.Aggregations?.GetFilters("df")?.Buckets.ToList() ?? [];
        var result = new List<TermStatistic>(terms.Count);
        var at = 0;
        for (var k = 0; k < terms.Count; k++)
        {
            long max = 0;
            foreach (var _ in slots[k])
            {
                max = Math.Max(max, at < buckets.Count ? buckets[at].DocCount : 0);
                at++;
            }
            result.Add(new TermStatistic(terms[k], max, response.Total));
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var response = await _client.CountAsync(new CountRequest(Alias), cancellationToken).ConfigureAwait(false);
        Check("count", response, cancellationToken);
        return response.Count;
    }

    /// <summary>
    /// Sends the writes as bulk requests of <see cref="ElasticsearchOptions.BulkSize"/> and reads every item's result.
    /// Items rejected with 429 (the cluster's write queue is full) are sent again with exponential backoff and jitter, up
    /// to <see cref="ElasticsearchOptions.BulkRetries"/> times; whatever still fails is returned in <see cref="BulkOutcome.Failed"/>.
    /// A request that fails as a whole (unreachable, 5xx, timeout) fails all its items the same way.
    /// </summary>
    public Task<BulkOutcome> BulkAsync(IReadOnlyList<ClusterWrite> writes, CancellationToken cancellationToken = default) =>
        BulkAsync(writes, null, cancellationToken);

    private async Task<BulkOutcome> BulkAsync(IReadOnlyList<ClusterWrite> writes, string? index, CancellationToken cancellationToken)
    {
        int created = 0, updated = 0, deleted = 0, notFound = 0, retried = 0;
        var failed = new List<(ClusterWrite, string)>();
        foreach (var chunk in writes.Chunk(Math.Max(1, _options.BulkSize)))
        {
            IReadOnlyList<ClusterWrite> pending = chunk;
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                var rejected = new List<(ClusterWrite Write, string Reason)>();
                BulkResponse response;
                try
                {
                    response = await _client.BulkAsync(BuildBulk(pending, index), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed.AddRange(pending.Select(w => (w, $"bulk request failed: {ex.Message}")));
                    break;
                }
                cancellationToken.ThrowIfCancellationRequested();
                var items = response.Items?.ToList() ?? [];
                if (response.ApiCallDetails.HttpStatusCode != 200 || items.Count != pending.Count)
                {
                    var reason = Failure("bulk", response.ApiCallDetails, null, response.ElasticsearchServerError?.Error?.Reason).Message;
                    failed.AddRange(pending.Select(w => (w, reason)));
                    break;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    switch (item.Status)
                    {
                        case 200 or 201 when item.Result == "created":
                            created++;
                            break;
                        case 200 or 201 when item.Result == "deleted":
                            deleted++;
                            break;
                        case 200 or 201:
                            updated++;
                            break;
                        case 404 when pending[i].Record is null:
                            // Deleting what the cluster never had leaves it as the embedded index has it.
                            notFound++;
                            break;
                        default:
                            rejected.Add((pending[i], $"{item.Status} {item.Error?.Type}: {item.Error?.Reason}"));
                            break;
                    }
                }
                var retryable = rejected.Where(r => r.Reason.StartsWith("429", StringComparison.Ordinal)).ToList();
                failed.AddRange(rejected.Where(r => !r.Reason.StartsWith("429", StringComparison.Ordinal)));
                if (retryable.Count == 0)
                {
                    break;
                }
                if (attempt >= _options.BulkRetries)
                {
                    failed.AddRange(retryable);
                    break;
                }
                retried += retryable.Count;
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                pending = [.. retryable.Select(r => r.Write)];
            }
        }
        return new BulkOutcome(created, updated, deleted, notFound, retried, failed);
    }

    /// <summary>
    /// Builds a fresh index with this build's mapping beside the current one, fills it with <paramref name="records"/>,
    /// then moves the alias to it in one atomic alias update and deletes the old indices: searches see the old index until
    /// the new one is complete. The way out of a mapping-version mismatch.
    /// </summary>
    public async Task<BulkOutcome> RebuildAsync(IEnumerable<PatentRecord> records, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var stamp = (clock ?? _time).GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var target = $"{PatentIndexTemplate.IndexName(Alias)}-{stamp}";
        var body = PatentIndexTemplate.CreateIndexBody(Alias, _options.NumberOfShards, _options.NumberOfReplicas);
        body.Remove("aliases");
        var created = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.PUT, "/" + target, PostData.String(body.ToJsonString()), cancellationToken).ConfigureAwait(false);
        if (created.ApiCallDetails.HttpStatusCode != 200)
        {
            throw Failure("create the rebuilt index", created.ApiCallDetails, created.Body);
        }
        var outcomes = new List<BulkOutcome>();
        foreach (var chunk in records.Chunk(Math.Max(1, _options.BulkSize)))
        {
            outcomes.Add(await BulkAsync([.. chunk.Select(ClusterWrite.Upsert)], target, cancellationToken).ConfigureAwait(false));
        }
        var outcome = new BulkOutcome(outcomes.Sum(o => o.Created), outcomes.Sum(o => o.Updated), 0, 0, outcomes.Sum(o => o.Retried), [.. outcomes.SelectMany(o => o.Failed)]);
        if (!outcome.Complete)
        {
            // The alias stays where it was: a half-filled index never answers a search.
            throw new ClusterUnavailableException($"rebuild: {outcome.Failed.Count} records were refused, first: {outcome.Failed[0].Reason}; the alias still points at the old index", null, transient: true);
        }
        await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.POST, $"/{target}/_refresh", cancellationToken).ConfigureAwait(false);
        var current = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.GET, $"/_alias/{Alias}", cancellationToken).ConfigureAwait(false);
        var old = current.ApiCallDetails.HttpStatusCode == 200 ? JsonNode.Parse(current.Body)!.AsObject().Select(i => i.Key).ToList() : [];
        var actions = new JsonArray();
        foreach (var index in old)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = index, ["alias"] = Alias } });
        }
        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = target, ["alias"] = Alias, ["is_write_index"] = true } });
        var swapped = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.POST, "/_aliases",
            PostData.String(new JsonObject { ["actions"] = actions }.ToJsonString()), cancellationToken).ConfigureAwait(false);
        if (swapped.ApiCallDetails.HttpStatusCode != 200)
        {
            throw Failure("move the alias", swapped.ApiCallDetails, swapped.Body);
        }
        foreach (var index in old)
        {
            await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.DELETE, "/" + index, cancellationToken).ConfigureAwait(false);
        }
        return outcome;
    }

    private BulkRequest BuildBulk(IReadOnlyList<ClusterWrite> writes, string? index = null)
    {
        var operations = new BulkOperationsCollection();
        foreach (var write in writes)
        {
            operations.Add(write.Record is { } record
                ? new BulkIndexOperation<JsonObject>(EsDocumentMapper.ToDocument(record)) { Id = write.Id }
                : new BulkDeleteOperation(write.Id));
        }
        return index is null ? new BulkRequest(Alias) { Operations = operations, RequireAlias = true } : new BulkRequest(index) { Operations = operations };
    }

    /// <summary>Exponential with full jitter: attempt n waits up to base × 2ⁿ, so clients that failed together do not retry together.</summary>
    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(_options.RetryBaseDelayMs * Math.Pow(2, attempt) * (0.5 + (Random.Shared.NextDouble() / 2)));

    public async Task<UpsertResult> UpsertAsync(IReadOnlyList<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        var outcome = await BulkAsync([.. records.Select(ClusterWrite.Upsert)], cancellationToken).ConfigureAwait(false);
        return outcome.Complete
            ? new UpsertResult(outcome.Created, outcome.Updated)
            : throw new ClusterUnavailableException($"{outcome.Failed.Count} of {records.Count} records were not written: {outcome.Failed[0].Reason}", null, transient: true);
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var outcome = await BulkAsync([.. ids.Select(ClusterWrite.Delete)], cancellationToken).ConfigureAwait(false);
        return outcome.Complete
            ? outcome.Deleted
            : throw new ClusterUnavailableException($"{outcome.Failed.Count} of {ids.Count} deletes were not written: {outcome.Failed[0].Reason}", null, transient: true);
    }

    /// <summary>Makes the writes visible to searches (a refresh); durability is the cluster's translog.</summary>
    public async Task CommitAsync(IReadOnlyDictionary<string, string>? userData = null, CancellationToken cancellationToken = default)
    {
        var response = await _client.Indices.RefreshAsync(new Elastic.Clients.Elasticsearch.IndexManagement.RefreshRequest(Alias), cancellationToken).ConfigureAwait(false);
        Check("refresh", response, cancellationToken);
    }

    /// <summary>Every identity in the cluster index, in order, for re-syncing it with the embedded index.</summary>
    public async IAsyncEnumerable<string> ListIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        FieldValue? after = null;
        while (true)
        {
            var response = await _client.SearchAsync<JsonObject>(new EsSearchRequest(Alias)
            {
                Query = new MatchAllQuery(),
                Size = 1000,
                Source = new SourceConfig(false),
                Sort = [new FieldSort(EsFields.Id) { Order = EsSortOrder.Asc }],
                SearchAfter = after is { } a ? [a] : null,
            }, cancellationToken).ConfigureAwait(false);
            Check("list ids", response, cancellationToken);
            if (response.Hits.Count == 0)
            {
                yield break;
            }
            foreach (var hit in response.Hits)
            {
                yield return hit.Id!;
            }
            after = response.Hits.Last().Id;
        }
    }

    private static void Check(string what, ElasticsearchResponse response, CancellationToken cancellationToken)
    {
        if (!response.IsValidResponse)
        {
            // The transport turns a cancelled call into an invalid response; the caller asked for the cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure(what, response.ApiCallDetails, null, response.ElasticsearchServerError?.Error?.Reason);
        }
        if (response is SearchResponse<JsonObject> { Shards.Failed: > 0 } partial)
        {
            // Partial results would make counts and maps wrong without saying so: the embedded index answers instead.
            throw new ClusterUnavailableException($"{what}: {partial.Shards.Failed} of {partial.Shards.Total} shards failed", 503, transient: true);
        }
    }

    private static ClusterUnavailableException Failure(string what, ApiCallDetails details, string? body, string? reason = null)
    {
        var status = details.HttpStatusCode;
        TimeSpan? retryAfter = details.TryGetHeader("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
        var cause = reason ?? details.OriginalException?.Message ?? body ?? "no answer";
        var message = status is null ? $"{what}: the cluster did not answer ({cause})" : $"{what}: the cluster answered {status} ({cause})";
        return new ClusterUnavailableException(message, status, ClusterUnavailableException.IsTransientStatus(status), retryAfter, details.OriginalException);
    }

    public void Dispose()
    {
    }
}
