namespace PatentNav.Core.Model;

/// <summary>Claims parsed into numbered claims with their dependencies.</summary>
public sealed record ClaimTree(IReadOnlyList<Claim> Claims)
{
    public IEnumerable<Claim> Independent => Claims.Where(c => c.IsIndependent);
}

/// <summary>One numbered claim.</summary>
/// <param name="Number">The claim number as printed.</param>
/// <param name="Text">The full claim text without its number.</param>
/// <param name="DependsOn">Earlier claims this one refers back to (ranges expanded); empty for an independent claim.</param>
/// <param name="Preamble">前序部分: text before 其特征在于, or null when the claim has no such split.</param>
/// <param name="Characterising">特征部分: text after 其特征在于.</param>
/// <param name="Features">Technical features, split at ；/; and at 包括：… lists.</param>
public sealed record Claim(
    int Number,
    string Text,
    IReadOnlyList<int> DependsOn,
    string? Preamble,
    string? Characterising,
    IReadOnlyList<string> Features)
{
    /// <summary>
    /// Numbers this claim refers to that are not earlier claims: source errors such as claim 3 citing 权利要求3. Kept out of
    /// <see cref="DependsOn"/> so the dependency graph stays acyclic, yet the claim still counts as dependent.
    /// </summary>
    public IReadOnlyList<int> InvalidReferences { get; init; } = [];

    public bool IsIndependent => DependsOn.Count == 0 && InvalidReferences.Count == 0;
}
