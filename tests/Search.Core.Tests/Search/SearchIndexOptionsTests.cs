namespace Search.Core.Tests.Search;

/// <summary>The defaults of <see cref="SearchIndexOptions"/> that depend on the machine.</summary>
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
}
