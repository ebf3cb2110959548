using PatentNav.Core.Engine;
using PatentNav.Core.Ledger;
using PatentNav.Core.Normalization;
using PatentNav.SearchApi.Hosting;

namespace PatentNav.SearchApi.Apis;

public sealed record LedgerRowDto(string PatentNumber, string PublicationNumber, IReadOnlyList<string> Publications, string? Title, string Type,
    DateOnly? ApplicationDate, DateOnly? GrantDate, string LegalStatus, string? LegalStatusText, string Enforceability,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] bool? InForce,
    DateOnly? Expiry, DateOnly? NextAnnualFee, IReadOnlyList<string> Inventors, IReadOnlyList<string> Applicants, string Source);

public sealed record LedgerResponse(
    string Applicant, string Key, IReadOnlyList<string> Aliases, long Total, long InForce, long InForceUnverified,
    IReadOnlyDictionary<string, long> ByType, IReadOnlyDictionary<string, long> ByLegalStatus, IReadOnlyDictionary<string, long> ByYear,
    IReadOnlyList<LedgerRowDto> ExpiringWithin12Months, IReadOnlyList<LabelledTotal> Inventors, IReadOnlyList<LabelledTotal> IpcSubclasses,
    IReadOnlyList<LabelledTotal> CoApplicants, IReadOnlyList<LedgerRowDto> Rows, int Page, int Size, DateOnly DataAsOf, string Note)
{
    /// <summary>Invention, utility-model and design grants in each of the last three full years (高新技术企业 review).</summary>
    public IReadOnlyList<YearGrants> GrantsLastThreeYears { get; init; } = [];

    public long GrantsWithoutYear { get; init; }
}

/// <summary>企业专利台账: an applicant's portfolio and ledger rows (paged), and the ledger as an XLSX workbook.</summary>
public static class LedgerApi
{
    public const int MaxPageSize = 500;

    private const string SourceNote = "“来源”（原始/受让）与“下一年费日”之外的费用状态不在数据中：来源记为“未知”，年费缴纳情况请以国家知识产权局为准。";

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/applicants").WithTags("ledger").RequireCors(SiteKeys.CorsPolicy);

