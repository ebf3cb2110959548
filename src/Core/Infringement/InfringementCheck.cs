using PatentNav.Core.Claims;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;
using PatentNav.Core.Novelty;
using PatentNav.Core.Query;

namespace PatentNav.Core.Infringement;

public static class ClaimVerdict
{
    /// <summary>Every element stated: literal infringement possible (high risk).</summary>
    public const string Literal = "literal";
    /// <summary>Every element present, some only possibly equivalent (medium risk).</summary>
    public const string Equivalent = "equivalent";
    /// <summary>At least one element missing: the claim does not read on the product (low risk).</summary>
    public const string NotCovered = "not_covered";

    public static string RiskOf(string verdict) => verdict switch
    {
        Literal => "high",
        Equivalent => "medium",
        _ => "low",
    };

    /// <summary>The all-elements rule (全面覆盖原则).</summary>
    public static string Of(IEnumerable<string> elementStatuses)
    {
        var statuses = elementStatuses.ToList();
        return statuses.Contains(ElementStatus.Missing) ? NotCovered
            : statuses.Contains(ElementStatus.Equivalent) ? Equivalent
            : Literal;
    }

    public static int Rank(string verdict) => verdict switch
    {
        Literal => 0,
        Equivalent => 1,
        _ => 2,
    };
}

public sealed record InfringementRequest
{
    /// <summary>The product or process, free text.</summary>
    public required string Text { get; init; }

    /// <summary>Patents to check, whatever their legal status; when given, exactly these are checked and nothing is searched.</summary>
    public IReadOnlyList<string>? Patents { get; init; }

    public int Size { get; init; } = 10;

    /// <summary>Restrictions of the candidate search (IPC, applicant, region, dates) as AST nodes.</summary>
    public IReadOnlyList<QueryNode> Filters { get; init; } = [];
}

public sealed record ElementCheck(string Text, string Part, string Status, ElementEvidence Evidence);

public sealed record ClaimCheck(int Number, bool Independent, IReadOnlyList<int> DependsOn, string Verdict, IReadOnlyList<ElementCheck> Elements)
{
    public string Risk => ClaimVerdict.RiskOf(Verdict);

    /// <summary>The elements that keep the claim from reading on the product, in claim order.</summary>
    public IReadOnlyList<string> MissingElements => [.. Elements.Where(e => e.Status == ElementStatus.Missing).Select(e => e.Text)];

    /// <summary>Weighted share of the elements stated (literal 1, equivalent 0.5): orders candidates within a verdict.</summary>
    public double Coverage => Elements.Count == 0 ? 0 : Elements.Average(e => e.Status switch { ElementStatus.Literal => 1.0, ElementStatus.Equivalent => 0.5, _ => 0 });
}

public sealed record PatentCheck(string Requested, PatentRecord? Record, Enforceability? Enforceability, IReadOnlyList<ClaimCheck> Claims)
{
    public bool Found => Record is not null;

    /// <summary>The worst case over the independent claims: literal before equivalent before not covered.</summary>
    public string? Verdict => Claims.Where(c => c.Independent).OrderBy(c => ClaimVerdict.Rank(c.Verdict)).Select(c => c.Verdict).FirstOrDefault();

    /// <summary>Things the reader must know beyond the chart: legal status not given, an application, no claims text.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

/// <param name="Candidates">Patents the candidate search matched (before the in-force check), or the number of patents given.</param>
public sealed record InfringementResult(IReadOnlyList<PatentCheck> Results, long Candidates, string Engine);

/// <summary>
/// The infringement pre-check (侵权预判): candidate patents that can be infringed (granted, in term, not lapsed) found by
/// their claims, each independent claim split into elements and compared element by element with the product text
/// under the all-elements rule; the dependent claims of a claim that reads are checked as the patentee's fallbacks.
/// </summary>
public sealed class InfringementCheck(IPatentSearcher searcher, TimeProvider? clock = null)
{
    public const string Disclaimer =
        "本结果为自动化的侵权风险预判，不构成法律意见：仅以产品描述的文字与权利要求逐一比对（全面覆盖原则），未审查禁止反悔、审查档案、现有技术抗辩、"
        + "权利要求解释及许可情况；法律状态以国家知识产权局登记为准。This is an automated pre-check, not a legal opinion: estoppel (禁止反悔) and "
        + "prosecution history are not examined; legal status must be verified with CNIPA.";

    public const int MaxSize = 50;
    public const int MaxPatents = 50;
    public const int MaxTextLength = 20_000;

    /// <summary>Candidates fetched per requested result: many top hits by claim text are applications or lapsed.</summary>
    public int CandidatesPerResult { get; init; } = 4;

