using System.Text.Json;
using Search.Core.Tests.Ingest;
using Search.Core.Tests.Search;
using Search.Ingest;

namespace Search.Core.Tests.Reliability;

/// <summary>
/// Indexing on several threads into the one writer, with refreshes and commits under way, must give the index a
/// single thread gives, and say exactly which adds were new and which replaced a document.
/// </summary>
public sealed class ParallelIndexingTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-parallel-" + Guid.NewGuid().ToString("N"));

    public ParallelIndexingTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_two_thread_build_holds_the_same_documents_and_answers_as_a_one_thread_build()
    {
        // A slice of the bundled sample (English wires, Syrian casualty records), then 40 of its ids again with a
        // new title: each must replace its first version, in both builds.
        var sample = DocumentReader.Read(Path.Combine(BundledSampleTests.RepositoryRoot(), "index-data", "docs"))
            .Select(r => r.Document!).Where((_, i) => i % 4 == 0).ToList();
        var rewritten = sample.Where((_, i) => i % 17 == 0).Take(40).Select(d => d with { Title = "Rewritten " + d.Id }).ToList();
        var file = Path.Combine(folder, "docs.jsonl");
        await File.WriteAllLinesAsync(file, sample.Concat(rewritten).Select(d => JsonSerializer.Serialize(new
        {
            id = d.Id, title = d.Title, body = d.Body, date = d.Date?.ToString("yyyy-MM-dd"), source = d.Source, url = d.Url,
        })));

        async Task<SearchIndex> Build(int threads)
        {
            // A small buffer and frequent commits: many flushes, merges and refreshes while both threads add.
            var index = SearchIndex.Open(Path.Combine(folder, $"t{threads}"), new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(5), RamBufferMB = 1 });
            var summary = await Ingestor.RunAsync(index, [file], new IngestOptions { Threads = threads, CommitEvery = 97 });
            Assert.Equal((sample.Count, rewritten.Count, 0L), (summary.Indexed, summary.Replaced, summary.Rejected));
            index.Refresh();
            return index;
        }

        using var one = await Build(1);
        using var two = await Build(2);

        Assert.Equal(sample.Count, one.GetStats().Documents);
        Assert.Equal(sample.Count, two.GetStats().Documents);
        foreach (var d in rewritten)
        {
            Assert.Equal("Rewritten " + d.Id, one.Get(d.Id)!.Title);
            Assert.Equal("Rewritten " + d.Id, two.Get(d.Id)!.Title);
        }
        // Plain words, names through the search box (variants from the lexicon), a phrase, an exact spelling.
        string[] queries = ["oil prices", "Damascus", "Aleppo", "Homs", "Reagan", "Tehran", "\"crude oil\"", "=Aleppo", "rewritten", "grain exports"];
        foreach (var q in queries)
        {
            var a = one.Search(new SearchRequest { Query = q, Size = 100 });
            var b = two.Search(new SearchRequest { Query = q, Size = 100 });
            Assert.True(a.Total > 0, $"'{q}' finds nothing: pick a query the sample answers");
            Assert.True(a.Total == b.Total, $"'{q}': {a.Total} hits with one thread, {b.Total} with two");
            if (a.Total <= 100)
                Assert.Equal(a.Ids().Order(StringComparer.Ordinal), b.Ids().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_same_ids_added_from_two_threads_while_refreshing_stay_one_document_each()
    {
        // Each id is written 12 times by each of two threads while a third refreshes without pause: an id whose
        // first document was being made visible by a refresh used to be reported Added a second time.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        using var stop = new CancellationTokenSource();
        var refresher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                index.Refresh();
        });
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Id, AddOutcome Outcome)>();
        Task Writer(int seed) => Task.Run(() =>
        {
            var ids = Enumerable.Range(0, 30).Select(i => $"same-{i}").ToArray();
            var random = new Random(seed);
            for (int round = 0; round < 12; round++)
            {
                random.Shuffle(ids);
                foreach (var id in ids)
                    outcomes.Add((id, index.AddOrUpdate(new NewsDocument(id, $"Round {round} of {seed}", "the same id again"))));
            }
        });
        await Task.WhenAll(Writer(1), Writer(2));
        stop.Cancel();
        await refresher;
        index.Refresh();

        Assert.Equal(30, index.GetStats().Documents);
        Assert.Equal(30, index.Search(new SearchRequest { Query = "same id again", Size = 100 }).Total);
        // Exactly one write per id was the first.
        Assert.All(outcomes.GroupBy(o => o.Id), g => Assert.Equal(1, g.Count(o => o.Outcome == AddOutcome.Added)));
    }

    [Fact]
    public void An_id_deleted_and_added_again_before_a_refresh_is_one_document()
    {
        using var index = TestIndex.Create();
        Assert.Equal(AddOutcome.Added, index.AddOrUpdate(new NewsDocument("x", "First", "one")));
        Assert.True(index.Delete("x"));
        Assert.Equal(AddOutcome.Added, index.AddOrUpdate(new NewsDocument("x", "Second", "two")));
        Assert.True(index.Delete("d1"));
        Assert.Equal(AddOutcome.Replaced, index.AddOrUpdate(new NewsDocument("d1", "Back", "three")));
        index.Refresh();
        Assert.Equal(TestIndex.Documents.Length + 1, index.GetStats().Documents);
        Assert.Equal("Second", index.Get("x")!.Title);
        Assert.Equal("Back", index.Get("d1")!.Title);
    }
}
