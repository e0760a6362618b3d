using Lucene.Net.Index;
using Lucene.Net.Store;
using Search.Analysis;
using Search.Analysis.Names;
using Search.Indexing;

namespace Search.Core.Tests.Search;

/// <summary>
/// A cold name expansion remembers the lexicon terms it scored only when the index's segments may hold the same terms
/// (written by different writers): an index built by one writer shares none, and remembering cost a sixth of a cold plan.
/// Whether it remembers or not, the spellings found are the same.
/// </summary>
public sealed class LexiconSharingTests : IDisposable
{
    private static readonly SearchIndexOptions NoTimer = new() { RefreshInterval = TimeSpan.Zero };
    private static readonly NameFields Fields = new(Schema.Exact, Schema.Name, Schema.Lexicon);

    private readonly string oneWriter = Path.Combine(Path.GetTempPath(), "search-sharing-one-" + Guid.NewGuid().ToString("N"));
    private readonly string twoWriters = Path.Combine(Path.GetTempPath(), "search-sharing-two-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var folder in new[] { oneWriter, twoWriters })
            if (System.IO.Directory.Exists(folder))
                System.IO.Directory.Delete(folder, recursive: true);
    }

    private static readonly string[] First = ["Khamenei met Gaddafi in Teheran", "Qaddafi and Khamenei in Tehran", "The Houthis in Sanaa", "طهران والقذافي"];
    private static readonly string[] Second = ["Khamene'i spoke in Teheran", "Kadhafi visited Tehran", "Huthi fighters near Sana'a", "Houthi leaders in Sanaa"];

    private static NewsDocument Doc(string id, string text) => new(id, text, text + ", officials said.", new DateTime(2025, 3, 1), "AP");

    // Two commits of one writer: two segments, each lexicon term in one of them.
    private async Task BuildWithOneWriter()
    {
        using var index = SearchIndex.Open(oneWriter, NoTimer);
        for (int i = 0; i < First.Length; i++)
            index.AddOrUpdate(Doc($"a{i}", First[i]));
        await index.CommitAsync();
        for (int i = 0; i < Second.Length; i++)
            index.AddOrUpdate(Doc($"b{i}", Second[i]));
        await index.CommitAsync();
    }

    // The same documents, the second half added by a second writer: it writes the terms the first had written again.
    private async Task BuildWithTwoWriters()
    {
        using (var index = SearchIndex.Open(twoWriters, NoTimer))
        {
            for (int i = 0; i < First.Length; i++)
                index.AddOrUpdate(Doc($"a{i}", First[i]));
            await index.CommitAsync();
        }
        using (var index = SearchIndex.Open(twoWriters, NoTimer))
        {
            for (int i = 0; i < Second.Length; i++)
                index.AddOrUpdate(Doc($"b{i}", Second[i]));
            await index.CommitAsync();
        }
    }

    /// <summary>The index of one writer and that of two, built and opened.</summary>
    private async Task<OpenReaders> Readers()
    {
        await BuildWithOneWriter();
        await BuildWithTwoWriters();
        return new OpenReaders(oneWriter, twoWriters);
    }

    private sealed class OpenReaders : IDisposable
    {
        private readonly NIOFSDirectory oneDir, twoDir;

        public OpenReaders(string one, string two)
        {
            oneDir = new NIOFSDirectory(one);
            twoDir = new NIOFSDirectory(two);
            One = DirectoryReader.Open(oneDir);
            Two = DirectoryReader.Open(twoDir);
        }

        public DirectoryReader One { get; }
        public DirectoryReader Two { get; }

        public void Dispose()
        {
            One.Dispose();
            Two.Dispose();
            oneDir.Dispose();
            twoDir.Dispose();
        }
    }

    [Fact]
    public async Task Segments_of_one_writer_share_no_lexicon_terms_and_those_of_two_do()
    {
        using var readers = await Readers();
        var (one, two) = (readers.One, readers.Two);
        Assert.True(one.Leaves.Count >= 2, $"{one.Leaves.Count} segments");
        Assert.True(two.Leaves.Count >= 2, $"{two.Leaves.Count} segments");
        var matcher = new NameMatcher(Fields);
        Assert.False(matcher.SegmentsShareLexiconTerms(one));
        Assert.True(matcher.SegmentsShareLexiconTerms(two));
        // One segment shares nothing with itself.
        Assert.False(matcher.SegmentsShareLexiconTerms(one.Leaves[0].AtomicReader));
    }

