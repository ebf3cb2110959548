namespace PatentNav.Core.Query;

/// <summary>A query the parser rejects; <see cref="Position"/> is the character offset where it broke.</summary>
public sealed class QueryParseException(int position, string messageZh, string messageEn, string kind = "syntax")
    : Exception($"{messageEn} (position {position})")
{
    public int Position { get; } = position;
    /// <summary>The message in Chinese, shown to users first.</summary>
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
    /// <summary><c>syntax</c> for malformed queries, <c>limit</c> for queries over a size limit.</summary>
    public string Kind { get; } = kind;
}

/// <summary>Limits that keep one query from exhausting the service; each breach is a 400, never a 500.</summary>
public sealed record QueryLimits
{
    public int MaxLength { get; init; } = 4000;
    public int MaxClauses { get; init; } = 256;
    public int MaxDepth { get; init; } = 32;
    /// <summary>Literal characters a wildcard term needs before its first <c>*</c> or <c>?</c>, so it cannot enumerate the whole dictionary.</summary>
    public int MinWildcardPrefix { get; init; } = 1;
    /// <summary>Index terms all the wildcards of one query may expand to together; checked by the engine before it runs.</summary>
    public int MaxWildcardExpansions { get; init; } = 10_000;
    /// <summary>
    /// <c>*</c> and <c>?</c> in one term. Each adds states to the term's automaton: <c>a*b*b…</c> with 2,000 stars kept a core
    /// busy for minutes building it, while real truncation needs one or two.
    /// </summary>
    public int MaxWildcardsPerTerm { get; init; } = 4;
    /// <summary>Wildcard terms in one query; each one enumerates the term dictionary.</summary>
    public int MaxWildcardTerms { get; init; } = 16;
    /// <summary>Characters of one search term or quoted phrase (a pasted claim fits; a 3,000-character run does not).</summary>
    public int MaxTermLength { get; init; } = 200;
    /// <summary>Largest word distance of a proximity operator (<c>nW</c>, <c>nD</c>, <c>NEAR/n</c>, <c>"a b"~n</c>).</summary>
    public int MaxProximityDistance { get; init; } = 100;

    public static QueryLimits Default { get; } = new();
}
