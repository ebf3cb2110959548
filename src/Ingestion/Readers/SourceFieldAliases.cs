using System.Collections.Frozen;
using System.Text;
using PatentNav.Core.Ingestion;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// The one table from source field names (JSON members, CSV/XLSX headers of CNIPA, incoPat and Patsnap exports) to
/// canonical names. Within a field, aliases are listed in order of preference: when a source has several columns for
/// the same field (申请人 and 当前权利人), a record takes the first of them that holds a value.
/// </summary>
internal static class SourceFieldAliases
{
    private static readonly (string Field, string[] Aliases)[] Table =
    [
        (SourceFields.Id, []),
        (SourceFields.PublicationNumber, ["pub_no", "公开(公告)号", "公开公告号", "公开号", "Publication No", "PubNo-公开号"]),
        (SourceFields.Office, ["公开国别", "公开国", "受理局", "Publication Country"]),
        (SourceFields.ApplicationNumber, ["申请号", "Application No"]),
        (SourceFields.GrantNumber, ["授权公告号", "授权号"]),
        (SourceFields.Type, ["专利类型", "类型", "Patent Type"]),
        (SourceFields.KindCode, []),
        // 授权名称 (title as granted) only fills in when an export has no application title.
        // incoPat labels the language (标题 (中文)); CNKI joins English and Chinese (Title-题名).
        (SourceFields.Title, ["标题", "标题 (中文)", "名称", "专利名称", "发明名称", "题名", "Title-题名", "授权名称"]),
        (SourceFields.Abstract, ["摘要", "摘要 (中文)", "申请摘要", "Summary-摘要"]),
        // Full claims first; 主权项 / 首项权利要求 hold only the first claim.
        (SourceFields.Claims, ["权利要求书", "权利要求", "主权项", "首项权利要求", "Claims-主权项"]),
        (SourceFields.Description, ["说明书"]),
        // Patentics: 国际分类 (codes joined by " | ", padded "G06F  3/01"); CNKI puts IPC codes in its 中图分类号 column.
        (SourceFields.Ipc, ["ipc_subclasses", "IPC分类号", "分类号", "国际分类", "中图分类号", "CLC-中图分类号"]),
        // Not Patentics' 国际主分类: it holds the subclass only, coarser than the first code of 国际分类, which then serves as main.
        (SourceFields.MainIpc, ["主分类号", "IPC主分类", "IPC主分类号"]),
        // Original applicants before current right holders: identity facets should not move with assignments.
        (SourceFields.Applicants, ["申请人", "申请(专利权)人", "专利权人", "Applicant", "Applicant-申请人", "当前申请(专利权)人", "当前权利人"]),
        (SourceFields.Inventors, ["发明人", "发明(设计)人", "Inventor", "Author-作者", "当前发明人"]),
        (SourceFields.Address, ["申请人地址", "地址", "第一申请人地址", "Applicant Address", "通信地址"]),
        // A code (国省代码) or a name (CNKI's 国省名称 广东省; Patentics' 省市).
        (SourceFields.ProvinceHint, ["国省代码", "国省名称", "CountryName-国省名称", "省市"]),
        (SourceFields.ApplicationDate, ["申请日", "Filing Date"]),
        (SourceFields.PublicationDate, ["公开日", "公开(公告)日", "公开公告日", "公开/公告日", "公开日期", "PubTime-公开日期"]),
        (SourceFields.GrantDate, ["授权公告日", "授权日"]),
        (SourceFields.Priority, ["优先权", "优先权号", "Priority Number"]),
        (SourceFields.PriorityDate, ["优先权日"]),
        // incoPat's 专利有效性 (有效/无效/审中) when an export has no status column.
        (SourceFields.LegalStatus, ["法律状态", "当前法律状态", "简单法律状态", "legalStatusText", "专利有效性"]),
        (SourceFields.Agency, ["专利代理机构", "代理机构", "当前专利代理机构"]),
        (SourceFields.Keyphrases, ["关键词", "keywords"]),
        (SourceFields.Synthetic, []),
    ];

