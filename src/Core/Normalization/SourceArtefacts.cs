using System.Text.RegularExpressions;

namespace PatentNav.Core.Normalization;

/// <summary>The text after one repair and whether the repair changed anything, so the builder can flag and count it.</summary>
public readonly record struct Repaired(string Text, bool Fired);

/// <summary>
/// Claims text split at the header of the first description page (<c>CN113914863A说明书1/4页</c>).
/// </summary>
/// <param name="Claims">The claims before the header.</param>
/// <param name="Description">Description paragraphs that followed the header, or null when none did.</param>
/// <param name="DescriptionTitle">The title line the description page starts with (often only its wrapped tail), or null.</param>
/// <param name="FooterRemoved">Whether a header was found and cut.</param>
public sealed record ClaimsSplit(string Claims, string? Description, string? DescriptionTitle, bool FooterRemoved)
{
    public bool DescriptionMoved => Description is not null;
}

/// <summary>An abstract cut where the claims (and sometimes the whole full text) run on after it.</summary>
/// <param name="Abstract">The abstract proper.</param>
/// <param name="Overflow">What followed: claims, possibly with description pages, for the claims field; null when nothing did.</param>
public sealed record AbstractSplit(string Abstract, string? Overflow)
{
    public bool Fired => Overflow is not null;
}

/// <summary>
/// Repairs of the PDF-extraction defects listed in data/README.md §1 "Known anomalies": page headers, cover-page text in
/// titles, description inside claims, claims inside abstracts, figure-label debris. Each repair says whether it fired.
/// </summary>
public static partial class SourceArtefacts
{
    /// <summary>Longest text after the description header that can still be the page's title line rather than description.</summary>
    private const int MaxTitleLine = 100;

    /// <summary>Abstracts longer than this may hold claims even without a page header (the data's broken ones are 1,285 and up).</summary>
    private const int LongAbstract = 1000;

    /// <summary>
    /// Strips <c>权利要求书1页说明书11页附图3页</c> from the start of a title. When abstract text sits between it and the title
    /// (<c>…和寿命。一种红色…</c>), the title is what follows the last <c>。</c>, since titles have no full stop.
    /// </summary>
    public static Repaired RemoveCoverPage(string title)
    {
        var match = CoverPage().Match(title);
        if (!match.Success)
        {
            return new Repaired(title, false);
        }
        var rest = title[match.Length..];
        var lastStop = rest.LastIndexOf('。');
        if (lastStop >= 0 && lastStop < rest.Length - 1)
        {
            rest = rest[(lastStop + 1)..];
        }
        return new Repaired(rest.Trim(), true);
    }

    /// <summary>Removes page headers (<c>CN113914863A说明书1/4页</c>, <c>…权利要求书2/3页</c>, truncated and figure-page ones) and joins the text.</summary>
    public static Repaired RemovePageFooters(string text)
    {
        if (!text.Contains("CN", StringComparison.Ordinal))
        {
            return new Repaired(text, false);
        }
        var repaired = PageHeader().Replace(text, "");
        // Regex.Replace hands back the same instance when nothing matched.
        return ReferenceEquals(repaired, text) ? new Repaired(text, false) : new Repaired(repaired, true);
    }

    /// <summary>
    /// Cuts the claims at the first description-page header. What follows is the description: its leading title line
    /// (text before <c>[0001]</c>) is returned apart, and if nothing but that line follows there is no description.
    /// Headers of claims pages are left for <see cref="RemovePageFooters"/>.
    /// </summary>
    public static ClaimsSplit SplitDescriptionFromClaims(string claims)
    {
        var header = FirstHeader(claims, h => h == "说明书");
        if (header is null)
        {
            return new ClaimsSplit(claims, null, null, false);
        }
        var before = claims[..header.Index].TrimEnd();
        var after = claims[(header.Index + header.Length)..].Trim();
        if (after.Length == 0)
        {
            return new ClaimsSplit(before, null, null, true);
        }

        var firstParagraph = after.IndexOf("[0001]", StringComparison.Ordinal);
        var lead = (firstParagraph >= 0 ? after[..firstParagraph] : after).Trim();
        var title = lead.Length is > 0 and <= MaxTitleLine && !lead.Contains('。', StringComparison.Ordinal) ? lead : null;
        string? description = title is null ? after
            : firstParagraph >= 0 ? after[firstParagraph..]
            : null;
        return new ClaimsSplit(before, description, title, true);
    }

