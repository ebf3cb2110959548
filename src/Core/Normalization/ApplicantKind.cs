using System.Text.RegularExpressions;

namespace PatentNav.Core.Normalization;

/// <summary>
/// What kind of body an applicant is, as landscape tools classify 申请人类型: 企业, 大专院校, 科研单位, 医疗机构, 机关团体,
/// 个人. Read from the name alone: a name that says none of them is <see cref="Other"/>, never guessed.
/// </summary>
public static partial class ApplicantKind
{
    public const string Enterprise = "enterprise";
    public const string University = "university";
    public const string Institute = "institute";
    public const string Hospital = "hospital";
    public const string Government = "government";
    public const string Individual = "individual";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Enterprise, University, Institute, Hospital, Government, Individual, Other];

    /// <summary>A kind from its code or its Chinese label (企业, 大专院校, 高校 …); null when it is neither.</summary>
    public static string? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        Enterprise or "企业" or "公司" => Enterprise,
        University or "大专院校" or "高校" or "大学" or "院校" => University,
        Institute or "科研单位" or "科研院所" or "研究机构" => Institute,
        Hospital or "医疗机构" or "医院" => Hospital,
        Government or "机关团体" or "机关" => Government,
        Individual or "个人" => Individual,
        Other or "其他" => Other,
        _ => null,
    };

    public static string Label(string kind) => kind switch
    {
        Enterprise => "企业",
        University => "大专院校",
        Institute => "科研单位",
        Hospital => "医疗机构",
        Government => "机关团体",
        Individual => "个人",
        _ => "其他",
    };

    /// <summary>
    /// The kind of one applicant name. The order matters: a name ending in a company form is an enterprise (…设计院有限公司),
    /// 中国科学院 contains 学院 but is an academy, 中山大学附属第一医院 is a hospital, and a legal form inside a name
    /// (…集团公司第七0三研究所) counts only when nothing else does.
    /// </summary>
    public static string Of(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Other;
        }
        if (EnterpriseEnd().IsMatch(text))
        {
            return Enterprise;
        }
        if (HospitalWord().IsMatch(text))
        {
            return Hospital;
        }
        if (InstituteWord().IsMatch(text))
        {
            return Institute;
        }
        if (UniversityWord().IsMatch(text))
        {
            return University;
        }
        // After the others: 中国船舶重工集团公司第七0三研究所 is an institute of a group, not the group.
        if (EnterpriseWord().IsMatch(text))
        {
            return Enterprise;
        }
        if (GovernmentWord().IsMatch(text))
        {
            return Government;
        }
        if (ChinesePerson().IsMatch(text) || WesternPerson().IsMatch(text))
        {
            return Individual;
        }
        return Other;
    }

    // 公司 at the end, or a legal form anywhere (有限公司 followed by a branch name: …有限公司北京分公司).
    [GeneratedRegex(@"(公司|厂|集团|株式会社|合作社|商行|工作室|事务所|经营部|门市部|加工坊)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnterpriseEnd();

    [GeneratedRegex(@"有限公司|有限责任公司|股份公司|集团公司|株式会社|(?i:\b(inc|ltd|llc|l\.l\.c|gmbh|corp|corporation|co|company|limited|plc|ag|s\.a|spa|s\.p\.a|bv|b\.v|nv|n\.v|kk|kabushiki|kaisha|technologies|enterprises|industries|holdings)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex EnterpriseWord();

    [GeneratedRegex(@"医院|卫生院|保健院|妇幼保健|(?i:\bhospital\b)", RegexOptions.CultureInvariant)]
    private static partial Regex HospitalWord();

    [GeneratedRegex(@"科学院|研究院|研究所|研究中心|研究总院|实验室|工程院|设计院|科研院|(?i:research institute|\blaborator(y|ies)\b|academy of sciences|\bresearch (center|centre)\b|fraunhofer|\bcnrs\b)", RegexOptions.CultureInvariant)]
    private static partial Regex InstituteWord();

    [GeneratedRegex(@"大学|学院|学校|高等专科|职业技术|(?i:\buniversit|\bcollege\b|institute of technology|\bschool\b|universidad|universit[ée])", RegexOptions.CultureInvariant)]
    private static partial Regex UniversityWord();

    [GeneratedRegex(@"局$|委员会|人民政府|政府|协会|学会|基金会|部队|管理处|推广站|监测站|管理站|办公室|管委会|(?i:\bministry\b|\bagency\b|\bgovernment\b|\bcommission\b|\bfoundation\b)", RegexOptions.CultureInvariant)]
    private static partial Regex GovernmentWord();

    // Two to four Han characters (a 复姓 with a two-character given name is four), or a transliterated name with · (R·J·戴特).
    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{2,4}$|^[\p{IsCJKUnifiedIdeographs}A-Za-z]{1,8}(·[\p{IsCJKUnifiedIdeographs}A-Za-z]{1,10}){1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChinesePerson();

    // Given name(s) and family name in Latin letters, or "FAMILY, Given" as databases write inventors.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z'\-\.]*(,?\s+[A-Za-z][A-Za-z'\-\.]*){1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex WesternPerson();
}