    [Theory]
    [InlineData("teheran", false)]
    [InlineData("gaddafi", false)]
    [InlineData("kadhafi", false)]
    [InlineData("houthis", false)]
    [InlineData("huthi", false)]
    public async Task The_spellings_found_are_the_same_whether_scored_terms_are_remembered_or_not(string form, bool arabic)
    {
        using var readers = await Readers();
        var (one, two) = (readers.One, readers.Two);
        var remembered = new NameMatcher(Fields).Expand(form, arabic, two);
        var scoredAgain = new NameMatcher(Fields).Expand(form, arabic, one);
        Assert.True(remembered.Length > 1, $"{form}: {remembered.Length} spellings");
        Assert.Equal(scoredAgain.Select(v => (v.Form, v.Similarity, v.Layer)), remembered.Select(v => (v.Form, v.Similarity, v.Layer)));
    }
}

/// <summary>
/// A name word's first expansion scans the index's segments on the threads the search may use: the same spellings as on one
/// thread, the search's time budget kept on every thread, and nothing kept of a scan cut short.
/// </summary>
public sealed class SharedScanTests : IDisposable
{
    private static readonly NameFields Fields = new(Schema.Exact, Schema.Name, Schema.Lexicon);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-shared-scan-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
    }

    private static readonly string[] Texts =
    [
        "Khamenei met Gaddafi in Teheran", "Qaddafi and Khamenei in Tehran", "The Houthis in Sanaa", "Kadhafi visited Tripoli",
        "Khamene'i spoke in Teheran", "Huthi fighters near Sana'a", "Houthi leaders in Sanaa", "Gadhafi and the Houthis",
    ];

    // One writer, four commits: four segments, each with lexicon terms of its own.
    private async Task Build()
    {
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        for (int i = 0; i < Texts.Length; i++)
        {
            index.AddOrUpdate(new NewsDocument($"d{i}", Texts[i], Texts[i] + ", officials said.", new DateTime(2025, 3, 1), "AP"));
            if (i % 2 == 1)
                await index.CommitAsync();
        }
    }

    [Theory]
    [InlineData("teheran")]
    [InlineData("gaddafi")]
    [InlineData("houthis")]
    public async Task Segments_scanned_on_two_threads_give_the_spellings_of_one(string form)
    {
        await Build();
        using var dir = new NIOFSDirectory(folder);
        using var reader = DirectoryReader.Open(dir);
        Assert.True(reader.Leaves.Count >= 3, $"{reader.Leaves.Count} segments");
        var alone = new NameMatcher(Fields).Expand(form, false, reader);
        using var small = NameMatcher.ShareScansFrom(1);
        long before = NameMatcher.SharedScans;
        NameVariant[] shared;
        using (SliceHelpers.Allow(2))
            shared = new NameMatcher(Fields).Expand(form, false, reader);
        Assert.True(NameMatcher.SharedScans > before, "the segments were not scanned on several threads");
        Assert.True(alone.Length > 1, $"{form}: {alone.Length} spellings");
        Assert.Equal(alone.Select(v => (v.Form, v.Similarity, v.Layer)), shared.Select(v => (v.Form, v.Similarity, v.Layer)));
    }

    [Fact]
    public async Task A_shared_scan_keeps_to_the_search_deadline_and_keeps_nothing_when_cut()
    {
        await Build();
        using var dir = new NIOFSDirectory(folder);
        using var reader = DirectoryReader.Open(dir);
        var matcher = new NameMatcher(Fields);
        using var small = NameMatcher.ShareScansFrom(1);
        using (SliceHelpers.Allow(2))
        {
            using (SearchBudget.Until(System.Diagnostics.Stopwatch.GetTimestamp() - 1))
                Assert.Throws<SearchBudget.ExceededException>(() => matcher.Expand("teheran", false, reader));
            // Nothing of the cut scan was kept: the same matcher finds every spelling afterwards.
            var after = matcher.Expand("teheran", false, reader);
            var alone = new NameMatcher(Fields).Expand("teheran", false, reader);
            Assert.True(alone.Length > 1);
            Assert.Equal(alone.Select(v => (v.Form, v.Similarity)), after.Select(v => (v.Form, v.Similarity)));
        }
    }
}
