using System.Text.Json;

namespace Search.Web.Tests;

/// <summary>Each read endpoint of the JSON API, against the real server.</summary>
public sealed class ApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Search_returns_the_shared_json_shape()
    {
        var (status, json) = await Client.GetJsonAsync("api/search?q=Tehran");
        Assert.Equal(200, status);
        foreach (var name in new[] { "total", "took_ms", "partial", "hits", "facets", "expanded" })
            Assert.True(json.TryGetProperty(name, out _), $"missing {name}");
        Assert.True(json.GetProperty("total").GetInt64() >= 2);
        var hit = json.GetProperty("hits")[0];
        foreach (var name in new[] { "id", "title", "title_html", "date", "source", "url", "score", "snippet", "matched" })
            Assert.True(hit.TryGetProperty(name, out _), $"hit is missing {name}");
        var snippets = json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("snippet").GetString() + h.GetProperty("title_html").GetString());
        Assert.Contains(snippets, s => s!.Contains("<mark>", StringComparison.Ordinal));
        Assert.True(json.GetProperty("facets").TryGetProperty("source", out _));
        Assert.True(json.GetProperty("facets").TryGetProperty("year", out _));
    }

    [Fact]
    public async Task Search_finds_other_spellings_and_says_why()
    {
        var (_, json) = await Client.GetJsonAsync("api/search?q=Teheran&size=20");
        var hit = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "teheran-1");
        Assert.Contains(hit.GetProperty("matched").EnumerateArray(), m =>
            m.GetProperty("query_word").GetString() == "Teheran" && m.GetProperty("matched").GetString() == "Téhéran" && m.GetProperty("layer").GetString() != "exact");
        Assert.Contains("<mark>Téhéran</mark>", hit.GetProperty("title_html").GetString());
        // The Persian spelling is listed as searched in its romanised form and as the text writes it.
        Assert.Contains(json.GetProperty("expanded").EnumerateArray(), e =>
            e.GetProperty("form").GetString() == "thrān" && e.GetProperty("written").GetString() == "تهران");

        Assert.Equal(["teheran-1"], Ids((await Client.GetJsonAsync("api/search?q=T%C3%A9h%C3%A9ran&exact=true")).Json));
        Assert.DoesNotContain("teheran-1", Ids((await Client.GetJsonAsync("api/search?q=Teheran&exact=1")).Json));
    }

    [Fact]
    public async Task Search_takes_a_prefix_and_lists_the_words_it_covered()
    {
        var (status, json) = await Client.GetJsonAsync("api/search?q=teh*&size=20");
        Assert.Equal(200, status);
        var ids = Ids(json);
        Assert.Contains("teheran-1", ids);
        Assert.Contains("tehran-2", ids);
        var hit = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "teheran-1");
        Assert.Contains("<mark>Téhéran</mark>", hit.GetProperty("title_html").GetString());
        Assert.Contains(hit.GetProperty("matched").EnumerateArray(), m =>
            m.GetProperty("query_word").GetString() == "teh*" && m.GetProperty("layer").GetString() == "prefix");
        Assert.Contains(json.GetProperty("expanded").EnumerateArray(), e => e.GetProperty("form").GetString() == "Téhéran");
    }

    [Fact]
    public async Task Search_pages_sorts_and_filters()
    {
        var all = (await Client.GetJsonAsync("api/search?q=oil&size=10")).Json;
        long total = all.GetProperty("total").GetInt64();
        Assert.True(total >= 3);
        var page2 = (await Client.GetJsonAsync("api/search?q=oil&size=1&from=1")).Json;
        Assert.Single(page2.GetProperty("hits").EnumerateArray());
        Assert.Equal(Ids(all)[1], Ids(page2)[0]);

        var byDate = Ids((await Client.GetJsonAsync("api/search?q=oil&sort=date")).Json);
        Assert.Equal("tehran-2", byDate[0]); // 2024 before the 1987 ones

        var reuters = (await Client.GetJsonAsync("api/search?q=oil&source=Reuters")).Json;
        Assert.All(reuters.GetProperty("hits").EnumerateArray(), h => Assert.Equal("Reuters", h.GetProperty("source").GetString()));
        var two = Ids((await Client.GetJsonAsync("api/search?q=oil&source=Reuters&source=AFP")).Json);
        Assert.Contains("oil-2", two);

        var y1987 = Ids((await Client.GetJsonAsync("api/search?q=oil&year=1987")).Json);
        Assert.DoesNotContain("tehran-2", y1987);
        var range = Ids((await Client.GetJsonAsync("api/search?q=oil&from_date=1987-03-01&to_date=1987-12-31")).Json);
        Assert.Equal(["oil-1", "oil-2"], range.Order());
    }

    [Fact]
    public async Task Search_in_lucene_syntax()
    {
        var ids = Ids((await Client.GetJsonAsync("api/search?syntax=lucene&q=" + Uri.EscapeDataString("title:oil AND NOT opec"))).Json);
        Assert.Contains("oil-1", ids);
        Assert.DoesNotContain("oil-2", ids);
    }

    [Fact]
    public async Task Document_is_returned_whole_and_highlighted()
    {
        var (status, doc) = await Client.GetJsonAsync("api/documents/tehran-1?q=tehran");
        Assert.Equal(200, status);
        Assert.Equal("tehran-1", doc.GetProperty("id").GetString());
        Assert.Contains("Diplomats will meet again", doc.GetProperty("body").GetString());
        Assert.Contains("<mark>Tehran</mark>", doc.GetProperty("body_html").GetString());
        Assert.Equal("2025-03-31", doc.GetProperty("date").GetString()![..10]);
    }

    [Fact]
    public async Task Missing_document_is_a_json_404()
    {
        var (status, json) = await Client.GetJsonAsync("api/documents/no-such-id");
        Assert.Equal(404, status);
        Assert.Contains("no-such-id", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Suggest_completes_the_last_word_most_frequent_first()
    {
        var (status, json) = await Client.GetJsonAsync("api/suggest?q=" + Uri.EscapeDataString("oil exports teh"));
        Assert.Equal(200, status);
        Assert.Equal("teh", json.GetProperty("prefix").GetString());
        var first = json.GetProperty("suggestions")[0];
        Assert.Equal("Tehran", first.GetProperty("text").GetString()); // in 2 documents, Teheran in 1
        Assert.Equal("oil exports Tehran", first.GetProperty("completion").GetString());
        var texts = json.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Contains("Téhéran", texts);   // as written: the name field's folded teheran is not offered

        var upper = (await Client.GetJsonAsync("api/suggest?q=TEH")).Json;
        Assert.Equal("Tehran", upper.GetProperty("suggestions")[0].GetProperty("text").GetString());
        var none = (await Client.GetJsonAsync("api/suggest?q=tehran%20")).Json;
        Assert.Empty(none.GetProperty("suggestions").EnumerateArray());
    }

    [Fact]
    public async Task Analyze_shows_each_pipeline_with_terms_offsets_and_positions()
    {
        var (status, json) = await Client.GetJsonAsync("api/analyze?text=" + Uri.EscapeDataString("Talks in Teheran"));
        Assert.Equal(200, status);
        var pipelines = json.GetProperty("pipelines").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Contains("english", pipelines.Keys);
        Assert.Contains("exact", pipelines.Keys);
        Assert.False(string.IsNullOrEmpty(pipelines["english"].GetProperty("description").GetString()));
        var exact = pipelines["exact"].GetProperty("tokens").EnumerateArray().ToList();
        var teheran = exact.Single(t => t.GetProperty("term").GetString() == "Teheran");
        Assert.Equal(9, teheran.GetProperty("start").GetInt32());
        Assert.Equal(16, teheran.GetProperty("end").GetInt32());
        Assert.Equal(2, teheran.GetProperty("position").GetInt32());
        // The English pipeline stems and drops stop words; positions keep the gap.
        var english = pipelines["english"].GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("term").GetString()).ToList();
        Assert.Contains("talk", english);
        Assert.DoesNotContain("in", english);
    }

    [Fact]
    public async Task Health_and_openapi()
    {
        var (status, health) = await Client.GetJsonAsync("health");
        Assert.Equal(200, status);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(Fixtures.Documents.Length, health.GetProperty("documents").GetInt64());

        var (openStatus, openapi) = await Client.GetJsonAsync("openapi/v1.json");
        Assert.Equal(200, openStatus);
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/search", "/api/documents/{id}", "/api/suggest", "/api/analyze", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        Assert.False(paths.TryGetProperty("/api/commit", out _), "a read-only server must not describe write endpoints");
        var parameters = paths.GetProperty("/api/search").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("from_date", parameters);
        Assert.Contains("source", parameters);
    }

    [Fact]
    public async Task Search_page_is_served_without_javascript()
    {
        var html = await Client.GetStringAsync("search?q=Teheran&source=Reuters");
        Assert.Contains("<form id=\"search-form\"", html);
        Assert.Contains("value=\"Teheran\"", html);
        Assert.Contains("/documents/teheran-1?q=Teheran", html);
        // Arabic yeh in the query, Persian yeh in the text: the folded name layer matches, and a chip says so.
        var folded = await Client.GetStringAsync("search?q=" + Uri.EscapeDataString("ايران"));
        Assert.Contains("<span dir=\"auto\">ايران</span> → <span dir=\"auto\">ایران</span> <span class=\"layer\">folded</span>", folded);
        Assert.Contains("<mark>", html);
        Assert.Contains("value=\"Reuters\" form=\"search-form\" checked", html);
        // The spellings searched, as the documents write them: تهران, not its romanised name term thrān.
        var expanded = html[html.IndexOf("<p id=\"expanded\"", StringComparison.Ordinal)..];
        expanded = expanded[..expanded.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("<span dir=\"auto\">تهران</span>", expanded);
        Assert.DoesNotContain("thrān", expanded);
        var home = await Client.GetStringAsync("");
        Assert.Contains("Search 8 news articles", home);
        var doc = await Client.GetStringAsync("documents/tehran-1?q=tehran");
        Assert.Contains("<mark>Tehran</mark>", doc);
        Assert.Contains("href=\"https://example.com/tehran-talks\"", doc);
    }

    [Fact]
    public async Task Static_files_are_served_with_security_headers()
    {
        foreach (var path in new[] { "style.css", "app.js", "favicon.svg", "" })
        {
            using var response = await Client.GetAsync(path);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.True(response.Headers.Contains("Referrer-Policy"));
        }
    }

    private static List<string> Ids(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
}
