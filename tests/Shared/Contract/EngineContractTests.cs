using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Query;
using Xunit;

namespace PatentNav.Tests.Contract;

/// <summary>
/// Behaviour every engine owes the service, run against each engine over <see cref="ContractCorpus"/>: expected counts
/// are computed from the records themselves, not from an engine, so an engine that miscounts fails. Skippable: the live
/// cluster run skips, with its reason, where no cluster is configured.
/// </summary>
public abstract class EngineContractTests
{
    /// <summary>Expert queries both engines must answer identically (the live parity suite compares their totals).</summary>
    public static readonly string[] ExpertQueries =
    [
        "电池", "TI=电池", "AB=(锂 OR 钠) AND IPC=H01M", "\"正极材料\"", "TI=掘进机 OR TI=开采", "IPC=G06F", "MIPC=H01M",
        "IPC=H01M10/05", "AD>=2018-01-01 AND AD<2020-01-01", "PD<=2016-12-31", "TYPE=发明", "LS=有效", "CO=140700",
        "PA=太原理工大学", "传感器 NOT 温度", "TI=(智能 AND (控制 OR 检测))", "CL=\"所述电池\"", "TX=(电机 NEAR/5 控制)",
        "TI=电*", "IPC=H01M NOT LS=失效", "AB=(锂离子电池 3W 正极)",
    ];

    protected static IReadOnlyList<PatentRecord> Records => ContractCorpus.Records;

    /// <summary>The engine under test, holding exactly <see cref="Records"/>, committed and visible.</summary>
    protected abstract Task<IPatentSearcher> EngineAsync();

    private static readonly ExpertQueryParser Parser = new();

