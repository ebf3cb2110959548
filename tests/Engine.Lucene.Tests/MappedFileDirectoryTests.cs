using Lucene.Net.Store;
using PatentNav.Engine.Lucene.Storage;

namespace PatentNav.Engine.Lucene.Tests;

public sealed class MappedFileDirectoryTests : IDisposable
{
    private readonly TempIndexDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MappedFileDirectory WriteSample()
    {
        var directory = new MappedFileDirectory(new DirectoryInfo(_dir.Path));
        using var output = directory.CreateOutput("sample.bin", IOContext.DEFAULT);
        output.WriteByte(7);
        output.WriteInt16(-2);
        output.WriteInt32(0x12345678);
        output.WriteInt64(-1234567890123L);
        output.WriteVInt32(300);
        output.WriteString("专利导航");
        output.WriteBytes(Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray(), 5000);
        return directory;
    }

    [Fact]
    public void Reads_back_what_Lucene_wrote_in_its_byte_order()
    {
        using var directory = WriteSample();
        using var input = directory.OpenInput("sample.bin", IOContext.DEFAULT);
        Assert.Equal(7, input.ReadByte());
        Assert.Equal(-2, input.ReadInt16());
        Assert.Equal(0x12345678, input.ReadInt32());
        Assert.Equal(-1234567890123L, input.ReadInt64());
        Assert.Equal(300, input.ReadVInt32());
        Assert.Equal("专利导航", input.ReadString());
        var bytes = new byte[5000];
        input.ReadBytes(bytes, 0, bytes.Length);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (byte)i), bytes);
        Assert.Equal(input.Length, input.Position);
    }

    [Fact]
    public void Reading_or_seeking_past_the_end_throws_instead_of_reading_foreign_memory()
    {
        using var directory = WriteSample();
        using var input = directory.OpenInput("sample.bin", IOContext.DEFAULT);
        input.Seek(input.Length - 2);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
        Assert.Throws<EndOfStreamException>(() => input.Seek(input.Length + 1));
        input.Seek(input.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Fact]
    public void Clones_keep_their_own_position_and_outlive_the_closed_original()
    {
        using var directory = WriteSample();
        var input = directory.OpenInput("sample.bin", IOContext.DEFAULT);
        input.Seek(3);
        var clone = (IndexInput)input.Clone();
        Assert.Equal(0x12345678, clone.ReadInt32());
        Assert.Equal(3, input.Position);
        input.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(-1234567890123L, clone.ReadInt64());
    }

    [Fact]
    public void Compound_file_slices_are_bounded_windows_of_the_file()
    {
        using var directory = WriteSample();
        using var slicer = directory.CreateSlicer("sample.bin", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("ints", 3, 4);
        Assert.Equal(4, slice.Length);
        Assert.Equal(0x12345678, slice.ReadInt32());
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        Assert.Throws<ArgumentException>(() => slicer.OpenSlice("outside", 10, 1_000_000));
    }

    [Fact]
    public void An_empty_file_opens_and_has_nothing_to_read()
    {
        using var directory = new MappedFileDirectory(new DirectoryInfo(_dir.Path));
        using (directory.CreateOutput("empty.bin", IOContext.DEFAULT))
        {
        }
        using var input = directory.OpenInput("empty.bin", IOContext.DEFAULT);
        Assert.Equal(0, input.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }
}