        api.MapGet("/{name}/ledger", async (string name, int? page, int? size, int? reviewYear, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (pageNumber, pageSize) = Paging(page, size);
                if (reviewYear is < 1988 or > 2100)
                {
                    throw new RequestValidationException("reviewYear", "reviewYear: from 1988 to 2100.", "评审年份须在 1988 到 2100 之间");
                }
                var portfolio = await Build(name, searcher, clock, cancellationToken, reviewYear);
                return portfolio is null ? NotFound(name) : Results.Ok(ToResponse(portfolio, pageNumber, pageSize));
            })
            .WithHeavyWorkLimit()
            .WithName("ApplicantLedger")
            .WithSummary("An applicant's patent ledger and profile (企业专利台账): counts by type, legal status and year, in force, expiring, annual fees, inventors, IPC spread, co-applicants, and the rows (paged).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{name}/ledger.xlsx", async (string name, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var portfolio = await Build(name, searcher, clock, cancellationToken);
                return portfolio is null ? NotFound(name) : Results.File(Xlsx(portfolio), ExportApi.XlsxContentType, "patentnav-ledger.xlsx");
            })
            .WithHeavyWorkLimit()
            .WithName("ApplicantLedgerXlsx")
            .WithSummary("The ledger as a workbook: one row per patent with the columns a company keeps, and the profile.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{name}/ledger/compare", async (string name, HttpRequest request, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var listed = await ReadNumbersAsync(request, cancellationToken);
                var portfolio = await Build(name, searcher, clock, cancellationToken);
                if (portfolio is null)
                {
                    return NotFound(name);
                }
                var byNumber = new Dictionary<string, LedgerRow>(StringComparer.Ordinal);
                foreach (var row in portfolio.Rows)
                {
                    foreach (var key in Keys(row))
                    {
                        byNumber.TryAdd(key, row);
                    }
                }
                var matched = new HashSet<LedgerRow>();
                var missing = new List<object>();
                var lapsed = new List<LedgerRowDto>();
                foreach (var number in listed)
                {
                    if (Normalise(number) is { } key && byNumber.TryGetValue(key, out var row))
                    {
                        if (matched.Add(row) && row.Enforceability.InForce == false)
                        {
                            lapsed.Add(Row(row));
                        }
                        continue;
                    }
                    // Not the applicant's in the index: say whether the index has it under someone else (an assignment the data shows).
                    var (other, _) = await PatentLookup.FindAsync(searcher, number, cancellationToken);
                    missing.Add(new { number, inIndex = other is not null, publicationNumber = other?.PublicationNumber, applicants = other?.Applicants });
                }
                var notListed = portfolio.Rows.Where(r => !matched.Contains(r) && r.Enforceability.InForce != false).Select(Row).ToList();
                return Results.Ok(new
                {
                    applicant = portfolio.Applicant,
                    listed = listed.Count,
                    matched = matched.Count,
                    notInLedger = missing,
                    lapsed,
                    notListed,
                    note = "notInLedger: 清单中有而索引中该申请人名下没有；lapsed: 清单中的专利已失效或届满；notListed: 该申请人名下未失效却不在清单中的专利。",
                });
            })
            .Accepts<string>("text/csv", ExportApi.XlsxContentType, "application/octet-stream")
            .WithHeavyWorkLimit()
            .WithName("CompareLedger")
            .WithSummary("A company's own patent list (CSV, one number per row, header optional) against its ledger: what the index lacks, what has lapsed, what it holds but did not list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public const int MaxListed = 20_000;

    /// <summary>Application and publication numbers of a ledger row, normalised as <see cref="Normalise"/> writes them.</summary>
    private static IEnumerable<string> Keys(LedgerRow row)
    {
        if (Normalise(row.PatentNumber) is { } application)
        {
            yield return application;
        }
        foreach (var publication in row.Publications)
        {
            if (Normalise(publication) is { } key)
            {
                yield return key;
            }
            // CN113914863 without its kind code names the A and the B alike.
            if (PublicationNumber.Parse(publication).Value is { } pn)
            {
                yield return "P:" + pn.Country + pn.Serial;
            }
        }
    }

    /// <summary>ZL + 申请号 (check digit ignored), or a publication number with or without its kind code; null for anything else.</summary>
    private static string? Normalise(string number)
    {
        var text = number.Trim().Replace("ZL", "", StringComparison.OrdinalIgnoreCase).Trim();
        if (ApplicationNumber.Parse(text).Value is { } application)
        {
            return "A:" + application.Serial;
        }
        return PublicationNumber.Parse(number.Trim()).Value is { } publication
            ? publication.KindCode is null ? "P:" + publication.Country + publication.Serial : "P:" + publication.Value
            : null;
    }

    private static async Task<List<string>> ReadNumbersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var numbers = new List<string>();
        await foreach (var (row, value, _, where) in TableUpload.RowsAsync(request, cancellationToken))
        {
            if (value.Length == 0 || (row == 1 && Normalise(value) is null))
            {
                // A header (专利号) or a blank line.
                continue;
            }
            if (value.Length > 64 || Normalise(value) is null)
            {
                throw new RequestValidationException(where, $"{where}: '{value}' is not a patent, application or publication number.", $"第 {row} 行不是专利号、申请号或公开号");
            }
            if (numbers.Count >= MaxListed)
            {
                throw new RequestValidationException("csv", $"At most {MaxListed} numbers.", $"最多 {MaxListed} 个号码");
            }
            numbers.Add(value);
        }
        if (numbers.Count == 0)
        {
            throw new RequestValidationException("csv", "The list holds no numbers (one per row; a header row is optional).", "清单中没有号码");
        }
        return numbers;
    }

