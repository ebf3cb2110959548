using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
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

            // Kinds, regions, inventors, partners and the world outside the region.
            Assert.Equal(TopOf(matching.SelectMany(r => r.Applicants.Select(ApplicantKind.Of).Distinct()), 7),
                node.ApplicantKinds.Select(k => (k.Key, k.Count)));
            Assert.All(node.ApplicantKinds, k => Assert.Equal(ApplicantKind.Label(k.Key), k.Label));
            Assert.Equal(TopOf(matching.Where(r => InRegion(r, code)).SelectMany(r => r.Applicants.Select(ApplicantKind.Of).Distinct()), 7),
                node.RegionApplicantKinds.Select(k => (k.Key, k.Count)));
            Assert.Equal(TopOf(matching.Where(r => r.Region is not null).Select(r => r.Region!.ProvinceCode!), 64), node.Provinces.Select(p => (p.Key, p.Count)));
            Assert.Equal(matching.Count(r => r.Region?.ProvinceCode is null), node.WithoutRegion);
            Assert.Equal(TopOf(matching.Where(r => r.Region?.CityCode is not null).Select(r => r.Region!.CityCode!), 10), node.Cities.Select(p => (p.Key, p.Count)));
            var below = code.EndsWith("0000", StringComparison.Ordinal) ? (Func<PatentRecord, string?>)(r => r.Region?.CityCode)
                : code.EndsWith("00", StringComparison.Ordinal) ? r => r.Region?.CountyCode : null;
            Assert.Equal(below is null ? [] : TopOf(matching.Where(r => InRegion(r, code) && below(r) is not null).Select(r => below(r)!), 64),
                node.Subregions.Select(p => (p.Key, p.Count)));
            Assert.All(node.Provinces.Concat(node.Subregions), p => Assert.NotNull(p.Label));
            var complete = node.Years.Where(y => int.Parse(y.Key, System.Globalization.CultureInfo.InvariantCulture) <= map.CompleteThrough).TakeLast(5).ToList();
            Assert.Equal(complete.Count < 2 || complete[0].Count == 0 ? null
                : Math.Round(Math.Pow((double)complete[^1].Count / complete[0].Count, 1.0 / (complete.Count - 1)) - 1, 4), node.Growth);
            Assert.Equal(TopOf(matching.SelectMany(r => r.Inventors.Where(i => !IndexedFacts.UndisclosedInventor(i)).Distinct()), 10), node.TopInventors.Select(b => (b.Value, b.Count)));
            // A listed inventor's filter finds exactly the count the list shows (the patents behind the number).
            foreach (var inventor in node.TopInventors)
            {
                var behind = await fixture.Index.SearchAsync(new SearchRequest
                {
                    Query = new Core.Query.AndNode([new Core.Query.IpcNode(ipc, MainOnly: false), new Core.Query.KeywordNode(Core.Query.SearchField.Inventor, inventor.Value)]),
                    Filters = [.. NavigationMapService.CorpusFilters(from, to, "CN")],
                    Size = 0,
                });
                Assert.Equal(inventor.Count, behind.Total);
            }
            var outside = matching.Where(r => !InRegion(r, code)).ToList();
            Assert.Equal(TopOf(outside.SelectMany(r => r.Inventors.Where(i => !IndexedFacts.UndisclosedInventor(i)).Distinct()), 10), node.ExternalInventors.Select(b => (b.Value, b.Count)));
            Assert.Equal(Top(outside), node.ExternalLeaders.Select(b => (b.Value, b.Count)));
            var partners = matching.Where(r => r.Type == PatentType.Invention && r.LegalState == LegalState.InForce)
                .SelectMany(r => r.Applicants.Where(a => ApplicantKind.Of(a) is ApplicantKind.University or ApplicantKind.Institute).Select(ApplicantName.ToKey).Distinct());
            Assert.Equal(TopOf(partners, 10), node.Partners.Select(b => (b.Value, b.Count)));

            // New entrants: the recent window's top applicants with no dated filing in the node before it.
            var windowStart = Math.Max(from, to - 2);
            var recent = matching.Where(r => r.ApplicationDate!.Value.Year >= windowStart);
            var earlier = records.Where(r => IndexedFacts.Of(r).IpcLevels.Contains(ipc) && r.ApplicationDate?.Year < windowStart)
                .SelectMany(r => IndexedFacts.Of(r).ApplicantKeys).ToHashSet(StringComparer.Ordinal);
            var entrants = TopOf(recent.SelectMany(r => IndexedFacts.Of(r).ApplicantKeys.Distinct()), NavigationMapService.NewEntrantCandidates)
                .Where(c => !earlier.Contains(c.Item1)).Take(NavigationMapService.TopApplicants);
            Assert.Equal(entrants, node.NewEntrants.Select(b => (b.Value, b.Count)));
        }
        Assert.Equal(windowStartOf(from, to), map.NewEntrantsFrom);
        Assert.Equal(to, map.NewEntrantsTo);
        Assert.Equal(inPeriod.Count(r => r.Region is null), map.CorpusWithoutRegion);
        Assert.Equal(records.Count(r => r.ApplicationDate is null), map.CorpusWithoutApplicationDate);
        Assert.True(map.CorpusWithoutApplicationDate > 0);
        Assert.Equal(records.Max(r => r.PublicationDate), map.DataDate);
        Assert.Equal(NavigationMapService.CompleteThrough(map.DataDate), map.CompleteThrough);
        // The late applicant files only in the window's last years: a new entrant wherever it filed in the window.
        if (to >= 2021)
        {
            Assert.Contains(map.Nodes.SelectMany(n => n.NewEntrants), b => b.Value == ApplicantName.ToKey(ContractCorpus.LateApplicant));
        }
        Assert.Equal("lucene", map.Engine);
    }

    [Fact]
    public async Task Every_cell_of_the_technology_effect_matrix_counts_the_nodes_patents_that_state_the_effect()
    {
        var vocabulary = new EffectVocabulary(ChainFileParser.Parse("test.effects", """
            id: test-effects
            name: 测试功效
            - inventions 发明 = TYPE=发明
              why: 按类型，便于逐条核对。
            - in-force 有效 = LS=有效
              why: 按法律状态。
            - taiyuan 太原 = CO=140100
              why: 按地区。
            """));
        var matrix = await fixture.Index.MatrixAsync(Chain, vocabulary, null, 2012, 2022, null);
        var records = ContractCorpus.Records.Where(r => r.Office == "CN" && r.ApplicationDate?.Year is >= 2012 and <= 2022).ToList();
        Func<PatentRecord, bool>[] states = [r => r.Type == PatentType.Invention, r => r.LegalState == LegalState.InForce, r => InRegion(r, "140100")];
        var codes = new Dictionary<string, string> { ["h"] = "H", ["h01m"] = "H01M", ["g06f"] = "G06F", ["e21"] = "E21", ["a01"] = "A01", ["y"] = "F41A" };

        Assert.Equal(records.Count, matrix.CorpusTotal);
        Assert.Equal(["inventions", "in-force", "taiyuan"], matrix.Effects.Select(e => e.Id));
        Assert.Equal(states.Select(s => (long)records.Count(s)), matrix.Effects.Select(e => e.Total));
        Assert.Equal(["h", "h01m", "g06f", "e21", "a01", "y"], matrix.Rows.Select(r => r.Id));
        Assert.Equal(1, matrix.Rows.Single(r => r.Id == "h01m").Depth);
        foreach (var row in matrix.Rows)
        {
            var inNode = records.Where(r => IndexedFacts.Of(r).IpcLevels.Contains(codes[row.Id])).ToList();
            Assert.Equal(inNode.Count, row.Total);
            Assert.Equal(states.Select(s => (long)inNode.Count(s)), row.Counts);
        }
    }

    [Fact]
    public async Task A_text_effect_cell_is_the_count_of_a_search_for_the_node_and_the_effect()
    {
        // The records with abstracts carry no IPC here, so the nodes are keyword nodes.
        var chain = ChainFileParser.Parse("text.chain", """
            id: text
            name: 文本
            - devices 装置 = KW=装置
              why: 装置类。
              - batteries 电池 = KW=电池
                why: 电池。
            - methods 方法 = KW=方法
              why: 方法类。
            """);
        var vocabulary = EffectVocabulary.Load(Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Effects", "technical-effects.effects"));
        var matrix = await fixture.Index.MatrixAsync(chain, vocabulary, "14", null, null, null, office: null);
        Assert.True(matrix.Rows.Sum(r => r.Counts.Sum()) > 0, "the demo abstracts state some effects");
        var nodes = chain.AllNodes.ToDictionary(n => n.Id);
        foreach (var row in matrix.Rows)
        {
            for (var i = 0; i < vocabulary.Effects.Count; i++)
            {
                var search = await fixture.Index.SearchAsync(new SearchRequest
                {
                    Query = new Core.Query.AndNode([nodes[row.Id].Query, vocabulary.Effects[i].Query]),
                    Filters = [NavigationMapService.RegionFilter("14")],
                    Size = 0,
                });
                Assert.Equal(search.Total, row.Counts[i]);
            }
        }
    }

    private static int windowStartOf(int from, int to) => Math.Max(from, to - 2);

    private static List<(string, long)> TopOf(IEnumerable<string> values, int size) => [.. values
        .GroupBy(v => v, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()))
        .OrderByDescending(x => x.Item2).ThenBy(x => x.Item1, StringComparer.Ordinal).Take(size)];

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
        // Years not yet fully published are left out: 2023 and 2024 here.
        Assert.Equal(1.0, NavigationMapService.Growth([Year(2018, 1), Year(2019, 2), Year(2020, 4), Year(2021, 8), Year(2022, 16), Year(2023, 3), Year(2024, 0)], 2022)!.Value, 6);
    }

    [Theory]
    [InlineData("2025-03-28", 2022)]
    [InlineData("2024-06-30", 2022)]
    [InlineData("2024-07-01", 2022)]
    [InlineData("2026-12-31", 2024)]
    public void A_year_is_complete_when_its_last_filing_has_had_eighteen_months_to_publish(string dataDate, int year)
    {
        Assert.Equal(year, NavigationMapService.CompleteThrough(DateOnly.Parse(dataDate, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(NavigationMapService.CompleteThrough(null));
    }
}

public sealed class NavigationReportTests(MapIndexFixture fixture) : IClassFixture<MapIndexFixture>
{
    private static readonly IndustryChain Chain = ChainFileParser.Parse("report.chain", """
        id: report
        name: 报告<b>链</b>
        - h 电学 = IPC=H
          why: 电学</script><script>alert(1)</script>
          - h01m 电池 = IPC=H01M
            why: 电池。
        - y 无此类 = IPC=F41A
          why: 无数据节点。
        """);

    private static EffectVocabulary Effects => EffectVocabulary.Load(Path.Combine(RepoPaths.Root, "src", "NavigationMaps", "Effects", "technical-effects.effects"));

    private async Task<(ChainMap Map, string Html)> Report(bool synthetic)
    {
        var map = await new NavigationMapService(fixture.Index).MapAsync(Chain, "14", 2012, 2022, "山西省");
        var matrix = await fixture.Index.MatrixAsync(Chain, Effects, null, 2012, 2022, null);
        return (map, NavigationReport.Html(map, matrix, "测试语料", synthetic, "/* echarts */", new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task The_report_follows_the_guidelines_flow_and_states_every_nodes_figures_query_and_data_date()
    {
        var (map, html) = await Report(synthetic: false);

        var sections = new[] { "1 导航需求", "2 数据来源与检索", "3 专利态势分析", "4 产业定位", "5 发展路径建议" }.Select(s => html.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(sections, i => Assert.True(i > 0));
        Assert.Equal(sections.Order(), sections);
        Assert.Contains($"数据截至 {map.DataDate:yyyy-MM-dd}", html, StringComparison.Ordinal);
        Assert.Contains("语料：测试语料", html, StringComparison.Ordinal);
        foreach (var node in map.Nodes.SelectMany(n => new[] { n }.Concat(n.Children)))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(node.Query), html, StringComparison.Ordinal);
            Assert.Contains(NavigationReport.Path(node), html, StringComparison.Ordinal);
        }
        Assert.Contains("<td>无数据</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("本报告使用合成数据", html, StringComparison.Ordinal);
        // Chain text is data: it is encoded in the tables and cannot close the embedded data's script element.
        Assert.DoesNotContain("<b>链</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("/* echarts */", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_on_synthetic_data_says_so_before_anything_else()
    {
        var (_, html) = await Report(synthetic: true);
        Assert.True(html.IndexOf("本报告使用合成数据", StringComparison.Ordinal) < html.IndexOf("<h1>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_workbook_has_every_table_with_the_maps_numbers_as_numbers()
    {
        var map = await new NavigationMapService(fixture.Index).MapAsync(Chain, "14", 2012, 2022, "山西省");
        var matrix = await fixture.Index.MatrixAsync(Chain, Effects, null, 2012, 2022, null);
        var bytes = ReportWorkbook.Write(NavigationReport.Tables(map, matrix, "测试语料", synthetic: false));

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        Assert.Contains(sheets, s => s.Name == "节点数据");
        Assert.Contains(sheets, s => s.Name == "技术功效矩阵");
        Assert.Contains(sheets, s => s.Name == "说明");
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)book.GetPartById(sheets.Single(s => s.Name == "节点数据").Id!);
        var rows = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(1).ToList();
        var nodes = map.Nodes.SelectMany(n => new[] { n }.Concat(n.Children)).ToList();
        Assert.Equal(nodes.Count, rows.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var cells = rows[i].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Equal(nodes[i].Id, cells[0].InlineString!.InnerText);
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, cells[2].DataType!.Value);
            Assert.Equal(nodes[i].Total.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2].CellValue!.Text);
            Assert.Equal(nodes[i].Region.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[11].CellValue!.Text);
        }
    }

    [Theory]
    [InlineData(Positioning.Advantage, false, "巩固优势")]
    [InlineData(Positioning.Weak, true, "补短板")]
    [InlineData(Positioning.Blank, false, "填空白")]
    [InlineData(Positioning.NoData, true, "无数据")]
    public void The_path_follows_the_positioning_and_hot_spots_add_urgency(string positioning, bool hot, string start)
    {
        var node = new NodeMap("n", "节点", "IPC=H", null, 10, new RegionFigures("140000", null, 1, 0.1, 1), positioning, hot, [positioning], null, [], []);
        var path = NavigationReport.Path(node);
        Assert.StartsWith(start, path, StringComparison.Ordinal);
        Assert.Equal(hot && positioning != Positioning.NoData, path.Contains("加快布局", StringComparison.Ordinal));
    }
}
