using System.Diagnostics;
using Search.Analysis.Names;
using Search.Querying;
using Search.Core.Tests.Search;

namespace Search.Core.Tests.Reliability;

/// <summary>Every costly query is bounded: a <see cref="QueryException"/> or a partial result, never a stuck search.</summary>
public sealed class QueryBoundsTests
{
    private static readonly Lazy<SearchIndex> Many = new(() =>
    {
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        // Many distinct terms (tehran0 … tehran2999) for the wildcard and fuzzy expansion tests.
        for (int i = 0; i < 3000; i++)
            index.AddOrUpdate(new NewsDocument($"m{i}", $"Report {i}", $"tehran{i} oil talks word{i % 97}"));
        index.Refresh();
        return index;
    });

    private static SearchResult Strict(string query, SearchIndex? index = null) =>
        (index ?? Many.Value).Search(new SearchRequest { Query = query, Syntax = QuerySyntax.Lucene, IncludeSnippets = false });

    [Fact]
    public void Too_many_clauses_is_a_query_exception()
    {
        using var index = TestIndex.Create(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, MaxClauseCount = 8 });
        var e = Assert.Throws<QueryException>(() => Strict("a OR b OR c OR d OR e OR f OR g OR h OR i OR j", index));
        Assert.Contains("clauses", e.Message);
    }

    [Fact]
    public void Name_variants_are_trimmed_to_fit_the_clause_limit_not_refused()
    {
        // Forty attested spellings of one name, and a clause limit of 24: the engine's own expansion must
        // shrink (the most similar spellings kept), not turn a two-word search into an error.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, MaxClauseCount = 24 });
        string[] vowels = ["a", "e", "i", "o", "u"];
        int n = 0;
        foreach (var v1 in vowels)
            foreach (var v2 in vowels.Take(4))
                foreach (var tail in new[] { "n", "nn" })
                    index.AddOrUpdate(new NewsDocument($"d{n++}", $"Minister Th{v1}r{v2}{tail} spoke", "Talks in the capital."));
        index.AddOrUpdate(new NewsDocument("exact", "Minister Tehran spoke", "Talks in the capital."));
        index.Refresh();
        var result = index.Search(new SearchRequest { Query = "Minister Tehran" });
        Assert.Equal("exact", result.Hits[0].Id);
        Assert.True(result.Total > 1, "the most similar spellings are still searched");
    }

    [Fact]
    public async Task The_loosened_phrases_of_a_name_go_before_any_of_its_spellings()
    {
        // A quoted name gets loosened phrases (Misry for Masri, with Abou respelled). When they are what takes the
        // query over the clause limit, they are dropped and every spelling of the name is kept.
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "search-bounds-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = SearchIndex.Open(path, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero }))
            {
                index.AddOrUpdate(new NewsDocument("respelled", "Abou Hamza al-Misry was released", null));
                index.AddOrUpdate(new NewsDocument("exact", "Abu Hamza al-Masri was released", null));
                await index.CommitAsync();
            }
            using var reader = Lucene.Net.Index.DirectoryReader.Open(new Lucene.Net.Store.NIOFSDirectory(path));
            var request = new SearchRequest { Query = "\"Abu Hamza al-Masri\"" };
            var full = new QueryPlanner(100_000).Plan(request, reader);
            Assert.True(full.Plan.Loosened);
            int clauses = QueryPlanner.CountClauses(full.Query);
            var bounded = new QueryPlanner(clauses - 1).Plan(request, reader);
            Assert.False(bounded.Plan.Loosened);
            Assert.Equal(NameMatcher.MaxVariants, bounded.Plan.MaxVariantsPerWord);
            Assert.True(QueryPlanner.CountClauses(bounded.Query) < clauses);
        }
        finally
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public void A_long_search_box_query_never_fails()
    {
        // Up to the length limit of distinct words: the search box must answer, not throw.
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        Assert.True(words.Length <= 1000);
        var result = Many.Value.Search(new SearchRequest { Query = words });
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void Wildcard_and_fuzzy_expansion_is_capped_not_an_error()
    {
        // 3,000 terms match tehran*: the scoring rewrite keeps the top ones, the search still finds every document.
        var wildcard = Strict("tehran*");
        Assert.Equal(3000, wildcard.Total);
        var fuzzy = Strict("tehran1~2");
        Assert.True(fuzzy.Total > 0);
        var range = Strict("body:[tehran0 TO tehran9]");
        Assert.True(range.Total > 0);
    }

    [Theory]
    [InlineData("tehran*a????????????")]
    [InlineData("t*e*h*r*a*n")]
    [InlineData("x*a?*?*?")]
    public void A_costly_wildcard_is_refused_quickly_with_its_position(string pattern)
    {
        // Refused while parsing, before any term is enumerated (timings belong to the fuzz tool, not here).
        var e = Assert.Throws<QueryException>(() => Strict("oil " + pattern));
        Assert.Contains("too costly", e.Message);
        Assert.Equal(4, e.Position);
    }

    [Fact]
    public void A_cheap_wildcard_is_accepted()
    {
        Assert.Equal(3000, Strict("te*r?n*").Total);
    }

    [Fact]
    public void Regular_expressions_are_refused_quickly()
    {
        var e = Assert.Throws<QueryException>(() => Strict("oil /[ab]*a[ab]{20}/"));
        Assert.Contains("regular expressions", e.Message);
        Assert.Equal(4, e.Position);
    }

    [Fact]
    public void Deep_nesting_is_a_query_exception_or_an_answer_not_a_crash()
    {
        var q = new string('(', 490) + "oil" + new string(')', 490);
        Assert.Equal(3000, Strict(q).Total);
        Assert.Throws<QueryException>(() => Strict(new string('(', 999)));
    }

    [Theory]
    [InlineData(0, 101)]
    [InlineData(9_950, 100)]
    [InlineData(-1, 10)]
    [InlineData(int.MaxValue, 10)]
    public void Page_depth_and_size_are_bounded(int from, int size)
    {
        var e = Assert.Throws<QueryException>(() => Many.Value.Search(new SearchRequest { Query = "oil", From = from, Size = size }));
        Assert.Matches("size|from", e.Message);
    }

    [Fact]
    public void The_deepest_allowed_page_works()
    {
        var result = Many.Value.Search(new SearchRequest { Query = "oil", From = 2_990, Size = 100, IncludeSnippets = false });
        Assert.Equal(10, result.Hits.Count);
    }

    [Fact]
    public void An_over_long_query_is_a_query_exception()
    {
        Assert.Throws<QueryException>(() => Many.Value.Search(new SearchRequest { Query = new string('a', 1001) }));
    }

    [Fact]
    public void A_search_over_its_time_budget_returns_a_partial_result()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchTimeout = TimeSpan.FromTicks(1) });
        for (int i = 0; i < 3000; i++)
            index.AddOrUpdate(new NewsDocument($"p{i}", null, $"oil {i}"));
        index.Refresh();
        var result = index.Search(new SearchRequest { Query = "oil", IncludeSnippets = false });
        Assert.True(result.Partial);
        Assert.True(result.Total < 3000, $"total {result.Total}");
        Assert.False(Many.Value.Search(new SearchRequest { Query = "oil", IncludeSnippets = false }).Partial);
    }

    [Fact]
    public void The_first_pass_of_a_name_query_keeps_to_the_time_budget()
    {
        // Fewer hits than the collector's check interval: only the name layers' first pass over the segment (which walks
        // every hit before the collector sees one) can notice the spent budget.
        using var slow = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, SearchTimeout = TimeSpan.FromTicks(1) });
        using var normal = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        foreach (var index in new[] { slow, normal })
        {
            for (int i = 0; i < 300; i++)
                index.AddOrUpdate(new NewsDocument($"t{i}", null, i % 2 == 0 ? $"Talks in Tehran, day {i}" : $"Talks in Teheran, day {i}"));
            index.Refresh();
        }
        var request = new SearchRequest { Query = "Tehran", IncludeSnippets = false };
        var spent = slow.Search(request);
        Assert.True(spent.Partial);
        Assert.True(spent.Total < 300, $"total {spent.Total}");
        var full = normal.Search(request);
        Assert.False(full.Partial);
        Assert.Equal(300, full.Total);
        // Searched again (now from the kept hits when the first pass was kept): the same.
        Assert.Equal(300, normal.Search(request).Total);
        Assert.True(slow.Search(request).Partial);
    }

    [Fact]
    public async Task Finding_a_names_spellings_keeps_to_the_time_budget_and_keeps_nothing_cut_short()
    {
        // A name word's first expansion reads every segment's lexicon before the search starts. Out of time, the word keeps
        // its own spelling (the result partial); the expansion cut short is not kept, so the next search in time finds all.
        var directory = new Lucene.Net.Store.RAMDirectory();
        using var index = SearchIndex.Open(directory, null, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("t1", null, "Talks resumed in Tehran"));
        index.AddOrUpdate(new NewsDocument("t2", null, "Talks resumed in Teheran"));
        index.AddOrUpdate(new NewsDocument("t3", null, "استؤنفت المحادثات في تهران"));
        await index.CommitAsync();
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        var planner = new QueryPlanner(1024);
        var request = new SearchRequest { Query = "Teheran" };

        PlannedQuery cut;
        using (SearchBudget.Until(SearchBudget.DeadlineAfter(TimeSpan.Zero) - 1))
            cut = planner.Plan(request, reader);
        Assert.True(cut.Plan.SpellingsCut);
        Assert.Empty(cut.Plan.Expansions);
        var searcher = new Lucene.Net.Search.IndexSearcher(reader);
        Assert.Equal(1, searcher.Search(cut.Query, 10).TotalHits);   // Teheran as written

        var full = planner.Plan(request, reader);
        Assert.False(full.Plan.SpellingsCut);
        var forms = full.Plan.Expansions.Select(e => e.Form).ToList();
        Assert.Contains("tehran", forms);
        Assert.Contains(forms, f => f.StartsWith("th", StringComparison.Ordinal));   // تهران, transliterated
        Assert.Equal(3, searcher.Search(full.Query, 10).TotalHits);
    }
}
