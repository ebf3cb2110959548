using PatentNav.Core.Engine;
using PatentNav.NavigationMaps;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

/// <summary>创新券 growth list (措施五): the region's enterprises whose invention grants grew by the threshold, as JSON or XLSX.</summary>
public static class VoucherApi
{
    public static RouteGroupBuilder MapVoucherApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/vouchers").WithTags("tools").RequireCors(SiteKeys.CorsPolicy);
        api.MapGet("/growth", async (string? region, int? year, int? threshold, string? format, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var code = region?.Trim() ?? "1407";
                if (code.Length is < 2 or > 6 || !code.All(char.IsAsciiDigit))
                {
                    throw new RequestValidationException("region", "region: a GB/T 2260 code of 2 to 6 digits (14, 1407, 140702).", "地区须为 2 到 6 位行政区划代码");
                }
                var y = year ?? clock.GetLocalNow().Year - 1;
                if (y is < 1986 or > 2100)
                {
                    throw new RequestValidationException("year", "year: from 1986 to 2100.", "年份须在 1986 到 2100 之间");
                }
                var t = threshold ?? VoucherGrowthList.DefaultThreshold;
                if (t is < 1 or > 10_000)
                {
                    throw new RequestValidationException("threshold", "threshold: 1 to 10,000 grants.", "阈值须在 1 到 10000 之间");
                }
                if (format is not (null or "json" or "xlsx"))
                {
                    throw new RequestValidationException("format", "format: json or xlsx.", "格式须为 json 或 xlsx");
                }
                var list = await new VoucherGrowthList(searcher).BuildAsync(code, y, t, cancellationToken);
                return format == "xlsx" ? Results.File(Xlsx(list), ExportApi.XlsxContentType, $"patentnav-growth-{code}-{y}.xlsx") : Results.Ok(list);
            })
            .WithHeavyWorkLimit()
            .WithName("VoucherGrowth")
            .WithSummary("Enterprises of a region whose invention grants in a year exceed the year before by the threshold (创新券 rule, 5 by default), with both counts and the patents.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static byte[] Xlsx(GrowthList list) => ReportWorkbook.Write(
    [
        new ReportTable("增长名单", ["企业", $"{list.Year - 1} 年发明授权", $"{list.Year} 年发明授权", "增量", $"{list.Year} 年授权专利"],
            [.. list.Qualified.Select(e => (IReadOnlyList<object?>)[e.Applicant, e.PreviousYear, e.Year, e.Growth, string.Join("；", e.Patents)])]),
        new ReportTable("其他企业", ["企业", $"{list.Year - 1} 年发明授权", $"{list.Year} 年发明授权", "增量"],
            [.. list.Others.Select(e => (IReadOnlyList<object?>)[e.Applicant, e.PreviousYear, e.Year, e.Growth])]),
        new ReportTable("说明", ["项目", "内容"],
        [
            ["规则", list.Rule], ["地区", list.Region], ["阈值", list.Threshold], ["计入的授权", list.GrantsCounted], ["无授权年份未计入", list.GrantsWithoutDate],
        ]),
    ]);
}
