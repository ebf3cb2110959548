using System.Text.Json;

namespace PatentNav.Indexer.Tests;

/// <summary>Runs the indexer CLI in-process and reads back its summary JSON.</summary>
internal sealed class IndexerRun
{
    public required int ExitCode { get; init; }
    public required string Output { get; init; }
    public JsonElement Summary { get; init; }

    public long this[string member] => Summary.GetProperty(member).GetInt64();

    public static IndexerRun Index(string indexDir, string workDir, params string[] inputs)
    {
        var summaryPath = Path.Combine(workDir, $"summary-{Guid.NewGuid():N}.json");
        var output = new StringWriter();
        var exit = IndexerCli.Run(["index", .. inputs, "--index-dir", indexDir, "--summary-json", summaryPath, "--batch-size", "500"], output);
        JsonElement summary = default;
        if (File.Exists(summaryPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(summaryPath));
            summary = doc.RootElement.Clone();
        }
        return new IndexerRun { ExitCode = exit, Output = output.ToString(), Summary = summary };
    }

    public static (int ExitCode, string Output) Cli(params string[] args)
    {
        var output = new StringWriter();
        var exit = IndexerCli.Run(args, output);
        return (exit, output.ToString());
    }
}

/// <summary>A scratch folder per test.</summary>
public sealed class ScratchDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("patentnav-indexer-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
