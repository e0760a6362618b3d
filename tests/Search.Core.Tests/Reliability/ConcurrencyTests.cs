namespace Search.Core.Tests.Reliability;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Commits_racing_refreshes_do_not_deadlock()
    {
        // CommitAsync used to hold the IndexWriter's own monitor while Lucene took its flush lock inside; a
        // refresh takes them in the other order. On two cores this hung within seconds.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(1) });
        using var stop = new CancellationTokenSource();
        var refresher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                index.Refresh();
        });
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 300; i++)
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
        Assert.Equal(300, index.GetStats().Documents);
    }
}