    /// <summary>
    /// Splits an abstract that runs on into the claims: at a claims- or description-page header with text after it, or, in an
    /// abstract over 1,000 characters without one, at a <c>1.</c> that opens a sentence and is followed by a claim 2 that
    /// refers back to claim 1. Anything less certain is left alone.
    /// </summary>
    public static AbstractSplit SplitClaimsFromAbstract(string abstractText)
    {
        var header = FirstHeader(abstractText, h => !h.StartsWith("说明书附图", StringComparison.Ordinal), requireTextAfter: true);
        if (header is not null)
        {
            var isDescription = header.Groups["doc"].Value == "说明书";
            // A description header stays on the overflow so the claims split still finds where the description starts.
            var overflowStart = isDescription ? header.Index : header.Index + header.Length;
            return new AbstractSplit(abstractText[..header.Index].TrimEnd(), abstractText[overflowStart..].Trim());
        }
        if (abstractText.Length <= LongAbstract)
        {
            return new AbstractSplit(abstractText, null);
        }
        var claim2 = Claim2RefersToClaim1().Match(abstractText);
        if (!claim2.Success)
        {
            return new AbstractSplit(abstractText, null);
        }
        var claim1 = Claim1Start().Matches(abstractText[..claim2.Index]).LastOrDefault();
        if (claim1 is null || claim1.Index == 0)
        {
            return new AbstractSplit(abstractText, null);
        }
        return new AbstractSplit(abstractText[..claim1.Index].TrimEnd(), abstractText[claim1.Index..].Trim());
    }

    /// <summary>
    /// Removes figure- and step-label debris from the start of an abstract (<c>-100本发明…</c>, <c>S101本申请…</c>, <c>200一种…</c>):
    /// a short run of Latin letters, digits and punctuation directly in front of a usual abstract opening.
    /// </summary>
    public static Repaired RemoveFigureLabels(string abstractText)
    {
        var match = FigureLabel().Match(abstractText);
        return match.Success ? new Repaired(abstractText[match.Length..], true) : new Repaired(abstractText, false);
    }

    /// <summary>
    /// Removes figure reference numerals such as <c>(6)</c> and <c>（12）</c> that follow a word, for the indexed copy only:
    /// stored claims keep them for reading against the drawings.
    /// </summary>
    public static Repaired RemoveFigureNumerals(string text)
    {
        var repaired = FigureNumeral().Replace(text, "");
        return repaired.Length == text.Length ? new Repaired(text, false) : new Repaired(repaired, true);
    }

    private static Match? FirstHeader(string text, Func<string, bool> accept, bool requireTextAfter = false)
    {
        if (!text.Contains("CN", StringComparison.Ordinal))
        {
            return null;
        }
        for (var match = PageHeader().Match(text); match.Success; match = match.NextMatch())
        {
            if (accept(match.Groups["doc"].Value)
                && (!requireTextAfter || !text.AsSpan(match.Index + match.Length).IsWhiteSpace()))
            {
                return match;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\s*权利要求书\s*[0-9]{1,4}\s*页(?:\s*说明书\s*[0-9]{1,4}\s*页)?(?:\s*附图\s*[0-9]{1,4}\s*页)?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex CoverPage();

    // The page header of CNIPA PDFs; extraction sometimes cuts the document name (书, 利要求书) or glues figure labels (图1图2) to it.
    [GeneratedRegex(
        @"CN[ \t]?[0-9]{7,9}[ \t]?[A-Z][0-9]?[ \t]?(?:(?<doc>说明书附图)[ \t]?[0-9]{1,4}[ \t]?/[ \t]?[0-9]{1,4}[ \t]?页(?:图[0-9]{1,3}[A-Za-z]{0,2})*"
        + @"|(?<doc>说明书摘要|说明书|权利要求书|利要求书|要求书|求书|书)[ \t]?[0-9]{1,4}[ \t]?/[ \t]?[0-9]{1,4}[ \t]?页)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PageHeader();

    [GeneratedRegex(@"(?<![0-9.．])2[ \t]*[.．、][ \t]*(?:根据|如|按照|依据)?[ \t]*权利要求[ \t]*1(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Claim2RefersToClaim1();

    [GeneratedRegex(@"(?<=[。；;\n])[ \t]*1[ \t]*[.．、](?=[ \t]*\p{IsCJKUnifiedIdeographs})", RegexOptions.CultureInvariant)]
    private static partial Regex Claim1Start();

    [GeneratedRegex(
        @"^[\x21-\x7E¹²³→\s、]{1,30}?(?=本发明|本申请|本公开|本实用新型|本案|本分案|一种|公开了|提供了|提供一种)",
        RegexOptions.CultureInvariant)]
    private static partial Regex FigureLabel();

    [GeneratedRegex(@"(?<=[\p{IsCJKUnifiedIdeographs}A-Za-z)）])[(（][0-9]{1,4}[A-Za-z]?['′]?[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex FigureNumeral();
}
