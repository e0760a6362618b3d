namespace Search.Core.Tests.Search;

/// <summary>
/// Date, year and source filters and the date orders on real documents: a filtered search must give exactly the hits of
/// the same search unfiltered that pass the filter by their own date and source, in the same order with the same scores,
/// and their total; a search by date, the same hits in the order of their dates (undated last); on an index of many
/// segments with deleted documents, in both syntaxes, sliced or not.
/// </summary>
public sealed class FilterTests(SegmentedSample sample) : IClassFixture<SegmentedSample>
{
    private const int All = 3000;

    public static TheoryData<string, QuerySyntax, string?, string?, int[], string[]> Filters => new()
    {
        // query, syntax, from, to, years, sources
        { "oil", QuerySyntax.Lucene, "1987-03-01", "1987-06-30", [], [] },
        { "oil", QuerySyntax.Lucene, "1987-03-10", null, [], [] },
        { "oil", QuerySyntax.Lucene, null, "1987-03-10", [], [] },
        { "oil OR prices OR shares", QuerySyntax.Lucene, "1987-03-02", "1987-03-02", [], [] },   // one day
        { "\"crude oil\"", QuerySyntax.Lucene, null, null, [1987, 2016], [] },
        { "Tehran", QuerySyntax.Lenient, null, null, [1987, 2016], [] },
        { "Iraq", QuerySyntax.Lenient, "1987-01-01", "2020-12-31", [], ["reuters"] },
        { "", QuerySyntax.Lenient, "1987-02-20", "1987-03-05", [], [] },                          // no words: every document
        { "", QuerySyntax.Lenient, null, "1987-03-05", [], [] },                                  // the undated documents too are before it, and out
        { "", QuerySyntax.Lenient, null, null, [2016, 2017, 1987], [] },
        { "oil", QuerySyntax.Lucene, "2031-01-01", null, [], [] },                                // nothing in range
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void A_filtered_search_gives_the_unfiltered_hits_that_pass(string query, QuerySyntax syntax, string? from, string? to, int[] years, string[] sources)
    {
        foreach (int threads in new[] { 1, 3 })
        {
            using var index = SearchIndex.Open(sample.Folder, new SearchIndexOptions
            {
                ReadOnly = true, SearchThreads = threads, MinSliceDocuments = 1, ShareCores = false, MaxPageSize = All, MaxResultWindow = All,
            });
            Assert.True(index.GetStats().Segments >= 3);
            var unfiltered = new SearchRequest { Query = query, Syntax = syntax, Size = All, IncludeFacets = false, IncludeSnippets = false };
            var everything = index.Search(unfiltered);
            Assert.True(everything.Total < All, "the page holds every hit");
            DateOnly? fromDay = from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
            DateOnly? toDay = to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
            var expected = everything.Hits.Where(h =>
                    h.Date is { } d
                    && (fromDay is null || DateOnly.FromDateTime(d) >= fromDay)
                    && (toDay is null || DateOnly.FromDateTime(d) <= toDay)
                    && (years.Length == 0 || years.Contains(d.Year))
                    && (sources.Length == 0 || sources.Contains(h.Source?.Trim().ToLowerInvariant())))
                .Select(h => (h.Id, h.Score)).ToList();

            var filtered = index.Search(new SearchRequest
            {
                Query = query, Syntax = syntax, Size = All, IncludeFacets = false, IncludeSnippets = false,
                FromDate = fromDay, ToDate = toDay, Years = years, Sources = sources,
            });

            Assert.Equal(expected.Count, filtered.Total);
            Assert.Equal(expected, filtered.Hits.Select(h => (h.Id, h.Score)));
            if (from == "2031-01-01")
                Assert.Empty(expected);
            else
                Assert.NotEmpty(expected);   // each case filters something in
        }
    }

    public static TheoryData<string, QuerySyntax, SortOrder> Sorted => new()
    {
        { "oil", QuerySyntax.Lucene, SortOrder.Date },
        { "oil OR prices OR shares", QuerySyntax.Lucene, SortOrder.DateAscending },
        { "Tehran", QuerySyntax.Lenient, SortOrder.Date },
        { "", QuerySyntax.Lenient, SortOrder.Date },              // every document, the undated ones included
        { "", QuerySyntax.Lenient, SortOrder.DateAscending },
    };

    [Theory]
    [MemberData(nameof(Sorted))]
    public void A_search_by_date_gives_the_same_hits_in_the_order_of_their_dates(string query, QuerySyntax syntax, SortOrder sort)
    {
        foreach (int threads in new[] { 1, 3 })
        {
            using var index = SearchIndex.Open(sample.Folder, new SearchIndexOptions
            {
                ReadOnly = true, SearchThreads = threads, MinSliceDocuments = 1, ShareCores = false, MaxPageSize = All, MaxResultWindow = All,
            });
            var request = new SearchRequest { Query = query, Syntax = syntax, Size = All, IncludeFacets = false, IncludeSnippets = false };
            var byScore = index.Search(request);
            var byDate = index.Search(new SearchRequest { Query = query, Syntax = syntax, Size = All, IncludeFacets = false, IncludeSnippets = false, Sort = sort });

            Assert.Equal(byScore.Total, byDate.Total);
            Assert.Equal(byScore.Hits.Select(h => h.Id).Order(), byDate.Hits.Select(h => h.Id).Order());
            var dated = byScore.Hits.Where(h => h.Date is not null).Select(h => h.Date!.Value);
            var expected = (sort == SortOrder.Date ? dated.OrderDescending() : dated.Order()).Select(d => (DateTime?)d)
                .Concat(byScore.Hits.Where(h => h.Date is null).Select(_ => (DateTime?)null));
            Assert.Equal(expected, byDate.Hits.Select(h => h.Date));
            // A later page is that stretch of the whole list.
            var page = index.Search(new SearchRequest { Query = query, Syntax = syntax, From = 30, Size = 20, IncludeFacets = false, IncludeSnippets = false, Sort = sort });
            Assert.Equal(byDate.Hits.Skip(30).Take(20).Select(h => h.Id), page.Hits.Select(h => h.Id));
        }
    }

    [Theory]
    [InlineData("oil", QuerySyntax.Lucene)]
    [InlineData("Tehran OR Damascus", QuerySyntax.Lenient)]
    [InlineData("", QuerySyntax.Lenient)]
    public void Facets_count_the_sources_and_years_of_every_hit(string query, QuerySyntax syntax)
    {
        foreach (int threads in new[] { 1, 3 })
        {
            using var index = SearchIndex.Open(sample.Folder, new SearchIndexOptions
            {
                ReadOnly = true, SearchThreads = threads, MinSliceDocuments = 1, ShareCores = false, MaxPageSize = All, MaxResultWindow = All,
            });
            var all = index.Search(new SearchRequest { Query = query, Syntax = syntax, Size = All, IncludeFacets = true, IncludeSnippets = false, FacetSize = 1000 });
            Assert.Equal(all.Total, all.Hits.Count);
            var sources = all.Hits.Where(h => !string.IsNullOrWhiteSpace(h.Source)).GroupBy(h => h.Source!.Trim())
                .Select(g => new FacetValue(g.Key, g.Count())).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal);
            var years = all.Hits.Where(h => h.Date is not null).GroupBy(h => h.Date!.Value.Year)
                .Select(g => new FacetValue(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Count())).OrderByDescending(f => f.Count).ThenByDescending(f => f.Value);
            Assert.True(sources.Count() > 1 && years.Count() > 1);
            Assert.Equal(sources, all.Facets["source"]);
            Assert.Equal(years, all.Facets["year"]);
            // The first ten of each, with a page of ten.
            var page = index.Search(new SearchRequest { Query = query, Syntax = syntax, IncludeFacets = true, IncludeSnippets = false });
            Assert.Equal(sources.Take(10), page.Facets["source"]);
            Assert.Equal(years.Take(10), page.Facets["year"]);
        }
    }
}
