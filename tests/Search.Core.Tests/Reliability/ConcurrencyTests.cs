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
}
