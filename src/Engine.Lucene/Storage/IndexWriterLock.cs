using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Lucene.Net.Store;

namespace PatentNav.Engine.Lucene.Storage;

/// <summary>
/// One writing process per index folder, enforced by the operating system. Lucene.Net's <c>write.lock</c> did not stop a
/// second process on Linux: two services on one data folder both opened writers, acknowledged records vanished and once
/// the whole index was lost. This lock is an exclusive <c>flock</c> on <c>writer.lock</c> (what .NET takes for
/// <see cref="FileShare.None"/>), held for the writer's lifetime and released by the kernel when the process dies, so a
/// killed process never leaves a stale lock. <c>writer.json</c> beside it names the holder for the refusal message.
/// </summary>
public sealed class IndexWriterLock : IDisposable
{
    public const string LockFileName = "writer.lock";
    public const string HolderFileName = "writer.json";

    private readonly FileStream _stream;

    private IndexWriterLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock or throws <see cref="IndexLockedException"/> naming the process that holds it.</summary>
    public static IndexWriterLock Acquire(string indexPath)
    {
        System.IO.Directory.CreateDirectory(indexPath);
        var lockPath = Path.Combine(indexPath, LockFileName);
        var holderPath = Path.Combine(indexPath, HolderFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new IndexLockedException(indexPath, ReadHolder(holderPath), ex);
        }
        try
        {
            // The entry assembly names the program (patentnav-search, patentnav-indexer); the process name is often just "dotnet".
            using var process = Process.GetCurrentProcess();
            var program = Assembly.GetEntryAssembly()?.GetName().Name ?? process.ProcessName;
            var holder = new IndexLockHolder(Environment.ProcessId, program, Environment.MachineName, DateTimeOffset.UtcNow);
            File.WriteAllBytes(holderPath, JsonSerializer.SerializeToUtf8Bytes(holder));
        }
        catch (IOException)
        {
            // The holder note only improves the message another process prints; the lock itself is what counts.
        }
        return new IndexWriterLock(stream);
    }

    /// <summary>
    /// Only a lock conflict means "in use": EWOULDBLOCK from flock (11 on Linux, 35 on macOS; .NET keeps the errno as
    /// the HResult) or a Windows sharing/lock violation. Any other failure (a read-only or full disk) is reported as itself.
    /// </summary>
    private static bool IsHeldElsewhere(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static IndexLockHolder? ReadHolder(string holderPath)
    {
        try
        {
            return JsonSerializer.Deserialize<IndexLockHolder>(File.ReadAllBytes(holderPath));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>The process that holds an index's writer lock.</summary>
public sealed record IndexLockHolder(int ProcessId, string ProcessName, string Host, DateTimeOffset Since);

/// <summary>
/// Another process writes to this index. Derives from Lucene's <see cref="LockObtainFailedException"/>, which callers
/// already treat as "locked" (the indexer's exit code 3).
/// </summary>
public sealed class IndexLockedException(string indexPath, IndexLockHolder? holder, Exception inner)
    : LockObtainFailedException(Describe(indexPath, holder), inner)
{
    public string IndexPath { get; } = indexPath;

    public IndexLockHolder? Holder { get; } = holder;

    private static string Describe(string indexPath, IndexLockHolder? holder) =>
        holder is null
            ? $"The index at {indexPath} is in use by another process; only one process may write to it. Stop the other process or use another data folder."
            : $"The index at {indexPath} is in use by process {holder.ProcessId} ({holder.ProcessName} on {holder.Host}, since {holder.Since:u}); "
              + "only one process may write to it. Stop that process or use another data folder.";
}
