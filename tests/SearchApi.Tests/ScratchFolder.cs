namespace PatentNav.SearchApi.Tests;

/// <summary>A temporary folder for one test class's data, removed afterwards (what a killed process left may stay).</summary>
public sealed class ScratchFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

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
