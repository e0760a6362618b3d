namespace Search.Core.Tests.Search;

/// <summary>Small real-looking documents for query tests, indexed in memory.</summary>
internal static class TestIndex
{
    public static readonly NewsDocument[] Documents =
    [
        new("d1", "Iran rejects direct talks with the US", "Iran's president said on Sunday that Tehran rejected direct negotiations over its nuclear program.", new DateTime(2025, 3, 31), "AP", "https://example.org/d1"),
        new("d2", "Houthi rebels fire missiles at ships", "The Houthis said they fired missiles at two ships in the Red Sea. Houthi officials gave no details.", new DateTime(2024, 1, 12), "Reuters", null),
        new("d3", "Oil prices rise", "Crude oil prices rose on Monday as traders weighed supply worries in the Gulf.", new DateTime(1987, 3, 2), "Reuters", null),
        new("d4", "Iraq and Iran exchange fire", "Iraqi and Iranian forces exchanged artillery fire along the border, in the Iran Iraq war.", new DateTime(1987, 5, 20), "Reuters", null),
        new("d5", "A page with <script>alert('x')</script> in its title", "Body text <b>bold</b> & <script>alert(1)</script> about Tehran.", new DateTime(2020, 6, 1), "Hostile <Outlet>", null),
        new("d6", "Market report", "Shares closed higher; the report said nothing about politics.", null, null, null),
    ];

    public static SearchIndex Create(SearchIndexOptions? options = null) => Of(Documents, options);

    /// <summary>Indexes <paramref name="documents"/> in memory (no refresh delay unless <paramref name="options"/> say otherwise) and commits them.</summary>
    public static SearchIndex Of(IEnumerable<NewsDocument> documents, SearchIndexOptions? options = null)
    {
        var index = SearchIndex.CreateInMemory(options ?? new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        foreach (var d in documents)
            index.AddOrUpdate(d);
        index.CommitAsync().GetAwaiter().GetResult();
        return index;
    }

    public static string[] Ids(this SearchResult result) => result.Hits.Select(h => h.Id).ToArray();
}