    private static async Task<ApplicantPortfolio?> Build(string name, IPatentSearcher searcher, TimeProvider clock, CancellationToken cancellationToken, int? reviewYear = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new RequestValidationException("name", "An applicant name of 1 to 200 characters.", "申请人名称须为 1 到 200 个字符");
        }
        return await new ApplicantLedger(searcher, clock).BuildAsync(name, reviewYear, cancellationToken);
    }

    private static (int Page, int Size) Paging(int? page, int? size)
    {
        var p = page ?? 1;
        var s = size ?? 50;
        if (p < 1)
        {
            throw new RequestValidationException("page", "page starts at 1.", "page 从 1 开始");
        }
        if (s is < 1 or > MaxPageSize)
        {
            throw new RequestValidationException("size", $"size must be between 1 and {MaxPageSize}.", $"size 须在 1 到 {MaxPageSize} 之间");
        }
        return (p, s);
    }

    private static IResult NotFound(string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Applicant not found / 未找到该申请人",
        detail: $"No patent in the index names '{name}' (legal forms such as 有限公司 are ignored) among its applicants.",
        extensions: new Dictionary<string, object?> { ["name"] = name });

    private static LedgerResponse ToResponse(ApplicantPortfolio p, int page, int size) => new(
        p.Applicant, p.Key, p.Aliases, p.Total, p.InForce, p.InForceUnverified, p.ByType, p.ByLegalStatus, p.ByYear,
        [.. p.ExpiringWithin12Months.Select(Row)], p.Inventors, p.IpcSubclasses, p.CoApplicants,
        [.. p.Rows.Skip((page - 1) * size).Take(size).Select(Row)], page, size, p.Today, SourceNote)
    {
        GrantsLastThreeYears = p.GrantsLastThreeYears,
        GrantsWithoutYear = p.GrantsWithoutYear,
    };

    private static LedgerRowDto Row(LedgerRow r) => new(r.PatentNumber, r.PublicationNumber, r.Publications, r.Title, ApplicantLedger.TypeKey(r.Type),
        r.ApplicationDate, r.GrantDate, ApplicantLedger.StateKey(r.LegalState), r.LegalStatusText, r.Enforceability.Code, r.Enforceability.InForce,
        r.Enforceability.Expiry, r.NextAnnualFee, r.Inventors, r.Applicants, r.Source);

    private static readonly string[] LedgerColumns = ["专利号", "公开(公告)号", "名称", "类型", "申请日", "授权日", "法律状态", "有效性", "届满日", "下一年费日", "发明人", "申请人", "来源"];

    public static byte[] Xlsx(ApplicantPortfolio p)
    {
        static string TypeZh(string key) => key switch { "invention" => "发明", "utilityModel" => "实用新型", "design" => "外观设计", _ => "未知" };
        static string StateZh(string key) => key switch { "inForce" => "有权", "pending" => "审中", "notInForce" => "无权", _ => "未知" };
        static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = p.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.PatentNumber, r.PublicationNumber, r.Title, TypeZh(ApplicantLedger.TypeKey(r.Type)), Day(r.ApplicationDate), Day(r.GrantDate),
            r.LegalStatusText ?? StateZh(ApplicantLedger.StateKey(r.LegalState)), r.Enforceability.Code, Day(r.Enforceability.Expiry), Day(r.NextAnnualFee),
            string.Join("；", r.Inventors), string.Join("；", r.Applicants), r.Source,
        ]).ToList();
        var profile = new List<IReadOnlyList<object?>>
        {
            new object?[] { "申请人", p.Applicant },
            new object?[] { "别名", string.Join("；", p.Aliases) },
            new object?[] { "专利总数", p.Total },
            new object?[] { "有效（已核实）", p.InForce },
            new object?[] { "有效（法律状态未知，待核实）", p.InForceUnverified },
            new object?[] { "发明", p.ByType.GetValueOrDefault("invention") },
            new object?[] { "实用新型", p.ByType.GetValueOrDefault("utilityModel") },
            new object?[] { "外观设计", p.ByType.GetValueOrDefault("design") },
            new object?[] { "12 个月内届满", p.ExpiringWithin12Months.Count },
            new object?[] { "生成日期", Day(p.Today) },
            new object?[] { "说明", SourceNote },
        };
        return NavigationMaps.ReportWorkbook.Write(
        [
            new NavigationMaps.ReportTable("专利台账", LedgerColumns, rows),
            new NavigationMaps.ReportTable("概况", ["项目", "内容"], profile),
            new NavigationMaps.ReportTable("按年份", ["申请年", "件数"], [.. p.ByYear.Select(y => (IReadOnlyList<object?>)[y.Key, y.Value])]),
        ]);
    }
}
