using Search.Analysis.Names;

namespace Search.Core.Tests.Search;

/// <summary>
/// The candidate scan of a name query is bounded (<see cref="NameMatcher.MaxCandidatesScanned"/> lexicon terms per segment), and
/// the bound must not fall on the query's own key: the key automaton gives terms in term order, not by distance. The bound is
/// far above what an index of a few hundred thousand articles needs, so what a name finds does not depend on how the index is
/// cut into segments.
/// </summary>
public class NameExpansionBoundTests
{
    // More distinct spellings than 20,000, one class edit from Teheran's key (TKRN) and sorting before it (keys that open
    // with B, F, L, M, N, R: Bakran, Mugrin …), and one document with only Tehran (key TKRN) after them all.
    private static List<NewsDocument> CrowdedKeys()
    {
        string[] first = ["B", "P", "F", "L", "M", "N", "R"];
        string[] k = ["k", "q", "g", "j", "x"];
        string[] v = ["a", "e", "i", "o", "u"];
        string[] ends = ["", "a", "e", "i", "o", "u"];
        var docs = new List<NewsDocument>();
        foreach (var f in first)
            foreach (var c in k)
                foreach (var v1 in v)
                    foreach (var v2 in v)
                        foreach (var v3 in v)
                            foreach (var end in ends)
                                docs.Add(new NewsDocument($"n{docs.Count}", null, $"{f}{v1}{c}{v2}r{v3}n{end} spoke"));
        docs.Add(new NewsDocument("tehran", null, "Talks resumed in Tehran"));
        return docs;
    }

    [Fact]
    public void A_spelling_with_the_query_key_is_found_when_nearer_keys_fill_the_scan_bound()
    {
        var docs = CrowdedKeys();
        Assert.True(docs.Count > 20_000, $"{docs.Count} spellings");
        using var bound = NameMatcher.ScanBound(20_000);
        using var index = TestIndex.Of(docs);
        var found = index.Search(new SearchRequest { Query = "Teheran", Size = 100, IncludeFacets = false, IncludeSnippets = false });
        Assert.Contains("tehran", found.Ids());
    }

    [Theory]
    [InlineData("Teheran")]
    [InlineData("Makaran")]
    [InlineData("Rukirun")]
    [InlineData("Bokoron")]
    public async Task What_a_name_finds_does_not_depend_on_how_the_index_is_segmented(string query)
    {
        var docs = CrowdedKeys();
        using var whole = TestIndex.Of(docs);
        // The same documents committed in pieces: several segments, each with the lexicon terms first seen in it.
        using var pieces = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        for (int i = 0; i < docs.Count; i++)
        {
            pieces.AddOrUpdate(docs[i]);
            if (i % 4_000 == 3_999)
                await pieces.CommitAsync();
        }
        await pieces.CommitAsync();
        Assert.True(pieces.GetStats().Segments > 3, $"{pieces.GetStats().Segments} segments");
        Assert.Equal(1, whole.GetStats().Segments);

        var request = new SearchRequest { Query = query, Size = 100, IncludeFacets = false, IncludeSnippets = false };
        var a = whole.Search(request);
        var b = pieces.Search(request);
        Assert.Equal(a.Expanded.Select(e => e.ToString()).Order(StringComparer.Ordinal), b.Expanded.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(a.Total, b.Total);
        if (a.Total <= request.Size)
            Assert.Equal(a.Ids().Order(StringComparer.Ordinal), b.Ids().Order(StringComparer.Ordinal));
    }
}
