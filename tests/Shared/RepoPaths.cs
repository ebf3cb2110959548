using System.Runtime.CompilerServices;

namespace PatentNav.Tests;

/// <summary>The repository root and its demo corpus, found from the test assembly (linked into each test project).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Demo => Path.Combine(Root, "data", "demo");

    /// <summary>Walks up from the test assembly, then from this source file: with <c>--artifacts-path</c> the assembly is built outside the repository.</summary>
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatentNav.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("PatentNav.slnx not found above the test assembly or its sources.");
    }
}
