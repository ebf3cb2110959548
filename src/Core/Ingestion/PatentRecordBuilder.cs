using PatentNav.Core.Claims;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Regions;
using PatentNav.Core.Text;

namespace PatentNav.Core.Ingestion;

/// <summary>What building one source record produced: a record (possibly flagged) or the reason to quarantine it.</summary>
public sealed record BuildOutcome(PatentRecord? Record, string? QuarantineReason);

/// <summary>
/// Turns a reader's <see cref="SourceRecord"/> into the canonical <see cref="PatentRecord"/>: normalises every field, repairs
/// the known source defects, flags what is wrong but harmless, and quarantines only records without identity or text.
/// </summary>
public sealed class PatentRecordBuilder
{
    // Caps keep one pathological record (a 5 MB title) from exhausting memory or bloating the index.
    public const int MaxTitleLength = 1_000;
    public const int MaxAbstractLength = 20_000;
    public const int MaxClaimsLength = 200_000;
    public const int MaxDescriptionLength = 1_000_000;

    // Short fields become keyword terms, which Lucene refuses above 32 KB: one oversized name must not fail a whole batch.
    public const int MaxIdLength = 256;
    public const int MaxShortFieldLength = 1_000;
    public const int MaxListItems = 1_000;

    private readonly RegionResolver _regions;
    private readonly TimeProvider _clock;

    public PatentRecordBuilder(RegionResolver regions)
        : this(regions, TimeProvider.System)
    {
    }

    /// <summary>The clock decides which dates are "more than a year in the future".</summary>
    public PatentRecordBuilder(RegionResolver regions, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(clock);
        _regions = regions;
        _clock = clock;
    }

    public BuildOutcome Build(SourceRecord source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var issues = new List<RecordIssue>();

        var publication = ParsePublicationNumber(source, issues);
        var sourceId = Clean(source.Get(SourceFields.Id));
        var id = RecordIdentity.Of(publication, sourceId);
        if (id is null)
        {
            return Quarantine("missing identity: no publication number and no source id");
        }
        if (id.Length > MaxIdLength)
        {
            return Quarantine($"missing identity: the source id is {id.Length} characters long (at most {MaxIdLength})");
        }

        var text = BuildText(source, issues);
        if (text.Title is null && text.Abstract is null && text.Claims is null && text.Description is null)
        {
            return Quarantine("no text: no title, abstract, claims or description");
        }

        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var kindCode = publication?.KindCode ?? KindCodeOf(source.Get(SourceFields.KindCode));
        var application = ParseApplicationNumber(source, issues);
        var (ipc, mainIpc) = ParseIpc(source, issues);
        var address = CapShort(Clean(source.Get(SourceFields.Address)), SourceFields.Address, issues);
        var applicants = CapList(source.GetAll(SourceFields.Applicants).SelectMany(ApplicantName.SplitNames), SourceFields.Applicants, issues);
        var legalStatus = CapShort(Clean(source.Get(SourceFields.LegalStatus)), SourceFields.LegalStatus, issues);

        var record = new PatentRecord
        {
            Id = id,
            PublicationNumber = publication?.Value,
            // The number's country is the evidence; an office column (incoPat 公开国别) serves records without a number.
            Office = publication?.Country ?? PatentOffice.Parse(source.Get(SourceFields.Office)),
            ApplicationNumber = application?.Value,
            GrantNumber = ParseGrantNumber(source, issues),
            Type = TypeOf(source, publication, kindCode, application),
            KindCode = kindCode,
            Title = text.Title,
            Abstract = text.Abstract,
            Claims = text.Claims,
            ClaimTree = text.Claims is null ? null : ParseClaims(text.Claims, issues),
            Description = text.Description,
            Ipc = ipc,
            MainIpc = mainIpc,
            Applicants = applicants,
            Inventors = CapList(source.GetAll(SourceFields.Inventors).SelectMany(ApplicantName.SplitNames), SourceFields.Inventors, issues),
            Address = address,
            Region = _regions.Resolve(address, Clean(source.Get(SourceFields.ProvinceHint)), applicants),
            ApplicationDate = ParseDate(source, SourceFields.ApplicationDate, today, issues),
            PublicationDate = ParseDate(source, SourceFields.PublicationDate, today, issues),
            GrantDate = ParseDate(source, SourceFields.GrantDate, today, issues),
            Priorities = ParsePriorities(source, today, issues),
            LegalState = PatentStatus.LegalStateOf(legalStatus),
            LegalStatusText = legalStatus,
            Agency = CapShort(Clean(source.Get(SourceFields.Agency)), SourceFields.Agency, issues),
            Source = source.Location,
            Keyphrases = CapList(source.GetAll(SourceFields.Keyphrases).Select(Clean).OfType<string>(), SourceFields.Keyphrases, issues),
            Synthetic = IsTrue(source.Get(SourceFields.Synthetic)),
            Issues = issues,
        };
        return new BuildOutcome(record, null);
    }

