using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Regions;

namespace PatentNav.Core.Tests.Normalization;

public class PatentRecordBuilderTests
{
    // patents/kppatent-tac.jsonl, the whole line of CN111185648A: a description paragraph follows the page header in the claims.
    private const string KpTacLine = """{"id": "CN111185648A", "pub_no": "CN111185648A", "title": "双面坡口开设方法", "abstract": "本申请公开了双面坡口开设方法，包括将两台气割装置活动安装在轨道上，其中一台气割装置的喷火枪头倾斜朝内，另一台气割装置的喷火枪头倾斜朝外；喷火枪头喷射火焰，控制两台气割装置的在轨道上移动，对板材侧边进行双面坡口切割。本申请通过设置两台活动安装在轨道上的气割装置，能够对坡口的双面同时进行切割，切割效率高，且同时进行双面坡口的开设，能够保证焊缝的质量及精度，节约人力物力。", "claims": "1.一种双面坡口开设方法，其特征在于，将两台气割装置活动安装在轨道上，其中一台气割装置的喷火枪头倾斜朝内，另一台气割装置的喷火枪头倾斜朝外；喷火枪头喷射火焰，控制两台气割装置的在轨道上移动，对板材侧边进行双面坡口切割。CN111185648A说明书1/3页[0001]本申请是申请日为2017年07月21日，申请号为201710600905.6,发明名称为“双面坡口开设方法及装置\"的分案申请。", "keyphrases": ["丝杆", "割嘴", "螺杆", "杆", "导轨", "滑槽", "两个", "切割", "坡口", "两面", "面", "咀", "上", "割", "开", "双面", "滑轨", "滑道", "螺纹", "下面", "轨道", "正反面", "切", "割炬", "丝杠"]}""";

    // patents/kppatent-tac.jsonl, KP-TAC-0017: no publication number, figure-label debris "200" in front of the abstract.
    private const string KpTacNoNumberLine = """{"id": "KP-TAC-0017", "pub_no": null, "title": "管理车辆的方法和装置", "abstract": "200一种管理车辆(600)的方法(200)和装置(500)。该方法(200)包括：获取车辆(600)的模式标识信息，该模式标识信息指示该车辆(600)处于共享模式或专用模式，该共享模式表示该车辆(600)允许被不同用户共同使用，该专用模式表示该车辆(600)只允许被单一用户使用(S210);根据该模式标识信息，对该车辆(600)进行调度(S220)。", "claims": "", "keyphrases": ["共享", "出租", "调度", "车", "合来", "租赁", "管理"]}""";

    // formats/cnipa-export-sample.csv, row 10 (序号 10), the columns a CNIPA reader maps, by hand.
    private static Dictionary<string, string> CnipaRow10() => new()
    {
        [SourceFields.ApplicationDate] = "20221102",
        [SourceFields.PublicationDate] = "20230331",
        [SourceFields.GrantDate] = "20240405",
        [SourceFields.Applicants] = "中科大数据研究院",
        [SourceFields.Inventors] = "发明人25;发明人26;发明人27;发明人05",
        [SourceFields.ApplicationNumber] = "CN202211359874.7",
        [SourceFields.PublicationNumber] = "CN115883397A",
        [SourceFields.GrantNumber] = "CN115883397B",
        [SourceFields.Type] = "发明公开;发明授权",
        [SourceFields.Title] = "一种web端数据通用采集方法",
        [SourceFields.Abstract] = "本发明公开了一种web端数据通用采集方法，涉及数据挖掘技术领域，一共包括五个步骤，首先配置服务信息完成初始化配置，其次创建驱动窗口远程启动任务实例，接着建立与服务端的请求连接，以转发响应内容供数据远程调度，最后信息获取完成断开会话窗口即可。本发明所述数据采集方法不仅降低了web端数据采集难度，具有较强的通用性，整个采集过程较为简单，也进一步提高了用户数据采集的效率。",
        [SourceFields.Claims] = "1.一种web端数据通用采集方法，其特征在于，包括以下步骤：步骤一：配置驱动实例的环境信息，创建持久化容器Sqlite数据库，同时创建任务表记录采集任务，开启web服务，暴露出create、xhr和close三个接口，完成服务初始化配置；步骤二：本地根据三个接口创建驱动窗口，远程启动任务实例；步骤三：遍历任务队列，获取任务表中所有子任务信息，并通过xhr接口传递子任务、session_id和process_url以建立请求连接，使驱动访问目标网页，驱动在初始页面中对子任务链接发起xhr请求，实现网站内部环境的请求；步骤四：服务端从请求对象xhr接口异步提取响应内容，并将响应内容ResponseText打包为Json格式通过xhr接口返回客户端，客户端接收到数据后结束本次子任务的数据采集，同时对采集成功的数据进行解析和存储，之后等待新的响应内容；步骤五：待任务表中任务全部执行完成，通过服务端实现远程关闭任务实例的会话窗口，同时删除数据库中的任务记录释放驱动内存。",
        [SourceFields.Address] = "450000河南省郑州市郑东新区中道东路6号创意岛大厦8层",
        [SourceFields.LegalStatus] = "有权-审定授权",
        [SourceFields.MainIpc] = "H04L43/02",
        [SourceFields.Ipc] = "H04L43/02;H04L9/40;H04L67/025",
        [SourceFields.ProvinceHint] = "河南(41)",
        [SourceFields.Agency] = "郑州明华专利代理事务所（普通合伙）",
        [SourceFields.Priority] = "",
        [SourceFields.PriorityDate] = "",
    };

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static PatentRecordBuilder Builder() => new(RegionResolver.Default, new FixedClock(Now));

