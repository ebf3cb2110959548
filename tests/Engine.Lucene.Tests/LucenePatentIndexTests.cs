using Lucene.Net.Store;
using PatentNav.Engine.Lucene.Storage;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Query;

namespace PatentNav.Engine.Lucene.Tests;

public sealed class LucenePatentIndexTests : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private LucenePatentIndex OpenWithSamples()
    {
        var index = LucenePatentIndex.Open(_dir.Path);
        index.Upsert(Samples.All);
        index.Commit();
        return index;
    }

    [Fact]
    public void Upsert_counts_new_records_as_added_and_known_ones_as_updated()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        Assert.Equal(new UpsertResult(4, 0), index.Upsert(Samples.All));
        index.Commit();
        Assert.Equal(new UpsertResult(0, 4), index.Upsert(Samples.All));
        index.Commit();
        Assert.Equal(4, index.DocumentCount);
    }

    [Fact]
    public void A_record_repeated_within_one_batch_is_added_once_then_updated()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        var changed = Samples.Laundry with { Title = "衣物处理装置" };
        Assert.Equal(new UpsertResult(1, 1), index.Upsert([Samples.Laundry, changed]));
        index.Commit();
        Assert.Equal(1, index.DocumentCount);
        Assert.Equal("衣物处理装置", index.Get(Samples.Laundry.Id)!.Title);
    }

    [Fact]
    public void A_batch_written_by_several_threads_holds_every_record_with_its_own_content()
    {
        using var index = LucenePatentIndex.Open(_dir.Path, new LuceneIndexOptions { IndexingThreads = 4 });
        var records = Enumerable.Range(0, 300)
            .Select(i => Samples.Mining with { Id = $"CN7{i:D6}A", PublicationNumber = $"CN7{i:D6}A", Title = $"智能掘进机第{i}号开采方法" })
            .ToList();
        // The last two repeat earlier ids with new titles: the final content wins even when threads race.
        records.Add(records[10] with { Title = "替换后的标题甲" });
        records.Add(records[250] with { Title = "替换后的标题乙" });
        Assert.Equal(new UpsertResult(300, 2), index.Upsert(records));
        index.Commit();
        Assert.Equal(300, index.DocumentCount);
        Assert.Equal("替换后的标题甲", index.Get("CN7000010A")!.Title);
        Assert.Equal("替换后的标题乙", index.Get("CN7000250A")!.Title);
        Assert.Equal("智能掘进机第123号开采方法", index.Get("CN7000123A")!.Title);
        Assert.Equal(300, index.Search(new SearchRequest { Query = new TextNode(SearchField.Title, "掘进机"), Size = 0 }).Total + 2);
    }

    [Fact]
    public void Changed_content_replaces_the_stored_record()
    {
        using var index = OpenWithSamples();
        index.Upsert([Samples.Mining with { Title = "掘进机开采方法" }]);
        index.Commit();
        Assert.Equal("掘进机开采方法", index.Get("CN113914863A")!.Title);
        Assert.Equal(0, index.Search(new SearchRequest { Query = new PhraseNode(SearchField.Title, "薄矿体") }).Total);
    }

    [Fact]
    public void Get_round_trips_the_whole_record()
    {
        using var index = OpenWithSamples();
        var stored = index.Get("CN113914863A");
        Assert.NotNull(stored);
        Assert.Equal(Samples.Mining.Abstract, stored.Abstract);
        Assert.Equal(Samples.Mining.Ipc, stored.Ipc);
        Assert.Equal(Samples.Mining.ApplicationDate, stored.ApplicationDate);
        Assert.Equal(Samples.Mining.Region, stored.Region);
        Assert.Null(index.Get("CN000000000A"));
    }

    [Fact]
    public void Delete_removes_by_identity_and_reports_only_present_ids()
    {
        using var index = OpenWithSamples();
        Assert.Equal(1, index.Delete(["KP-A-0001", "CN999999999A"]));
        index.Commit();
        Assert.Equal(3, index.DocumentCount);
        Assert.Null(index.Get("KP-A-0001"));
    }

    [Fact]
    public void Writes_without_commit_are_lost_when_the_process_goes_away()
    {
        using (var index = OpenWithSamples())
        {
            index.Upsert([Samples.Mining with { Id = "CN200000001A", PublicationNumber = "CN200000001A" }]);
        }
        using var reopened = LucenePatentIndex.Open(_dir.Path);
        Assert.Equal(4, reopened.DocumentCount);
        Assert.Null(reopened.Get("CN200000001A"));
    }

    [Fact]
    public void A_second_writer_on_the_same_folder_is_refused_naming_the_holder_until_the_first_closes()
    {
        var index = LucenePatentIndex.Open(_dir.Path);
        var refused = Assert.Throws<IndexLockedException>(() => LucenePatentIndex.Open(_dir.Path));
        Assert.IsAssignableFrom<LockObtainFailedException>(refused);
        Assert.Equal(Environment.ProcessId, refused.Holder?.ProcessId);
        Assert.Contains($"in use by process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        index.Dispose();
        using var reopened = LucenePatentIndex.Open(_dir.Path);
        Assert.Equal(0, reopened.DocumentCount);
    }

    [Fact]
    public void Words_match_through_smartcn_and_out_of_dictionary_terms_through_bigrams()
    {
        using var index = OpenWithSamples();
        Assert.Equal(["CN113914863A"], Ids(index, new TextNode(SearchField.Keywords, "掘进机")));
        // 钙钛矿 is not in the SmartCn dictionary; the bigram sub-field still finds it.
        Assert.Equal(["CN111504366B"], Ids(index, new TextNode(SearchField.Keywords, "钙钛矿")));
        Assert.Equal(["CN111504366B"], Ids(index, new TextNode(SearchField.Abstract, "碳化硅衬底")));
    }

    [Fact]
    public void A_phrase_matches_an_exact_substring_only()
    {
        using var index = OpenWithSamples();
        Assert.Equal(["CN114232276A"], Ids(index, new PhraseNode(SearchField.Title, "预约控制")));
        Assert.Empty(Ids(index, new PhraseNode(SearchField.Title, "控制预约")));
        // A single character is found inside bigrams, at either end.
        Assert.Equal(["CN111504366B"], Ids(index, new PhraseNode(SearchField.Title, "钛")));
    }

    [Fact]
    public void Ipc_matches_every_code_under_a_prefix_level()
    {
        using var index = OpenWithSamples();
        Assert.Equal(["CN111504366B"], Ids(index, new IpcNode("H01M", MainOnly: false)));
        Assert.Equal(["CN111504366B"], Ids(index, new IpcNode("H01M10/00", MainOnly: false)));
        Assert.Equal(["CN113914863A", "CN114232276A", "CN111504366B"], Ids(index, new OrNode([new IpcNode("E21C", false), new IpcNode("D06F", false), new IpcNode("H", false)])));
        Assert.Empty(Ids(index, new IpcNode("E21C27", MainOnly: true)));
    }

    [Fact]
    public void Boolean_operators_and_date_ranges_select_exactly()
    {
        using var index = OpenWithSamples();
        var methods = new TextNode(SearchField.Title, "方法");
        Assert.Equal(3, index.Search(new SearchRequest { Query = methods }).Total);
        var notBattery = new NotNode(methods, new TextNode(SearchField.Title, "电池"));
        Assert.Equal(["CN113914863A", "CN114232276A"], Ids(index, notBattery));
        var in2020s = new DateRangeNode(SearchField.ApplicationDate, new DateOnly(2020, 1, 1), null);
        Assert.Equal(["CN113914863A", "CN114232276A"], Ids(index, in2020s).Order().ToArray());
    }

    [Fact]
    public void Facets_count_every_match_from_doc_values()
    {
        using var index = OpenWithSamples();
        var result = index.Search(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 1,
            Facets = [new FacetRequest(FacetField.IpcSubclass), new FacetRequest(FacetField.ApplicationYear), new FacetRequest(FacetField.City), new FacetRequest(FacetField.Type)],
        });
        Assert.Equal(4, result.Total);
        Assert.Contains(new FacetBucket("H01M", 1), result.Facets[FacetField.IpcSubclass]);
        Assert.Contains(new FacetBucket("D06F", 1), result.Facets[FacetField.IpcSubclass]);
        Assert.Equal([new FacetBucket("140700", 2)], result.Facets[FacetField.City]);
        Assert.Equal(new FacetBucket("Invention", 3), result.Facets[FacetField.Type][0]);
        Assert.Equal(3, result.Facets[FacetField.ApplicationYear].Count);
    }

    [Fact]
    public void Facet_counts_match_brute_force_across_segments_updates_and_deletes()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        string[][] ipcSets = [["E21C41/16", "E21C27/24"], ["D06F33/00"], ["H01M10/0525", "H01M4/36", "E21C41/16"], []];
        var records = Enumerable.Range(0, 240).Select(i => Samples.Mining with
        {
            Id = $"CN9{i:D6}A",
            PublicationNumber = $"CN9{i:D6}A",
            Ipc = ipcSets[i % ipcSets.Length],
            Type = i % 3 == 0 ? PatentType.UtilityModel : PatentType.Invention,
        }).ToList();
        // Three committed batches make three segments; then a rewrite and deletes leave dead documents in them.
        foreach (var batch in records.Chunk(80))
        {
            index.Upsert(batch);
            index.Commit();
        }
        records[5] = records[5] with { Ipc = ["G06F16/33"] };
        index.Upsert([records[5]]);
        var deleted = records.Where((_, i) => i % 7 == 0).Select(r => r.Id).ToHashSet();
        index.Delete(deleted);
        index.Commit();
        var live = records.Where(r => !deleted.Contains(r.Id)).ToList();

        var request = new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Facets = [new FacetRequest(FacetField.IpcSubclass, 50), new FacetRequest(FacetField.Type, 10)],
        };
        var result = index.Search(request);
        var again = index.Search(request);

        var expectedSubclasses = live.SelectMany(r => r.Ipc.Select(c => c[..4]).Distinct())
            .GroupBy(c => c).Select(g => new FacetBucket(g.Key, g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(live.Count, result.Total);
        Assert.Equal(expectedSubclasses, result.Facets[FacetField.IpcSubclass]);
        Assert.Equal(live.Count(r => r.Type == PatentType.UtilityModel), result.Facets[FacetField.Type].Single(b => b.Value == "UtilityModel").Count);
        // Second run reads the cached per-segment ordinals: same answer.
        Assert.Equal(result.Facets[FacetField.IpcSubclass], again.Facets[FacetField.IpcSubclass]);
        // A smaller size keeps the strongest buckets in the same order (count, then label).
        var topTwo = index.Search(request with { Facets = [new FacetRequest(FacetField.IpcSubclass, 2)] });
        Assert.Equal(expectedSubclasses.Take(2), topTwo.Facets[FacetField.IpcSubclass]);
    }

    [Fact]
    public void A_chain_node_filter_reused_across_requests_counts_new_segments_rewrites_and_deletes()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        Core.Query.QueryNode node = new Core.Query.IpcNode("E21C", MainOnly: false);
        var nested = new Core.Query.KeywordNode(Core.Query.SearchField.Type, nameof(PatentType.Invention));
        var request = new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["nodes"] = new FiltersAggregation([new NamedFilter("mining", node)])
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["inventions"] = new FiltersAggregation([new NamedFilter("inventions", nested)]) },
                },
            },
        };
        PatentRecord Record(int i) => Samples.Mining with
        {
            Id = $"CN8{i:D6}A",
            PublicationNumber = $"CN8{i:D6}A",
            Ipc = i % 2 == 0 ? ["E21C41/16"] : ["D06F33/00"],
            Type = i % 3 == 0 ? PatentType.UtilityModel : PatentType.Invention,
        };
        var records = Enumerable.Range(0, 30).Select(Record).ToList();
        (long Mining, long Inventions) Count()
        {
            var bucket = index.Search(request).Aggregations["nodes"].Buckets.Single();
            return (bucket.Count, bucket.Aggregations["inventions"].Buckets.Single().Count);
        }
        (long, long) Expected() => (records.Count(r => r.Ipc[0].StartsWith("E21C", StringComparison.Ordinal)),
            records.Count(r => r.Ipc[0].StartsWith("E21C", StringComparison.Ordinal) && r.Type == PatentType.Invention));

        index.Upsert(records);
        index.Commit();
        Assert.Equal(Expected(), Count());
        index.Upsert(Enumerable.Range(30, 30).Select(Record).ToList());
        records.AddRange(Enumerable.Range(30, 30).Select(Record));
        index.Commit();
        // The same node instance: its cached documents of the first segment, and the new segment's read fresh.
        Assert.Equal(60, index.Search(new SearchRequest { Query = new MatchAllNode(), Size = 0 }).Total);
        Assert.Equal(Expected().Item1, index.Search(new SearchRequest { Query = node, Size = 0 }).Total);
        Assert.Equal(Expected(), Count());
        records[0] = records[0] with { Ipc = ["D06F33/00"] };
        index.Upsert([records[0]]);
        index.Delete([records[2].Id]);
        records.RemoveAt(2);
        index.Commit();
        Assert.Equal(Expected(), Count());
    }

    [Fact]
    public void Facet_ordinals_are_decoded_once_per_segment_and_reused_by_later_searches()
    {
        using var index = OpenWithSamples();
        var first = new List<object?>();
        using (var lease = index.AcquireSearcher())
        {
            foreach (var leaf in lease.Searcher.IndexReader.Leaves)
            {
                first.Add(Search.SegmentOrdinals.Of(leaf.AtomicReader, FacetField.IpcSubclass));
            }
        }
        using (var lease = index.AcquireSearcher())
        {
            var again = lease.Searcher.IndexReader.Leaves.Select(leaf => (object?)Search.SegmentOrdinals.Of(leaf.AtomicReader, FacetField.IpcSubclass)).ToList();
            Assert.NotEmpty(again);
            Assert.All(again.Zip(first), pair => Assert.Same(pair.Second, pair.First));
        }
    }

    [Fact]
    public void Term_statistics_over_several_segments_equal_the_readers_own_document_frequencies()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        foreach (var batch in new[] { Samples.All.Take(2), Samples.All.Skip(2) })
        {
            index.Upsert([.. batch]);
            index.Commit();
        }
        TermKey[] keys =
        [
            new(SearchField.Keywords, "矿体", false), new(SearchField.Keywords, "衣物", false), new(SearchField.Title, "处理", false),
            new(SearchField.Keywords, "掘进", true), new(SearchField.Abstract, "没有这个词", false), new(SearchField.Keywords, "矿体", false),
        ];

        var stats = index.GetTermStatistics(keys);

        using var lease = index.AcquireSearcher();
        var reader = lease.Searcher.IndexReader;
        Assert.True(reader.Leaves.Count >= 2);
        for (var i = 0; i < keys.Length; i++)
        {
            var expected = LuceneFields.TextFieldsOf(keys[i].Field)
                .Select(f => (long)reader.DocFreq(new global::Lucene.Net.Index.Term(keys[i].Bigram ? LuceneFields.Bigram(f) : f, keys[i].Term)))
                .DefaultIfEmpty(0).Max();
            Assert.Equal(expected, stats[i].DocumentFrequency);
        }
        Assert.True(stats[0].DocumentFrequency > 0);
        Assert.Equal(0, stats[4].DocumentFrequency);
    }

    [Fact]
    public void FinishMerges_commits_the_merged_segments_that_dispose_would_otherwise_abort()
    {
        var records = Enumerable.Range(0, 240).Select(i => Samples.Mining with { Id = $"CN8{i:D6}A", PublicationNumber = $"CN8{i:D6}A" }).ToList();
        using (var index = LucenePatentIndex.Open(_dir.Path))
        {
            // Twelve commits, twelve flushed segments: more than the merge policy's ten per tier, so merges are due.
            foreach (var batch in records.Chunk(20))
            {
                index.Upsert(batch);
                index.Commit();
            }
            index.FinishMerges();
        }
        using var reopened = LucenePatentIndex.Open(_dir.Path, new LuceneIndexOptions { ReadOnly = true });
        using var lease = reopened.AcquireSearcher();
        Assert.Equal(240, reopened.DocumentCount);
        Assert.InRange(lease.Searcher.IndexReader.Leaves.Count, 1, 10);
        Assert.Equal("true", reopened.LastCommitData["merged"]);
    }

    [Fact]
    public void Date_sort_and_search_after_page_through_every_hit_once()
    {
        using var index = OpenWithSamples();
        var query = new OrNode([new IpcNode("E", false), new IpcNode("D", false), new IpcNode("H", false)]);
        var first = index.Search(new SearchRequest { Query = query, Size = 2, Sort = SortOrder.ApplicationDateDesc });
        Assert.Equal(["CN113914863A", "CN114232276A"], first.Hits.Select(h => h.Id));
        var second = index.Search(new SearchRequest { Query = query, Size = 2, Sort = SortOrder.ApplicationDateDesc, SearchAfter = first.NextCursor });
        Assert.Equal(["CN111504366B"], second.Hits.Select(h => h.Id));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public void Term_statistics_give_document_frequencies_for_weighting()
    {
        using var index = OpenWithSamples();
        using var words = Core.Analysis.PatentAnalysis.CreateWordAnalyzer();
        var miningWord = Core.Analysis.PatentAnalysis.Tokenize(words, "abstract", "掘进机")[0];
        var stats = index.GetTermStatistics([new TermKey(SearchField.Abstract, miningWord, false), new TermKey(SearchField.Abstract, "钙钛", true), new TermKey(SearchField.Abstract, "不存在", false)]);
        Assert.Equal([1L, 1L, 0L], stats.Select(s => s.DocumentFrequency));
        Assert.All(stats, s => Assert.Equal(4, s.DocumentCount));
    }

    [Fact]
    public void Hits_report_matched_terms_and_html_escaped_highlights()
    {
        using var index = LucenePatentIndex.Open(_dir.Path);
        index.Upsert([Samples.Battery with { Abstract = "本发明涉及一种钙钛矿太阳能电池<script>alert(1)</script>，包括碳化硅衬底。" }, Samples.Laundry]);
        index.Commit();
        var result = index.Search(new SearchRequest
        {
            Query = new WeightedTermsNode([new WeightedTerm("电池", 2f), new WeightedTerm("钙钛", 1f, Bigram: true), new WeightedTerm("衣物", 1f)], [SearchField.Keywords]),
            Highlight = true,
            ReportMatchedTerms = true,
        });
        var battery = Assert.Single(result.Hits, h => h.Id == "CN111504366B");
        Assert.Equal(["电池", "钙钛"], battery.MatchedTerms.Order(StringComparer.Ordinal));
        var fragment = Assert.Single(battery.Highlights["abstract"]);
        Assert.Contains("<mark>电池</mark>", fragment, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", fragment, StringComparison.Ordinal);
        Assert.Equal(["衣物"], Assert.Single(result.Hits, h => h.Id == "CN114232276A").MatchedTerms);
    }

    [Fact]
    public void Out_of_dictionary_phrases_are_highlighted_through_bigrams()
    {
        using var index = OpenWithSamples();
        var hit = Assert.Single(index.Search(new SearchRequest { Query = new PhraseNode(SearchField.Abstract, "钙钛矿"), Highlight = true }).Hits);
        Assert.Contains("<mark>钙钛矿</mark>", hit.Highlights["abstract"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcards_that_expand_past_the_budget_are_refused_before_running()
    {
        using var index = OpenWithSamples();
        var broad = new WildcardNode(SearchField.Abstract, "矿*");
        Assert.NotEmpty(index.Search(new SearchRequest { Query = broad }).Hits);
        var error = Assert.Throws<QueryParseException>(() => index.Search(new SearchRequest { Query = broad, MaxTermExpansions = 1 }));
        Assert.Equal("limit", error.Kind);
        Assert.Throws<QueryParseException>(() => index.Search(new SearchRequest { Query = new MatchAllNode(), Filters = [new WildcardNode(SearchField.Keywords, "矿*")], MaxTermExpansions = 1 }));
    }

    private static string[] Ids(LucenePatentIndex index, QueryNode query) =>
        [.. index.Search(new SearchRequest { Query = query, Size = 100, Sort = SortOrder.ApplicationDateDesc }).Hits.Select(h => h.Id)];
}
