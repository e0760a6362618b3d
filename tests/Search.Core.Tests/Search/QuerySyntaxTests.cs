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
    public void Exact_spelling_matches_only_the_spelling_as_typed()
    {
        using var index = TestIndex.Create();
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "Houthis", ExactSpelling = true }).Ids());
        Assert.Empty(index.Search(new SearchRequest { Query = "Huthis", ExactSpelling = true }).Hits);
        Assert.Equal(["d2"], index.Search(new SearchRequest { Query = "=Houthis" }).Ids());
    }
}
