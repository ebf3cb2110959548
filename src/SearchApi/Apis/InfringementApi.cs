using System.Net;
using System.Text;
using PatentNav.Core.Infringement;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>The infringement pre-check (侵权预判): claim charts as JSON, XLSX and self-contained HTML.</summary>
public static class InfringementApi
{
    public static RouteGroupBuilder MapInfringementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/infringement").WithTags("infringement").RequireCors(SiteKeys.CorsPolicy);

        api.MapPost("", async (InfringementBody body, SearchService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(await service.InfringementAsync(body, cancellationToken)))
            .WithHeavyWorkLimit()
            .WithName("Infringement")
            .WithSummary("Infringement pre-check: which in-force claims might read on a product, element by element (all-elements rule).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/export/{format}", async (string format, InfringementBody body, SearchService service, CancellationToken cancellationToken) =>
            {
                if (format is not ("xlsx" or "html"))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format / 未知的导出格式",
                        detail: $"format: xlsx or html, not '{format}'.", extensions: new Dictionary<string, object?> { ["member"] = "format" });
                }
                var response = await service.InfringementAsync(body, cancellationToken);
                return format == "xlsx"
                    ? Results.File(Xlsx(response), ExportApi.XlsxContentType, "patentnav-infringement.xlsx")
                    : Results.File(Encoding.UTF8.GetBytes(Html(body.Text, response)), "text/html; charset=utf-8", "patentnav-infringement.html");
            })
            .WithHeavyWorkLimit()
            .WithName("InfringementExport")
            .WithSummary("The same pre-check as a claim-chart workbook (xlsx) or a self-contained page (html), disclaimer included.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static readonly string[] ChartColumns = ["专利号", "名称", "有效性", "权利要求", "类型", "结论", "风险", "技术特征", "部分", "比对结果", "产品描述中的对应内容", "匹配词", "理由"];

    public static byte[] Xlsx(InfringementResponse response)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var result in response.Results)
        {
            if (result.Claims.Count == 0)
            {
                rows.Add([result.PublicationNumber, result.Title, Validity(result), null, null, null, null, null, null, null, null, null, string.Join("；", result.Flags.Select(FlagLabel))]);
            }
            foreach (var claim in result.Claims)
            {
                foreach (var element in claim.Elements)
                {
                    rows.Add([result.PublicationNumber, result.Title, Validity(result), claim.Number, claim.Independent ? "独立" : "从属", VerdictLabel(claim.Verdict),
                        RiskLabel(claim.Risk), element.Text, PartLabel(element.Part), StatusLabel(element.Status), element.Evidence.Sentence,
                        string.Join("、", element.Evidence.MatchedTerms), element.Evidence.Reason]);
                }
            }
        }
        return NavigationMaps.ReportWorkbook.Write(
        [
            new NavigationMaps.ReportTable("权利要求对比表", ChartColumns, rows),
            new NavigationMaps.ReportTable("说明", ["项目", "内容"],
            [
                ["免责声明", response.Disclaimer],
                ["检索引擎", response.Engine],
                ["候选专利数", response.Candidates],
                ["判定规则", "全面覆盖原则：全部技术特征字面相同为高风险；全部具备且部分仅可能等同为中风险；缺少任一特征为低风险。详见 docs/infringement.md。"],
            ]),
        ]);
    }

    /// <summary>A page that needs nothing else: the chart coloured by status, each element's evidence in a details box.</summary>
    public static string Html(string productText, InfringementResponse response)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>侵权预判 · PatentNav</title><style>")
            .Append("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;font-size:14px}th{background:#f3f3f3}")
            .Append(".literal{background:#fde2e1}.equivalent{background:#fff3cd}.missing{background:#e3f4e6}.disclaimer{border:1px solid #d9a400;background:#fffbe6;padding:.7em}")
            .Append("details summary{cursor:pointer}.verdict-literal{color:#b3261e}.verdict-equivalent{color:#8a6100}.verdict-not_covered{color:#1e6b2d}</style></head><body>")
            .Append("<h1>侵权预判（权利要求对比表）</h1><p class=\"disclaimer\">").Append(E(response.Disclaimer)).Append("</p>")
            .Append("<h2>产品描述</h2><p>").Append(E(productText)).Append("</p>");
        foreach (var result in response.Results)
        {
            html.Append("<h2>").Append(E(result.PublicationNumber)).Append(' ').Append(E(result.Title)).Append("</h2><p>")
                .Append(E(Validity(result)));
            if (result.Flags.Count > 0)
            {
                html.Append(" · ").Append(E(string.Join("；", result.Flags.Select(FlagLabel))));
            }
            html.Append("</p>");
            foreach (var claim in result.Claims)
            {
                html.Append("<h3>权利要求 ").Append(claim.Number).Append(claim.Independent ? "（独立）" : "（从属）")
                    .Append(" <span class=\"verdict-").Append(E(claim.Verdict)).Append("\">").Append(E(VerdictLabel(claim.Verdict))).Append(" · ")
                    .Append(E(RiskLabel(claim.Risk))).Append("</span></h3><table><tr><th>技术特征</th><th>比对结果</th><th>证据</th></tr>");
                foreach (var element in claim.Elements)
                {
                    html.Append("<tr class=\"").Append(E(element.Status)).Append("\"><td>").Append(E(element.Text)).Append("</td><td>")
                        .Append(E(StatusLabel(element.Status))).Append("</td><td><details><summary>").Append(E(element.Evidence.Reason))
                        .Append("</summary><p>产品描述：").Append(E(element.Evidence.Sentence ?? "（无对应语句）")).Append("</p><p>匹配词：")
                        .Append(E(string.Join("、", element.Evidence.MatchedTerms))).Append("</p></details></td></tr>");
                }
                html.Append("</table>");
            }
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Validity(InfringementResultDto result) =>
        result.Enforceability?.Note ?? (result.Found ? "未知" : "索引中未找到该专利");

    public static string VerdictLabel(string verdict) => verdict switch
    {
        ClaimVerdict.Literal => "可能构成字面侵权",
        ClaimVerdict.Equivalent => "可能构成等同侵权",
        _ => "未落入保护范围",
    };

    public static string RiskLabel(string risk) => risk switch { "high" => "高风险", "medium" => "中风险", _ => "低风险" };

    public static string StatusLabel(string status) => status switch
    {
        ElementStatus.Literal => "相同",
        ElementStatus.Equivalent => "可能等同",
        _ => "缺少",
    };

    private static string PartLabel(string part) => part switch
    {
        "subject" => "主题名称",
        "preamble" => "前序部分",
        "characterising" => "特征部分",
        _ => "权利要求",
    };

    private static string FlagLabel(string flag) => flag switch
    {
        "legal-status-unknown" => "法律状态未知，请核实",
        "application-not-granted" => "申请尚未授权（仅临时保护）",
        "not-in-force" => "已失效",
        "no-claims-text" => "数据中无权利要求文本",
        "claim-1-only" => "数据仅含权利要求1",
        "not-found" => "索引中未找到",
        _ => flag,
    };
}
