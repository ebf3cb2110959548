using System.Text;
using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

public sealed class CsvSourceReaderTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [SharedDataFact("formats/cnipa-export-sample.csv")]
    public void The_CNIPA_export_sample_maps_its_columns_to_canonical_fields()
    {
        var diagnostics = new SourceReadDiagnostics();
        var path = TestData.Shared("formats/cnipa-export-sample.csv");

        var records = TestData.ReadAll(new CsvSourceReader(',', diagnostics), path).Select(r => r.Record()).ToList();

        Assert.Equal(10, records.Count);
        Assert.Equal(Enumerable.Range(2, 10).Select(i => (long)i), records.Select(r => r.Location.Line));
        var first = records[0];
        Assert.Equal("CN218751475U", first.Get(SourceFields.PublicationNumber));
        Assert.Equal("CN202223220665.2", first.Get(SourceFields.ApplicationNumber));
        Assert.Equal("CN218751475U", first.Get(SourceFields.GrantNumber));
        Assert.Equal("实用新型", first.Get(SourceFields.Type));
        Assert.Equal("一种无人机机载多功能盒", first.Get(SourceFields.Title));
        Assert.StartsWith("为解决目前无人机", first.Get(SourceFields.Abstract), StringComparison.Ordinal);
        Assert.StartsWith("1.一种无人机机载多功能盒，其特征在于", first.Get(SourceFields.Claims), StringComparison.Ordinal);
        Assert.Equal(["中科大数据研究院"], first.GetAll(SourceFields.Applicants));
        Assert.Equal(["发明人01", "发明人02", "发明人03", "发明人04", "发明人05"], first.GetAll(SourceFields.Inventors));
        Assert.Equal("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", first.Get(SourceFields.Address));
        Assert.Equal("河南(41)", first.Get(SourceFields.ProvinceHint));
        Assert.Equal("有权-审定授权", first.Get(SourceFields.LegalStatus));
        Assert.Equal("B64U20/80", first.Get(SourceFields.MainIpc));
        Assert.Equal(["B64U20/80", "B64U101/30"], first.GetAll(SourceFields.Ipc));
        Assert.Equal("20221202", first.Get(SourceFields.ApplicationDate));
        Assert.Equal("20230328", first.Get(SourceFields.PublicationDate));
        Assert.Equal("20230328", first.Get(SourceFields.GrantDate));
        Assert.Equal("郑州明华专利代理事务所（普通合伙）", first.Get(SourceFields.Agency));
        Assert.False(first.Fields.ContainsKey(SourceFields.Priority));

        // Values are not interpreted: an ungranted patent keeps the export's 0 grant date and empty grant number.
        var pending = records.Single(r => r.Get(SourceFields.PublicationNumber) == "CN116245100A");
        Assert.Equal("0", pending.Get(SourceFields.GrantDate));
        Assert.False(pending.Fields.ContainsKey(SourceFields.GrantNumber));
        Assert.Equal("发明公开;发明授权", records[^1].Get(SourceFields.Type));

        // Quarantine keeps every one of the 61 columns, mapped or not.
        using var original = JsonDocument.Parse(first.OriginalText);
        Assert.Equal(61, original.RootElement.EnumerateObject().Count());
        Assert.Equal("查看CN202223220665.2", original.RootElement.GetProperty("全文链接").GetString());

        Assert.Equal(37, diagnostics.IgnoredFields.Count);
        Assert.Contains("序号", diagnostics.IgnoredFields.Keys);
        Assert.Contains("CPC分类号", diagnostics.IgnoredFields.Keys);
        Assert.DoesNotContain("当前权利人", diagnostics.IgnoredFields.Keys);
    }

    [Fact]
    public void A_quoted_multi_line_abstract_is_one_value_and_later_rows_keep_their_physical_lines()
    {
        var path = _scratch.Write("multi.csv",
            "公开号,专利名称,申请摘要\n" +
            "CN1,标题一,\"第一行，\n第二行\r\n第三行\"\n" +
            "CN2,标题二,单行摘要\n" +
            "CN3,\"带\"\"引号\"\"的标题\",\"\"\n");

        var records = TestData.ReadAll(new CsvSourceReader(), path).Select(r => r.Record()).ToList();

        Assert.Equal([2L, 5, 6], records.Select(r => r.Location.Line));
        Assert.Equal("第一行，\n第二行\r\n第三行", records[0].Get(SourceFields.Abstract));
        Assert.Equal("单行摘要", records[1].Get(SourceFields.Abstract));
        Assert.Equal("带\"引号\"的标题", records[2].Get(SourceFields.Title));
        Assert.False(records[2].Fields.ContainsKey(SourceFields.Abstract));
    }

    [Fact]
    public void IncoPat_headers_with_full_width_brackets_and_a_BOM_are_recognised()
    {
        var path = _scratch.Write("incopat.csv",
            "\uFEFF序号,标题,摘要,公开（公告）号,申请号,申请日,公开（公告）日,IPC,IPC主分类,申请（专利权）人,发明（设计）人,当前法律状态,首项权利要求,代理机构,优先权号,优先权日,第一申请人地址\n" +
            "1,一种锂电池,本发明公开了一种锂电池。,CN113914863A,CN202111234567.8,2021-10-21,2022.01.11,H01M10/0525; H01M4/00|H01M50/10,H01M10/0525,甲公司；乙大学,张三; 李四,有效,1.一种锂电池。,某代理所,CN202011111111.1,2020-10-21,山西省晋中市榆次区\n");

        var diagnostics = new SourceReadDiagnostics();
        var record = Assert.Single(TestData.ReadAll(new CsvSourceReader(',', diagnostics), path)).Record();

        Assert.Equal("一种锂电池", record.Get(SourceFields.Title));
        Assert.Equal("本发明公开了一种锂电池。", record.Get(SourceFields.Abstract));
        Assert.Equal("CN113914863A", record.Get(SourceFields.PublicationNumber));
        Assert.Equal("CN202111234567.8", record.Get(SourceFields.ApplicationNumber));
        Assert.Equal("2021-10-21", record.Get(SourceFields.ApplicationDate));
        Assert.Equal("2022.01.11", record.Get(SourceFields.PublicationDate));
        Assert.Equal(["H01M10/0525", "H01M4/00", "H01M50/10"], record.GetAll(SourceFields.Ipc));
        Assert.Equal("H01M10/0525", record.Get(SourceFields.MainIpc));
        Assert.Equal(["甲公司", "乙大学"], record.GetAll(SourceFields.Applicants));
        Assert.Equal(["张三", "李四"], record.GetAll(SourceFields.Inventors));
        Assert.Equal("有效", record.Get(SourceFields.LegalStatus));
        Assert.Equal("1.一种锂电池。", record.Get(SourceFields.Claims));
        Assert.Equal("某代理所", record.Get(SourceFields.Agency));
        Assert.Equal("CN202011111111.1", record.Get(SourceFields.Priority));
        Assert.Equal("2020-10-21", record.Get(SourceFields.PriorityDate));
        Assert.Equal("山西省晋中市榆次区", record.Get(SourceFields.Address));
        Assert.Equal(["序号"], diagnostics.IgnoredFields.Keys);
    }

    [Fact]
    public void Patsnap_style_English_headers_are_recognised()
    {
        var path = _scratch.Write("patsnap.csv",
            "Publication Number,Title,Abstract,Applicants,Inventors,Application Number,Application Date,Publication Date,IPC,Main IPC,Legal Status,Claims,Description\n" +
            "CN116245100A,一种文本处理方法,摘要,中科大数据研究院,发明人01|发明人02,CN202211717000.1,20221230,20230609,G06F40/289;G06F16/33,G06F40/289,审中-实质审查,1.一种方法。,说明书全文\n");

        var record = Assert.Single(TestData.ReadAll(new CsvSourceReader(), path)).Record();

        Assert.Equal("CN116245100A", record.Get(SourceFields.PublicationNumber));
        Assert.Equal("一种文本处理方法", record.Get(SourceFields.Title));
        Assert.Equal(["发明人01", "发明人02"], record.GetAll(SourceFields.Inventors));
        Assert.Equal("CN202211717000.1", record.Get(SourceFields.ApplicationNumber));
        Assert.Equal("20230609", record.Get(SourceFields.PublicationDate));
        Assert.Equal(["G06F40/289", "G06F16/33"], record.GetAll(SourceFields.Ipc));
        Assert.Equal("G06F40/289", record.Get(SourceFields.MainIpc));
        Assert.Equal("审中-实质审查", record.Get(SourceFields.LegalStatus));
        Assert.Equal("说明书全文", record.Get(SourceFields.Description));
    }

    [Fact]
    public void The_original_applicant_wins_over_the_current_right_holder_whatever_the_column_order()
    {
        var path = _scratch.Write("owners.csv",
            "当前权利人,公开号,申请人\n" +
            "受让公司,CN1,原申请公司\n" +
            "受让公司,CN2,\n");

        var records = TestData.ReadAll(new CsvSourceReader(), path).Select(r => r.Record()).ToList();

        Assert.Equal(["原申请公司"], records[0].GetAll(SourceFields.Applicants));
        Assert.Equal(["受让公司"], records[1].GetAll(SourceFields.Applicants));
    }

    [Fact]
    public void Rows_with_too_few_or_too_many_cells_are_still_read_and_keep_every_cell()
    {
        var path = _scratch.Write("ragged.csv",
            "公开号,专利名称,申请摘要\n" +
            "CN1,只有标题\n" +
            "CN2,标题,摘要,多出的单元格\n");

        var records = TestData.ReadAll(new CsvSourceReader(), path).Select(r => r.Record()).ToList();

        Assert.Equal("只有标题", records[0].Get(SourceFields.Title));
        Assert.False(records[0].Fields.ContainsKey(SourceFields.Abstract));
        Assert.Equal("摘要", records[1].Get(SourceFields.Abstract));
        using var original = JsonDocument.Parse(records[1].OriginalText);
        Assert.Equal("多出的单元格", original.RootElement.GetProperty("column 4").GetString());
    }

    [Fact]
    public void A_row_Sylvan_cannot_parse_is_unreadable_and_reading_resumes_on_the_next_line()
    {
        var path = _scratch.Write("bad.csv",
            "公开号,专利名称\n" +
            "CN1,好的行\n" +
            "CN2,\"引号\"之后还有字\n" +
            "CN3,下一行\n" +
            "#CN4,井号开头也是数据\n" +
            "CN5,\"没有闭合的引号\n" +
            "CN6,最后一行\n");

        var diagnostics = new SourceReadDiagnostics();
        var results = TestData.ReadAll(new CsvSourceReader(',', diagnostics), path);

        Assert.Equal([2L, 3, 4, 5, 6, 7], results.Select(r => r.Location.Line));
        Assert.Equal("CN1", results[0].Record().Get(SourceFields.PublicationNumber));
        var bad = results[1].Unreadable();
        Assert.StartsWith("malformed CSV row:", bad.Reason, StringComparison.Ordinal);
        Assert.Equal("CN2,\"引号\"之后还有字", bad.OriginalText);
        Assert.Equal("CN3", results[2].Record().Get(SourceFields.PublicationNumber));
        Assert.Equal("#CN4", results[3].Record().Get(SourceFields.PublicationNumber));
        Assert.Equal("CN5,\"没有闭合的引号", results[4].Unreadable().OriginalText);
        Assert.Equal("最后一行", results[5].Record().Get(SourceFields.Title));
        Assert.Equal(2, diagnostics.Unreadable);
    }

    [Fact]
    public void Rows_with_bytes_that_are_not_UTF8_are_unreadable_and_the_others_are_read()
    {
        var gbk = new byte[] { 0xD2, 0xBB, 0xD6, 0xD6, 0xD7, 0xB0, 0xD6, 0xC3 }; // 一种装置 in GBK
        var path = _scratch.Write("mixed-encoding.csv", [
            .. Encoding.UTF8.GetBytes("公开号,专利名称\nCN1,一种装置\nCN2,"), .. gbk, .. "\nCN3,\"多行\n"u8.ToArray(), 0xFF, .. "\"\nCN4,含有�的合法文本\n"u8.ToArray(),
        ]);

        var results = TestData.ReadAll(new CsvSourceReader(), path);

        Assert.Equal([2L, 3, 4, 6], results.Select(r => r.Location.Line));
        Assert.Equal("一种装置", results[0].Record().Get(SourceFields.Title));
        Assert.Equal("not UTF-8 text", results[1].Unreadable().Reason);
        Assert.Contains("CN2", results[1].Unreadable().OriginalText, StringComparison.Ordinal);
        Assert.Equal("not UTF-8 text", results[2].Unreadable().Reason);
        // A real U+FFFD in valid UTF-8 is text, not a decoding error.
        Assert.Equal("含有�的合法文本", results[3].Record().Get(SourceFields.Title));
    }

    [Fact]
    public void A_5_MB_quoted_description_cell_is_read_whole()
    {
        var description = string.Concat(Enumerable.Repeat("[0001]本发明涉及锂电池领域，\"尤其\"涉及一种正极材料。\n", 5 * 1024 * 1024 / 60));
        var path = _scratch.Write("large.csv", $"公开号,说明书\nCN1,\"{description.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\nCN2,短\n");

        var records = TestData.ReadAll(new CsvSourceReader(), path).Select(r => r.Record()).ToList();

        Assert.Equal(description, records[0].Get(SourceFields.Description));
        Assert.Equal(3 + description.Count(c => c == '\n'), records[1].Location.Line); // header, CN1's first line, its breaks
    }

    [Fact]
    public void TSV_files_are_read_with_tabs_and_blank_lines_are_skipped()
    {
        var path = _scratch.Write("export.tsv", "公开号\t专利名称\t分类号\n\nCN1\t标题, 带逗号\tA01B1/00;A01B1/02\n");

        var results = TestData.ReadAll(CsvSourceReader.Tsv(), path);

        var record = Assert.Single(results).Record();
        Assert.Equal(3, record.Location.Line);
        Assert.Equal("标题, 带逗号", record.Get(SourceFields.Title));
        Assert.Equal(["A01B1/00", "A01B1/02"], record.GetAll(SourceFields.Ipc));
    }

    [Fact]
    public void An_empty_file_or_a_header_alone_has_no_records()
    {
        Assert.Empty(TestData.ReadAll(new CsvSourceReader(), _scratch.Write("empty.csv", "")));
        Assert.Empty(TestData.ReadAll(new CsvSourceReader(), _scratch.Write("header.csv", "公开号,专利名称\n")));
    }

    [Fact]
    public void Header_names_fold_width_case_and_separators()
    {
        Assert.Equal(SourceFields.PublicationNumber, SourceFieldAliases.Find("公开（公告）号")?.Field);
        Assert.Equal(SourceFields.PublicationNumber, SourceFieldAliases.Find(" \uFEFFpublication_number ")?.Field);
        Assert.Equal(SourceFields.PublicationNumber, SourceFieldAliases.Find("PUBLICATION NO.")?.Field);
        Assert.Equal(SourceFields.Applicants, SourceFieldAliases.Find("申请(专利权)人")?.Field);
        Assert.Equal(SourceFields.MainIpc, SourceFieldAliases.Find("Main IPC")?.Field);
        Assert.Equal(SourceFields.Ipc, SourceFieldAliases.Find("ＩＰＣ")?.Field);
        Assert.Null(SourceFieldAliases.Find("CPC分类号"));
        Assert.True(SourceFieldAliases.Find("申请人")!.Value.Rank < SourceFieldAliases.Find("当前权利人")!.Value.Rank);
    }
}
