using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Core.Engine;
using PatentNav.Core.Query;
using PatentNav.Engine.Lucene;

namespace PatentNav.Indexer.Tests;

public sealed class CrashRecoveryTests : IDisposable
{
    private readonly ScratchDir _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_run_killed_with_SIGKILL_and_rerun_ends_with_the_documents_of_an_uninterrupted_run()
    {
        var reference = _scratch.File("reference");
        Assert.Equal(0, IndexerRun.Index(reference, _scratch.Path, RepoPaths.Demo).ExitCode);

        var crashed = _scratch.File("crashed");
        using (var child = StartIndexerProcess(crashed))
        {
            // Kill only after some batches are committed and before the run could have finished.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                if (child.HasExited)
                {
                    Assert.Fail($"the indexer finished before it could be killed (last poll error: {LastPollError}): {await child.StandardOutput.ReadToEndAsync()}");
                }
                if (CommittedDocuments(crashed) >= 1000)
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, "the indexer committed nothing in time");
                await Task.Delay(20);
            }
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            // A run that ended by itself prints its summary table; a killed one never gets there.
            Assert.DoesNotContain("documents in index", await child.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        var committedAtKill = CommittedDocuments(crashed);
        Assert.True(committedAtKill < Documents(reference).Count, $"the kill came after the last commit (last poll error: {LastPollError})");
        Assert.True(committedAtKill >= 1000);

        var rerun = IndexerRun.Index(crashed, _scratch.Path, RepoPaths.Demo);
        Assert.Equal(0, rerun.ExitCode);
        var expected = Documents(reference);
        Assert.Equal(expected.Count - committedAtKill, rerun["added"]);
        Assert.Equal(expected, Documents(crashed));
    }

    private static Process StartIndexerProcess(string indexDir)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "patentnav-indexer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "index", RepoPaths.Demo, "--index-dir", indexDir, "--batch-size", "200" })
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the indexer");
    }

    /// <summary>Documents in the last commit, read without taking the writer's lock.</summary>
    private static long CommittedDocuments(string indexDir)
    {
        try
        {
            using var dir = new NIOFSDirectory(new DirectoryInfo(indexDir));
            if (!DirectoryReader.IndexExists(dir))
            {
                return 0;
            }
            using var reader = DirectoryReader.Open(dir);
            return reader.NumDocs;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A commit in progress can replace files under us: try again on the next poll.
            LastPollError = ex.GetType().Name + ": " + ex.Message;
            return 0;
        }
    }

    private static string? LastPollError { get; set; }

    private static SortedDictionary<string, string> Documents(string indexDir)
    {
        using var index = LucenePatentIndex.Open(indexDir, new LuceneIndexOptions { ReadOnly = true });
        var result = index.Search(new SearchRequest { Query = new MatchAllNode(), Size = (int)index.DocumentCount });
        return new SortedDictionary<string, string>(
            result.Hits.ToDictionary(h => h.Id, h => Core.Model.PatentJson.SerializeToUtf8(h.Record!).Length + ":" + h.Record!.Title),
            StringComparer.Ordinal);
    }
}
