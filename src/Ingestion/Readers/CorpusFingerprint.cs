using System.Security.Cryptography;
using System.Text;

namespace PatentNav.Ingestion.Readers;

/// <summary>
/// A fingerprint of a corpus's content: each source file's path relative to the corpus, its length and its bytes. It
/// tells a service whether the corpus it bundled at its first start is still the corpus it bundles now (an upgrade
/// adds files); timestamps are left out, because a fresh clone rewrites them all.
/// </summary>
public static class CorpusFingerprint
{
    public static string Of(string fileOrFolder)
    {
        var root = Directory.Exists(fileOrFolder) ? Path.GetFullPath(fileOrFolder) : Path.GetDirectoryName(Path.GetFullPath(fileOrFolder))!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in SourceReaders.ExpandInputs([fileOrFolder]))
        {
            // Folder separators differ between systems; the fingerprint must not.
            var relative = Path.GetRelativePath(root, Path.GetFullPath(file)).Replace('\\', '/');
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{new FileInfo(file).Length}\n"));
            using var stream = File.OpenRead(file);
            hash.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
