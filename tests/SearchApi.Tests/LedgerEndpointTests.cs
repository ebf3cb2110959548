using System.Net;
using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;
using PatentNav.SearchApi.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace PatentNav.SearchApi.Tests;

/// <summary>The service on the real iFlytek incoPat export alone (3,816 rows), for the ledger's counts.</summary>
public sealed class IflytekServiceFixture : IAsyncLifetime
{
    public static string ExportFile => Path.Combine(RepoPaths.Root, "data", "exports", "incopat", "iflytek-3816.xlsx");

    private readonly string _root = Directory.CreateTempSubdirectory("patentnav-ledger-test-").FullName;

    public PatentNavFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_root, "corpus")).FullName;
        File.Copy(ExportFile, Path.Combine(corpus, Path.GetFileName(ExportFile)));
        Factory = new PatentNavFactory(Path.Combine(_root, "data"), new Dictionary<string, string?>
        {
            ["PatentNav:RateLimit:PermitLimit"] = "100000",
            ["PatentNav:DemoCorpus"] = corpus,
        });
        Client = Factory.CreateClient();
        await Factory.Services.GetRequiredService<SearchEngineHost>().WhenReady;
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

public sealed class LedgerEndpointTests(IflytekServiceFixture service) : IClassFixture<IflytekServiceFixture>
{
    private const string Iflytek = "科大讯飞股份有限公司";

    /// <summary>The export's own rows naming the applicant, read with the importer and counted directly.</summary>
    private static List<PatentRecord> RawRows()
    {
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var key = ApplicantName.ToKey(Iflytek);
        return [.. SourceReaders.ReadAll([IflytekServiceFixture.ExportFile], CancellationToken.None)
            .OfType<SourceReadResult.Record>()
            .Select(r => builder.Build(r.Value).Record)
            .OfType<PatentRecord>()
            .Where(r => r.Applicants.Any(a => ApplicantName.ToKey(a) == key))];
    }

