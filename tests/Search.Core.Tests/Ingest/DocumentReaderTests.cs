using System.IO.Compression;
using Search.Ingest;
using static Search.Core.Tests.Ingest.TestFiles;

namespace Search.Core.Tests.Ingest;

public class DocumentReaderTests
{
    private static string Line(string id) => $"{{\"id\": \"{id}\", \"title\": \"{id}\"}}\n";

    [Fact]
    public void Folder_is_read_recursively_in_ordinal_order_skipping_hidden_and_unknown_files()
    {
        using var folder = new TempFolder();
        folder.Write("b.jsonl", Line("b"));
        folder.Write("a/z.csv", "id,title\nz,Z\n");
        folder.Write("a/y/x.jsonl.gz", Gzip(Utf8(Line("x"))));
        folder.Write("B.ndjson", Line("B"));
        folder.Write("seed/000_1.txt", " date 2025-03-31 Src / sec\n\nHead\n\nBody.\n");
        folder.Write("README.md", "# not a document");
        folder.Write("SOURCES.md", "not a document either");
        folder.Write("data.xml", "<doc/>");
        folder.Write(".hidden.jsonl", Line("hidden"));
        folder.Write(".git/objects.jsonl", Line("in-hidden-folder"));

        List<IngestRecord> records = ReadAll(folder.Path);

        Assert.Empty(records.Rejected());
        Assert.Equal(["B", "x", "z", "b", "000_1"], records.Documents().Select(d => d.Id));
        Assert.Equal(Path.Combine(folder.Path, "a", "y", "x.jsonl.gz"), records[1].File);
    }

    [Fact]
    public void Missing_path_gives_one_rejection_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "search-no-such-" + Guid.NewGuid().ToString("N"), "docs.jsonl");

        IngestRecord record = Assert.Single(ReadAll(missing));

        Assert.Equal(missing, record.File);
        Assert.Equal(0, record.Line);
        Assert.Null(record.Document);
        Assert.Contains(missing, record.ToString());
    }

    [Fact]
    public void Explicit_file_of_unknown_type_is_rejected()
    {
        using var folder = new TempFolder();
        string file = folder.Write("notes.md", "# hello");

        IngestRecord record = Assert.Single(ReadAll(file));

        Assert.StartsWith("unsupported file type", record.Error);
    }

    [Fact]
    public void Corrupt_gzip_is_rejected_and_the_next_file_is_read()
    {
        using var folder = new TempFolder();
        folder.Write("1-not-gzip.jsonl.gz", Line("plain text pretending to be gzip"));
        byte[] big = Gzip(Utf8(string.Concat(Enumerable.Range(0, 20_000).Select(i => Line($"doc-{i}-{(long)i * i * 7919 % 1_000_003}")))));
        for (int i = big.Length / 2; i < big.Length / 2 + 64; i++)
        {
            big[i] ^= 0x5A;
        }

        folder.Write("2-damaged.jsonl.gz", big);
        folder.Write("3-good.jsonl", Line("good"));

        List<IngestRecord> records = ReadAll(folder.Path);

        IngestRecord notGzip = records.First();
        Assert.EndsWith("1-not-gzip.jsonl.gz", notGzip.File);
        Assert.Equal(1, notGzip.Line);
        Assert.StartsWith("cannot decompress", notGzip.Error);
        // Damaged deflate data may first decode to garbage lines (each rejected) before zlib notices.
        IngestRecord damaged = records.Last(r => r.File.EndsWith("2-damaged.jsonl.gz", StringComparison.Ordinal));
        Assert.StartsWith("cannot decompress", damaged.Error);
        Assert.True(damaged.Line > 1, $"expected the line reached, got {damaged}");
        Assert.Equal("good", records[^1].Document?.Id);
    }

    [Fact]
    public void Reading_is_lazy()
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "later.jsonl");

        IEnumerable<IngestRecord> records = DocumentReader.Read(file);
        File.WriteAllText(file, Line("later"));

        Assert.Equal("later", Assert.Single(records).Document?.Id);
    }

    [Fact]
    public void Stops_early_without_reading_the_rest_and_closes_the_file()
    {
        using var folder = new TempFolder();
        string file = folder.Write("many.jsonl.gz", Gzip(Utf8(string.Concat(Enumerable.Range(0, 1000).Select(i => Line($"d{i}"))))));

        Assert.Equal(["d0", "d1"], DocumentReader.Read(file).Take(2).Select(r => r.Document!.Id));
        File.Delete(file);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Cancellation_stops_the_enumeration()
    {
        using var cancel = new CancellationTokenSource();
        var stdin = new StringReader(Line("a") + Line("b"));
        using IEnumerator<IngestRecord> records = DocumentReader.Read("-", stdin, cancel.Token).GetEnumerator();

        Assert.True(records.MoveNext());
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => records.MoveNext());
    }
}
