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
    [InlineData(true)]
    [InlineData(false)]
    public async Task Flushed_segments_are_compound_files_unless_turned_off(bool compound)
    {
        var folder = Path.Combine(Path.GetTempPath(), "search-cfs-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, CompoundFiles = compound }))
            {
                for (int i = 0; i < 20; i++)
                    index.AddOrUpdate(new NewsDocument($"d{i}", $"Title {i} Tehran", $"Body {i} about talks in Tehran.", null, "AP", null));
                await index.CommitAsync();
            }
            var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
            Assert.Equal(compound, files.Any(f => f!.EndsWith(".cfs", StringComparison.Ordinal)));
            // Without compound files the segment's own files are there: postings (.doc), positions (.pos), terms (.tim).
            Assert.Equal(!compound, files.Any(f => f!.EndsWith(".doc", StringComparison.Ordinal)));
            using var read = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, RefreshInterval = TimeSpan.Zero });
            Assert.Equal(20, read.Search(new SearchRequest { Query = "Tehran" }).Total);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
