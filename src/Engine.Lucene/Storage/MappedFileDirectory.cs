using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace PatentNav.Engine.Lucene.Storage;

/// <summary>
/// An <see cref="FSDirectory"/> that reads index files through read-only memory maps, addressed by pointer: a read from the
/// page cache is a memory copy, not a system call. Writing, locking and listing stay FSDirectory's.
/// </summary>
/// <remarks>
/// Lucene.Net's own directories were the bottleneck of the query path: NIOFSDirectory reads through a locked FileStream and
/// J2N's ByteBuffer shim (55 % of a novelty query's time over 100k documents), and its MMapDirectory goes through the same
/// shim per byte (2–5× slower than NIOFS here). Profiles and numbers: benchmarks/README.md, "Profiles".
/// A mapping is released when the last input using it is garbage (never while a clone can still read it), so a bug that
/// reads a closed input cannot touch unmapped memory; the price is that a merged-away segment's disk space returns at the
/// next collection rather than at close, as in Java Lucene before its unmap hack.
/// </remarks>
public sealed class MappedFileDirectory(DirectoryInfo path) : FSDirectory(path, null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var mapping = FileMapping.Open(file);
        return new MappedIndexInput($"MappedIndexInput(path=\"{file}\")", mapping, 0, mapping.Length);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        return new Slicer(file, FileMapping.Open(file));
    }

    /// <summary>Slices of a compound file are windows on one mapping.</summary>
    private sealed class Slicer(string file, FileMapping mapping) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > mapping.Length)
            {
                throw new ArgumentException($"slice {offset}:{offset + length} is outside \"{file}\" ({mapping.Length} bytes)");
            }
            return new MappedIndexInput($"MappedIndexInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})", mapping, offset, length);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, mapping.Length);

        protected override void Dispose(bool disposing)
        {
            // The mapping lives as long as a slice references it (see FileMapping).
        }
    }
}

/// <summary>A read-only view of a whole file, unmapped by its finalizer once no input references it.</summary>
internal sealed unsafe class FileMapping
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;

    private FileMapping(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* pointer, long length)
    {
        _file = file;
        _view = view;
        Pointer = pointer;
        Length = length;
    }

    public byte* Pointer { get; }

    public long Length { get; }

    public static FileMapping Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        if (length == 0)
        {
            // An empty file cannot be mapped; every read of it is past its end.
            return new FileMapping(null, null, null, 0);
        }
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new FileMapping(file, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    ~FileMapping()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
    }
}

/// <summary>Reads a window [start, start + length) of a mapping. Clones share the mapping and keep it alive.</summary>
internal sealed unsafe class MappedIndexInput(string description, FileMapping mapping, long start, long length) : IndexInput(description)
{
    private long _position;

    public override long Length => length;

    public override long Position => _position;

    public override void Seek(long pos)
    {
        if (pos < 0 || pos > length)
        {
            throw new EndOfStreamException($"seek past EOF: {this} (position {pos}, length {length})");
        }
        _position = pos;
    }

    // GC.KeepAlive: the mapping must outlive the pointer read even when this input is dropped right after it.
    public override byte ReadByte()
    {
        if (_position >= length)
        {
            throw new EndOfStreamException($"read past EOF: {this}");
        }
        var value = mapping.Pointer[start + _position++];
        GC.KeepAlive(mapping);
        return value;
    }

    public override void ReadBytes(byte[] b, int offset, int len)
    {
        Take(len).CopyTo(b.AsSpan(offset, len));
        GC.KeepAlive(mapping);
    }

    public override short ReadInt16()
    {
        var value = BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short)));
        GC.KeepAlive(mapping);
        return value;
    }

    public override int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));
        GC.KeepAlive(mapping);
        return value;
    }

    public override long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));
        GC.KeepAlive(mapping);
        return value;
    }

    public override object Clone()
    {
        // Lucene clones inputs per term lookup and per postings enum: copying two fields keeps that cheap.
        return new MappedIndexInput(ToString(), mapping, start, length) { _position = _position };
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing to release: the mapping is freed when no input references it.
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > length)
        {
            throw new EndOfStreamException($"read past EOF: {this} (position {_position}, {count} bytes, length {length})");
        }
        var span = new ReadOnlySpan<byte>(mapping.Pointer + start + _position, count);
        _position += count;
        return span;
    }
}
