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
    /// <summary>Distinct index terms one wildcard may expand to; checked by the engine.</summary>
    public int MaxWildcardExpansions { get; init; } = 10_000;

    public static QueryLimits Default { get; } = new();
}
