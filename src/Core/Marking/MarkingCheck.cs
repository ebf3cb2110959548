using PatentNav.Core.Engine;
using PatentNav.Core.Infringement;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Query;

namespace PatentNav.Core.Marking;

/// <summary>A patent marking as printed on a product, package or advert (专利标识): the number and, if printed, the type.</summary>
public sealed record PatentMarking(string Number, PatentType? MarkedType = null);

/// <summary>One problem with a marking, under a named rule (docs/tools.md lists each with its source).</summary>
/// <param name="Severity"><c>violation</c> (the marking is wrong), <c>verify</c> (the data cannot confirm it; check with CNIPA).</param>
public sealed record MarkingFinding(string Rule, string Severity, string Message);

public sealed record MarkingResult(PatentMarking Marking, string? ApplicationNumber, PatentType? TypeFromNumber, PatentRecord? Patent, Enforceability? Enforceability, IReadOnlyList<MarkingFinding> Findings)
{
    /// <summary>True when nothing is wrong and nothing needs verifying.</summary>
    public bool Correct => Findings.Count == 0;
}

/// <summary>The rules of the marking check (专利标识检查, 假冒专利): stable names scripts and reports rely on.</summary>
public static class MarkingRules
{
    /// <summary>The printed text is neither a Chinese application number (ZL + 申请号) nor a publication number.</summary>
    public const string NumberInvalid = "number-invalid";
    /// <summary>The application number's check digit (the digit after the dot) is not the one CNIPA's rule gives.</summary>
    public const string CheckDigitWrong = "check-digit-wrong";
    /// <summary>The index has no patent with this number: it may not exist; cannot be confirmed here.</summary>
    public const string NotFound = "not-found";
    /// <summary>The printed type differs from the patent's (a utility model marked as an invention).</summary>
    public const string TypeMismatch = "type-mismatch";
    /// <summary>A published application, not granted, marked as a patent.</summary>
    public const string ApplicationMarkedAsPatent = "application-marked-as-patent";
    /// <summary>The term has ended; the patent is still marked.</summary>
    public const string Expired = "expired-still-marked";
    /// <summary>Lapsed (annual fees), invalidated, abandoned or otherwise not in force; still marked.</summary>
    public const string Lapsed = "lapsed-still-marked";
    /// <summary>Granted and within its term, but the data gives no legal status: verify before relying on the marking.</summary>
    public const string LegalStatusUnknown = "legal-status-unknown";

    public const string Violation = "violation";
    public const string Verify = "verify";