    [Fact]
    public async Task The_ledger_counts_by_type_status_and_year_equal_the_raw_export_and_rows_page_through_every_patent()
    {
        var response = await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=500", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        var raw = RawRows();
        var patents = raw.GroupBy(r => r.ApplicationNumber ?? r.Id).ToList();
        Assert.Equal(Iflytek, json.GetProperty("applicant").GetString());
        Assert.Contains(Iflytek, json.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(patents.Count, json.GetProperty("total").GetInt64());
        var byType = json.GetProperty("byType");
        Assert.Equal(raw.Count(r => r.Type == PatentType.Invention), byType.GetProperty("invention").GetInt64());
        Assert.Equal(raw.Count(r => r.Type == PatentType.UtilityModel), byType.GetProperty("utilityModel").GetInt64());
        Assert.Equal(raw.Count(r => r.Type == PatentType.Design), byType.GetProperty("design").GetInt64());
        var byStatus = json.GetProperty("byLegalStatus");
        Assert.Equal(raw.Count(r => r.LegalState == LegalState.InForce), byStatus.GetProperty("inForce").GetInt64());
        Assert.Equal(raw.Count(r => r.LegalState == LegalState.Pending), byStatus.GetProperty("pending").GetInt64());
        Assert.Equal(raw.Count(r => r.LegalState == LegalState.NotInForce), byStatus.GetProperty("notInForce").GetInt64());
        foreach (var year in json.GetProperty("byYear").EnumerateObject())
        {
            Assert.Equal(raw.Count(r => r.ApplicationDate?.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) == year.Name), year.Value.GetInt64());
        }
        // The 高新技术企业 counts for a 2023 review: grants per type in 2020–2022, as the raw rows give them.
        var review = await (await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=1&reviewYear=2023", UriKind.Relative))).ReadJson();
        var grants = review.GetProperty("grantsLastThreeYears").EnumerateArray().ToList();
        Assert.Equal([2020, 2021, 2022], grants.Select(g => g.GetProperty("year").GetInt32()));
        foreach (var g in grants)
        {
            var y = g.GetProperty("year").GetInt32();
            long Granted(PatentType type) => patents.Count(p => p.First().Type == type && p.Select(PatentNav.Core.Infringement.Enforceability.GrantYear).FirstOrDefault(x => x is not null) == y);
            Assert.Equal(Granted(PatentType.Invention), g.GetProperty("invention").GetInt64());
            Assert.Equal(Granted(PatentType.UtilityModel), g.GetProperty("utilityModel").GetInt64());
            Assert.Equal(Granted(PatentType.Design), g.GetProperty("design").GetInt64());
        }
        Assert.True(grants.Sum(g => g.GetProperty("utilityModel").GetInt64()) > 0);

        // In force is at most what the legal status says: a 有效 utility model past its ten years is not in force.
        var inForce = json.GetProperty("inForce").GetInt64();
        Assert.InRange(inForce, 1, byStatus.GetProperty("inForce").GetInt64());

        // Every patent once across the pages; each in-force row has its next annual-fee date, none in the past.
        var seen = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var rows = (await (await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=500&page={page}", UriKind.Relative))).ReadJson())
                .GetProperty("rows").EnumerateArray().ToList();
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var row in rows)
            {
                Assert.True(seen.Add(row.GetProperty("patentNumber").GetString()!));
                if (row.GetProperty("inForce").ValueKind == JsonValueKind.True)
                {
                    Assert.True(DateOnly.Parse(row.GetProperty("nextAnnualFee").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= DateOnly.FromDateTime(DateTime.Today));
                }
            }
        }
        Assert.Equal(patents.Count, seen.Count);
    }

    [Fact]
    public async Task The_ledger_exports_as_a_workbook_and_an_unknown_applicant_is_a_404()
    {
        var xlsx = await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString("科大讯飞股份有限公司")}/ledger.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        await using var stream = await xlsx.Content.ReadAsStreamAsync();
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["专利台账", "概况", "按年份"], sheets);
        var ledgerSheet = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.WorkbookPart.GetPartById(workbook.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
        var rowCount = ledgerSheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        Assert.Equal(RawRows().GroupBy(r => r.ApplicationNumber ?? r.Id).Count() + 1, rowCount);

        var missing = await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString("不存在的公司")}/ledger", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var badSize = await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Equal("size", (await badSize.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_companys_own_list_shows_what_the_index_lacks_what_lapsed_and_what_it_holds_but_did_not_list()
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var rows = (await (await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=500&page={page}", UriKind.Relative))).ReadJson())
                .GetProperty("rows").EnumerateArray().ToList();
            if (rows.Count == 0)
            {
                break;
            }
            all.AddRange(rows);
        }
        var inForce = all.First(r => r.GetProperty("inForce").ValueKind == JsonValueKind.True);
        var lapsed = all.First(r => r.GetProperty("inForce").ValueKind == JsonValueKind.False && r.GetProperty("patentNumber").GetString()!.StartsWith("ZL", StringComparison.Ordinal));
        // The company's file: one in force by its patent number, one lapsed by its publication number, one the index lacks.
        var csv = $"专利号\n{inForce.GetProperty("patentNumber").GetString()}\n{lapsed.GetProperty("publicationNumber").GetString()}\nZL201010000000.3\n";
        var response = await service.Client.PostAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger/compare", UriKind.Relative),
            new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal((3, 2), (json.GetProperty("listed").GetInt32(), json.GetProperty("matched").GetInt32()));
        var missing = Assert.Single(json.GetProperty("notInLedger").EnumerateArray());
        Assert.Equal("ZL201010000000.3", missing.GetProperty("number").GetString());
        Assert.False(missing.GetProperty("inIndex").GetBoolean());
        Assert.Equal([lapsed.GetProperty("publicationNumber").GetString()], json.GetProperty("lapsed").EnumerateArray().Select(r => r.GetProperty("publicationNumber").GetString()));
        Assert.Equal(all.Count(r => r.GetProperty("inForce").ValueKind != JsonValueKind.False) - 1, json.GetProperty("notListed").GetArrayLength());

        var bad = await service.Client.PostAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger/compare", UriKind.Relative),
            new StringContent("ZL201010000000.3\n不是号码\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("csv row 2", (await bad.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_companys_list_uploaded_as_a_workbook_compares_like_the_same_list_as_csv_and_a_broken_one_is_a_400()
    {
        var rows = (await (await service.Client.GetAsync(new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger?size=3", UriKind.Relative))).ReadJson())
            .GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("patentNumber").GetString() ?? r.GetProperty("publicationNumber").GetString()).ToList();
        var listed = rows.Append("ZL201010000000.3").ToList();
        var compare = new Uri($"/api/v1/applicants/{Uri.EscapeDataString(Iflytek)}/ledger/compare", UriKind.Relative);
        var csv = await (await service.Client.PostAsync(compare, new StringContent("专利号\n" + string.Join('\n', listed), System.Text.Encoding.UTF8, "text/csv"))).ReadJson();
        // A company's own workbook: a header row, the numbers in the first column, a note in the second.
        var workbook = PatentNav.NavigationMaps.ReportWorkbook.Write([new PatentNav.NavigationMaps.ReportTable("专利清单", ["专利号", "备注"], [.. listed.Select(n => (IReadOnlyList<object?>)[n, "自有"])])]);
        using var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Apis.ExportApi.XlsxContentType);
        var response = await service.Client.PostAsync(compare, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.ReadJson();
        Assert.Equal((4, 3), (xlsx.GetProperty("listed").GetInt32(), xlsx.GetProperty("matched").GetInt32()));
        foreach (var member in new[] { "notInLedger", "lapsed", "notListed" })
        {
            Assert.Equal(csv.GetProperty(member).GetRawText(), xlsx.GetProperty(member).GetRawText());
        }

        // A zip that is not a workbook, and a workbook whose second row is not a number: each a 400 naming where.
        using var broken = new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);
        broken.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var brokenResponse = await service.Client.PostAsync(compare, broken);
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
        Assert.Equal("xlsx", (await brokenResponse.ReadJson()).GetProperty("member").GetString());
        using var wrong = new ByteArrayContent(PatentNav.NavigationMaps.ReportWorkbook.Write([new PatentNav.NavigationMaps.ReportTable("清单", ["专利号"], [["ZL201010000000.3"], ["不是号码"]])]));
        wrong.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Apis.ExportApi.XlsxContentType);
        var wrongResponse = await service.Client.PostAsync(compare, wrong);
        Assert.Equal(HttpStatusCode.BadRequest, wrongResponse.StatusCode);
        Assert.Equal("xlsx row 3", (await wrongResponse.ReadJson()).GetProperty("member").GetString());
    }
}
