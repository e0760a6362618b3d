using Search.Analysis;
using Search.Results;

namespace Search.Core.Tests.Search;

/// <summary>
/// A search cut into slices of segments, searched on several threads and merged, must answer exactly as one thread does:
/// the same hits in the same order with the same scores, the same total and the same facets, on real documents.
/// </summary>
public sealed class SlicedSearchTests(SegmentedSample sample) : IClassFixture<SegmentedSample>
{
    private readonly string folder = sample.Folder;

    public static TheoryData<string, QuerySyntax, SortOrder, int> Requests => new()
    {
        { "oil", QuerySyntax.Lucene, SortOrder.Relevance, 0 },
        { "oil OR prices OR shares", QuerySyntax.Lucene, SortOrder.Relevance, 0 },
        { "oil OR prices OR shares", QuerySyntax.Lucene, SortOrder.Relevance, 40 },
        { "\"crude oil\"", QuerySyntax.Lucene, SortOrder.Relevance, 0 },
        { "pric*", QuerySyntax.Lucene, SortOrder.Relevance, 0 },
        { "Tehran", QuerySyntax.Lenient, SortOrder.Relevance, 0 },
        { "Iraq", QuerySyntax.Lenient, SortOrder.Relevance, 0 },
        // Sorted by date: many articles share a day, so the order among equals must be the one thread's (document order).
        { "oil", QuerySyntax.Lucene, SortOrder.Date, 0 },
        { "oil", QuerySyntax.Lucene, SortOrder.DateAscending, 30 },
        { "Damascus", QuerySyntax.Lenient, SortOrder.Date, 0 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_search_cut_into_slices_answers_exactly_as_one_thread(string query, QuerySyntax syntax, SortOrder sort, int from)
    {
        using var one = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 1 });
        using var sliced = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 3, MinSliceDocuments = 1, ShareCores = false });
        Assert.True(one.GetStats().Segments >= 3, $"{one.GetStats().Segments} segments");
        var request = new SearchRequest { Query = query, Syntax = syntax, Sort = sort, From = from, Size = 20, IncludeSnippets = false };

        var expected = one.Search(request);
        Assert.Equal(1, SlicedSearch.LastSlices);
        var actual = sliced.Search(request);
        Assert.Equal(3, SlicedSearch.LastSlices);

        Assert.True(expected.Total > from + 20, $"'{query}' finds {expected.Total}");
        Assert.False(actual.Partial);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(Facets(expected), Facets(actual));
    }

    [Fact]
    public void Every_slice_keeps_to_the_time_budget_and_the_result_says_it_is_partial()
    {
        using var sliced = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 3, MinSliceDocuments = 1, ShareCores = false, SearchTimeout = TimeSpan.FromTicks(1) });
        var result = sliced.Search(new SearchRequest { Query = "the OR said OR oil", Syntax = QuerySyntax.Lucene, IncludeSnippets = false });
        Assert.True(result.Partial);
        using var one = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 1 });
        long all = one.Search(new SearchRequest { Query = "the OR said OR oil", Syntax = QuerySyntax.Lucene, IncludeSnippets = false }).Total;
        Assert.True(result.Total < all, $"{result.Total} of {all}");
    }

    [Fact]
    public void A_cancelled_sliced_search_throws_and_the_index_answers_the_next()
    {
        using var sliced = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 3, MinSliceDocuments = 1, ShareCores = false });
        var request = new SearchRequest { Query = "oil", IncludeSnippets = false };
        Assert.ThrowsAny<OperationCanceledException>(() => sliced.Search(request, new CancellationToken(canceled: true)));
        Assert.True(sliced.Search(request).Total > 0);
        Assert.Equal(3, SlicedSearch.LastSlices);
    }

    [Fact]
    public void A_small_index_is_searched_on_the_calling_thread()
    {
        // The default slice holds at least 32,768 documents: the bundled sample is one slice.
        using var index = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 4 });
        Assert.True(index.Search(new SearchRequest { Query = "oil", IncludeSnippets = false }).Total > 0);
        Assert.Equal(1, SlicedSearch.LastSlices);
    }

    [Theory]
    [InlineData(4, 1, 2, 4)]     // alone: the threads asked for
    [InlineData(2, 2, 2, 1)]     // two searches on two cores: one thread each
    [InlineData(4, 2, 8, 4)]
    [InlineData(4, 3, 8, 2)]
    [InlineData(4, 9, 8, 1)]     // never none
    public void A_search_takes_its_share_of_the_processors_while_others_run(int threads, int running, int processors, int expected) =>
        Assert.Equal(expected, SliceHelpers.ThreadsFor(threads, running, processors));

    [Fact]
    public void A_search_cuts_fewer_slices_while_another_search_runs()
    {
        using var sliced = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 3, MinSliceDocuments = 1 });
        using var one = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true, SearchThreads = 1 });
        var request = new SearchRequest { Query = "oil OR prices", Size = 20, IncludeSnippets = false };
        var expected = one.Search(request);
        // Another search under way.
        using (SliceHelpers.Enter())
        {
            var result = sliced.Search(request);
            // At most this search's share of the processors (fewer still when other tests search at the same time).
            Assert.InRange(SlicedSearch.LastSlices, 1, SliceHelpers.ThreadsFor(3, 2, Environment.ProcessorCount));
            Assert.Equal(expected.Total, result.Total);
            Assert.Equal(expected.Ids(), result.Ids());
        }
    }

    private static string[] Facets(SearchResult result) =>
        result.Facets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .SelectMany(f => f.Value.Select(v => $"{f.Key}:{v.Value}:{v.Count}")).ToArray();

    [Fact]
    public void A_pages_snippets_shared_among_threads_are_those_of_one_thread()
    {
        using var one = TestIndex.Of(TestIndex.Documents, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchThreads = 1 });
        using var two = TestIndex.Of(TestIndex.Documents, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchThreads = 2, ShareCores = false });
        foreach (var query in new[] { "Iran", "Tehran OR Houthis", "fire", "\"Red Sea\" OR oil", "missil*" })
        {
            var request = new SearchRequest { Query = query, Size = 10 };
            var expected = one.Search(request);
            var shared = two.Search(request);
            Assert.True(SearchIndex.LastSnippetThreads == 2 || shared.Hits.Count < 2, query);
            Assert.Equal(expected.Hits.Select(Shown), shared.Hits.Select(Shown));
        }
    }

    private static string Shown(SearchHit h) =>
        $"{h.Id} {h.TitleHtml} {h.Snippet} {string.Join(";", h.Matched.Select(m => $"{m.QueryWord}>{m.Matched}:{m.Layer}"))}";
}