    private static BuildOutcome Quarantine(string reason) => new(null, reason);

    private static PublicationNumber? ParsePublicationNumber(SourceRecord source, List<RecordIssue> issues)
    {
        var raw = source.Get(SourceFields.PublicationNumber);
        if (raw is null)
        {
            return null;
        }
        var parsed = PublicationNumber.Parse(raw);
        if (!parsed.Success)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.InvalidNumber, $"publicationNumber: {parsed.Error}"));
            return null;
        }
        // A source that keeps the kind code in its own column still identifies the document fully.
        var kind = Clean(source.Get(SourceFields.KindCode));
        if (parsed.Value.KindCode is null && kind is not null
            && PublicationNumber.Parse(parsed.Value.Value + kind) is { Success: true } withKind)
        {
            return withKind.Value;
        }
        return parsed.Value;
    }

    private static string? ParseGrantNumber(SourceRecord source, List<RecordIssue> issues)
    {
        var raw = source.Get(SourceFields.GrantNumber);
        if (raw is null)
        {
            return null;
        }
        var parsed = PublicationNumber.Parse(raw);
        if (!parsed.Success)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.InvalidNumber, $"grantNumber: {parsed.Error}"));
        }
        return parsed.Value?.Value;
    }

    private static ApplicationNumber? ParseApplicationNumber(SourceRecord source, List<RecordIssue> issues)
    {
        var raw = source.Get(SourceFields.ApplicationNumber);
        if (raw is null)
        {
            return null;
        }
        var parsed = ApplicationNumber.Parse(raw);
        if (!parsed.Success)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.InvalidNumber, $"applicationNumber: {parsed.Error}"));
            return null;
        }
        if (parsed.Value.CheckDigitMatches == false)
        {
            issues.Add(new RecordIssue(
                RecordIssueCodes.CheckDigitMismatch,
                $"applicationNumber {parsed.Value.Value}: check digit {parsed.Value.GivenCheckDigit}, expected {parsed.Value.ExpectedCheckDigit}"));
        }
        return parsed.Value;
    }

    private static string? KindCodeOf(string? raw) =>
        Clean(raw)?.ToUpperInvariant() is { Length: 1 or 2 } kind && char.IsAsciiLetter(kind[0]) && (kind.Length == 1 || char.IsAsciiDigit(kind[1]))
            ? kind
            : null;

    // The kind code is the most specific evidence, then the source's type column, then the numbers' type digits.
    private static PatentType TypeOf(SourceRecord source, PublicationNumber? publication, string? kindCode, ApplicationNumber? application)
    {
        if (kindCode is not null && publication?.Country is null or "CN"
            && PublicationNumber.TypeOfKind(kindCode[0]) is var fromKind && fromKind != PatentType.Unknown)
        {
            return fromKind;
        }
        var fromText = PatentStatus.TypeOf(source.Get(SourceFields.Type));
        if (fromText != PatentType.Unknown)
        {
            return fromText;
        }
        if (application is not null && application.Type != PatentType.Unknown)
        {
            return application.Type;
        }
        return publication?.Type ?? PatentType.Unknown;
    }

    private static (IReadOnlyList<string> Ipc, string? MainIpc) ParseIpc(SourceRecord source, List<RecordIssue> issues)
    {
        string? main = null;
        var rawMain = source.Get(SourceFields.MainIpc);
        if (rawMain is not null)
        {
            var parsed = IpcCode.Parse(rawMain);
            if (parsed.Success)
            {
                main = parsed.Value.Value;
            }
            else
            {
                issues.Add(new RecordIssue(RecordIssueCodes.InvalidIpc, $"mainIpc: {parsed.Error}"));
            }
        }

        var codes = new List<string>();
        if (main is not null)
        {
            codes.Add(main);
        }
        foreach (var value in source.GetAll(SourceFields.Ipc))
        {
            var list = IpcCode.ParseList(value);
            codes.AddRange(list.Codes.Select(c => c.Value));
            issues.AddRange(list.Errors.Select(e => new RecordIssue(RecordIssueCodes.InvalidIpc, $"ipc: {e}")));
        }
        IReadOnlyList<string> ipc = CapList(codes, SourceFields.Ipc, issues);
        return (ipc, main ?? (ipc.Count > 0 ? ipc[0] : null));
    }

    private static DateOnly? ParseDate(SourceRecord source, string field, DateOnly today, List<RecordIssue> issues)
    {
        var parsed = PatentDate.Parse(source.Get(field), today);
        if (parsed.Status == DateStatus.Invalid)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.InvalidDate, $"{field}: {parsed.Error}"));
        }
        return parsed.Value;
    }

    // Priority numbers and dates come as parallel ;-separated lists in CNIPA exports.
    private static IReadOnlyList<Priority> ParsePriorities(SourceRecord source, DateOnly today, List<RecordIssue> issues)
    {
        var numbers = ApplicantName.SplitNames(source.Get(SourceFields.Priority));
        var dates = ApplicantName.SplitNames(source.Get(SourceFields.PriorityDate));
        var priorities = new List<Priority>();
        for (var i = 0; i < Math.Max(numbers.Count, dates.Count); i++)
        {
            var number = i < numbers.Count ? numbers[i] : null;
            DateOnly? date = null;
            if (i < dates.Count)
            {
                var parsed = PatentDate.Parse(dates[i], today);
                if (parsed.Status == DateStatus.Invalid)
                {
                    issues.Add(new RecordIssue(RecordIssueCodes.InvalidDate, $"{SourceFields.PriorityDate}: {parsed.Error}"));
                }
                date = parsed.Value;
            }
            var country = number is { Length: > 2 } && char.IsAsciiLetter(number[0]) && char.IsAsciiLetter(number[1])
                ? number[..2].ToUpperInvariant()
                : null;
            priorities.Add(new Priority(number, date, country));
        }
        return priorities;
    }

    private static string? CapShort(string? value, string field, List<RecordIssue> issues)
    {
        if (value is null || value.Length <= MaxShortFieldLength)
        {
            return value;
        }
        issues.Add(new RecordIssue(RecordIssueCodes.TextTruncated, $"{field}: {value.Length} characters cut to {MaxShortFieldLength}"));
        return Truncate(value, MaxShortFieldLength);
    }

    /// <summary>Distinct values in source order, each and their number capped.</summary>
    private static IReadOnlyList<string> CapList(IEnumerable<string> values, string field, List<RecordIssue> issues)
    {
        var distinct = values.Select(v => CapShort(v, field, issues)!).Distinct(StringComparer.Ordinal).Take(MaxListItems + 1).ToList();
        if (distinct.Count > MaxListItems)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.TextTruncated, $"{field}: more than {MaxListItems} values, the rest dropped"));
            distinct.RemoveAt(MaxListItems);
        }
        return distinct;
    }

    private static ClaimTree? ParseClaims(string claims, List<RecordIssue> issues)
    {
        try
        {
            return ClaimTreeParser.Parse(claims);
        }
        catch (Exception ex)
        {
            // Claims the parser cannot structure are still searchable text: keep the record, flag the tree.
            issues.Add(new RecordIssue(RecordIssueCodes.ClaimsUnparsed, $"claims: {ex.GetType().Name}: {ex.Message}"));
            return null;
        }
    }

    private static BuiltText BuildText(SourceRecord source, List<RecordIssue> issues)
    {
        var title = Normalize(source, SourceFields.Title, MaxTitleLength, issues);
        var abstractText = Normalize(source, SourceFields.Abstract, MaxAbstractLength, issues);
        var claims = Normalize(source, SourceFields.Claims, MaxClaimsLength, issues);
        var description = Normalize(source, SourceFields.Description, MaxDescriptionLength, issues);

        var cover = SourceArtefacts.RemoveCoverPage(title);
        if (cover.Fired)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.CoverPageRemoved, "title: cover-page text removed"));
            title = cover.Text;
        }

        var abstractSplit = SourceArtefacts.SplitClaimsFromAbstract(abstractText);
        if (abstractSplit.Fired)
        {
            issues.Add(new RecordIssue(
                RecordIssueCodes.AbstractRunIntoClaims,
                $"abstract: {abstractSplit.Overflow!.Length} characters of claims text moved to claims"));
            abstractText = abstractSplit.Abstract;
            claims = claims.Length == 0 ? abstractSplit.Overflow : abstractSplit.Overflow + "\n" + claims;
        }

        var footers = 0;
        var claimsSplit = SourceArtefacts.SplitDescriptionFromClaims(claims);
        footers += claimsSplit.FooterRemoved ? 1 : 0;
        claims = claimsSplit.Claims;
        if (claimsSplit.Description is { } moved)
        {
            // A source with its own description already holds this text; the copy in the claims only goes.
            var kept = description.Length == 0;
            issues.Add(new RecordIssue(
                RecordIssueCodes.DescriptionMovedOutOfClaims,
                kept ? $"claims: {moved.Length} characters of description moved to description"
                    : $"claims: {moved.Length} characters of description removed (the source has a description)"));
            if (kept)
            {
                description = moved;
            }
        }
        if (title.Length == 0 && claimsSplit.DescriptionTitle is { } descriptionTitle)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.TitleFromDescription, "title: empty, taken from the first description page"));
            title = descriptionTitle;
        }

        abstractText = RemoveFooters(abstractText, ref footers);
        claims = RemoveFooters(claims, ref footers);
        description = RemoveFooters(description, ref footers);
        if (footers > 0)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.PageFooterRemoved, $"page headers removed from {footers} field(s)"));
        }

        var labels = SourceArtefacts.RemoveFigureLabels(abstractText);
        if (labels.Fired)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.FigureLabelRemoved, "abstract: figure-label debris removed from the start"));
            abstractText = labels.Text;
        }

        // Repairs can move text between fields, so the caps are applied again to what each field ends up with.
        return new BuiltText(
            Cap(title, SourceFields.Title, MaxTitleLength, issues),
            Cap(abstractText, SourceFields.Abstract, MaxAbstractLength, issues),
            Cap(claims, SourceFields.Claims, MaxClaimsLength, issues),
            Cap(description, SourceFields.Description, MaxDescriptionLength, issues));
    }

    private static string RemoveFooters(string text, ref int footers)
    {
        var repaired = SourceArtefacts.RemovePageFooters(text);
        footers += repaired.Fired ? 1 : 0;
        return repaired.Text;
    }

    /// <summary>The field's text, normalised, or "" when blank. The raw value is cut first so normalising never sees megabytes.</summary>
    private static string Normalize(SourceRecord source, string field, int limit, List<RecordIssue> issues)
    {
        var raw = source.Get(field);
        if (raw is null)
        {
            return "";
        }
        // Normalising can shorten text (whitespace collapse), so twice the cap keeps every legitimate record whole.
        var bounded = Truncate(raw, 2 * limit);
        if (bounded.Length < raw.Length)
        {
            issues.Add(new RecordIssue(RecordIssueCodes.TextTruncated, $"{field}: {raw.Length} characters cut to {limit}"));
        }
        return ChineseText.Normalize(bounded).Trim();
    }

    private static string? Cap(string text, string field, int limit, List<RecordIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var capped = Truncate(text, limit);
        if (capped.Length < text.Length && !issues.Any(i => i.Code == RecordIssueCodes.TextTruncated && i.Message.StartsWith(field + ":", StringComparison.Ordinal)))
        {
            issues.Add(new RecordIssue(RecordIssueCodes.TextTruncated, $"{field}: {text.Length} characters cut to {limit}"));
        }
        return capped;
    }

    // Never split a surrogate pair: half a character would be invalid UTF-16 in the index.
    private static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        return text[..cut];
    }

    // Identifiers and display values are kept as the source wrote them, only trimmed; text fields go through ChineseText.
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsTrue(string? value) =>
        value is not null && (bool.TryParse(value.Trim(), out var flag) ? flag : value.Trim() == "1");

    private sealed record BuiltText(string? Title, string? Abstract, string? Claims, string? Description);
}