    private static Dictionary<string, long> CountsOf(FacetField facet, IEnumerable<PatentRecord> records) =>
        records.SelectMany(r => IndexedFacts.Of(r).FacetValues(facet, r)).GroupBy(v => v, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    [SkippableTheory]
    [InlineData(FacetField.Applicant)]
    [InlineData(FacetField.Type)]
    [InlineData(FacetField.LegalState)]
    [InlineData(FacetField.IpcSubclass)]
    [InlineData(FacetField.City)]
    public async Task Terms_aggregation_counts_each_value_as_the_records_hold_it_most_frequent_first(FacetField field)
    {
        var engine = await EngineAsync();
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest> { ["t"] = new TermsAggregation(field, 5) },
            Facets = [new FacetRequest(field, 5)],
        });
        var expected = CountsOf(field, Records).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5).ToList();
        var buckets = result.Aggregations["t"].Buckets;
        Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)), buckets.Select(b => (b.Key, b.Count)));
        Assert.Equal(CountsOf(field, Records).Values.Sum() - expected.Sum(kv => kv.Value), result.Aggregations["t"].Other);
        // Facets are the same count in their older shape.
        Assert.Equal(buckets.Select(b => (b.Key, b.Count)), result.Facets[field].Select(b => (b.Value, b.Count)));
    }

    [SkippableFact]
    public async Task Terms_aggregation_with_an_include_list_counts_only_those_values_and_omits_the_absent()
    {
        var engine = await EngineAsync();
        var counts = CountsOf(FacetField.Applicant, Records);
        // A rare one, a common one, and a name no record holds (with characters a pattern would misread).
        var rare = counts.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        var common = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["t"] = new TermsAggregation(FacetField.Applicant, 5) { Include = [rare, "不存在的公司.*(", common] },
            },
        });
        var buckets = result.Aggregations["t"].Buckets;
        Assert.Equal([(common, counts[common]), (rare, counts[rare])], buckets.Select(b => (b.Key, b.Count)));
        Assert.Equal(0, result.Aggregations["t"].Other);
    }

    [SkippableFact]
    public async Task Year_histogram_has_a_bucket_for_every_year_in_range_zero_where_nothing_was_filed()
    {
        var engine = await EngineAsync();
        var query = Parser.Parse("TYPE=实用新型");
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = query,
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest> { ["years"] = new YearHistogram(FacetField.ApplicationYear, 2008, 2024) },
        });
        var matching = Records.Where(r => r.Type == PatentType.UtilityModel).ToList();
        var buckets = result.Aggregations["years"].Buckets;
        Assert.Equal(Enumerable.Range(2008, 17).Select(y => y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), buckets.Select(b => b.Key));
        foreach (var bucket in buckets)
        {
            Assert.Equal(matching.Count(r => r.ApplicationDate?.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) == bucket.Key), bucket.Count);
        }
        Assert.Contains(buckets, b => b.Count == 0);
        Assert.Equal(matching.Count(r => r.ApplicationDate is not null), buckets.Sum(b => b.Count));
    }

    [SkippableFact]
    public async Task Filters_aggregation_counts_each_named_query_as_a_search_of_it_would()
    {
        var engine = await EngineAsync();
        var nodes = new[] { "IPC=H01M", "TI=电池", "IPC=E21", "LS=有效 AND TYPE=发明", "TI=不存在的词语甲乙" };
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["chain"] = new FiltersAggregation([.. nodes.Select(n => new NamedFilter(n, Parser.Parse(n)))]),
            },
        });
        Assert.Equal(nodes, result.Aggregations["chain"].Buckets.Select(b => b.Key));
        foreach (var bucket in result.Aggregations["chain"].Buckets)
        {
            var alone = await engine.SearchAsync(new SearchRequest { Query = Parser.Parse(bucket.Key), Size = 0 });
            Assert.Equal(alone.Total, bucket.Count);
        }
        Assert.Equal(0, result.Aggregations["chain"].Buckets[^1].Count);
        Assert.True(result.Aggregations["chain"].Buckets[0].Count > 0);
    }

    [SkippableFact]
    public async Task Nested_aggregations_count_each_applicant_by_year_and_the_years_add_up()
    {
        var engine = await EngineAsync();
        var result = await engine.SearchAsync(new SearchRequest
        {
            Query = new MatchAllNode(),
            Size = 0,
            Aggregations = new Dictionary<string, AggregationRequest>
            {
                ["applicants"] = new TermsAggregation(FacetField.Applicant, 3)
                {
                    Aggregations = new Dictionary<string, AggregationRequest> { ["years"] = new YearHistogram(FacetField.ApplicationYear, 2012, 2022) },
                },
            },
        });
        var applicants = result.Aggregations["applicants"].Buckets;
        Assert.Equal(3, applicants.Count);
        foreach (var applicant in applicants)
        {
            var theirs = Records.Where(r => IndexedFacts.Of(r).ApplicantKeys.Contains(applicant.Key)).ToList();
            Assert.Equal(theirs.Count, applicant.Count);
            var years = applicant.Aggregations["years"].Buckets;
            Assert.Equal(11, years.Count);
            Assert.Equal(theirs.Count(r => r.ApplicationDate is not null), years.Sum(y => y.Count));
        }
    }

    [SkippableTheory]
    [InlineData(SortOrder.Relevance)]
    [InlineData(SortOrder.ApplicationDateDesc)]
    [InlineData(SortOrder.ApplicationDateAsc)]
    [InlineData(SortOrder.PublicationDateDesc)]
    public async Task Cursor_pages_visit_every_hit_once_in_the_order_of_one_long_page(SortOrder sort)
    {
        var engine = await EngineAsync();
        // Match-all scores every document the same: the identity tie-breaker alone orders relevance pages.
        foreach (var query in new QueryNode[] { new MatchAllNode(), Parser.Parse("电池 OR 装置 OR 方法") })
        {
            var all = await engine.SearchAsync(new SearchRequest { Query = query, Size = 300, Sort = sort, IncludeRecords = false });
            var paged = new List<string>();
            string? cursor = null;
            do
            {
                var page = await engine.SearchAsync(new SearchRequest { Query = query, Size = 7, Sort = sort, SearchAfter = cursor, IncludeRecords = false });
                paged.AddRange(page.Hits.Select(h => h.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null && paged.Count <= 300);
            Assert.Equal(all.Hits.Select(h => h.Id), paged);
            Assert.Equal(all.Total, paged.Count);
        }
    }

    [SkippableFact]
    public async Task Date_order_puts_records_without_a_date_last_when_descending()
    {
        var engine = await EngineAsync();
        var result = await engine.SearchAsync(new SearchRequest { Query = new MatchAllNode(), Size = 300, Sort = SortOrder.ApplicationDateDesc });
        var dates = result.Hits.Select(h => h.Record!.ApplicationDate).ToList();
        var firstMissing = dates.IndexOf(null);
        Assert.True(firstMissing > 0);
        Assert.All(dates.Skip(firstMissing), d => Assert.Null(d));
        Assert.Equal(dates.Take(firstMissing).OrderByDescending(d => d), dates.Take(firstMissing));
    }

    [SkippableFact]
    public async Task A_cursor_for_another_sort_order_is_refused()
    {
        var engine = await EngineAsync();
        var first = await engine.SearchAsync(new SearchRequest { Query = new MatchAllNode(), Size = 2, Sort = SortOrder.ApplicationDateDesc });
        await Assert.ThrowsAsync<FormatException>(() => engine.SearchAsync(new SearchRequest { Query = new MatchAllNode(), Size = 2, SearchAfter = first.NextCursor }));
    }

    [SkippableFact]
    public async Task Get_returns_the_stored_record_and_null_for_an_unknown_id()
    {
        var engine = await EngineAsync();
        var record = Records[17];
        var got = await engine.GetAsync(record.Id);
        Assert.NotNull(got);
        Assert.Equal(record.Title, got.Title);
        Assert.Equal(record.Applicants, got.Applicants);
        Assert.Null(await engine.GetAsync("CN000000000X"));
    }

    [SkippableFact]
    public async Task Term_statistics_count_documents_holding_each_analysed_term()
    {
        var engine = await EngineAsync();
        var stats = await engine.GetTermStatisticsAsync([
            new TermKey(SearchField.Title, "电池", false),
            new TermKey(SearchField.Title, "电池", true),
            new TermKey(SearchField.Keywords, "不存在的词语甲乙", false),
        ]);
        var withWord = await engine.SearchAsync(new SearchRequest { Query = new WeightedTermsNode([new WeightedTerm("电池", 1)], [SearchField.Title]), Size = 0 });
        Assert.Equal(withWord.Total, stats[0].DocumentFrequency);
        Assert.True(stats[0].DocumentFrequency > 0);
        var withBigram = await engine.SearchAsync(new SearchRequest { Query = new WeightedTermsNode([new WeightedTerm("电池", 1, Bigram: true)], [SearchField.Title]), Size = 0 });
        Assert.Equal(withBigram.Total, stats[1].DocumentFrequency);
        Assert.Equal(0, stats[2].DocumentFrequency);
        Assert.All(stats, s => Assert.Equal(Records.Count, s.DocumentCount));
    }

    [SkippableFact]
    public async Task Highlights_mark_query_words_and_escape_the_text_around_them()
    {
        var engine = await EngineAsync();
        var result = await engine.SearchAsync(new SearchRequest { Query = Parser.Parse("TI=电池"), Size = 3, Highlight = true });
        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Contains("<mark>", h.Highlights["title"][0], StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Novelty_terms_report_which_of_them_each_hit_contains()
    {
        var engine = await EngineAsync();
        var query = new WeightedTermsNode([new WeightedTerm("电池", 2), new WeightedTerm("正极", 1), new WeightedTerm("掘进机", 1)], [SearchField.Title, SearchField.Abstract]);
        var result = await engine.SearchAsync(new SearchRequest { Query = query, Size = 10, ReportMatchedTerms = true });
        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            Assert.NotEmpty(hit.MatchedTerms);
            Assert.All(hit.MatchedTerms, t => Assert.Contains(t, new[] { "电池", "正极", "掘进机" }));
        }
    }
}
