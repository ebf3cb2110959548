namespace PatentNav.Engine.Lucene.Indexing;

/// <summary>Index-time derivations of record values.</summary>
internal static class IndexText
{
    public static string ForClaims(string claims) => claims;

    public static string ApplicantKey(string applicant) => applicant.Trim();

    public static IpcLevelSet IpcLevels(string symbol)
    {
        var s = symbol.Trim();
        var section = s.Length >= 1 ? s[..1] : null;
        var cls = s.Length >= 3 ? s[..3] : null;
        var subclass = s.Length >= 4 ? s[..4] : null;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var group = slash > 4 ? s[..slash] + "/00" : null;
        var all = new List<string>(5);
        foreach (var level in new[] { section, cls, subclass, group, s })
        {
            if (level is not null && !all.Contains(level))
            {
                all.Add(level);
            }
        }
        return new IpcLevelSet(section, cls, subclass, group, all);
    }
}

internal sealed record IpcLevelSet(string? Section, string? Class, string? Subclass, string? MainGroup, IReadOnlyList<string> All);
