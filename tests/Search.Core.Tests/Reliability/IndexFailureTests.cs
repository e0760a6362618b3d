using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Search.Core.Tests.Reliability;

/// <summary>Second writers, full disks, read-only folders and damaged or foreign index folders.</summary>
public sealed class IndexFailureTests : IDisposable
{
    private static readonly SearchIndexOptions NoTimer = new() { RefreshInterval = TimeSpan.Zero };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-reliability-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
        {
            Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static void Chmod(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
    }

    private static NewsDocument Doc(int i) => new($"d{i}", $"Title {i} Tehran", $"Body {i}: talks in Tehran, naïve café 🙂.", new DateTime(2025, 1, 1 + i % 28), "AP");

    private async Task CommitThree()
    {
        using var index = SearchIndex.Open(folder, NoTimer);
        for (int i = 0; i < 3; i++)
            index.AddOrUpdate(Doc(i));
        await index.CommitAsync();
    }

    private void AssertHoldsExactlyTheFirstThree()
    {
        using (var dir = new NIOFSDirectory(folder))
            Assert.True(new CheckIndex(dir).DoCheckIndex().Clean, "CheckIndex found problems");
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(3, index.GetStats().Documents);
        for (int i = 0; i < 3; i++)
            Assert.Equal(Doc(i), index.Get($"d{i}"));
    }

    [Fact]
    public void A_second_writer_is_told_the_index_and_who_holds_it()
    {
        using var first = SearchIndex.Open(folder, NoTimer);
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, NoTimer));
        Assert.Contains(folder, e.Message);
        Assert.Contains("locked by another writer", e.Message);
        Assert.Contains($"pid {Environment.ProcessId}", e.Message);
        Assert.Contains(Environment.MachineName, e.Message);
        Assert.Contains("read-only", e.Message);
    }

    [Fact]
    public void The_holder_file_goes_with_the_writer_and_a_stale_one_does_not_block()
    {
        using (SearchIndex.Open(folder, NoTimer))
            Assert.True(File.Exists(Path.Combine(folder, "writer.info")));
        Assert.False(File.Exists(Path.Combine(folder, "writer.info")));
        // A killed writer leaves its file (and write.lock) behind; the OS released its lock, so the next opens.
        File.WriteAllText(Path.Combine(folder, "writer.info"), "pid=1\nprocess=gone\n");
        using var next = SearchIndex.Open(folder, NoTimer);
        Assert.Contains($"pid={Environment.ProcessId}", File.ReadAllText(Path.Combine(folder, "writer.info")));
    }

    [Fact]
    public async Task Readers_are_never_blocked_by_a_writer()
    {
        await CommitThree();
        using var writer = SearchIndex.Open(folder, NoTimer);
        for (int i = 3; i < 50; i++)
            writer.AddOrUpdate(Doc(i));
        writer.Refresh();
        using var reader = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, RefreshInterval = TimeSpan.Zero });
        Assert.Equal(3, reader.Search(new SearchRequest { Query = "Tehran" }).Total); // the last commit, not the writer's buffer
        await writer.CommitAsync();
        reader.Refresh();
        Assert.Equal(50, reader.Search(new SearchRequest { Query = "Tehran" }).Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(2_000)]
    [InlineData(8_000)]
    [InlineData(30_000)]
    public async Task A_full_disk_during_a_commit_gives_a_clear_error_and_keeps_the_last_commit(int bytesLeft)
    {
        await CommitThree();
        var dir = new FaultyDirectory(new NIOFSDirectory(folder));
        var index = SearchIndex.Open(dir, folder, NoTimer);
        dir.BytesLeft = bytesLeft;
        var e = await Assert.ThrowsAsync<SearchException>(async () =>
        {
            for (int i = 3; i < 400; i++)
                index.AddOrUpdate(Doc(i) with { Body = Doc(i).Body + new string('x', 200) });
            await index.CommitAsync();
        });
        Assert.Contains("No space left on device", e.Message);
        Assert.Contains("intact at its last commit", e.Message);
        Assert.Contains(folder, e.Message);

        // Closing tries the commit again, fails the same way, and still lets go of the lock.
        var closing = Assert.Throws<SearchException>(index.Dispose);
        Assert.Contains("intact at its last commit", closing.Message);
        AssertHoldsExactlyTheFirstThree();
        using var again = SearchIndex.Open(folder, NoTimer);
        again.AddOrUpdate(Doc(3));
        await again.CommitAsync();
        Assert.Equal(4, again.GetStats().Documents);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(150_000)]
    [InlineData(400_000)]
    public async Task A_full_disk_while_a_load_from_two_threads_is_written_keeps_the_last_commit(int bytesLeft)
    {
        // Enough documents from two threads for two buffers and a flush helper (FlushHelper), which writes one of them
        // before the commit: a buffer that failed on either thread must fail the commit, not leave it with the other.
        await CommitThree();
        var dir = new FaultyDirectory(new NIOFSDirectory(folder));
        var index = SearchIndex.Open(dir, folder, NoTimer);
        Parallel.For(3, 3 + 2_400, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => index.AddOrUpdate(Doc(i)));
        dir.BytesLeft = bytesLeft;
        var e = await Assert.ThrowsAsync<SearchException>(() => index.CommitAsync());
        Assert.Contains("No space left on device", e.Message);
        Assert.Contains("intact at its last commit", e.Message);
        Assert.Throws<SearchException>(index.Dispose);
        AssertHoldsExactlyTheFirstThree();
    }

    [Fact]
    public async Task With_room_again_the_next_commit_succeeds()
    {
        await CommitThree();
        var dir = new FaultyDirectory(new NIOFSDirectory(folder));
        using var index = SearchIndex.Open(dir, folder, NoTimer);
        index.AddOrUpdate(Doc(3));
        dir.BytesLeft = 0;
        await Assert.ThrowsAsync<SearchException>(() => index.CommitAsync());
        dir.BytesLeft = long.MaxValue;
        index.AddOrUpdate(Doc(4));
        await index.CommitAsync();
        using var check = new NIOFSDirectory(folder);
        Assert.True(new CheckIndex(check).DoCheckIndex().Clean);
        Assert.NotNull(index.Get("d4"));
    }

    [Fact]
    public async Task A_spelling_whose_first_commit_failed_is_found_once_its_document_is_added_again()
    {
        await CommitThree();
        var dir = new FaultyDirectory(new NIOFSDirectory(folder));
        using (var index = SearchIndex.Open(dir, folder, NoTimer))
        {
            var gaddafi = new NewsDocument("g", "Gaddafi speaks", "Gaddafi spoke in Sirte.", new DateTime(2025, 2, 1), "AP");
            index.AddOrUpdate(gaddafi);
            dir.BytesLeft = 0;
            await Assert.ThrowsAsync<SearchException>(() => index.CommitAsync());
            // The error says to add the changes again: the spelling's lexicon term must come again with them.
            dir.BytesLeft = long.MaxValue;
            index.AddOrUpdate(gaddafi);
            await index.CommitAsync();
        }
        using var reader = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(["g"], reader.Search(new SearchRequest { Query = "Qaddafi" }).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_read_only_folder_during_a_commit_gives_a_clear_error_and_keeps_the_last_commit()
    {
        await CommitThree();
        Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        bool chmodStopsWrites;
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "x");
            File.Delete(Path.Combine(folder, "probe"));
            chmodStopsWrites = false; // root: permissions do not stop writes, so simulate the refusal instead
        }
        catch (UnauthorizedAccessException)
        {
            chmodStopsWrites = true;
        }

        SearchIndex index;
        FaultyDirectory? faulty = null;
        if (chmodStopsWrites)
        {
            Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            index = SearchIndex.Open(folder, NoTimer); // takes the lock while it still can
            Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        else
        {
            Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            faulty = new FaultyDirectory(new NIOFSDirectory(folder));
            index = SearchIndex.Open(faulty, folder, NoTimer);
            faulty.ReadOnly = true;
        }
        // The add itself may already fail: the writer opens its files as the first document comes in.
        var e = await Assert.ThrowsAsync<SearchException>(async () =>
        {
            index.AddOrUpdate(Doc(3));
            await index.CommitAsync();
        });
        Assert.Contains("intact at its last commit", e.Message);
        Assert.Contains("denied", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<SearchException>(index.Dispose);
        Chmod(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AssertHoldsExactlyTheFirstThree();
    }

    [Fact]
    public async Task Random_bytes_in_the_commit_file_say_rebuild()
    {
        await CommitThree();
        var segments = System.IO.Directory.GetFiles(folder, "segments_*").Single();
        var bytes = File.ReadAllBytes(segments);
        new Random(6).NextBytes(bytes);
        File.WriteAllBytes(segments, bytes);
        AssertUnreadableSaysRebuild();
    }

    [Theory]
    [InlineData("segments_")]
    [InlineData(".si")]
    [InlineData(".cfs")]
    [InlineData(".cfe")]
    public async Task A_truncated_file_says_rebuild(string which)
    {
        await CommitThree();
        var file = System.IO.Directory.GetFiles(folder).First(f => Path.GetFileName(f).StartsWith(which, StringComparison.Ordinal) || f.EndsWith(which, StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        AssertUnreadableSaysRebuild();
    }

    [Fact]
    public async Task An_index_of_another_format_version_says_rebuild()
    {
        await CommitThree();
        // segments_N starts with Lucene's codec header: magic, the name "segments", then the format version.
        var segments = System.IO.Directory.GetFiles(folder, "segments_*").Single();
        var bytes = File.ReadAllBytes(segments);
        int version = 4 + 1 + "segments".Length;
        bytes[version] = 0x7f;
        File.WriteAllBytes(segments, bytes);
        AssertUnreadableSaysRebuild();
    }

    [Fact]
    public void A_lucene_index_that_search_did_not_build_says_rebuild()
    {
        using (var dir = new NIOFSDirectory(folder))
        using (var w = new IndexWriter(dir, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
            w.Commit();
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, NoTimer));
        Assert.Contains("Rebuild", e.Message);
    }

    [Fact]
    public void A_folder_of_other_files_is_not_taken_for_an_index()
    {
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "my notes");
        File.WriteAllBytes(Path.Combine(folder, "photo.jpg"), [0xFF, 0xD8, 0xFF]);
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, NoTimer));
        Assert.Contains("holds no index", e.Message);
        Assert.Contains(folder, e.Message);
        Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true }));
        Assert.Equal(2, System.IO.Directory.GetFiles(folder).Length); // nothing written into it
        Assert.False(SearchIndex.LooksLikeIndexFolder(folder)); // so --rebuild will not delete it
    }

    private void AssertUnreadableSaysRebuild()
    {
        foreach (var readOnly in new[] { true, false })
        {
            var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = readOnly, RefreshInterval = TimeSpan.Zero }));
            Assert.Contains("Rebuild", e.Message);
            Assert.Contains(folder, e.Message);
        }
        // A failed open leaves no lock behind, and the damaged files in place (no silent fresh index over them).
        Assert.True(SearchIndex.LooksLikeIndexFolder(folder));
        Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, NoTimer));
    }
}