    public int MinimumCandidates { get; init; } = 40;

    /// <summary>Dependent claims checked per patent, at most.</summary>
    public int MaxDependentClaims { get; init; } = 40;

    public InfringementLexicon Lexicon { get; init; } = InfringementLexicon.Default;

    /// <summary>
    /// The plain baseline the matching is measured against (docs/infringement.md): an element is literal when 80 % of its
    /// words (idf-weighted) are in one product sentence, else missing; no lexicon, no partial words, never equivalent.
    /// </summary>
    public bool PlainBaseline { get; init; }

    private readonly NoveltyTermExtractor _extractor = new(searcher);

    public async Task<InfringementResult> CheckAsync(InfringementRequest request, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetLocalNow().Date);
        var product = new ProductText(request.Text.Length > MaxTextLength ? request.Text[..MaxTextLength] : request.Text);
        List<(string Requested, PatentRecord? Record)> patents;
        long candidates;
        if (request.Patents is { Count: > 0 } given)
        {
            patents = [];
            foreach (var number in given.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxPatents))
            {
                var (record, _) = await PatentLookup.FindAsync(searcher, number, cancellationToken).ConfigureAwait(false);
                patents.Add((number, record));
            }
            candidates = patents.Count;
        }
        else
        {
            (patents, candidates) = await CandidatesAsync(request, today, cancellationToken).ConfigureAwait(false);
        }

