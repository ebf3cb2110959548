using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

/// <summary>Where the repository's and the shared reference data live, found from the test assembly.</summary>
internal static class TestData
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Demo(string file) => Path.Combine(RepoRoot, "data", "demo", file);

    /// <summary>The read-only reference data beside the repository (<c>../shared/data</c>), or PATENTNAV_SHARED_DATA.</summary>
    public static string Shared(string relative)
    {
        var path = SharedPath(relative);
        Assert.True(File.Exists(path), $"Reference data not found at {path}; set PATENTNAV_SHARED_DATA to the shared data folder.");
        return path;
    }

    public static string SharedPath(string relative) =>
        Path.Combine(Environment.GetEnvironmentVariable("PATENTNAV_SHARED_DATA") ?? Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared", "data"), relative);

    public static List<SourceReadResult> ReadAll(IPatentSourceReader reader, string path) =>
        [.. reader.Read(path, CancellationToken.None)];
}

/// <summary>A scratch folder per test class instance, deleted afterwards.</summary>
public sealed class Scratch : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("patentnav-readers-").FullName;

    public string File(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class ResultExtensions
{
    public static Core.Ingestion.SourceRecord Record(this SourceReadResult result) => result switch
    {
        SourceReadResult.Record(var record) => record,
        SourceReadResult.Unreadable(var unreadable) => throw new Xunit.Sdk.XunitException(
            $"expected a record at line {unreadable.Location.Line}, got unreadable: {unreadable.Reason}"),
        _ => throw new InvalidOperationException(),
    };

    public static Core.Ingestion.UnreadableRecord Unreadable(this SourceReadResult result) =>
        Assert.IsType<SourceReadResult.Unreadable>(result).Value;
}

/// <summary>
/// A test on the reference data beside the repository, which is not redistributed with it (its licence allows format
/// reference only): skipped, and counted as skipped, where that folder is absent.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative)
    {
        if (!File.Exists(TestData.SharedPath(relative)))
        {
            Skip = $"reference data {relative} not found beside the repository; set PATENTNAV_SHARED_DATA to run this test";
        }
    }
}
