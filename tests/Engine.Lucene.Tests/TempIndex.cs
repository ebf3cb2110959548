namespace PatentNav.Engine.Lucene.Tests;

/// <summary>A fresh index folder per test, removed afterwards.</summary>
public sealed class TempIndexDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "patentnav-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
