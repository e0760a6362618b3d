using Search.Analysis.Names;

namespace Search.Core.Tests.Search;

/// <summary>
/// The candidate scan of a name query is bounded (<see cref="NameMatcher.MaxCandidatesScanned"/> lexicon terms per segment), and
/// the bound must not fall on the query's own key: the key automaton gives terms in term order, not by distance.
/// </summary>
public class NameExpansionBoundTests
{
    [Fact]
    public void A_spelling_with_the_query_key_is_found_when_nearer_keys_fill_the_scan_bound()
    {
        // More distinct spellings than the bound, one class edit from Teheran's key (TKRN) and sorting before it (keys that
        // open with B, F, L, M, N, R: Bakran, Mugrin …), and one document with only Tehran (key TKRN) after them all.
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
        Assert.True(docs.Count > NameMatcher.MaxCandidatesScanned, $"{docs.Count} spellings");
        docs.Add(new NewsDocument("tehran", null, "Talks resumed in Tehran"));
        using var index = TestIndex.Of(docs);
        var found = index.Search(new SearchRequest { Query = "Teheran", Size = 100, IncludeFacets = false, IncludeSnippets = false });
        Assert.Contains("tehran", found.Ids());
    }
}
