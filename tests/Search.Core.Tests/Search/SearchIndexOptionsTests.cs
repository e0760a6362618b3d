namespace Search.Core.Tests.Search;

/// <summary>The defaults of <see cref="SearchIndexOptions"/> that depend on the machine, and the writer's file layout.</summary>
public sealed class SearchIndexOptionsTests
{
    [Theory]
    [InlineData(256L << 20, 32)]        // a small container: the floor
    [InlineData(2L << 30, 128)]         // a sixteenth
    [InlineData(4L << 30, 256)]
    [InlineData(64L << 30, 256)]        // a large machine: the cap
    public void The_ram_buffer_is_a_sixteenth_of_the_memory_from_32_to_256_MB(long availableBytes, double expectedMB) =>
        Assert.Equal(expectedMB, SearchIndexOptions.DefaultRamBufferMB(availableBytes));

    [Fact]
    public void The_default_ram_buffer_follows_the_memory_the_process_may_use() =>
        Assert.Equal(SearchIndexOptions.DefaultRamBufferMB(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), new SearchIndexOptions().RamBufferMB);

    [Theory]
    [InlineData(16.0, true)]     // the default: a commit of a small buffer packs its segment
    [InlineData(0.001, false)]   // a buffer over the limit is not packed
    [InlineData(0.0, false)]     // packing off (search index)
    public Task A_commit_packs_its_segment_only_when_the_buffer_is_small(double maxMB, bool packed) => InTempFolder(async folder =>
    {
        using (var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, CompoundFileMaxMB = maxMB }))
        {
            for (int i = 0; i < 20; i++)
                index.AddOrUpdate(new NewsDocument($"d{i}", $"Title {i} Tehran", $"Body {i} about talks in Tehran.", null, "AP", null));
            await index.CommitAsync();
        }
        Assert.Equal(new[] { packed }, SegmentsPacked(folder).Distinct());
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.Equal(packed, files.Any(f => f!.EndsWith(".cfs", StringComparison.Ordinal)));
        // Unpacked, the segment's own files are there: postings (.doc), positions (.pos), terms (.tim).
        Assert.Equal(!packed, files.Any(f => f!.EndsWith(".doc", StringComparison.Ordinal)));
        using var read = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, RefreshInterval = TimeSpan.Zero });
        Assert.Equal(20, read.Search(new SearchRequest { Query = "Tehran" }).Total);
    });

    [Fact]
    public Task A_buffer_flushed_because_it_is_full_is_not_packed() => InTempFolder(async folder =>
    {
        // A 1 MB buffer fills several times; every buffer is under the packing limit, so only being full keeps a flush unpacked.
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, RamBufferMB = 1, CompoundFileMaxMB = 64 });
        var body = string.Join(' ', Enumerable.Range(0, 300).Select(w => $"word{w} Tehran talks"));
        for (int i = 0; i < 1500; i++)
            index.AddOrUpdate(new NewsDocument($"d{i}", $"Title {i}", $"{body} {i}", null, "AP", null));
        await index.CommitAsync();
        var packed = SegmentsPacked(folder);
        Assert.True(packed.Count(p => !p) >= 2, $"segments packed: {string.Join(", ", packed)}");
        using var read = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, RefreshInterval = TimeSpan.Zero });
        Assert.Equal(1500, read.Search(new SearchRequest { Query = "Tehran" }).Total);
    });

    /// <summary>Runs <paramref name="test"/> on a new folder, deleted afterwards.</summary>
    private static async Task InTempFolder(Func<string, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "search-cfs-" + Guid.NewGuid().ToString("N"));
        try
        {
            await test(folder);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Whether each segment of the last commit in <paramref name="folder"/> is a compound file.</summary>
    private static List<bool> SegmentsPacked(string folder)
    {
        using var dir = Lucene.Net.Store.FSDirectory.Open(folder);
        var infos = new Lucene.Net.Index.SegmentInfos();
        infos.Read(dir);
        return infos.Select(s => s.Info.UseCompoundFile).ToList();
    }
}
