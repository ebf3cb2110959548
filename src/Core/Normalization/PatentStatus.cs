using PatentNav.Core.Model;

namespace PatentNav.Core.Normalization;

/// <summary>Maps the legal-status and patent-type texts of CNIPA exports onto the model's enums.</summary>
public static class PatentStatus
{
    // Checked in this order: a lapse word wins over the 授权 that often precedes it in event histories.
    // 无效 alone is Patentics' and incoPat's word for invalidated or lapsed; 部分无效 is caught before these.
    private static readonly string[] NotInForceWords = ["未缴年费", "期限届满", "届满", "驳回", "撤回", "放弃", "全部无效", "无效", "失效", "终止"];
    private static readonly string[] PendingWords = ["实质审查", "审查", "公开", "受理"];
    private static readonly string[] InForceWords = ["授权", "有效", "部分无效"];

    /// <summary>
    /// 有权… InForce, 审中… Pending, 无权… NotInForce by the CNIPA prefix; without one, by the event words
    /// (未缴年费终止, 期限届满, 驳回, 撤回, 放弃 → NotInForce; 实质审查, 公开 → Pending; 授权 → InForce).
    /// </summary>
    public static LegalState LegalStateOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LegalState.Unknown;
        }
        var status = text.Trim();
        if (status.StartsWith("有权", StringComparison.Ordinal))
        {
            return LegalState.InForce;
        }
        if (status.StartsWith("审中", StringComparison.Ordinal))
        {
            return LegalState.Pending;
        }
        if (status.StartsWith("无权", StringComparison.Ordinal))
        {
            return LegalState.NotInForce;
        }
        // 部分无效 (partly invalidated) leaves the patent in force, so it must not hit the lapse words.
        if (status.Contains("部分无效", StringComparison.Ordinal))
        {
            return LegalState.InForce;
        }
        if (NotInForceWords.Any(w => status.Contains(w, StringComparison.Ordinal)))
        {
            return LegalState.NotInForce;
        }
        if (PendingWords.Any(w => status.Contains(w, StringComparison.Ordinal)))
        {
            return LegalState.Pending;
        }
        if (InForceWords.Any(w => status.Contains(w, StringComparison.Ordinal)))
        {
            return LegalState.InForce;
        }
        return status.All(char.IsAsciiLetter) && Enum.TryParse<LegalState>(status, ignoreCase: true, out var named) ? named : LegalState.Unknown;
    }

    /// <summary>
    /// 发明公开, 发明授权, 发明公开;发明授权 → Invention; 实用新型 → UtilityModel; 外观设计 → Design; the enum names of the
    /// canonical format are accepted too.
    /// </summary>
    public static PatentType TypeOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PatentType.Unknown;
        }
        var type = text.Trim();
        if (type.Contains("实用新型", StringComparison.Ordinal))
        {
            return PatentType.UtilityModel;
        }
        if (type.Contains("外观", StringComparison.Ordinal))
        {
            return PatentType.Design;
        }
        if (type.Contains("发明", StringComparison.Ordinal))
        {
            return PatentType.Invention;
        }
        var compact = type.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return compact.All(char.IsAsciiLetter) && Enum.TryParse<PatentType>(compact, ignoreCase: true, out var named) ? named : PatentType.Unknown;
    }
}
