using Lucene.Net.Store;
using Search.Indexing;

namespace Search.Core.Tests.Indexing;

/// <summary>
/// The index's directory reads with positional reads on one handle per file: every input, clone and slice must read the
/// bytes at its own position, also while other threads read the same file, and must refuse to read past its end.
/// </summary>
public sealed class PositionalReadDirectoryTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-pread-" + Guid.NewGuid().ToString("N"));

    public PositionalReadDirectoryTests() => System.IO.Directory.CreateDirectory(folder);

    public void Dispose() => System.IO.Directory.Delete(folder, recursive: true);

    /// <summary>A file of <paramref name="length"/> bytes where byte i is i * 7 mod 251, written through the directory.</summary>
    private static void Write(PositionalReadDirectory dir, string name, int length)
    {
        using var output = dir.CreateOutput(name, IOContext.DEFAULT);
        for (int i = 0; i < length; i++)
            output.WriteByte(Expected(i));
    }

    private static byte Expected(long i) => (byte)(i * 7 % 251);

    [Fact]
    public void An_input_reads_the_bytes_written_from_any_position_and_not_past_the_end()
    {
        using var dir = new PositionalReadDirectory(folder);
        Write(dir, "data", 10_000);
        using var input = dir.OpenInput("data", IOContext.DEFAULT);
        Assert.Equal(10_000, input.Length);
        var all = new byte[10_000];
        input.ReadBytes(all, 0, all.Length);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => Expected(i)), all);

        input.Seek(4_321);
        Assert.Equal(Expected(4_321), input.ReadByte());
        input.Seek(9_999);
        Assert.Equal(Expected(9_999), input.ReadByte());
        Assert.ThrowsAny<IOException>(() => input.ReadByte());
    }

    [Fact]
    public void Clones_on_many_threads_each_read_at_their_own_position()
    {
        using var dir = new PositionalReadDirectory(folder);
        Write(dir, "data", 200_000);
        using var input = dir.OpenInput("data", IOContext.DEFAULT);
        int wrong = 0;
        Parallel.For(0, 8, t =>
        {
            var clone = (IndexInput)input.Clone();
            var rng = new Random(t);
            var buffer = new byte[3_000];
            for (int k = 0; k < 500; k++)
            {
                long at = rng.Next(0, 200_000 - buffer.Length);
                clone.Seek(at);
                int length = rng.Next(1, buffer.Length);
                clone.ReadBytes(buffer, 0, length);
                for (int i = 0; i < length; i++)
                    if (buffer[i] != Expected(at + i))
                        Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
        // A clone does not own the handle: the input reads on after its clones are gone.
        input.Seek(12_345);
        Assert.Equal(Expected(12_345), input.ReadByte());
    }

    [Fact]
    public void A_slice_reads_its_part_of_the_file_only()
    {
        using var dir = new PositionalReadDirectory(folder);
        Write(dir, "data", 50_000);
        using var slicer = dir.CreateSlicer("data", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("part", 20_000, 5_000);
        Assert.Equal(5_000, slice.Length);
        var bytes = new byte[5_000];
        slice.ReadBytes(bytes, 0, bytes.Length);
        Assert.Equal(Enumerable.Range(20_000, 5_000).Select(i => Expected(i)), bytes);
        Assert.ThrowsAny<IOException>(() => slice.ReadByte());
        slice.Seek(10);
        Assert.Equal(Expected(20_010), slice.ReadByte());
    }

    [Fact]
    public async Task An_index_written_and_searched_through_it_keeps_every_document()
    {
        using (var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero }))
        {
            for (int i = 0; i < 500; i++)
                index.AddOrUpdate(new NewsDocument($"n{i}", $"Report {i}", i % 2 == 0 ? "Talks in Tehran" : "Talks in Teheran"));
            await index.CommitAsync();
        }
        using var reopened = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(500, reopened.GetStats().Documents);
        Assert.Equal(500, reopened.Search(new SearchRequest { Query = "Tehran", IncludeSnippets = false }).Total);
        Assert.Equal("Report 123", reopened.Get("n123")?.Title);
    }
}