        var trees = patents.Select(p => p.Record is { } r ? TreeOf(r) : null).ToList();
        // Every claim split and its elements' words read once: the weights, the chart and the matching all use them.
        var elements = new Dictionary<Claim, IReadOnlyList<(ClaimElement Element, IReadOnlyList<string> Words)>>(ReferenceEqualityComparer.Instance);
        foreach (var claim in trees.Where(t => t is not null).SelectMany(t => t!.Claims))
        {
            elements[claim] = [.. ClaimElementSegmenter.Segment(claim).Select(e => (e, ElementMatcher.KeyWords(e.Text)))];
        }
        var weights = await WeightsAsync(elements.Values.SelectMany(v => v).SelectMany(e => e.Words), cancellationToken).ConfigureAwait(false);
        var matcher = PlainBaseline
            ? new ElementMatcher(weights, InfringementLexicon.Empty) { PartialCredit = 0, UnexplainedLimit = double.PositiveInfinity, EquivalentShare = double.PositiveInfinity }
            : new ElementMatcher(weights, Lexicon);
        // Charting is CPU work (elements × sentences × words): a request past its time budget stops between patents.
        var checks = patents.Select((p, i) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Check(p.Requested, p.Record, trees[i], elements, product, matcher, today);
        }).ToList();
        if (request.Patents is not { Count: > 0 })
        {
            // Searched candidates: the riskiest first, then the ones closest to reading on the product.
            checks = [.. checks
                .OrderBy(c => ClaimVerdict.Rank(c.Verdict ?? ClaimVerdict.NotCovered))
                .ThenByDescending(c => c.Claims.Where(cl => cl.Independent).Select(cl => cl.Coverage).DefaultIfEmpty(0).Max())
                .Take(Math.Clamp(request.Size, 1, MaxSize))];
        }
        return new InfringementResult(checks, candidates, searcher.EngineName);
    }

    private async Task<(List<(string, PatentRecord?)> Patents, long Total)> CandidatesAsync(InfringementRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        var terms = (await _extractor.ExtractAsync(request.Text, cancellationToken).ConfigureAwait(false))
            .Where(t => t.DocumentFrequency > 0 && t.Weight > 0).ToList();
        if (terms.Count == 0)
        {
            return ([], 0);
        }
        var size = Math.Clamp(request.Size, 1, MaxSize);
        var result = await searcher.SearchAsync(new SearchRequest
        {
            Query = new WeightedTermsNode([.. terms.Select(t => new WeightedTerm(t.Term, (float)t.Weight, t.Bigram))], [SearchField.Claims]),
            // Lapsed patents cannot be infringed; grants and terms are checked per record below.
            Filters = [.. request.Filters, new NotNode(new MatchAllNode(), new KeywordNode(SearchField.LegalStatus, nameof(LegalState.NotInForce)))],
            Size = Math.Max(MinimumCandidates, size * CandidatesPerResult),
        }, cancellationToken).ConfigureAwait(false);
        var patents = result.Hits
            .Where(h => h.Record is { } r && !string.IsNullOrWhiteSpace(r.Claims) && Enforceability.Of(r, today).Searchable)
            .Select(h => (h.Record!.PublicationNumber ?? h.Id, (PatentRecord?)h.Record))
            .ToList();
        return (patents, result.Total);
    }

    private static ClaimTree? TreeOf(PatentRecord record) =>
        record.ClaimTree is { Claims.Count: > 0 } tree ? tree
        : string.IsNullOrWhiteSpace(record.Claims) ? null
        : ClaimTreeParser.Parse(record.Claims);

    /// <summary>Rarity of every element word in the corpus (BM25's idf), fetched in one call.</summary>
    private async Task<Func<string, double>> WeightsAsync(IEnumerable<string> elementWords, CancellationToken cancellationToken)
    {
        var words = elementWords.Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
        {
            return _ => 1;
        }
        var stats = await searcher.GetTermStatisticsAsync([.. words.Select(w => new TermKey(SearchField.Keywords, w, false))], cancellationToken).ConfigureAwait(false);
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stat in stats)
        {
            idf[stat.Key.Term] = NoveltyTermExtractor.Idf(stat);
        }
        var max = idf.Count == 0 ? 1 : idf.Values.Max();
        return word => idf.GetValueOrDefault(word, max);
    }

    private PatentCheck Check(string requested, PatentRecord? record, ClaimTree? tree,
        Dictionary<Claim, IReadOnlyList<(ClaimElement Element, IReadOnlyList<string> Words)>> elements, ProductText product, ElementMatcher matcher, DateOnly today)
    {
        if (record is null)
        {
            return new PatentCheck(requested, null, null, []) { Flags = ["not-found"] };
        }
        var enforceability = Enforceability.Of(record, today);
        var flags = new List<string>();
        if (enforceability.Code == Enforceability.InForceUnverified)
        {
            flags.Add("legal-status-unknown");
        }
        if (enforceability.Code == Enforceability.Application)
        {
            flags.Add("application-not-granted");
        }
        if (enforceability.Code is Enforceability.Expired or Enforceability.Lapsed)
        {
            flags.Add("not-in-force");
        }
        if (tree is null || tree.Claims.Count == 0)
        {
            flags.Add("no-claims-text");
            return new PatentCheck(requested, record, enforceability, []) { Flags = flags };
        }
        // Only claim 1 in the data (CNKI's 主权项): the other independent claims are not known.
        if (tree.Claims.Count == 1 && !string.IsNullOrEmpty(record.Claims) && record.Claims.Length < 2_000 && tree.Claims[0].Number == 1)
        {
            flags.Add("claim-1-only");
        }

        var byNumber = tree.Claims.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => g.First());
        var checks = new List<ClaimCheck>();
        var memo = new Dictionary<int, ClaimCheck>();
        foreach (var claim in tree.Claims.Where(c => c.IsIndependent))
        {
            var check = ClaimOf(claim, elements[claim], product, matcher, parent: null);
            memo[claim.Number] = check;
            checks.Add(check);
        }
        // The dependents of a claim that reads: the patentee's fallback positions.
        var dependents = 0;
        foreach (var claim in tree.Claims.Where(c => !c.IsIndependent).OrderBy(c => c.Number))
        {
            var parentNumber = claim.DependsOn.FirstOrDefault(n => memo.ContainsKey(n));
            if (parentNumber == 0 || !memo.TryGetValue(parentNumber, out var parent) || parent.Verdict == ClaimVerdict.NotCovered || dependents >= MaxDependentClaims)
            {
                continue;
            }
            var check = ClaimOf(claim, elements[claim], product, matcher, parent);
            memo[claim.Number] = check;
            checks.Add(check);
            dependents++;
        }
        return new PatentCheck(requested, record, enforceability, [.. checks.OrderBy(c => c.Number)]) { Flags = flags };
    }

    private static ClaimCheck ClaimOf(Claim claim, IReadOnlyList<(ClaimElement Element, IReadOnlyList<string> Words)> claimElements, ProductText product, ElementMatcher matcher, ClaimCheck? parent)
    {
        var elements = claimElements
            .Where(e => e.Element.Part == "subject" || e.Words.Count > 0)
            .Select(e =>
            {
                var match = matcher.Match(e.Element, e.Words, product);
                return new ElementCheck(e.Element.Text, e.Element.Part, match.Status, match.Evidence);
            })
            .ToList();
        // A dependent claim adds its features to all of its parent's: both must be met, so the worse verdict holds.
        var own = ClaimVerdict.Of(elements.Select(e => e.Status));
        var verdict = parent is not null && ClaimVerdict.Rank(parent.Verdict) > ClaimVerdict.Rank(own) ? parent.Verdict : own;
        return new ClaimCheck(claim.Number, claim.IsIndependent, claim.DependsOn, verdict, elements);
    }
}
