namespace Search.Core.Tests.Reliability;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Commits_racing_refreshes_do_not_deadlock()
    {
        // CommitAsync used to hold the IndexWriter's own monitor while Lucene took its flush lock inside; a
        // refresh takes them in the other order. On two cores this hung within seconds.
        // Not disposed on failure: disposing a deadlocked index would hang the test run instead of failing it.
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(1) });
        var stop = new CancellationTokenSource();
        var refresher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                index.Refresh();
        });
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                index.AddOrUpdate(new NewsDocument($"r{i}", $"Race {i}", "commit and refresh"));
                await index.CommitAsync();
            }
        });
        var done = await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(60)));
        stop.Cancel();
        Assert.True(done == writer, "commits and refreshes deadlocked");
        await writer;
        await refresher;
        index.Refresh();
        Assert.Equal(100, index.GetStats().Documents);
        index.Dispose();
        stop.Dispose();
    }

    [Fact]
    public async Task Stats_are_read_safely_while_commits_delete_old_files()
    {
        // Found by search-tools load: the search page (which shows the document count) was a 500 now and then
        // while a writer committed, because reading the stats listed commits and files that a commit or merge
        // deleted a moment later (FileNotFoundException).
        var dir = Path.Combine(Path.GetTempPath(), "search-stats-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var index = SearchIndex.Open(dir, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, RamBufferMB = 1 });
            var writing = Task.Run(async () =>
            {
                for (int i = 0; i < 60; i++)
                {
                    for (int k = 0; k < 10; k++)
                        index.AddOrUpdate(new NewsDocument($"s{i}-{k}", $"Stats {i}", string.Join(' ', Enumerable.Repeat("commit merge delete", 30))));
                    await index.CommitAsync();
                }
            });
            var reads = 0;
            var reading = Task.Run(() =>
            {
                while (!writing.IsCompleted)
                {
                    var stats = index.GetStats();
                    Assert.True(stats.Documents >= 0 && stats.SizeBytes > 0);
                    reads++;
                }
            });
            await Task.WhenAll(writing, reading);
            Assert.True(reads > 0);
            var last = index.GetStats();
            Assert.Equal(600, last.Documents);
            Assert.NotNull(last.LastCommit);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
