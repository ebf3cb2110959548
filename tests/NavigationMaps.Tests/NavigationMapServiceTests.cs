using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Engine.Lucene;
using PatentNav.Tests.Contract;

namespace PatentNav.NavigationMaps.Tests;

public sealed class MapIndexFixture : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-maps-" + Guid.NewGuid().ToString("N"));

    public MapIndexFixture()
    {
        Index = LucenePatentIndex.Open(_dir);
        Index.Upsert(ContractCorpus.Records);
        Index.Commit();
    }

    public LucenePatentIndex Index { get; }

    public void Dispose()
    {
        Index.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>Every figure of a map against a brute-force count over the records themselves.</summary>
public sealed class NavigationMapServiceTests(MapIndexFixture fixture) : IClassFixture<MapIndexFixture>
{
    private static readonly IndustryChain Chain = ChainFileParser.Parse("test.chain", """
        id: test
        name: 测试
        - h IPC H = IPC=H
          why: 电学。
          - h01m 电池 = IPC=H01M
            why: 电池。
        - g06f 计算 = IPC=G06F
          why: 计算。
        - e21 采矿 = IPC=E21
          why: 采矿。
        - a01 农业 = IPC=A01
          why: 农业。
        - y 无此类 = IPC=F41A
          why: 语料里没有的分类：无数据。
        """);

    private static bool In(PatentRecord record, string ipc, int from, int to) =>
        IndexedFacts.Of(record).IpcLevels.Contains(ipc) && record.ApplicationDate?.Year is { } year && year >= from && year <= to;

    private static bool InRegion(PatentRecord record, string region) => IndexedFacts.Of(record).RegionCodes.Contains(region);

    [Theory]
    [InlineData("14", 2012, 2022)]
    [InlineData("1407", 2014, 2019)]
    [InlineData("110000", 2012, 2022)]
    public async Task Every_node_figure_equals_a_count_over_the_records(string region, int from, int to)
    {
        var map = await new NavigationMapService(fixture.Index).MapAsync(Chain, region, from, to, null);
        var code = NavigationMapService.RegionCode(region);
        // Maps count CN publications unless asked otherwise.
        var records = ContractCorpus.Records.Where(r => r.Office == "CN").ToList();
        Assert.NotEqual(ContractCorpus.Records.Count, records.Count);
        var inPeriod = records.Where(r => r.ApplicationDate?.Year is { } y && y >= from && y <= to).ToList();
        Assert.Equal(inPeriod.Count, map.CorpusTotal);
        Assert.Equal(inPeriod.Count(r => InRegion(r, code)), map.RegionTotal);

        var codes = new Dictionary<string, string> { ["h"] = "H", ["h01m"] = "H01M", ["g06f"] = "G06F", ["e21"] = "E21", ["a01"] = "A01", ["y"] = "F41A" };
        foreach (var node in map.Nodes.SelectMany(n => new[] { n }.Concat(n.Children)))
        {
            var ipc = codes[node.Id];
            var total = records.Count(r => In(r, ipc, from, to));
            var local = records.Count(r => In(r, ipc, from, to) && InRegion(r, code));
            Assert.Equal(total, node.Total);
            Assert.Equal(local, node.Region.Count);
            if (total == 0)
            {
                Assert.Equal(Positioning.NoData, node.Positioning);
                Assert.Null(node.Region.LocationQuotient);
                continue;
            }
            var quotient = map.RegionTotal == 0 ? (double?)null : ((double)local / map.RegionTotal) / ((double)total / map.CorpusTotal);
            Assert.Equal(quotient is null ? null : Math.Round(quotient.Value, 4), node.Region.LocationQuotient);
            Assert.Equal(Math.Round((double)local / total, 4), node.Region.Share);
            var expected = local == 0 ? Positioning.Blank
                : quotient >= 1.5 && local >= 5 ? Positioning.Advantage
                : quotient < 0.8 ? Positioning.Weak
                : Positioning.Average;
            Assert.Equal(expected, node.Positioning);
            var matching = records.Where(r => In(r, ipc, from, to)).ToList();
            Assert.Equal(matching.GroupBy(r => r.Type.ToString()).ToDictionary(g => g.Key, g => (long)g.Count()), node.ByType);
            Assert.Equal(matching.GroupBy(r => r.LegalState.ToString()).ToDictionary(g => g.Key, g => (long)g.Count()), node.ByLegalState);
            Assert.Equal(matching.Count(r => r.LegalState == LegalState.InForce), node.InForce);
            static List<(string, long)> Top(IEnumerable<PatentRecord> rs) => [.. rs.SelectMany(r => IndexedFacts.Of(r).ApplicantKeys.Distinct())
                .GroupBy(a => a, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(NavigationMapService.TopApplicants)];
            Assert.Equal(Top(matching), node.TopApplicants.Select(b => (b.Value, b.Count)));
            Assert.Equal(Top(matching.Where(r => InRegion(r, code))), node.RegionTopApplicants.Select(b => (b.Value, b.Count)));
            Assert.Equal(matching.Min(r => r.ApplicationDate!.Value.Year).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), node.FirstYear);
            // The year series covers the period and adds up to the node's total (every record here has a date).
            Assert.Equal(Enumerable.Range(from, to - from + 1).Select(y => y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), node.Years.Select(b => b.Key));
            Assert.Equal(total, node.Years.Sum(b => b.Count));
        }
        Assert.Equal("lucene", map.Engine);
    }

    [Fact]
    public async Task A_map_of_every_office_counts_the_records_of_other_offices_and_those_without_one()
    {
        var map = await new NavigationMapService(fixture.Index).MapAsync(Chain, "14", 2012, 2022, null, office: null);

        Assert.Null(map.Office);
        Assert.Equal(ContractCorpus.Records.Count(r => r.ApplicationDate?.Year is >= 2012 and <= 2022), map.CorpusTotal);
        var us = await new NavigationMapService(fixture.Index).MapAsync(Chain, "14", 2012, 2022, null, office: "US");
        Assert.Equal(ContractCorpus.Records.Count(r => r.Office == "US" && r.ApplicationDate?.Year is >= 2012 and <= 2022), us.CorpusTotal);
        Assert.True(us.CorpusTotal > 0);
    }

    [Fact]
    public void Growth_is_the_compound_rate_over_the_last_five_years_and_absent_without_a_base()
    {
        static AggregationBucket Year(int y, long n) => new(y.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
        Assert.Equal(1.0, NavigationMapService.Growth([Year(2018, 100), Year(2019, 1), Year(2020, 2), Year(2021, 3), Year(2022, 8), Year(2023, 16)])!.Value, 6);
        Assert.Null(NavigationMapService.Growth([Year(2022, 0), Year(2023, 5)]));
        Assert.Null(NavigationMapService.Growth([Year(2023, 5)]));
    }
}