    /// <summary>发明 / 发明专利 / invention, 实用新型(专利) / utilityModel, 外观设计(专利) / design; null when none given, error text when unknown.</summary>
    public static (PatentType? Type, string? Error) ParseMarkedType(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, null);
        }
        var type = trimmed.Replace("专利", "", StringComparison.Ordinal) switch
        {
            "发明" or "发明授权" => PatentType.Invention,
            "实用新型" => PatentType.UtilityModel,
            "外观设计" or "外观" => PatentType.Design,
            _ => Enum.TryParse<PatentType>(trimmed, ignoreCase: true, out var parsed) && parsed != PatentType.Unknown ? parsed : (PatentType?)null,
        };
        return type is null ? (null, $"markedType '{trimmed}': use 发明, 实用新型 or 外观设计.") : (type, null);
    }

    /// <summary>
    /// The findings for a marking, given what the number says and the patent the index holds for it (null when none).
    /// Pure, so every rule is tested on hand-made cases.
    /// </summary>
    public static IReadOnlyList<MarkingFinding> Evaluate(PatentMarking marking, ApplicationNumber? application, PublicationNumber? publication, PatentRecord? patent, DateOnly today)
    {
        var findings = new List<MarkingFinding>();
        if (application is null && publication is null)
        {
            findings.Add(new(NumberInvalid, Violation, $"“{marking.Number}”不是有效的中国专利号（专利号为 ZL 加申请号，如 ZL202222630301.5）。Not a Chinese patent number."));
            return findings;
        }
        if (application is { CheckDigitMatches: false } wrong)
        {
            findings.Add(new(CheckDigitWrong, Violation,
                $"申请号 {wrong.Serial} 的校验位应为 {wrong.ExpectedCheckDigit}，标注为 {wrong.GivenCheckDigit}。Check digit should be {wrong.ExpectedCheckDigit}, marked {wrong.GivenCheckDigit}."));
        }
        var actualType = patent?.Type is { } t and not PatentType.Unknown ? t : application?.Type ?? publication?.Type;
        if (marking.MarkedType is { } marked && actualType is { } actual and not PatentType.Unknown && marked != actual)
        {
            findings.Add(new(TypeMismatch, Violation, $"标注为{TypeZh(marked)}，实际为{TypeZh(actual)}。Marked as {marked}, the patent is a {actual}."));
        }
        if (patent is null)
        {
            findings.Add(new(NotFound, Verify, "索引中没有该号码的专利，可能不存在或尚未收录，请向国家知识产权局核实。Not in the index: verify with CNIPA."));
            return findings;
        }
        var enforceability = Enforceability.Of(patent, today);
        switch (enforceability.Code)
        {
            case Enforceability.Application:
                findings.Add(new(ApplicationMarkedAsPatent, Violation,
                    "该号码对应的是尚未授权的专利申请，却标注为专利（专利申请标注为专利属假冒专利行为）。An application, not granted, marked as a patent."));
                break;
            case Enforceability.Expired:
                findings.Add(new(Expired, Violation, $"专利权已终止（保护期届满）仍标注专利标识。{enforceability.Note}"));
                break;
            case Enforceability.Lapsed:
                findings.Add(new(Lapsed, Violation, $"专利（或申请）已失效仍标注专利标识。{enforceability.Note}"));
                break;
            case Enforceability.InForceUnverified or Enforceability.Unknown:
                findings.Add(new(LegalStatusUnknown, Verify, enforceability.Note));
                break;
        }
        return findings;
    }

    public static string TypeZh(PatentType type) => type switch
    {
        PatentType.Invention => "发明专利",
        PatentType.UtilityModel => "实用新型专利",
        PatentType.Design => "外观设计专利",
        _ => "未知类型",
    };
}

/// <summary>Runs the marking rules against the index: finds the patent by the marked number (application or publication).</summary>
public sealed class MarkingCheck(IPatentSearcher searcher, TimeProvider? clock = null)
{
    public const int MaxBatch = 1000;

    public async Task<MarkingResult> CheckAsync(PatentMarking marking, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetLocalNow().Date);
        var text = marking.Number.Trim();
        // Markings print 专利号 ZL + the application number; a publication number (CN…U) is accepted too.
        var stripped = text.Replace("专利号", "", StringComparison.Ordinal).Replace("：", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal).Trim();
        var application = ApplicationNumber.Parse(stripped).Value;
        var publication = application is null ? PublicationNumber.Parse(stripped).Value is { Country: "CN" } cn ? cn : null : null;
        PatentRecord? patent = null;
        if (application is not null)
        {
            // Look up by the correct check digit as well: a misprinted digit still names the patent.
            var correct = application.Serial + "." + application.ExpectedCheckDigit;
            var found = await searcher.SearchAsync(new SearchRequest
            {
                Query = new OrNode([new KeywordNode(SearchField.ApplicationNumber, application.Value), new KeywordNode(SearchField.ApplicationNumber, correct)]),
                Size = 5,
                Sort = SortOrder.PublicationDateDesc,
            }, cancellationToken).ConfigureAwait(false);
            // The grant publication (B/C/U/S) over the application's A publication.
            patent = found.Hits.Select(h => h.Record).OfType<PatentRecord>()
                .OrderByDescending(r => Enforceability.IsGranted(r) == true)
                .FirstOrDefault();
        }
        else if (publication is not null)
        {
            (patent, _) = await PatentLookup.FindAsync(searcher, publication.Value, cancellationToken).ConfigureAwait(false);
        }
        var findings = MarkingRules.Evaluate(marking, application, publication, patent, today);
        return new MarkingResult(marking, application?.Value, application?.Type ?? publication?.Type, patent, patent is null ? null : Enforceability.Of(patent, today), findings);
    }
}
