namespace PatentNav.Ingestion.Readers;

/// <summary>An input path that does not exist or is not a file type any reader accepts: the run cannot start.</summary>
public sealed class SourceNotFoundException : IOException
{
    public SourceNotFoundException()
    {
    }

    public SourceNotFoundException(string message)
        : base(message)
    {
    }

    public SourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SourceNotFoundException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The input path as the user gave it.</summary>
    public string? Path { get; }
}