    private static SourceRecord FromFields(IDictionary<string, string> fields, long line = 11) => new(
        new SourceLocation("cnipa-export-sample.csv", line),
        string.Join(",", fields.Values),
        fields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)[f.Value]));

    // What the JSONL reader hands over for a kppatent-tac line: pub_no is the publication number.
    private static SourceRecord FromKpTac(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        var fields = new Dictionary<string, IReadOnlyList<string>>
        {
            [SourceFields.Id] = [json.GetProperty("id").GetString()!],
            [SourceFields.Title] = [json.GetProperty("title").GetString()!],
            [SourceFields.Abstract] = [json.GetProperty("abstract").GetString()!],
            [SourceFields.Claims] = [json.GetProperty("claims").GetString()!],
            [SourceFields.Keyphrases] = [.. json.GetProperty("keyphrases").EnumerateArray().Select(k => k.GetString()!)],
        };
        if (json.GetProperty("pub_no").GetString() is { } pubNo)
        {
            fields[SourceFields.PublicationNumber] = [pubNo];
        }
        return new SourceRecord(new SourceLocation("kppatent-tac.jsonl", 1), line, fields);
    }

    private static PatentRecord BuildKept(SourceRecord source)
    {
        var outcome = Builder().Build(source);
        Assert.Null(outcome.QuarantineReason);
        return Assert.IsType<PatentRecord>(outcome.Record);
    }

    [Fact]
    public void KPPatent_record_moves_the_description_out_of_the_claims_and_drops_the_page_header()
    {
        var record = BuildKept(FromKpTac(KpTacLine));

        Assert.Equal("CN111185648A", record.Id);
        Assert.Equal("CN111185648A", record.PublicationNumber);
        Assert.Equal(PatentType.Invention, record.Type);
        Assert.Equal("A", record.KindCode);
        Assert.Equal("双面坡口开设方法", record.Title);
        Assert.EndsWith("对板材侧边进行双面坡口切割。", record.Claims, StringComparison.Ordinal);
        Assert.DoesNotContain("说明书", record.Claims, StringComparison.Ordinal);
        Assert.StartsWith("[0001]本申请是申请日为2017年07月21日", record.Description, StringComparison.Ordinal);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.DescriptionMovedOutOfClaims);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.PageFooterRemoved);
        Assert.Equal(1, Assert.Single(record.ClaimTree!.Claims).Number);
        Assert.Contains("割炬", record.Keyphrases);
        Assert.Equal(new SourceLocation("kppatent-tac.jsonl", 1), record.Source);
        Assert.False(record.Synthetic);
    }

    [Fact]
    public void KPPatent_record_without_publication_number_keeps_its_source_id_and_loses_the_figure_label()
    {
        var record = BuildKept(FromKpTac(KpTacNoNumberLine));

        Assert.Equal("KP-TAC-0017", record.Id);
        Assert.Null(record.PublicationNumber);
        Assert.StartsWith("一种管理车辆(600)的方法(200)", record.Abstract, StringComparison.Ordinal);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.FigureLabelRemoved);
        Assert.Null(record.Claims);
        Assert.Null(record.ClaimTree);
    }

    [Fact]
    public void CNIPA_export_row_maps_every_field()
    {
        var record = BuildKept(FromFields(CnipaRow10()));

        Assert.Equal("CN115883397A", record.Id);
        Assert.Equal("202211359874.7", record.ApplicationNumber);
        Assert.Equal("CN115883397B", record.GrantNumber);
        Assert.Equal(PatentType.Invention, record.Type);
        Assert.Equal("H04L43/02", record.MainIpc);
        Assert.Equal(["H04L43/02", "H04L9/40", "H04L67/025"], record.Ipc);
        Assert.Equal(new DateOnly(2022, 11, 2), record.ApplicationDate);
        Assert.Equal(new DateOnly(2023, 3, 31), record.PublicationDate);
        Assert.Equal(new DateOnly(2024, 4, 5), record.GrantDate);
        Assert.Equal(["中科大数据研究院"], record.Applicants);
        Assert.Equal(["发明人25", "发明人26", "发明人27", "发明人05"], record.Inventors);
        Assert.Equal(LegalState.InForce, record.LegalState);
        Assert.Equal("有权-审定授权", record.LegalStatusText);
        Assert.Equal("郑州明华专利代理事务所（普通合伙）", record.Agency);
        Assert.Equal("410000", record.Region?.ProvinceCode);
        Assert.Equal("410100", record.Region?.CityCode);
        Assert.Equal(1, Assert.Single(record.ClaimTree!.Claims).Number);
        Assert.Empty(record.Priorities);
        Assert.Empty(record.Issues);
    }

    [Fact]
    public void Main_IPC_comes_first_even_when_the_list_starts_elsewhere()
    {
        var row = CnipaRow10();
        row[SourceFields.Ipc] = "H04L9/40；H04L43/02；H04L67/025";

        var record = BuildKept(FromFields(row));

        Assert.Equal(["H04L43/02", "H04L9/40", "H04L67/025"], record.Ipc);
    }

    [Fact]
    public void Without_a_main_IPC_the_first_listed_symbol_is_main()
    {
        var row = CnipaRow10();
        row.Remove(SourceFields.MainIpc);

        Assert.Equal("H04L43/02", BuildKept(FromFields(row)).MainIpc);
    }

    [Fact]
    public void Utility_model_row_takes_its_type_from_the_kind_code()
    {
        // Row 1: 公开号 CN218751475U, 专利类型 实用新型.
        var row = CnipaRow10();
        row[SourceFields.PublicationNumber] = "CN218751475U";
        row[SourceFields.ApplicationNumber] = "CN202223220665.2";
        row[SourceFields.Type] = "实用新型";

        var record = BuildKept(FromFields(row));

        Assert.Equal(PatentType.UtilityModel, record.Type);
        Assert.Equal("U", record.KindCode);
    }

    [Fact]
    public void Wrong_check_digit_keeps_the_record_and_flags_it()
    {
        var row = CnipaRow10();
        row[SourceFields.ApplicationNumber] = "CN202211359874.8";

        var record = BuildKept(FromFields(row));

        Assert.Equal("202211359874.8", record.ApplicationNumber);
        var issue = Assert.Single(record.Issues);
        Assert.Equal(RecordIssueCodes.CheckDigitMismatch, issue.Code);
        Assert.Contains("expected 7", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_date_and_garbage_IPC_are_flagged_and_dropped()
    {
        var row = CnipaRow10();
        row[SourceFields.GrantDate] = "20201345";
        row[SourceFields.Ipc] = "H04L43/02;见附页;H04L67/025";

        var record = BuildKept(FromFields(row));

        Assert.Null(record.GrantDate);
        Assert.Equal(["H04L43/02", "H04L67/025"], record.Ipc);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.InvalidDate && i.Message.StartsWith(SourceFields.GrantDate, StringComparison.Ordinal));
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.InvalidIpc && i.Message.Contains("见附页", StringComparison.Ordinal));
    }

    [Fact]
    public void Grant_date_zero_means_not_granted()
    {
        // Row 8 (CN116245100A, 审中-实质审查) has 授权公告日 = 0.
        var row = CnipaRow10();
        row[SourceFields.GrantDate] = "0";
        row[SourceFields.GrantNumber] = "";
        row[SourceFields.LegalStatus] = "审中-实质审查";

        var record = BuildKept(FromFields(row));

        Assert.Null(record.GrantDate);
        Assert.Null(record.GrantNumber);
        Assert.Equal(LegalState.Pending, record.LegalState);
        Assert.Empty(record.Issues);
    }

    [Fact]
    public void Record_without_publication_number_or_id_is_quarantined()
    {
        var row = CnipaRow10();
        row[SourceFields.PublicationNumber] = "";

        var outcome = Builder().Build(FromFields(row));

        Assert.Null(outcome.Record);
        Assert.Equal("missing identity: no publication number and no source id", outcome.QuarantineReason);
    }

    [Fact]
    public void Record_without_any_text_is_quarantined()
    {
        var row = CnipaRow10();
        row[SourceFields.Title] = "";
        row[SourceFields.Abstract] = " ";
        row[SourceFields.Claims] = "";

        var outcome = Builder().Build(FromFields(row));

        Assert.Null(outcome.Record);
        Assert.StartsWith("no text", outcome.QuarantineReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pasted_number_forms_are_normalised_before_they_become_the_identity()
    {
        var row = CnipaRow10();
        row[SourceFields.PublicationNumber] = "cn 115883397 a";
        row[SourceFields.ApplicationNumber] = "2022113598747";

        var record = BuildKept(FromFields(row));

        Assert.Equal("CN115883397A", record.Id);
        Assert.Equal("202211359874.7", record.ApplicationNumber);
    }

    [Fact]
    public void Five_megabyte_title_is_cut_and_flagged()
    {
        var row = CnipaRow10();
        row[SourceFields.Title] = string.Concat(Enumerable.Repeat("一种web端数据通用采集方法", 5 * 1024 * 1024 / 15));

        var record = BuildKept(FromFields(row));

        Assert.Equal(PatentRecordBuilder.MaxTitleLength, record.Title!.Length);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.TextTruncated && i.Message.StartsWith(SourceFields.Title, StringComparison.Ordinal));
    }

    [Fact]
    public void Oversized_applicant_cannot_become_an_immense_keyword()
    {
        var row = CnipaRow10();
        row[SourceFields.Applicants] = "中科大数据研究院;" + new string('院', 5 * 1024 * 1024);

        var record = BuildKept(FromFields(row));

        Assert.Equal("中科大数据研究院", record.Applicants[0]);
        Assert.Equal(PatentRecordBuilder.MaxShortFieldLength, record.Applicants[1].Length);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.TextTruncated && i.Message.StartsWith(SourceFields.Applicants, StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_title_is_taken_from_the_description_page_that_ran_into_the_claims()
    {
        // kppatent-tac.jsonl, CN112204837A: empty title; claims end with the first description page (shortened at …).
        var fields = new Dictionary<string, string>
        {
            [SourceFields.PublicationNumber] = "CN112204837A",
            [SourceFields.Title] = "",
            [SourceFields.Claims] = "1.一种制造用于管道的内管的方法，…以及将所述第三对粘合剂条连接到所述第一对粘合剂条和所述第二对粘合剂条。CN112204837A说明书1/2页制造用于管道的内管的方法[0001]相关申请的交叉引用[0002]本申请要求于2018年6月12日申请的第62/683,755号美国临时专利申请的优先权，所述临时专利申请以引用的方式并入本文中。",
        };

        var record = BuildKept(FromFields(fields));

        Assert.Equal("制造用于管道的内管的方法", record.Title);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.TitleFromDescription);
        Assert.StartsWith("[0001]相关申请的交叉引用", record.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Cover_page_title_and_abstract_running_into_claims_are_repaired_and_counted()
    {
        // kppatent-tac.jsonl, CN108018719A's title and CN110901400A's abstract (cut after claim 2) in one record.
        var fields = new Dictionary<string, string>
        {
            [SourceFields.PublicationNumber] = "CN110901400A",
            [SourceFields.Title] = "权利要求书1页说明书3页一种水分散性短切碳纤维及其制备方法",
            [SourceFields.Abstract] = "本发明涉及集电靴碳滑板领域，具体涉及集电靴碳滑板及其制备方法和电力车。本发明的粘接工艺简单。CN110901400A权利要求书1/2页1.一种集电靴碳滑板，其特征在于，该集电靴碳滑板包括金属支架，位于所述金属支架表面并与所述金属支架一体的导电金属层。2.根据权利要求1所述的集电靴碳滑板，其中，所述孔隙包括贯穿所述导电金属层的孔隙。",
            [SourceFields.Claims] = "13.根据权利要求8所述的方法，其中，步骤(2)中，得到的集电靴碳滑板中，所述金属支架和所述碳滑板之间的连接强度在7MPa以上。",
        };

        var record = BuildKept(FromFields(fields));

        Assert.Equal("一种水分散性短切碳纤维及其制备方法", record.Title);
        Assert.Equal("本发明涉及集电靴碳滑板领域，具体涉及集电靴碳滑板及其制备方法和电力车。本发明的粘接工艺简单。", record.Abstract);
        Assert.StartsWith("1.一种集电靴碳滑板", record.Claims, StringComparison.Ordinal);
        Assert.Contains("13.根据权利要求8所述的方法", record.Claims, StringComparison.Ordinal);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.CoverPageRemoved);
        Assert.Contains(record.Issues, i => i.Code == RecordIssueCodes.AbstractRunIntoClaims);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