    /// <summary>Fields whose cells hold several values joined by a separator.</summary>
    private static readonly FrozenSet<string> MultiValue = FrozenSet.Create(
        StringComparer.Ordinal, SourceFields.Applicants, SourceFields.Inventors, SourceFields.Ipc, SourceFields.Keyphrases);

    private static readonly FrozenSet<string> Dates = FrozenSet.Create(
        StringComparer.Ordinal, SourceFields.ApplicationDate, SourceFields.PublicationDate, SourceFields.GrantDate, SourceFields.PriorityDate);

    private static readonly FrozenDictionary<string, FieldTarget> Lookup = BuildLookup();

    private static readonly char[] ValueSeparators = [';', '；', '|'];

    /// <summary>The canonical field for a source name, or null for a name we do not know.</summary>
    public static FieldTarget? Find(string sourceName) =>
        Lookup.TryGetValue(NormalizeName(sourceName), out var target) ? target : null;

    public static bool IsMultiValue(string field) => MultiValue.Contains(field);

    public static bool IsDate(string field) => Dates.Contains(field);

    /// <summary>
    /// Splits a multi-value cell (<c>发明人01;发明人02</c>, <c>A01M|G06F</c>) on <c>;</c> <c>；</c> <c>|</c>;
    /// the pieces are trimmed because the separators are often followed by a space. Other fields keep their text verbatim.
    /// </summary>
    public static IEnumerable<string> SplitValue(string field, string value) =>
        IsMultiValue(field)
            ? value.Split(ValueSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [value];

    /// <summary>
    /// Lookup key of a name: NFKC folds full-width brackets, letters and spaces (（公告） → (公告)); then BOM, case,
    /// spaces, underscores, hyphens and dots are dropped, so <c>Publication Number</c>, <c>publication_number</c> and
    /// <c>publicationNumber</c> meet.
    /// </summary>
    internal static string NormalizeName(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is '\uFEFF' or '_' or '-' or '.' || char.IsWhiteSpace(c))
            {
                continue;
            }
            key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }

    private static FrozenDictionary<string, FieldTarget> BuildLookup()
    {
        var lookup = new Dictionary<string, FieldTarget>(StringComparer.Ordinal);
        foreach (var (field, aliases) in Table)
        {
            // The canonical name itself always ranks first: it also covers the English export headers
            // ("Title", "Application Number", "Legal Status") once spaces and case are folded.
            string[] names = [field, .. aliases];
            for (var i = 0; i < names.Length; i++)
            {
                var key = NormalizeName(names[i]);
                if (!lookup.TryAdd(key, new FieldTarget(field, i)))
                {
                    throw new InvalidOperationException($"Alias '{names[i]}' is listed for both {lookup[key].Field} and {field}.");
                }
            }
        }
        return lookup.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>A canonical field and the preference rank of the source name that led to it (0 = most preferred).</summary>
internal readonly record struct FieldTarget(string Field, int Rank);

/// <summary>
/// Collects the values of one record: per canonical field, the values from the most preferred source name that
/// holds any non-blank value. Shared by every reader so they all resolve competing columns the same way.
/// </summary>
internal sealed class FieldCollector
{
    private readonly Dictionary<string, (int Rank, List<string> Values)> _fields = new(StringComparer.Ordinal);

    /// <summary>Offers one raw value (a cell, a JSON string or array item) found under a source name of the given rank.</summary>
    public void Offer(FieldTarget target, string value)
    {
        foreach (var piece in SourceFieldAliases.SplitValue(target.Field, value))
        {
            // Blank values carry nothing and must not hide a less preferred column that has a value.
            if (string.IsNullOrWhiteSpace(piece))
            {
                continue;
            }
            if (_fields.TryGetValue(target.Field, out var current))
            {
                if (current.Rank < target.Rank)
                {
                    continue;
                }
                if (current.Rank > target.Rank)
                {
                    current = (target.Rank, []);
                    _fields[target.Field] = current;
                }
                current.Values.Add(piece);
            }
            else
            {
                _fields[target.Field] = (target.Rank, [piece]);
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFields() =>
        _fields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.Values, StringComparer.Ordinal);
}
