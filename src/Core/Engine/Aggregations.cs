using PatentNav.Core.Query;

namespace PatentNav.Core.Engine;

/// <summary>
/// What navigation maps and facets count, in one request shape that every engine implements once (Lucene: one pass of
/// doc values per segment; Elasticsearch: <c>terms</c>, <c>filters</c> and <c>histogram</c> aggregations). Buckets
/// nest: a terms bucket (an applicant) can carry its own year histogram.
/// </summary>
public abstract record AggregationRequest
{
    /// <summary>Aggregations counted inside each bucket of this one.</summary>
    public IReadOnlyDictionary<string, AggregationRequest> Aggregations { get; init; } = new Dictionary<string, AggregationRequest>();
}

/// <summary>The <see cref="Size"/> most frequent values of a field, ties by value; <see cref="AggregationResult.Other"/> counts the rest.</summary>
public sealed record TermsAggregation(FacetField Field, int Size = 10) : AggregationRequest
{
    /// <summary>
    /// Counts only these values (Elasticsearch's <c>include</c> list); values without documents get no bucket. Far cheaper
    /// than a named filter per value when a caller asks about a known list (a node's candidate applicants).
    /// </summary>
    public IReadOnlyList<string>? Include { get; init; }
}

/// <summary>One bucket per named sub-query, in the order given (the nodes of an industry chain, for example).</summary>
public sealed record FiltersAggregation(IReadOnlyList<NamedFilter> Filters) : AggregationRequest;

public sealed record NamedFilter(string Name, QueryNode Query);

/// <summary>
/// Documents per year of <see cref="Field"/> (<see cref="FacetField.ApplicationYear"/> or
/// <see cref="FacetField.PublicationYear"/>), ascending, with a zero bucket for every year without documents between
/// <see cref="From"/> (or the first year seen) and <see cref="To"/> (or the last), so a trend line has no holes.
/// </summary>
public sealed record YearHistogram(FacetField Field, int? From = null, int? To = null) : AggregationRequest;

public sealed record AggregationBucket(string Key, long Count)
{
    public IReadOnlyDictionary<string, AggregationResult> Aggregations { get; init; } = new Dictionary<string, AggregationResult>();
}

/// <param name="Other">Documents whose values fell outside the returned buckets (terms only).</param>
public sealed record AggregationResult(IReadOnlyList<AggregationBucket> Buckets, long Other = 0);

/// <summary>Checks an aggregation tree before any engine runs it, so both engines refuse the same requests.</summary>
public static class AggregationLimits
{
    public const int MaxDepth = 3;
    public const int MaxTermsSize = 1000;
    public const int MaxFilters = 200;
    public const int MaxYears = 200;
    /// <summary>Buckets one request may produce, counting nested ones (Elasticsearch's search.max_buckets defaults to 65,536).</summary>
    public const long MaxBuckets = 65_536;

    public static void Validate(IReadOnlyDictionary<string, AggregationRequest> aggregations)
    {
        var buckets = Count(aggregations, 1);
        if (buckets > MaxBuckets)
        {
            throw new ArgumentException($"The aggregations could produce {buckets} buckets; at most {MaxBuckets}.");
        }
    }

    private static long Count(IReadOnlyDictionary<string, AggregationRequest> aggregations, int depth)
    {
        if (aggregations.Count == 0)
        {
            return 0;
        }
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Aggregations nest at most {MaxDepth} levels deep.");
        }
        long total = 0;
        foreach (var (name, request) in aggregations)
        {
            long width = request switch
            {
                TermsAggregation { Include.Count: > MaxTermsSize } => throw new ArgumentException($"Aggregation '{name}': at most {MaxTermsSize} included values."),
                TermsAggregation terms when terms.Size is >= 1 and <= MaxTermsSize => terms.Size,
                TermsAggregation => throw new ArgumentException($"Aggregation '{name}': size must be between 1 and {MaxTermsSize}."),
                FiltersAggregation filters when filters.Filters.Count is >= 1 and <= MaxFilters => filters.Filters.Count,
                FiltersAggregation => throw new ArgumentException($"Aggregation '{name}': between 1 and {MaxFilters} filters."),
                YearHistogram { Field: not (FacetField.ApplicationYear or FacetField.PublicationYear) } =>
                    throw new ArgumentException($"Aggregation '{name}': a year histogram counts applicationYear or publicationYear."),
                YearHistogram { From: { } from, To: { } to } when to < from || to - from >= MaxYears =>
                    throw new ArgumentException($"Aggregation '{name}': years from {from} to {to} are not a range of at most {MaxYears}."),
                YearHistogram { From: { } from, To: { } to } => to - from + 1,
                // Open ends: patent years span about four decades.
                YearHistogram => 64,
                _ => throw new ArgumentException($"Aggregation '{name}' is of an unknown kind."),
            };
            total += width * (1 + Count(request.Aggregations, depth + 1));
        }
        return total;
    }
}
