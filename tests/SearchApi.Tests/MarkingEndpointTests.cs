using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.SearchApi.Tests;

[Collection(DemoServiceGroup.Name)]
public sealed class MarkingEndpointTests(DemoServiceFixture service)
{
    private HttpClient Client => service.Client;

    /// <summary>Three patents with application numbers (the demo texts carry none): in force, lapsed, and an application.</summary>
    private async Task WritePatentsAsync()
    {
        using var upsert = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents")
        {
            Headers = { { "X-Api-Key", DemoServiceFixture.ApiKey } },
            Content = JsonContent.Create(new object[]
            {
                new { publicationNumber = "CN399999981U", applicationNumber = "202222630301.5", title = "一种标识检查测试用的夹具", applicationDate = "2022-10-08", legalStatus = "有权" },
                new { publicationNumber = "CN399999982B", applicationNumber = "201810000003.3", title = "一种已失效的测试方法", applicationDate = "2018-01-02", legalStatus = "无权-未缴年费专利权终止" },
                new { publicationNumber = "CN399999983A", applicationNumber = "202410000001.X", title = "一种审中的测试装置", applicationDate = "2024-01-03", legalStatus = "审中-实质审查" },
            }),
        };
        (await Client.SendAsync(upsert)).EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> Mark(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/marking", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJson();
    }

    private static List<string?> Rules(JsonElement json) => [.. json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString())];

    [Fact]
    public async Task A_correct_marking_has_no_findings_and_a_wrong_type_or_status_is_named()
    {
        await WritePatentsAsync();
        var correct = await Mark(new { number = "ZL202222630301.5", markedType = "实用新型" });
        Assert.Empty(Rules(correct));
        Assert.True(correct.GetProperty("correct").GetBoolean());
        Assert.Equal("CN399999981U", correct.GetProperty("patent").GetProperty("publicationNumber").GetString());
        Assert.True(correct.GetProperty("patent").GetProperty("inForce").GetBoolean());

        Assert.Equal(["type-mismatch"], Rules(await Mark(new { number = "ZL 2022 2 2630301.5", markedType = "发明专利" })));
        Assert.Equal(["lapsed-still-marked"], Rules(await Mark(new { number = "ZL201810000003.3", markedType = "发明" })));
        Assert.Equal(["application-marked-as-patent"], Rules(await Mark(new { number = "ZL202410000001.X" })));
        // A misprinted check digit is named, and the patent is still found by its serial.
        var misprinted = await Mark(new { number = "ZL202222630301.7", markedType = "实用新型" });
        Assert.Equal(["check-digit-wrong"], Rules(misprinted));
        Assert.Equal("CN399999981U", misprinted.GetProperty("patent").GetProperty("publicationNumber").GetString());
        // A publication number printed instead of the patent number is accepted.
        Assert.Empty(Rules(await Mark(new { number = "CN399999981U", markedType = "实用新型" })));
    }

    [Fact]
    public async Task An_unknown_number_is_to_verify_and_nonsense_is_invalid()
    {
        var missing = await Mark(new { number = "ZL202320000000.6" });
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("patent").ValueKind);
        var finding = missing.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "not-found");
        Assert.Equal("verify", finding.GetProperty("severity").GetString());
        Assert.Equal(["number-invalid"], Rules(await Mark(new { number = "专利产品，仿冒必究" })));
    }

    [Fact]
    public async Task A_batch_counts_correct_markings_violations_and_ones_to_verify()
    {
        await WritePatentsAsync();
        var response = await Client.PostAsJsonAsync("/api/v1/marking/batch", new
        {
            markings = new object[]
            {
                new { number = "ZL202222630301.5", markedType = "实用新型" },
                new { number = "ZL201810000003.3" },
                new { number = "ZL202320000000.6" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJson();
        Assert.Equal(3, json.GetProperty("results").GetArrayLength());
        Assert.Equal((1, 1, 1), (json.GetProperty("correct").GetInt32(), json.GetProperty("violations").GetInt32(), json.GetProperty("toVerify").GetInt32()));
    }

    [Fact]
    public async Task An_inspectors_workbook_is_read_like_the_csv_and_a_bad_row_is_named_by_its_sheet_row()
    {
        await WritePatentsAsync();
        static ByteArrayContent Workbook(params IReadOnlyList<object?>[] rows)
        {
            var content = new ByteArrayContent(PatentNav.NavigationMaps.ReportWorkbook.Write([new PatentNav.NavigationMaps.ReportTable("标识", ["专利号", "类型"], rows)]));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Apis.ExportApi.XlsxContentType);
            return content;
        }
        using var good = Workbook(["ZL202222630301.5", "实用新型"], ["ZL201810000003.3", "发明"]);
        var ok = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative), good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var json = await ok.ReadJson();
        Assert.Equal((2, 1, 1), (json.GetProperty("results").GetArrayLength(), json.GetProperty("correct").GetInt32(), json.GetProperty("violations").GetInt32()));

        using var bad = Workbook(["ZL202222630301.5", "实用新型"], ["ZL201810000003.3", "专利"]);
        var refused = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative), bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("xlsx row 3: markedType", (await refused.ReadJson()).GetProperty("member").GetString());
    }

    [Fact]
    public async Task A_workbook_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read()
    {
        // 70 MB of spaces deflate to well under the request-body limit: the declared unpacked size gives it away.
        using var packed = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(packed, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var i = 0; i < 70; i++)
            {
                await sheet.WriteAsync(chunk);
            }
        }
        Assert.True(packed.Length < new Configuration.QueryOptions().MaxRequestBodyBytes, $"{packed.Length} bytes");
        using var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Apis.ExportApi.XlsxContentType);

        var response = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.Equal("xlsx", problem.GetProperty("member").GetString());
        Assert.Contains("unpacks", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inspectors_csv_is_read_with_or_without_a_header_and_a_bad_row_is_named()
    {
        await WritePatentsAsync();
        var ok = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative),
            new StringContent("专利号,类型\r\nZL202222630301.5,实用新型\r\n\"ZL201810000003.3\",发明\r\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var json = await ok.ReadJson();
        Assert.Equal(2, json.GetProperty("results").GetArrayLength());
        Assert.Equal((1, 1), (json.GetProperty("correct").GetInt32(), json.GetProperty("violations").GetInt32()));

        var bad = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative),
            new StringContent("ZL202222630301.5,实用新型\nZL201810000003.3,专利\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("csv row 2: markedType", (await bad.ReadJson()).GetProperty("member").GetString());
        var empty = await Client.PostAsync(new Uri("/api/v1/marking/batch/csv", UriKind.Relative), new StringContent("专利号,类型\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Theory]
    [InlineData("""{"number": ""}""", "number")]
    [InlineData("""{"number": "ZL202222630301.5", "markedType": "专利"}""", "markedType")]
    public async Task A_malformed_marking_is_a_400_naming_the_member(string body, string member)
    {
        var response = await Client.PostAsync(new Uri("/api/v1/marking", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(member, (await response.ReadJson()).GetProperty("member").GetString());
        var batch = await Client.PostAsJsonAsync("/api/v1/marking/batch", new { markings = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal("markings", (await batch.ReadJson()).GetProperty("member").GetString());
    }
}
