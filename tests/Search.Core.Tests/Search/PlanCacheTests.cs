namespace Search.Core.Tests.Search;

/// <summary>
/// A query text searched again on the same reader runs the plan made the first time, and answers exactly as before; a
/// refresh, another grammar or the exact-spelling switch plan anew, and a plan cut short by the time budget is not kept.
/// </summary>
public sealed class PlanCacheTests
{
    private static SearchRequest Request(string query, int from = 0, bool exact = false, QuerySyntax syntax = QuerySyntax.Lenient) =>
        new() { Query = query, From = from, Size = 2, ExactSpelling = exact, Syntax = syntax, IncludeSnippets = false };

    [Fact]
    public void A_text_searched_again_reuses_its_plan_and_answers_the_same()
    {
        using var index = TestIndex.Create();
        var first = index.Search(Request("Tehran"));
        long made = index.PlansMade;
        Assert.Equal(2, first.Total);

        var again = index.Search(Request("Tehran"));
        var next = index.Search(Request("Tehran", from: 1));
        Assert.Equal(made, index.PlansMade);
        Assert.Equal(first.Hits.Select(h => (h.Id, h.Score)), again.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(first.Hits[1].Id, next.Hits[0].Id);
        Assert.Equal(first.Expanded.Select(e => e.Form), again.Expanded.Select(e => e.Form));

        // Another text, the exact-spelling switch, the other grammar: each planned.
        index.Search(Request("Teheran"));
        index.Search(Request("Tehran", exact: true));
        index.Search(Request("Tehran", syntax: QuerySyntax.Lucene));
        Assert.Equal(made + 3, index.PlansMade);
    }

    [Fact]
    public void A_refresh_plans_anew_and_finds_the_new_spellings()
    {
        using var index = TestIndex.Create();
        Assert.Equal(2, index.Search(Request("Tehran")).Total);
        long made = index.PlansMade;
        index.AddOrUpdate(new NewsDocument("d7", "Talks in Tehrān", "Envoys met in Tehrān on Monday.", new DateTime(2025, 4, 1), "AP", null));
        index.Refresh();
        var after = index.Search(Request("Tehran"));
        Assert.Equal(made + 1, index.PlansMade);
        Assert.Equal(3, after.Total);
        Assert.Contains(after.Hits.Concat(index.Search(Request("Tehran", from: 2)).Hits), h => h.Id == "d7");
    }

    [Fact]
    public void A_plan_cut_short_by_the_time_budget_is_not_kept()
    {
        using var index = TestIndex.Create(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchTimeout = TimeSpan.FromTicks(1) });
        var cut = index.Search(Request("Tehran"));
        Assert.True(cut.Partial);
        long made = index.PlansMade;
        index.Search(Request("Tehran"));
        Assert.Equal(made + 1, index.PlansMade);
    }
}
