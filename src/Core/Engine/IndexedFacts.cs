using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Core.Engine;

/// <summary>
/// What every engine indexes of a record besides its text, derived in one place so the embedded index and the cluster
/// count the same facts: IPC at every level, facet values, applicant keys, date keys, region codes.
/// </summary>
public sealed record IndexedFacts
{
    /// <summary>Claims as indexed: figure numerals stay in the stored claims for reading against drawings, but are not terms.</summary>
    public string? ClaimsText { get; init; }
    public IReadOnlyList<string> ApplicantKeys { get; init; } = [];
    /// <summary>The kinds of the applicants (<see cref="ApplicantKind"/>), each once, in applicant order.</summary>
    public IReadOnlyList<string> ApplicantKinds { get; init; } = [];
    /// <summary>Keys of the applicants that are universities or research institutes, each once.</summary>
    public IReadOnlyList<string> AcademicApplicantKeys { get; init; } = [];
    /// <summary>Inventor names as written, blanks dropped, each once.</summary>
    public IReadOnlyList<string> Inventors { get; init; } = [];
    /// <summary>Every level of every valid IPC code (H, H01, H01M, H01M10/00, H01M10/05), each once.</summary>
    public IReadOnlyList<string> IpcLevels { get; init; } = [];
    public IReadOnlyList<string> IpcSections { get; init; } = [];
    public IReadOnlyList<string> IpcClasses { get; init; } = [];
    public IReadOnlyList<string> IpcSubclasses { get; init; } = [];
    public IReadOnlyList<string> IpcMainGroups { get; init; } = [];
    /// <summary>Levels of the main IPC (the first code when none is marked main), and its full symbol.</summary>
    public IReadOnlyList<string> MainIpcLevels { get; init; } = [];
    public string? MainIpc { get; init; }
    /// <summary>Publication and grant numbers: either one finds the record.</summary>
    public IReadOnlyList<string> PublicationNumbers { get; init; } = [];
    public string Type { get; init; } = "";
    /// <summary>The publishing office, upper case; empty when unknown.</summary>
    public string Office { get; init; } = "";
    public string LegalState { get; init; } = "";
    /// <summary>yyyymmdd: sortable, range-searchable and readable in a debugger; null when the record has no date.</summary>
    public int? ApplicationDateKey { get; init; }
    public int? PublicationDateKey { get; init; }
    public int? ApplicationYear => ApplicationDateKey / 10000;
    public int? PublicationYear => PublicationDateKey / 10000;
    public IReadOnlyList<string> RegionCodes { get; init; } = [];

    public static int DateKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    public static IndexedFacts Of(PatentRecord record)
    {
        var levels = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sections = new List<string>();
        var classes = new List<string>();
        var subclasses = new List<string>();
        var groups = new List<string>();
        foreach (var symbol in record.Ipc)
        {
            if (IpcCode.Parse(symbol).Value is not { } code)
            {
                continue;
            }
            levels.AddRange(code.Levels.Where(seen.Add));
            AddOnce(sections, code.Section);
            AddOnce(classes, code.Class);
            AddOnce(subclasses, code.Subclass);
            AddOnce(groups, code.MainGroup);
        }
        var kinds = record.Applicants.Select(ApplicantKind.Of).ToList();
        var main = record.MainIpc ?? (record.Ipc.Count > 0 ? record.Ipc[0] : null);
        var mainCode = main is null ? null : IpcCode.Parse(main).Value;
        return new IndexedFacts
        {
            ClaimsText = record.Claims is null ? null : SourceArtefacts.RemoveFigureNumerals(record.Claims).Text,
            ApplicantKeys = [.. record.Applicants.Select(ApplicantName.ToKey)],
            ApplicantKinds = [.. kinds.Distinct(StringComparer.Ordinal)],
            AcademicApplicantKeys = [.. record.Applicants
                .Where((_, i) => kinds[i] is ApplicantKind.University or ApplicantKind.Institute)
                .Select(ApplicantName.ToKey)
                .Distinct(StringComparer.Ordinal)],
            Inventors = [.. record.Inventors.Where(i => !string.IsNullOrWhiteSpace(i) && !UndisclosedInventor(i)).Distinct(StringComparer.Ordinal)],
            IpcLevels = levels,
            IpcSections = sections,
            IpcClasses = classes,
            IpcSubclasses = subclasses,
            IpcMainGroups = groups,
            MainIpcLevels = mainCode?.Levels ?? [],
            MainIpc = mainCode?.Value,
            PublicationNumbers = [.. new[] { record.PublicationNumber, record.GrantNumber }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!)],
            Type = record.Type.ToString(),
            Office = record.Office ?? "",
            LegalState = record.LegalState.ToString(),
            ApplicationDateKey = record.ApplicationDate is { } ad ? DateKey(ad) : null,
            PublicationDateKey = record.PublicationDate is { } pd ? DateKey(pd) : null,
            RegionCodes = [.. new[] { record.Region?.ProvinceCode, record.Region?.CityCode, record.Region?.CountyCode }.Where(c => c is not null).Select(c => c!)],
        };
    }

    /// <summary>The facet values of a record for one facet field, as both engines count them.</summary>
    public IReadOnlyList<string> FacetValues(FacetField facet, PatentRecord record) => facet switch
    {
        FacetField.IpcSection => IpcSections,
        FacetField.IpcClass => IpcClasses,
        FacetField.IpcSubclass => IpcSubclasses,
        FacetField.IpcMainGroup => IpcMainGroups,
        FacetField.MainIpc => MainIpc is null ? [] : [MainIpc],
        FacetField.Type => [Type],
        FacetField.Office => Office.Length > 0 ? [Office] : [],
        FacetField.LegalState => [LegalState],
        FacetField.ApplicationYear => ApplicationYear is { } ay ? [ay.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)] : [],
        FacetField.PublicationYear => PublicationYear is { } py ? [py.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)] : [],
        FacetField.Applicant => [.. ApplicantKeys.Distinct(StringComparer.Ordinal)],
        FacetField.Province => record.Region?.ProvinceCode is { } p ? [p] : [],
        FacetField.City => record.Region?.CityCode is { } c ? [c] : [],
        FacetField.County => record.Region?.CountyCode is { } k ? [k] : [],
        FacetField.Inventor => Inventors,
        FacetField.ApplicantKind => ApplicantKinds,
        FacetField.AcademicApplicant => AcademicApplicantKeys,
        _ => [],
    };

    /// <summary>CNIPA's marker for an inventor who asked not to be named (专利法实施细则第十三条): no one to rank or to find.</summary>
    public static bool UndisclosedInventor(string name) => name.Trim() is "不公告发明人" or "不公布发明人" or "请求不公布姓名";

    private static void AddOnce(List<string> values, string? value)
    {
        if (value is not null && !values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }
}
