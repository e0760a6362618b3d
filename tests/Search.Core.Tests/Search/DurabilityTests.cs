namespace Search.Core.Tests.Search;

public sealed class DurabilityTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Committed_documents_survive_reopening()
    {
        using (var index = SearchIndex.Open(folder))
        {
            foreach (var d in TestIndex.Documents)
                index.AddOrUpdate(d);
            await index.CommitAsync();
        }
        using var reopened = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(TestIndex.Documents.Length, reopened.GetStats().Documents);
        var d1 = reopened.Get("d1")!;
        Assert.Equal(TestIndex.Documents[0], d1);
        var stats = reopened.GetStats();
        Assert.True(stats.SizeBytes > 0);
        Assert.True(stats.Segments >= 1);
        Assert.NotNull(stats.LastCommit);
    }

    [Fact]
    public void A_second_writer_gets_a_clear_error_and_readers_are_not_blocked()
    {
        using var first = SearchIndex.Open(folder);
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder));
        Assert.Contains("locked by another writer", e.Message);
        using var reader = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(0, reader.GetStats().Documents);
    }

    [Fact]
    public void Opening_a_missing_index_read_only_says_how_to_build_it()
    {
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true }));
        Assert.Contains("search index", e.Message);
    }

    [Fact]
    public void An_index_built_with_other_rules_must_be_rebuilt()
    {
        using (var index = SearchIndex.Open(folder))
            index.AddOrUpdate(new NewsDocument("x", "t", "b"));
        // Rewrite the commit data as another version of the rules would have left it.
        using (var dir = new Lucene.Net.Store.NIOFSDirectory(folder))
        using (var writer = new Lucene.Net.Index.IndexWriter(dir, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["search.analysis"] = "0000000000000000", ["search.schema"] = "1" });
            writer.Commit();
        }
        var e = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true }));
        Assert.Contains("Rebuild", e.Message);
        Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder));
    }

    [Fact]
    public async Task Many_searches_run_safely_while_one_writer_indexes()
    {
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(10) });
        using var stop = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        long searches = 0;
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            long lastTotal = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var total = index.Search(new SearchRequest { Query = "caravan" }).Total;
                    if (total < lastTotal)
                        throw new InvalidOperationException($"the hit count went down: {lastTotal} then {total}");
                    lastTotal = total;
                    Interlocked.Increment(ref searches);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        })).ToArray();

        for (int i = 0; i < 2000; i++)
        {
            index.AddOrUpdate(new NewsDocument($"c{i}", $"Caravan {i}", $"A caravan number {i} crossed the desert."));
            if (i % 500 == 499)
                await index.CommitAsync();
        }
        index.Refresh();
        stop.Cancel();
        await Task.WhenAll(searchers);
        Assert.Empty(errors);
        Assert.True(searches > 0);
        Assert.Equal(2000, index.Search(new SearchRequest { Query = "caravan" }).Total);
    }
}
