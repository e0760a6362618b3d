namespace Search.Core.Tests.Search;

public class QuerySyntaxTests
{
    private static SearchResult Strict(SearchIndex index, string query) =>
        index.Search(new SearchRequest { Query = query, Syntax = QuerySyntax.Lucene, Size = 10 });

    [Fact]
    public void Strict_syntax_supports_boolean_operators_and_grouping()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d4"], Strict(index, "Iran AND Iraq").Ids());
        Assert.Equal(["d1", "d4"], Strict(index, "Iran NOT script").Ids().Order().ToArray());
        Assert.Equal(["d2", "d3"], Strict(index, "houthi OR crude").Ids().Order().ToArray());
        Assert.Equal(["d1", "d3"], Strict(index, "(nuclear OR crude) AND NOT houthi").Ids().Order().ToArray());
    }

    [Fact]
    public void Strict_syntax_supports_phrases_fields_wildcards_and_fuzzy()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d2"], Strict(index, "\"Red Sea\"").Ids());
        Assert.Empty(Strict(index, "\"Sea Red\"").Hits);
        Assert.Equal(["d3"], Strict(index, "title:oil").Ids());
        Assert.Empty(Strict(index, "title:crude").Hits);
        Assert.Equal(["d2", "d3", "d4"], Strict(index, "source:reuters").Ids().Order().ToArray());
        Assert.Equal(["d2"], Strict(index, "missil*").Ids());
        Assert.Equal(["d3"], Strict(index, "cru?e").Ids());
        Assert.Equal(["d2"], Strict(index, "shipp~1").Ids());
    }

    [Fact]
    public void Strict_syntax_keeps_the_case_of_exact_field_wildcards_and_fuzzy_terms()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d2"], Strict(index, "exact:Hout*").Ids());
        Assert.Empty(Strict(index, "exact:hout*").Hits);
        Assert.Equal(["d2"], Strict(index, "exact:Hou?his").Ids());
        Assert.Equal(["d2"], Strict(index, "exact:Houthiz~1").Ids());
        Assert.Equal(["d2"], Strict(index, "exact:[Houthi TO Houthis]").Ids());
        // The other fields hold lower case: their terms are lower-cased as before.
        Assert.Equal(["d2"], Strict(index, "title:HOUT*").Ids());
    }

    [Fact]
    public void Strict_syntax_highlights_wildcard_matches()
    {
        using var index = TestIndex.Create();
        var hit = Strict(index, "missil*").Hits.Single();
        Assert.Contains("<mark>missiles</mark>", hit.TitleHtml);
    }

    [Theory]
    [InlineData("Iran AND", 8)]
    [InlineData("(Iran OR Iraq", 13)]
    [InlineData("Iran ) war", 5)]
    [InlineData("title:", 6)]
    public void Strict_syntax_errors_give_a_message_and_position(string query, int position)
    {
        using var index = TestIndex.Create();
        var e = Assert.Throws<QueryException>(() => Strict(index, query));
        Assert.StartsWith("Query syntax error", e.Message);
        Assert.NotNull(e.Position);
        Assert.InRange(e.Position!.Value, 0, query.Length);
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Strict_syntax_rejects_unknown_fields_and_leading_wildcards()
    {
        using var index = TestIndex.Create();
        var unknown = Assert.Throws<QueryException>(() => Strict(index, "author:smith"));
        Assert.Contains("Unknown field 'author'", unknown.Message);
        Assert.Throws<QueryException>(() => Strict(index, "*ran"));
    }

    [Fact]
    public void The_search_box_never_fails_whatever_is_typed()
    {
        using var index = TestIndex.Create();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_TEST_SEED"), out var s) ? s : 20261129;
        var random = new Random(seed);
        const string alphabet = "abc IRAN iraq \"'()[]{}:^~*?\\/+-=!&|OR AND NOT تهران é\u200c\u0000\t";
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (int j = 0; j < chars.Length; j++)
                chars[j] = alphabet[random.Next(alphabet.Length)];
            var query = new string(chars);
            var result = index.Search(new SearchRequest { Query = query });
            Assert.True(result.Total >= 0, $"seed {seed}, case {i}: {query}");
        }
    }

    [Fact]
    public void The_search_box_understands_phrases_exclusions_and_or()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "\"red sea\"" }).Ids());
        Assert.Empty(index.Search(new SearchRequest { Query = "\"sea red\"" }).Hits);
        Assert.Equal(["d2", "d3"], index.Search(new SearchRequest { Query = "houthi OR crude" }).Ids().Order().ToArray());
        Assert.Equal(["d1", "d5"], index.Search(new SearchRequest { Query = "tehran -iraq" }).Ids().Order().ToArray());
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "\"red sea" }).Ids());
    }

    [Fact]
    public void An_excluded_word_in_lower_case_excludes_the_word_and_typed_as_a_name_every_spelling()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
        index.AddOrUpdate(new NewsDocument("said", "Iran", "Iran talks went on, officials said."));
        index.AddOrUpdate(new NewsDocument("saeed", "Iran", "Iran's minister Saeed Jalili met envoys."));
        index.AddOrUpdate(new NewsDocument("said-name", "Iran", "Iran and the envoy Sa'id met."));
        index.Refresh();
        SearchResult Search(string query) => index.Search(new SearchRequest { Query = query, IncludeFacets = false });
        // A word typed in lower case takes the names it may be a spelling of; excluded, it keeps them (-said took Saeed
        // Jalili away too).
        Assert.Equal(["saeed", "said", "said-name"], Search("Iran said").Ids().Order().ToArray());
        Assert.Equal(["saeed", "said-name"], Search("Iran -said").Ids().Order().ToArray());
        Assert.Equal(["saeed", "said-name"], Search("Iran -\"officials said\"").Ids().Order().ToArray());
        // Typed as a name, every spelling of the name goes, and none is listed as searched.
        var named = Search("Iran -Said");
        Assert.Equal(["said"], named.Ids());
        Assert.Empty(named.Expanded);
    }

    [Fact]
    public void Exact_spelling_matches_only_the_spelling_as_typed()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "Houthis", ExactSpelling = true }).Ids());
        Assert.Empty(index.Search(new SearchRequest { Query = "Huthis", ExactSpelling = true }).Hits);
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "=Houthis" }).Ids());
    }

    [Fact]
    public void The_search_box_reads_a_trailing_star_as_a_prefix_of_two_letters_or_more()
    {
        var clauses = global::Search.Querying.LenientQueryParser.Parse("Khamen* -ira* i* te*ran \"red se*\" =Hout*,");
        Assert.Equal(["Khamen", "ira", "i", "teran", "red se", "Hout"], clauses.Select(c => string.Join(' ', c.Words)).ToArray());
        Assert.Equal([true, true, false, false, false, true], clauses.Select(c => c.Prefix).ToArray());
        Assert.Equal([false, true, false, false, false, false], clauses.Select(c => c.Excluded).ToArray());
        Assert.True(clauses[^1].Exact);
    }

    [Fact]
    public void A_prefix_in_the_search_box_matches_words_that_begin_so_in_any_case_and_with_accents()
    {
        using var index = TestIndex.Of([.. TestIndex.Documents,
            new NewsDocument("d7", "Visit to Téhéran", "The minister flew to TÉHÉRAN on Monday.", new DateTime(2001, 5, 1), "AFP", null)]);
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "hout*" }).Ids());
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "HOUT*" }).Ids());
        Assert.Equal(["d1", "d4"], index.Search(new SearchRequest { Query = "ira*" }).Ids().Order().ToArray());
        Assert.Equal(["d1", "d5", "d7"], index.Search(new SearchRequest { Query = "tehe* OR tehr*" }).Ids().Order().ToArray());
        Assert.Equal(["d7"], index.Search(new SearchRequest { Query = "téhé*" }).Ids());
        // Excluded, and beside other words.
        Assert.Equal(["d4"], index.Search(new SearchRequest { Query = "fire -missil*" }).Ids());
        Assert.Equal(["d4"], index.Search(new SearchRequest { Query = "ira* artill*" }).Ids());
        // A single letter is the word itself, not every word that begins with it.
        Assert.Equal(index.Search(new SearchRequest { Query = "o" }).Total, index.Search(new SearchRequest { Query = "o*" }).Total);
        Assert.NotEqual(index.Search(new SearchRequest { Query = "oi*" }).Total, index.Search(new SearchRequest { Query = "oi" }).Total);
    }

    [Fact]
    public void An_exact_prefix_keeps_case_and_accents()
    {
        using var index = TestIndex.Of([.. TestIndex.Documents,
            new NewsDocument("d7", "Visit to Téhéran", "The minister flew there on Monday.", new DateTime(2001, 5, 1), "AFP", null)]);
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "=Hout*" }).Ids());
        Assert.Empty(index.Search(new SearchRequest { Query = "=hout*" }).Hits);
        Assert.Empty(index.Search(new SearchRequest { Query = "Tehe*", ExactSpelling = true }).Hits);
        Assert.Equal(["d7"], index.Search(new SearchRequest { Query = "Téhé*", ExactSpelling = true }).Ids());
    }

    [Fact]
    public void A_prefix_match_is_highlighted_and_explained()
    {
        using var index = TestIndex.Create();
        var result = index.Search(new SearchRequest { Query = "missil*" });
        var hit = Assert.Single(result.Hits);
        Assert.Contains("<mark>missiles</mark>", hit.TitleHtml);
        Assert.Contains("<mark>missiles</mark>", hit.Snippet);
        var why = Assert.Single(hit.Matched);
        Assert.Equal(("missil*", "missiles", "prefix"), (why.QueryWord, why.Matched, why.Layer));
        Assert.Contains(result.Expanded, e => e is { QueryWord: "missil*", Form: "missiles", Layer: "prefix" });
    }
}
