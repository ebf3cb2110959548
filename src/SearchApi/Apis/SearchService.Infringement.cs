using System.Diagnostics;
using PatentNav.Core.Infringement;
using PatentNav.Core.Model;
using PatentNav.Core.Query;

namespace PatentNav.SearchApi.Apis;

public sealed partial class SearchService
{
    public async Task<InfringementResponse> InfringementAsync(InfringementBody body, CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.StartNew();
        var text = body.Text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RequestValidationException("text", "text is empty: describe the product or process.", "产品或方法描述为空");
        }
        if (text.Length > InfringementCheck.MaxTextLength)
        {
            throw new RequestValidationException("text", $"text may be at most {InfringementCheck.MaxTextLength} characters.", $"描述最多 {InfringementCheck.MaxTextLength} 个字符");
        }
        var size = body.Size ?? 10;
        if (size is < 1 or > InfringementCheck.MaxSize)
        {
            throw new RequestValidationException("size", $"size must be between 1 and {InfringementCheck.MaxSize}.", $"size 须在 1 到 {InfringementCheck.MaxSize} 之间");
        }
        List<string>? patents = null;
        if (body.Patents is { } given)
        {
            if (given.Count > InfringementCheck.MaxPatents)
            {
                throw new RequestValidationException("patents", $"At most {InfringementCheck.MaxPatents} patents per check.", $"每次最多核对 {InfringementCheck.MaxPatents} 件专利");
            }
            patents = [];
            for (var i = 0; i < given.Count; i++)
            {
                if (given[i] is not { Length: > 0 and <= 64 } number || string.IsNullOrWhiteSpace(number))
                {
                    throw new RequestValidationException($"patents[{i}]", "A patent number is a non-empty string of at most 64 characters.", "专利号须为不超过 64 个字符的非空字符串");
                }
                patents.Add(number.Trim());
            }
        }
        var filters = InfringementFilterNodes(body.Filters);
        var result = await WithinBudget(token => new InfringementCheck(searcher, clock).CheckAsync(new InfringementRequest
        {
            Text = text,
            Patents = patents,
            Size = size,
            Filters = filters,
        }, token), cancellationToken);
        var elapsed = clockStart.Elapsed.TotalMilliseconds;
        metrics.Record("infringement", result.Engine, elapsed, result.Results.Count);
        return new InfringementResponse([.. result.Results.Select(ToDto)], result.Candidates, result.Engine, Math.Round(elapsed, 2), InfringementCheck.Disclaimer);
    }

    private static InfringementResultDto ToDto(PatentCheck check)
    {
        var record = check.Record;
        return new InfringementResultDto(
            record?.PublicationNumber ?? record?.Id ?? check.Requested,
            check.Requested,
            check.Found,
            record?.Title,
            record?.Applicants ?? [],
            record is null ? null : ContractName(record.Type),
            record?.ApplicationDate,
            record is null ? "unknown" : ContractName(record.LegalState),
            record?.LegalStatusText,
            check.Enforceability?.InForce,
            check.Enforceability is { } e ? new EnforceabilityDto(e.Code, e.Expiry, e.Note) : null,
            check.Flags,
            check.Verdict,
            check.Verdict is { } v ? ClaimVerdict.RiskOf(v) : null,
            [.. check.Claims.Select(c => new ClaimCheckDto(c.Number, c.Independent, c.DependsOn, c.Verdict, c.Risk, c.MissingElements,
                [.. c.Elements.Select(el => new ElementCheckDto(el.Text, el.Part, el.Status, new ElementEvidenceDto(
                    el.Evidence.Sentence, el.Evidence.MatchedTerms, el.Evidence.MissingTerms, el.Evidence.Substitutions, el.Evidence.Reason,
                    el.Evidence.ReasonCode, el.Evidence.LiteralShare, el.Evidence.EquivalentShare)))]))]);
    }

    /// <summary>Structured infringement filters become AST nodes, each an AND-ed filter of its own; none of them is query text.</summary>
    private List<QueryNode> InfringementFilterNodes(InfringementFilters? filters)
    {
        if (filters is null)
        {
            return [];
        }
        var nodes = StructuredFilterNodes(filters.Ipc, filters.ApplicationDateFrom, filters.ApplicationDateTo, filters.Type, filters.Query);
        if (filters.Applicant is { Count: > 0 } applicants)
        {
            nodes.Add(AnyOf("filters.applicant", applicants, SearchField.Applicant));
        }
        if (filters.Region is { Length: > 0 } region)
        {
            nodes.Add(FieldValue("filters.region", SearchField.RegionCode, region));
        }
        return nodes;
    }
}
