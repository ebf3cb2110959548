using PatentNav.Core.Claims;
using PatentNav.Core.Infringement;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Valuation;

/// <summary>One documented indicator: its value (null when the data does not have it, never a guess) and what it means.</summary>
public sealed record ValueIndicator(string Id, string Name, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] object? Value, string? Unit, string Definition);

/// <summary>
/// Indicators for transfer, licensing and pledge loans (措施七、十): facts an appraiser reads, each with its definition.
/// No combined score: a number nobody can take apart is what the measures warn against.
/// </summary>
public static class ValueIndicators
{
    public static IReadOnlyList<ValueIndicator> Of(PatentRecord record, DateOnly today)
    {
        var enforceability = Enforceability.Of(record, today);
        var tree = record.ClaimTree is { Claims.Count: > 0 } t ? t : string.IsNullOrWhiteSpace(record.Claims) ? null : ClaimTreeParser.Parse(record.Claims);
        var claims = tree?.Claims ?? [];
        var independent = claims.Where(c => c.IsIndependent).ToList();
        var subclasses = record.Ipc.Where(c => c.Length >= 4).Select(c => c[..4]).Distinct(StringComparer.Ordinal).Count();
        var groups = record.Ipc.Select(c => c.Split('/')[0]).Distinct(StringComparer.Ordinal).Count();
        double? remaining = enforceability.InForce != false && enforceability.Expiry is { } end && end >= today
            ? Math.Round((end.DayNumber - today.DayNumber) / 365.25, 1)
            : enforceability.InForce == false ? 0 : null;
        double? age = record.ApplicationDate is { } filed ? Math.Round((today.DayNumber - filed.DayNumber) / 365.25, 1) : null;
        var kinds = record.Applicants.Select(a => ApplicantKind.Label(ApplicantKind.Of(a))).Distinct(StringComparer.Ordinal).ToList();
        var claimsComplete = claims.Count > 1 || (claims.Count == 1 && (record.Claims?.Length ?? 0) >= 2_000);
        return
        [
            new("remainingTerm", "剩余保护期", remaining, "年",
                "届满日（申请日起发明 20 年、实用新型 10 年、外观设计 15/10 年）减今天，已失效或已届满为 0；授权或申请日未知时为空。不含专利权期限补偿。"),
            new("legalStatus", "法律状态", enforceability.Code, null,
                "in_force 有效；in_force_unverified 已授权且在保护期内但数据无法律状态，须核实；application 尚未授权；expired 届满；lapsed 失效；unknown 无法判断。" + enforceability.Note),
            new("type", "专利类型", record.Type switch { PatentType.Invention => "发明", PatentType.UtilityModel => "实用新型", PatentType.Design => "外观设计", _ => "未知" }, null,
                "发明经实质审查，实用新型与外观设计不经实质审查，稳定性通常低于发明。"),
            new("age", "申请至今", age, "年", "今天减申请日。"),
            new("claimCount", "权利要求项数", claims.Count == 0 ? null : claimsComplete ? claims.Count : null, "项",
                claimsComplete ? "权利要求书中编号的权利要求数。" : "数据仅含权利要求 1（如 CNKI 的主权项）或无权利要求，项数未知。"),
            new("independentClaims", "独立权利要求数", claims.Count == 0 || !claimsComplete ? null : independent.Count, "项",
                "不引用其他权利要求的权利要求数：多个独立权利要求通常覆盖产品、方法等不同类型。"),
            new("firstClaimLength", "权利要求 1 字数", independent.FirstOrDefault() is { } first ? first.Text.Length : null, "字",
                "权利要求 1 的字符数：技术特征越少、字数越短，保护范围通常越宽（仅作参考）。"),
            new("ipcSubclasses", "IPC 小类数", record.Ipc.Count == 0 ? null : subclasses, "个", "分类号覆盖的不同 IPC 小类（如 H01M）数，反映技术覆盖面。"),
            new("ipcGroups", "IPC 大组数", record.Ipc.Count == 0 ? null : groups, "个", "分类号覆盖的不同 IPC 大组（如 H01M10）数。"),
            new("applicants", "申请人数", record.Applicants.Count == 0 ? null : record.Applicants.Count, "个", "共同申请人越多，许可与转让越需各方同意（专利法第十四条）。"),
            new("applicantKinds", "申请人类型", kinds.Count == 0 ? null : string.Join("、", kinds), null, "企业、大专院校、科研单位、医疗机构、机关团体或个人，按名称判断。"),
            new("citations", "被引次数", null, "次", "数据（导出文件）不含引证信息，未计算。"),
            new("familySize", "同族数量", null, "件", "数据不含同族信息，未计算。"),
        ];
    }
}
