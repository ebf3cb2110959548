using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PatentNav.NavigationMaps;

/// <summary>
/// A navigation report (专利导航报告) for one chain, region and period as one self-contained HTML file: the charting
/// library, the data and every table inside it, laid out along GB/T 39551's flow 需求 → 数据 → 分析 → 定位 → 路径. Every
/// figure says which query, corpus and data date it comes from; the path section's advice follows stated rules from
/// the figures, never free text.
/// </summary>
public static class NavigationReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="corpus">What the corpus is, in one sentence (the bundled exports, a user's own, synthetic data …).</param>
    /// <param name="synthetic">True when the corpus holds synthetic records: the report says so on every page.</param>
    /// <param name="echarts">The text of echarts.min.js, embedded so the file needs nothing else.</param>
    public static string Html(ChainMap map, EffectMatrix matrix, string corpus, bool synthetic, string echarts, DateTimeOffset generated)
    {
        var nodes = Flatten(map.Nodes).ToList();
        var period = map.From is null && map.To is null ? "全部申请年" : $"申请年 {map.From?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{map.To?.ToString(CultureInfo.InvariantCulture) ?? "…"}";
        var region = $"{map.RegionName ?? map.Region}（{map.Region}）";
        var basis = $"语料：{corpus}；公开国别：{map.Office ?? "全部"}；{period}；数据截至 {Date(map.DataDate)}（{map.CompleteThrough?.ToString(CultureInfo.InvariantCulture) ?? "—"} 年及以前的申请已全部公开）；引擎：{map.Engine}";
        var html = new StringBuilder(echarts.Length + 200_000);
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <title>{{H(map.Name)}}产业专利导航报告 · {{H(region)}} · {{H(period)}}</title>
            <style>
            body { font: 14px/1.6 "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #1d2430; margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
            h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #10325a; padding-bottom: .2rem; margin-top: 2rem; break-after: avoid; }
            h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; break-after: avoid; }
            table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 12.5px; break-inside: auto; }
            th, td { border: 1px solid #cfd6e0; padding: .2rem .4rem; text-align: right; vertical-align: top; } th { background: #eef2f7; }
            td.l, th.l { text-align: left; } tr { break-inside: avoid; }
            .basis { color: #5b6472; font-size: 12px; margin: .2rem 0 .6rem; } .chart { width: 100%; height: 360px; break-inside: avoid; }
            .flow { display: flex; gap: .4rem; margin: .8rem 0; } .flow span { background: #10325a; color: #fff; padding: .2rem .8rem; border-radius: 3px; }
            .synthetic { background: #b00020; color: #fff; padding: .4rem .8rem; font-weight: 700; position: sticky; top: 0; }
            .pos { display: inline-block; padding: 0 .35rem; border-radius: 3px; color: #fff; font-size: 12px; }
            .pos-优势 { background: #1b7f4b; } .pos-一般 { background: #5f7fa6; } .pos-短板 { background: #e08a1e; } .pos-空白 { background: #c0392b; } .pos-无数据 { background: #8a929e; } .pos-热点 { background: #d81b60; }
            code { font-size: 11.5px; word-break: break-all; } @media print { body { padding: 0; max-width: none; } }
            </style></head><body>
            """);
        if (synthetic)
        {
            html.Append("<p class=\"synthetic\">本报告使用合成数据，不是真实专利，不得作为决策依据。</p>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<h1>{H(map.Name)}产业专利导航报告</h1><p>{H(region)} · {H(period)} · 生成于 {generated:yyyy-MM-dd HH:mm} UTC</p>");
        html.Append("<div class=\"flow\"><span>1 需求</span><span>2 数据</span><span>3 分析</span><span>4 定位</span><span>5 路径</span></div>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"basis\">{H(basis)}</p>");

        // 1 需求
        html.Append("<h2>1 导航需求</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>为{H(region)}的{H(map.Name)}产业链绘制专利导航图：按产业链 {nodes.Count} 个节点统计专利数量、态势、主体与地域分布，判断本地区在各节点的位置（优势、一般、短板、空白，以及热点），并给出引进、合作与布局的路径建议。产业链定义：{H(map.Description ?? map.Name)}</p>");

        // 2 数据
        html.Append("<h2>2 数据来源与检索</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{H(basis)}。期间内全部专利 {map.CorpusTotal} 件，其中本地区 {map.RegionTotal} 件，申请人地区未知 {map.CorpusWithoutRegion} 件（计入总量，不计入任何地区）。语料中另有无申请日的专利 {map.CorpusWithoutApplicationDate} 件{(map.From is null && map.To is null ? "，已计入" : "，不属于任何申请年，未计入")}。节点无专利时记为“无数据”，不是零。</p>");
        html.Append("<h3>表 1 各节点检索式</h3><table><tr><th class=\"l\">节点</th><th class=\"l\">检索式</th><th class=\"l\">说明</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td class=\"l\"><code>{H(node.Query)}</code></td><td class=\"l\">{H(node.Why ?? "")}</td></tr>");
        }
        html.Append("</table>");

        // 3 分析
        html.Append("<h2>3 专利态势分析</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>图 1 申请趋势（一级节点）</h3><p class=\"basis\">{H(basis)}；{map.CompleteThrough?.ToString(CultureInfo.InvariantCulture) ?? "—"} 年以后的申请尚未全部公开。</p><div class=\"chart\" id=\"trend\"></div>");
        html.Append("<h3>表 2 各节点数量、类型、法律状态与增长</h3><table><tr><th class=\"l\">节点</th><th>总量</th><th>发明</th><th>实用新型</th><th>外观设计</th><th>有效</th><th>审中</th><th>无效</th><th>近五年年均增长</th><th>首年</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td>{Total(node)}</td><td>{Count(node.ByType, "Invention")}</td><td>{Count(node.ByType, "UtilityModel")}</td><td>{Count(node.ByType, "Design")}</td><td>{Count(node.ByLegalState, "InForce")}</td><td>{Count(node.ByLegalState, "Pending")}</td><td>{Count(node.ByLegalState, "NotInForce")}</td><td>{Percent(node.Growth)}</td><td>{node.FirstYear ?? "—"}</td></tr>");
        }
        html.Append("</table>");
        html.Append("<h3>表 3 主要申请人（全国前五）与申请人类型</h3><table><tr><th class=\"l\">节点</th><th class=\"l\">主要申请人</th><th class=\"l\">申请人类型</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td class=\"l\">{H(List(node.TopApplicants.Take(5).Select(b => (b.Value, b.Count))))}</td><td class=\"l\">{H(List(node.ApplicantKinds.Select(k => (k.Label ?? k.Key, k.Count))))}</td></tr>");
        }
        html.Append("</table>");
        html.Append("<h3>表 4 地域分布（前五省份）</h3><table><tr><th class=\"l\">节点</th><th class=\"l\">省份</th><th>地区未知</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td class=\"l\">{H(List(node.Provinces.Take(5).Select(p => (p.Label ?? p.Key, p.Count))))}</td><td>{node.WithoutRegion}</td></tr>");
        }
        html.Append("</table>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>图 2 技术功效矩阵（{H(matrix.Region is null ? "全国" : matrix.RegionName ?? matrix.Region)}）</h3><p class=\"basis\">每格为节点中摘要陈述该功效的专利数；功效词表：{H(matrix.Vocabulary)}（检索式见附表）。{H(basis)}</p><div class=\"chart\" id=\"matrix\"></div>");
        html.Append("<table><tr><th class=\"l\">节点</th>");
        foreach (var effect in matrix.Effects)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{H(effect.Name)}</th>");
        }
        html.Append("</tr>");
        foreach (var row in matrix.Rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(row.Depth)}{H(row.Name)}</td>");
            foreach (var count in row.Counts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{count}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");

        // 4 定位
        var t = map.Thresholds;
        html.Append("<h2>4 产业定位</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>区位熵 = (本地区节点专利数 / 本地区专利总数) ÷ (节点专利总数 / 专利总数)。判定规则：优势 — 区位熵 ≥ {t.AdvantageQuotient} 且本地区 ≥ {t.AdvantageMinCount} 件；短板 — 区位熵 &lt; {t.WeakQuotient}；空白 — 有专利而本地区没有；无数据 — 语料中没有此类专利；热点 — 近五年（已全部公开的年份）年均增长 ≥ {Percent(t.HotGrowth)}。</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h3>图 3 各节点区位熵</h3><p class=\"basis\">{H(basis)}</p><div class=\"chart\" id=\"quotients\"></div>");
        html.Append("<h3>表 5 定位</h3><table><tr><th class=\"l\">节点</th><th>总量</th><th>本地区</th><th>本地区占比</th><th>区位熵</th><th class=\"l\">定位</th><th class=\"l\">本地区主要申请人</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td>{Total(node)}</td><td>{node.Region.Count}</td><td>{Percent(node.Region.Share)}</td><td>{Number(node.Region.LocationQuotient)}</td><td class=\"l\">{string.Concat(node.Tags.Select(tag => $"<span class=\"pos pos-{H(tag)}\">{H(tag)}</span> "))}</td><td class=\"l\">{H(List(node.RegionTopApplicants.Take(3).Select(b => (b.Value, b.Count))))}</td></tr>");
        }
        html.Append("</table>");

        // 5 路径
        html.Append("<h2>5 发展路径建议</h2>");
        html.Append("<p>建议按定位规则生成：优势节点巩固与高价值布局；短板与空白节点从区外领先者引进（许可、转让、招商）并与持有有效发明的高校院所合作（企业出题、高校答卷）；热点节点加快布局；新进入者是潜在合作与竞争对象。名单来自对应节点的统计，数字为专利件数。</p>");
        html.Append("<table><tr><th class=\"l\">节点</th><th class=\"l\">定位</th><th class=\"l\">路径</th><th class=\"l\">引进来：区外领先申请人</th><th class=\"l\">合作：高校院所（有效发明）</th><th class=\"l\">新进入者</th></tr>");
        foreach (var (node, depth) in nodes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{Indent(depth)}{H(node.Name)}</td><td class=\"l\">{H(string.Join("、", node.Tags))}</td><td class=\"l\">{H(Path(node))}</td><td class=\"l\">{H(List(node.ExternalLeaders.Take(3).Select(b => (b.Value, b.Count))))}</td><td class=\"l\">{H(List(node.Partners.Take(3).Select(b => (b.Value, b.Count))))}</td><td class=\"l\">{H(List(node.NewEntrants.Take(3).Select(b => (b.Value, b.Count))))}</td></tr>");
        }
        html.Append("</table>");
        html.Append("<h3>附表 技术功效词表</h3><table><tr><th class=\"l\">功效</th><th class=\"l\">检索式</th><th>全部专利中</th></tr>");
        foreach (var effect in matrix.Effects)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"l\">{H(effect.Name)}</td><td class=\"l\"><code>{H(effect.Query)}</code></td><td>{effect.Total}</td></tr>");
        }
        html.Append("</table>");

        // The data and the library travel inside the file; "</" is escaped so no value can close the script element.
        var data = JsonSerializer.Serialize(new { map, matrix }, Json).Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append("<script>").Append(echarts.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>");
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(data).Append("</script>");
        html.Append("<script>").Append(ChartScript).Append("</script></body></html>");
        return html.ToString();
    }

    /// <summary>Every table of the report as workbook sheets, numbers as numbers; the first sheet says what they count.</summary>
    public static IReadOnlyList<ReportTable> Tables(ChainMap map, EffectMatrix matrix, string corpus, bool synthetic)
    {
        var nodes = Flatten(map.Nodes).ToList();
        string Name((NodeMap Node, int Depth) n) => Indent(n.Depth) + n.Node.Name;
        object? Lq(double? v) => v is { } d ? Math.Round(d, 4) : null;
        List<IReadOnlyList<object?>> Ranked(Func<NodeMap, IEnumerable<(string Name, long Count)>> of) =>
            [.. nodes.SelectMany(n => of(n.Node).Select((b, i) => (IReadOnlyList<object?>)[n.Node.Id, n.Node.Name, i + 1, b.Name, b.Count]))];
        string[] rankColumns = ["节点代码", "节点", "名次", "名称", "专利数"];
        var years = map.Nodes.Count > 0 ? map.Nodes[0].Years.Select(y => y.Key).ToList() : [];
        var t = map.Thresholds;
        return
        [
            new("说明", ["项目", "内容"],
            [
                ["报告", $"{map.Name}产业专利导航报告"],
                ["地区", $"{map.RegionName ?? map.Region}（{map.Region}）"],
                ["申请年", map.From is null && map.To is null ? "全部" : $"{map.From?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{map.To?.ToString(CultureInfo.InvariantCulture) ?? "…"}"],
                ["语料", corpus],
                ["合成数据", synthetic ? "是：本报告使用合成数据，不得作为决策依据" : "否"],
                ["公开国别", map.Office ?? "全部"],
                ["数据截至", Date(map.DataDate)],
                ["已全部公开的申请年", map.CompleteThrough?.ToString(CultureInfo.InvariantCulture) ?? "—"],
                ["期间专利总数", map.CorpusTotal],
                ["本地区专利数", map.RegionTotal],
                ["地区未知", map.CorpusWithoutRegion],
                ["无申请日（按申请年统计时不计入）", map.CorpusWithoutApplicationDate],
                ["定位规则", $"优势：区位熵 ≥ {t.AdvantageQuotient} 且本地区 ≥ {t.AdvantageMinCount} 件；短板：区位熵 < {t.WeakQuotient}；空白：有专利而本地区没有；无数据：语料中没有此类专利；热点：近五年年均增长 ≥ {Percent(t.HotGrowth)}"],
                ["引擎", map.Engine],
            ]),
            new("节点检索式", ["节点代码", "节点", "检索式", "说明"], [.. nodes.Select(n => (IReadOnlyList<object?>)[n.Node.Id, Name(n), n.Node.Query, n.Node.Why])]),
            new("节点数据", ["节点代码", "节点", "总量", "发明", "实用新型", "外观设计", "有效", "审中", "无效", "近五年年均增长", "首年", "本地区", "本地区占比", "区位熵", "定位", "热点", "地区未知", "路径"],
            [
                .. nodes.Select(n => (IReadOnlyList<object?>)
                [
                    n.Node.Id, Name(n), n.Node.Total, n.Node.ByType.GetValueOrDefault("Invention"), n.Node.ByType.GetValueOrDefault("UtilityModel"), n.Node.ByType.GetValueOrDefault("Design"),
                    n.Node.ByLegalState.GetValueOrDefault("InForce"), n.Node.ByLegalState.GetValueOrDefault("Pending"), n.Node.ByLegalState.GetValueOrDefault("NotInForce"),
                    Lq(n.Node.Growth), n.Node.FirstYear, n.Node.Region.Count, Lq(n.Node.Region.Share), Lq(n.Node.Region.LocationQuotient),
                    n.Node.Positioning, n.Node.Hot ? "是" : "否", n.Node.WithoutRegion, Path(n.Node),
                ]),
            ]),
            new("申请趋势", ["节点代码", "节点", .. years], [.. nodes.Select(n => (IReadOnlyList<object?>)[n.Node.Id, Name(n), .. n.Node.Years.Select(y => (object?)y.Count)])]),
            new("申请人", rankColumns, Ranked(n => n.TopApplicants.Select(b => (b.Value, b.Count)))),
            new("本地区申请人", rankColumns, Ranked(n => n.RegionTopApplicants.Select(b => (b.Value, b.Count)))),
            new("申请人类型", rankColumns, Ranked(n => n.ApplicantKinds.Select(k => (k.Label ?? k.Key, k.Count)))),
            new("省份", rankColumns, Ranked(n => n.Provinces.Select(p => (p.Label ?? p.Key, p.Count)))),
            new("城市", rankColumns, Ranked(n => n.Cities.Select(p => (p.Label ?? p.Key, p.Count)))),
            new("本地区下级地区", rankColumns, Ranked(n => n.Subregions.Select(p => (p.Label ?? p.Key, p.Count)))),
            new("发明人", rankColumns, Ranked(n => n.TopInventors.Select(b => (b.Value, b.Count)))),
            new("区外领先申请人", rankColumns, Ranked(n => n.ExternalLeaders.Select(b => (b.Value, b.Count)))),
            new("区外发明人", rankColumns, Ranked(n => n.ExternalInventors.Select(b => (b.Value, b.Count)))),
            new("合作对象（有效发明）", rankColumns, Ranked(n => n.Partners.Select(b => (b.Value, b.Count)))),
            new("新进入者", rankColumns, Ranked(n => n.NewEntrants.Select(b => (b.Value, b.Count)))),
            new("技术功效矩阵", ["节点代码", "节点", "总量", .. matrix.Effects.Select(e => e.Name)],
                [.. matrix.Rows.Select(r => (IReadOnlyList<object?>)[r.Id, Indent(r.Depth) + r.Name, r.Total, .. r.Counts.Select(c => (object?)c)])]),
            new("技术功效词表", ["功效代码", "功效", "检索式", "全部专利中"], [.. matrix.Effects.Select(e => (IReadOnlyList<object?>)[e.Id, e.Name, e.Query, e.Total])]),
        ];
    }

    /// <summary>The path a node's positioning calls for (the rules the report states in section 5).</summary>
    public static string Path(NodeMap node)
    {
        var advice = node.Positioning switch
        {
            Positioning.Advantage => "巩固优势：围绕核心技术布局高价值专利与海外专利，培育标准与品牌",
            Positioning.Average => "稳步提升：跟踪领先者，选择细分方向加强研发与布局",
            Positioning.Weak => "补短板：从区外领先者引进技术（许可、转让），与高校院所合作攻关",
            Positioning.Blank => "填空白：招商引进区外领先企业或团队，以产学研合作起步",
            _ => "无数据：语料不覆盖该节点，先补充数据再判断",
        };
        return node.Hot && node.Positioning != Positioning.NoData ? advice + "；热点领域，宜加快布局" : advice;
    }

    private const string ChartScript = """
        (() => {
          const { map, matrix } = JSON.parse(document.getElementById('report-data').textContent);
          const colors = { 优势: '#1b7f4b', 一般: '#5f7fa6', 短板: '#e08a1e', 空白: '#c0392b', 无数据: '#b8bec8' };
          const flat = (nodes, depth = 0) => nodes.flatMap((n) => [{ n, depth }, ...flat(n.children, depth + 1)]);
          const base = { animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' } };
          const charts = [];
          // Printing lays the page out at paper width: redraw every chart to it, so none runs into the next table.
          window.addEventListener('beforeprint', () => charts.forEach((c) => c.resize()));
          const init = (id) => { const c = echarts.init(document.getElementById(id)); charts.push(c); return c; };
          const years = map.nodes[0]?.years.map((y) => y.key) ?? [];
          init('trend').setOption({ ...base,
            legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 30 }, tooltip: { trigger: 'axis', renderMode: 'richText' },
            xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 },
            series: map.nodes.map((n) => ({ type: 'line', name: n.name, data: n.years.map((y) => y.count) })) });
          const rows = flat(map.nodes).reverse();
          init('quotients').setOption({ ...base,
            grid: { left: 160, right: 40, top: 10, bottom: 20 }, xAxis: { type: 'value', name: '区位熵' },
            yAxis: { type: 'category', data: rows.map((r) => '　'.repeat(r.depth) + r.n.name) },
            series: [{ type: 'bar', data: rows.map((r) => ({ value: r.n.region.locationQuotient ?? 0, itemStyle: { color: colors[r.n.positioning] } })),
              markLine: { symbol: 'none', lineStyle: { type: 'dashed' }, data: [{ xAxis: map.thresholds.weakQuotient }, { xAxis: map.thresholds.advantageQuotient }] } }] });
          const mrows = [...matrix.rows].reverse();
          const cells = mrows.flatMap((r, y) => r.counts.map((c, x) => [x, y, c]));
          init('matrix').setOption({ ...base,
            grid: { left: 160, right: 20, top: 10, bottom: 90 },
            xAxis: { type: 'category', data: matrix.effects.map((e) => e.name), axisLabel: { rotate: 40 } },
            yAxis: { type: 'category', data: mrows.map((r) => '　'.repeat(r.depth) + r.name) },
            visualMap: { min: 0, max: Math.max(1, ...cells.map((c) => c[2])), orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f7fb', '#9cc3ea', '#0b5cad', '#06284d'] } },
            series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 10 } }] });
        })();
        """;

    private static IEnumerable<(NodeMap Node, int Depth)> Flatten(IReadOnlyList<NodeMap> nodes, int depth = 0) =>
        nodes.SelectMany(n => new[] { (n, depth) }.Concat(Flatten(n.Children, depth + 1)));

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Indent(int depth) => string.Concat(Enumerable.Repeat("　", depth));

    private static string Total(NodeMap node) => node.Positioning == Positioning.NoData ? "无数据" : node.Total.ToString(CultureInfo.InvariantCulture);

    private static string Count(IReadOnlyDictionary<string, long> counts, string key) => counts.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    private static string List(IEnumerable<(string Name, long Count)> items)
    {
        var text = string.Join("；", items.Select(i => $"{i.Name} {i.Count}"));
        return text.Length == 0 ? "—" : text;
    }
}

/// <summary>Gathers what a report shows (the map, the effect matrix, whether synthetic records are counted) and writes it.</summary>
public sealed class NavigationReports(Core.Engine.IPatentSearcher searcher, NavigationMapService maps, EffectVocabulary effects)
{
    /// <summary>Synthetic benchmark records: a report that counts any says so on its first line.</summary>
    public static Core.Query.QueryNode SyntheticFilter { get; } = new Core.Query.KeywordNode(Core.Query.SearchField.Synthetic, "true");

    public async Task<string> HtmlAsync(IndustryChain chain, string region, int? from, int? to, string? regionName, string? office,
        string corpus, string echarts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (map, matrix, label, synthetic) = await GatherAsync(chain, region, from, to, regionName, office, corpus, cancellationToken).ConfigureAwait(false);
        return NavigationReport.Html(map, matrix, label, synthetic, echarts, now);
    }

    /// <summary>The same report's tables as an XLSX workbook.</summary>
    public async Task<byte[]> XlsxAsync(IndustryChain chain, string region, int? from, int? to, string? regionName, string? office,
        string corpus, CancellationToken cancellationToken = default)
    {
        var (map, matrix, label, synthetic) = await GatherAsync(chain, region, from, to, regionName, office, corpus, cancellationToken).ConfigureAwait(false);
        return ReportWorkbook.Write(NavigationReport.Tables(map, matrix, label, synthetic));
    }

    /// <summary>The map, the matrix, and the corpus as the report names it: with how many synthetic records it holds, if any.</summary>
    private async Task<(ChainMap Map, EffectMatrix Matrix, string Corpus, bool Synthetic)> GatherAsync(IndustryChain chain, string region, int? from, int? to,
        string? regionName, string? office, string corpus, CancellationToken cancellationToken)
    {
        var map = await maps.MapAsync(chain, region, from, to, regionName, office, cancellationToken: cancellationToken).ConfigureAwait(false);
        var matrix = await searcher.MatrixAsync(chain, effects, null, from, to, null, office, cancellationToken).ConfigureAwait(false);
        var synthetic = await searcher.SearchAsync(new Core.Engine.SearchRequest
        {
            Query = new Core.Query.MatchAllNode(),
            Filters = [.. NavigationMapService.CorpusFilters(from, to, office), SyntheticFilter],
            Size = 0,
            IncludeRecords = false,
        }, cancellationToken).ConfigureAwait(false);
        return synthetic.Total > 0 ? (map, matrix, $"{corpus}（其中合成数据 {synthetic.Total} 件）", true) : (map, matrix, corpus, false);
    }
}
