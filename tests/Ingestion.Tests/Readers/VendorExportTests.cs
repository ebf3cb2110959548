using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

/// <summary>
/// Real rows of the three vendor layouts (Fixtures/exports: trimmed copies of the Patentics, incoPat and CNKI exports in
/// shared/data/exports, with their licences), read and built into records as the indexer does.
/// </summary>
public sealed class VendorExportTests
{
    private static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "Ingestion.Tests", "Fixtures", "exports");

    private static Dictionary<string, PatentRecord> Read(string file, out int unreadable, out int rejected)
    {
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var records = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
        unreadable = 0;
        rejected = 0;
        foreach (var result in SourceReaders.ReadAll([Path.Combine(Fixtures, file)], CancellationToken.None))
        {
            if (result is not SourceReadResult.Record(var source))
            {
                unreadable++;
                continue;
            }
            if (builder.Build(source).Record is { } record)
            {
                records[record.Id] = record;
            }
            else
            {
                rejected++;
            }
        }
        return records;
    }

    [Fact]
    public void Patentics_csv_rows_carry_ipc_lists_with_padded_codes_yyyymmdd_dates_inventors_and_its_own_status_words()
    {
        var records = Read("patentics-vr-title-xunixianshi-40.csv", out var unreadable, out var rejected);
        Assert.Equal((40, 0, 0), (records.Count, unreadable, rejected));
        var first = records["CN114399933A"];
        Assert.Equal("一种基于虚拟现实的重睑成形手术训练系统、方法及存储介质", first.Title);
        Assert.Equal(["G09B9/00", "G06T19/00"], first.Ipc);
        Assert.Equal(new DateOnly(2022, 1, 7), first.ApplicationDate);
        Assert.Equal(new DateOnly(2022, 4, 26), first.PublicationDate);
        Assert.Equal(["广州雅妍时光医疗美容门诊部有限公司"], first.Applicants);
        Assert.Equal(["孙恺", "张福生"], first.Inventors);
        Assert.Equal(PatentType.Invention, first.Type);
        Assert.Equal(LegalState.Pending, first.LegalState);
        var granted = records["CN216391212U"];
        Assert.Equal(PatentType.UtilityModel, granted.Type);
        Assert.Equal(LegalState.InForce, granted.LegalState);
        Assert.Equal(["H04N5/225", "H04N5/232", "F16M11/04", "G03B17/08"], granted.Ipc);
        Assert.Equal(new DateOnly(2022, 4, 26), granted.GrantDate);
        // Every row has its IPC and dates: the layout, not the data, decides whether they are read.
        Assert.All(records.Values, r => Assert.NotEmpty(r.Ipc));
        Assert.All(records.Values, r => Assert.NotNull(r.ApplicationDate));
    }

    [Theory]
    [InlineData("有效", LegalState.InForce)]
    [InlineData("公开", LegalState.Pending)]
    [InlineData("驳回", LegalState.NotInForce)]
    [InlineData("无效", LegalState.NotInForce)]
    [InlineData("撤回", LegalState.NotInForce)]
    [InlineData("其他", LegalState.Unknown)]
    [InlineData("有权", LegalState.InForce)]
    [InlineData("审中", LegalState.Pending)]
    [InlineData("无权", LegalState.NotInForce)]
    [InlineData("部分无效", LegalState.InForce)]
    [InlineData("授权", LegalState.InForce)]
    [InlineData("实质审查", LegalState.Pending)]
    [InlineData("权利终止", LegalState.NotInForce)]
    [InlineData("PCT进入指定国（指定期满）", LegalState.Unknown)]
    public void Every_vendors_legal_status_words_map_onto_the_three_states(string text, LegalState expected) =>
        Assert.Equal(expected, Core.Normalization.PatentStatus.LegalStateOf(text));

    [Fact]
    public void Incopat_rows_have_chinese_title_and_abstract_columns_excel_serial_dates_and_a_validity_column()
    {
        var records = Read("incopat-iflytek-20.xlsx", out var unreadable, out var rejected);
        Assert.Equal((20, 0, 0), (records.Count, unreadable, rejected));
        var first = records["CN107295441B"];
        Assert.Equal("音箱腔体及具有所述音箱腔体的音箱", first.Title);
        Assert.StartsWith("本发明涉及一种音箱腔体", first.Abstract, StringComparison.Ordinal);
        Assert.Equal(["北京京东尚科信息技术有限公司", "科大讯飞股份有限公司"], first.Applicants);
        Assert.Equal(new DateOnly(2023, 5, 26), first.PublicationDate);
        Assert.Equal(new DateOnly(2017, 8, 7), first.ApplicationDate);
        Assert.Equal(PatentType.Invention, first.Type);
        Assert.Equal("H04R1/28", first.MainIpc);
        Assert.Equal(LegalState.InForce, first.LegalState);
    }

    [Fact]
    public void Incopat_records_of_other_offices_keep_their_publication_numbers()
    {
        var records = Read("incopat-gm-autonomous-driving-10.xlsx", out var unreadable, out var rejected);
        Assert.Equal((0, 0), (unreadable, rejected));
        Assert.Equal(10, records.Count);
        Assert.Contains(records.Keys, id => id.StartsWith("CN", StringComparison.Ordinal));
        var foreign = records.Values.Where(r => !r.Id.StartsWith("CN", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(foreign);
        Assert.All(foreign, r => Assert.Matches("^(US|WO|JP|KR|EP)", r.PublicationNumber!));
        Assert.All(records.Values, r => Assert.Equal(r.PublicationNumber![..2], r.Office));
        Assert.All(records.Values, r => Assert.NotNull(r.PublicationDate));
        var cn = records["CN110298449A"];
        Assert.Equal(new DateOnly(2019, 10, 1), cn.PublicationDate);
        Assert.Equal(new DateOnly(2019, 7, 3), cn.ApplicationDate);
        Assert.Equal("G06N20/00", cn.MainIpc);
        Assert.Equal(LegalState.InForce, cn.LegalState);
    }

    [Fact]
    public void Cnki_html_tables_saved_as_xls_give_inventors_applicants_claim_one_ipc_and_province()
    {
        var records = Read("cnki-20.xls", out var unreadable, out var rejected);
        Assert.Equal((20, 0, 0), (records.Count, unreadable, rejected));
        var first = records["CN111534432B"];
        Assert.Equal("一种电刺激细胞培养装置", first.Title);
        Assert.Equal(["袁苗苗", "徐洋", "郑有斌"], first.Inventors);
        Assert.Equal(["中山大学附属第八医院(深圳福田)"], first.Applicants);
        Assert.Equal(new DateOnly(2025, 3, 11), first.PublicationDate);
        Assert.StartsWith("1.一种电刺激细胞培养装置", first.Claims, StringComparison.Ordinal);
        Assert.Equal(["C12M3/00", "C12M1/42", "C12M1/22", "C12M1/00"], first.Ipc);
        Assert.Equal(PatentType.Invention, first.Type);
        Assert.Equal("440000", first.Region?.ProvinceCode);
        Assert.Null(first.ApplicationDate);
    }

    // Trimmed from cnki/专利数据__计算机软件__CNKI-20250409103653590.xls (rows 126–130) and one 海外专利 row of
    // 专利数据__一般化学工业__CNKI-20250409230055367.xls. The second row's claim ends in MathML cut off inside CDATA.
    [Fact]
    public void A_claim_with_cut_off_mathml_does_not_swallow_the_rows_after_it()
    {
        var records = Read("cnki-mathml-and-overseas-6.xls", out var unreadable, out var rejected);

        Assert.Equal((6, 0, 0), (records.Count, unreadable, rejected));
        var formula = records["CN104992248A"];
        Assert.StartsWith("一种微电网光伏电站发电量组合预测方法", formula.Claims, StringComparison.Ordinal);
        Assert.DoesNotContain("CDATA", formula.Claims, StringComparison.Ordinal);
        Assert.DoesNotContain("中国专利", formula.Claims, StringComparison.Ordinal);
        Assert.Equal(["G06Q10/04", "G06Q50/06"], formula.Ipc);
        Assert.Contains("CN104933742A", records.Keys);
    }

    [Fact]
    public void Overseas_cnki_rows_are_records_of_their_own_office()
    {
        var records = Read("cnki-mathml-and-overseas-6.xls", out _, out _);

        var taiwan = records["TWI841306"];
        Assert.Equal("TW", taiwan.Office);
        Assert.Equal(["国立中山大学"], taiwan.Applicants);
        Assert.Null(taiwan.Region);
        Assert.All(records.Values.Where(r => r.Id.StartsWith("CN", StringComparison.Ordinal)), r => Assert.Equal("CN", r.Office));
    }

    [Fact]
    public void A_binary_xls_workbook_is_unreadable_with_a_reason_not_a_crash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"patentnav-biff-{Guid.NewGuid():N}.xls");
        File.WriteAllBytes(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        try
        {
            var results = SourceReaders.ReadAll([path], CancellationToken.None).ToList();
            var unreadable = Assert.IsType<SourceReadResult.Unreadable>(Assert.Single(results));
            Assert.Contains(".xlsx", unreadable.Value.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_patentics_workbook_with_addresses_gives_each_applicant_a_region_from_the_address()
    {
        var records = Read("patentics-thundersoft-20.xlsx", out var unreadable, out var rejected);
        Assert.Equal((20, 0, 0), (records.Count, unreadable, rejected));
        Assert.All(records.Values, r => Assert.NotEmpty(r.Ipc));
        Assert.Contains(records.Values, r => r.Region?.ProvinceCode is not null);
    }
}
