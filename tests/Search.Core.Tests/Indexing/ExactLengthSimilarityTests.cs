using Search.Indexing;

namespace Search.Core.Tests.Indexing;

/// <summary>The length norm tells short fields apart exactly, so the exact spelling of a name ranks first.</summary>
public sealed class ExactLengthSimilarityTests
{
    [Fact]
    public void Short_lengths_are_exact_and_long_ones_close_and_ordered()
    {
        for (int length = 0; length <= 127; length++)
            Assert.Equal(length, ExactLengthSimilarity.Decode(ExactLengthSimilarity.Encode(length)));
        byte previous = ExactLengthSimilarity.Encode(127);
        foreach (var length in new[] { 128, 200, 1_000, 5_000, 20_000 })
        {
            var b = ExactLengthSimilarity.Encode(length);
            Assert.True(b >= previous, $"{length} encodes below a shorter length");
            Assert.InRange(ExactLengthSimilarity.Decode(b) / length, 0.97, 1.03);
            previous = b;
        }
        Assert.Equal(255, ExactLengthSimilarity.Encode(int.MaxValue));
    }

    [Fact]
    public void A_title_that_is_exactly_the_name_ranks_above_one_with_a_word_more()
    {
        // Lucene's default norm gives 3 and 4 words the same length: the two titles tied, and the document
        // added first won. Added longer-first, the exact title must still come first.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("longer", "Amir Kabir Shipping Lines", null));
        index.AddOrUpdate(new NewsDocument("exact", "Amir Kabir Shipping", null));
        index.Refresh();
        var result = index.Search(new SearchRequest { Query = "Amir Kabir Shipping" });
        Assert.Equal(["exact", "longer"], result.Hits.Select(h => h.Id).ToArray());
        Assert.True(result.Hits[0].Score > result.Hits[1].Score);
    }
}
