namespace Search.Core.Tests.Search;

public class SearchIndexTests
{
    [Fact]
    public void Adding_an_existing_id_replaces_the_document()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        Assert.Equal(AddOutcome.Added, index.AddOrUpdate(new NewsDocument("a", "First title", "alpha")));
        Assert.Equal(AddOutcome.Replaced, index.AddOrUpdate(new NewsDocument("a", "Second title", "beta")));
        index.Refresh();
        Assert.Equal(AddOutcome.Replaced, index.AddOrUpdate(new NewsDocument("a", "Third title", "gamma")));
        index.Refresh();

        Assert.Equal(1, index.GetStats().Documents);
        Assert.Equal("Third title", index.Get("a")!.Title);
        Assert.Equal(0, index.Search(new SearchRequest { Query = "alpha" }).Total);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "gamma" }).Total);
    }

    [Fact]
    public void Delete_removes_a_document_and_reports_unknown_ids()
    {
        using var index = TestIndex.Create();
        Assert.True(index.Delete("d3"));
        Assert.False(index.Delete("no-such-id"));
        index.Refresh();
        Assert.Null(index.Get("d3"));
        Assert.Equal(0, index.Search(new SearchRequest { Query = "crude" }).Total);
    }

    [Fact]
    public void Added_documents_are_searchable_after_a_refresh_without_a_commit()
    {
        using var index = TestIndex.Create();
        index.AddOrUpdate(new NewsDocument("nrt", "Zanzibar ferry", "A ferry reached Zanzibar."));
        Assert.Equal(0, index.Search(new SearchRequest { Query = "zanzibar" }).Total);
        index.Refresh();
        Assert.Equal(["nrt"], index.Search(new SearchRequest { Query = "zanzibar" }).Ids());
    }

    [Fact]
    public async Task The_background_refresh_makes_adds_visible()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(50) });
        index.AddOrUpdate(new NewsDocument("bg", "Timbuktu", "Timbuktu manuscripts"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (index.Search(new SearchRequest { Query = "timbuktu" }).Total == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(1, index.Search(new SearchRequest { Query = "timbuktu" }).Total);
    }

    [Fact]
    public void Stemming_lets_a_plural_find_the_singular()
    {
        using var index = TestIndex.Create();
        var result = index.Search(new SearchRequest { Query = "Houthis" });
        Assert.Equal(["d2"], result.Ids());
        Assert.Contains("<mark>Houthi</mark>", result.Hits[0].TitleHtml);
    }

    [Fact]
    public void A_title_match_ranks_above_a_body_match()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("body", "Weather report", "The embargo was discussed at length by ministers in a long meeting."));
        index.AddOrUpdate(new NewsDocument("title", "Embargo discussed", "Ministers met at length in a long meeting about the weather."));
        index.Refresh();
        Assert.Equal(["title", "body"], index.Search(new SearchRequest { Query = "embargo" }).Ids());
    }

    [Fact]
    public void Words_are_all_required_in_the_search_box()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d4"], index.Search(new SearchRequest { Query = "Iran Iraq war" }).Ids());
        Assert.Equal(["d1"], index.Search(new SearchRequest { Query = "Iran -Iraq -script nuclear" }).Ids());
    }

    [Fact]
    public void Filters_by_date_range_and_source()
    {
        using var index = TestIndex.Create();
        var all = new SearchRequest { Query = "" };
        Assert.Equal(6, index.Search(all).Total);
        var in1987 = index.Search(new SearchRequest { FromDate = new DateOnly(1987, 1, 1), ToDate = new DateOnly(1987, 12, 31) });
        Assert.Equal(["d3", "d4"], in1987.Ids().Order().ToArray());
        var reuters = index.Search(new SearchRequest { Sources = ["reuters"] });
        Assert.Equal(["d2", "d3", "d4"], reuters.Ids().Order().ToArray());
        var years = index.Search(new SearchRequest { Years = [2024, 2025] });
        Assert.Equal(["d1", "d2"], years.Ids().Order().ToArray());
        var exactDay = index.Search(new SearchRequest { FromDate = new DateOnly(2025, 3, 31), ToDate = new DateOnly(2025, 3, 31) });
        Assert.Equal(["d1"], exactDay.Ids());
    }

    [Fact]
    public void Sorts_by_date_newest_first_with_undated_last()
    {
        using var index = TestIndex.Create();
        var byDate = index.Search(new SearchRequest { Sort = SortOrder.Date, Size = 10 });
        Assert.Equal(["d1", "d2", "d5", "d4", "d3", "d6"], byDate.Ids());
        var oldest = index.Search(new SearchRequest { Sort = SortOrder.DateAscending, Size = 10 });
        Assert.Equal(["d3", "d4", "d5", "d2", "d1", "d6"], oldest.Ids());
    }

    [Fact]
    public void Pages_through_hits_with_from_and_size()
    {
        using var index = TestIndex.Create();
        var all = index.Search(new SearchRequest { Sort = SortOrder.Date, Size = 6 }).Ids();
        var page1 = index.Search(new SearchRequest { Sort = SortOrder.Date, Size = 2 });
        var page2 = index.Search(new SearchRequest { Sort = SortOrder.Date, From = 2, Size = 2 });
        var page4 = index.Search(new SearchRequest { Sort = SortOrder.Date, From = 6, Size = 2 });
        Assert.Equal(all[..2], page1.Ids());
        Assert.Equal(all[2..4], page2.Ids());
        Assert.Empty(page4.Hits);
        Assert.Equal(6, page4.Total);
    }

    [Fact]
    public void Rejects_pages_beyond_the_limits()
    {
        using var index = TestIndex.Create(new SearchIndexOptions { MaxPageSize = 50, MaxResultWindow = 100, RefreshInterval = TimeSpan.Zero });
        Assert.Throws<QueryException>(() => index.Search(new SearchRequest { Size = 51 }));
        Assert.Throws<QueryException>(() => index.Search(new SearchRequest { From = 90, Size = 20 }));
        Assert.Throws<QueryException>(() => index.Search(new SearchRequest { From = -1 }));
        Assert.Throws<QueryException>(() => index.Search(new SearchRequest { Query = new string('a', 1001) }));
    }

    [Fact]
    public void Counts_facets_by_source_and_year()
    {
        using var index = TestIndex.Create();
        var result = index.Search(new SearchRequest { Query = "" });
        Assert.Equal(new FacetValue("Reuters", 3), result.Facets["source"][0]);
        Assert.Equal(3, result.Facets["source"].Count);
        Assert.Contains(new FacetValue("1987", 2), result.Facets["year"]);
        Assert.Equal(5, result.Facets["year"].Sum(f => f.Count));

        var filtered = index.Search(new SearchRequest { Query = "Iran" });
        Assert.All(filtered.Facets["source"], f => Assert.True(f.Count <= filtered.Total));
        Assert.Equal(filtered.Total, filtered.Facets["source"].Sum(f => f.Count));
    }

    [Fact]
    public void Snippets_mark_matches_and_escape_all_document_text()
    {
        using var index = TestIndex.Create();
        var hit = index.Search(new SearchRequest { Query = "script Tehran" }).Hits.Single();
        Assert.Equal("d5", hit.Id);
        Assert.DoesNotContain("<script>", hit.TitleHtml);
        Assert.DoesNotContain("<b>", hit.Snippet);
        Assert.Contains("&lt;<mark>script</mark>&gt;", hit.TitleHtml);
        Assert.Contains("&amp;", hit.Snippet);
        Assert.Contains("<mark>Tehran</mark>", hit.Snippet);
        var markup = System.Text.RegularExpressions.Regex.Replace(hit.Snippet!, "</?mark>", "");
        Assert.DoesNotContain('<', markup);
        Assert.DoesNotContain('>', markup);
    }

    [Fact]
    public void A_long_body_snippet_is_cut_around_the_matches()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        var filler = string.Concat(Enumerable.Repeat("The committee met again and adjourned without a vote. ", 40));
        index.AddOrUpdate(new NewsDocument("long", "Budget", filler + "Then the senator from Ohio spoke about tariffs. " + filler));
        index.Refresh();
        var hit = index.Search(new SearchRequest { Query = "tariffs", SnippetLength = 120 }).Hits.Single();
        Assert.Contains("<mark>tariffs</mark>", hit.Snippet);
        Assert.StartsWith("…", hit.Snippet);
        Assert.EndsWith("…", hit.Snippet);
        Assert.True(hit.Snippet!.Length < 200, hit.Snippet);
    }

    [Fact]
    public void Reports_total_and_time_taken()
    {
        using var index = TestIndex.Create();
        var result = index.Search(new SearchRequest { Query = "Iran", Size = 1 });
        Assert.Equal(2, result.Total);
        Assert.Single(result.Hits);
        Assert.True(result.Took > TimeSpan.Zero);
    }
}
