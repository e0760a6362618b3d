using System.Net.Http.Json;
using System.Text;

namespace Search.Web.Tests;

/// <summary>Write endpoints exist only on a writable server, and only with the bearer token.</summary>
public sealed class WriteTests
{
    [Fact]
    public async Task A_read_only_server_has_no_write_endpoints()
    {
        await using var server = await TestServer.StartAsync();
        var doc = JsonContent.Create(new { id = "new-1", title = "New" });
        foreach (var request in new[]
        {
            server.Authorized(HttpMethod.Post, "api/documents", doc),
            server.Authorized(HttpMethod.Delete, "api/documents/oil-1"),
            server.Authorized(HttpMethod.Post, "api/commit"),
        })
        {
            using var response = await server.Client.SendAsync(request);
            Assert.True((int)response.StatusCode is 404 or 405, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
        }
        Assert.NotNull(server.Index.Get("oil-1"));
    }

    [Fact]
    public async Task Writes_need_the_bearer_token()
    {
        await using var server = await TestServer.StartAsync(writable: true);
        foreach (var auth in new[] { null, "Bearer wrong-token-0123456789", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("a:" + TestServer.Token)), TestServer.Token })
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, "api/documents"), (HttpMethod.Delete, "api/documents/oil-1"), (HttpMethod.Post, "api/commit") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? JsonContent.Create(new { id = "x-1" }) : null };
                if (auth is not null)
                    request.Headers.TryAddWithoutValidation("Authorization", auth);
                using var response = await server.Client.SendAsync(request);
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
            }
        }
        Assert.NotNull(server.Index.Get("oil-1"));
        Assert.Null(server.Index.Get("x-1"));
    }

    [Fact]
    public async Task Add_delete_and_commit_with_the_token()
    {
        await using var server = await TestServer.StartAsync(writable: true);
        var one = new { id = "new-1", title = "Houthis attack a ship", body = "The Houthi movement said it attacked a ship.", date = "2024-01-12", source = "AP", url = "https://example.com/n1" };
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", JsonContent.Create(one))))
        {
            Assert.Equal(200, (int)r.StatusCode);
            Assert.Contains("\"added\":1", await r.Content.ReadAsStringAsync());
        }
        var many = new object[] { new { id = "new-2", title = "Second" }, new { id = "oil-1", title = "Oil prices fall (corrected)", body = "Oil fell." } };
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", JsonContent.Create(many))))
            Assert.Contains("\"added\":1,\"replaced\":1", await r.Content.ReadAsStringAsync());
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Delete, "api/documents/oil-2")))
            Assert.Equal(200, (int)r.StatusCode);
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Delete, "api/documents/no-such")))
            Assert.Equal(404, (int)r.StatusCode);
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/commit")))
            Assert.Equal(200, (int)r.StatusCode);

        var (_, found) = await server.Client.GetJsonAsync("api/search?q=Houthis");
        Assert.Equal("new-1", found.GetProperty("hits")[0].GetProperty("id").GetString());
        Assert.Equal("2024-01-12", found.GetProperty("hits")[0].GetProperty("date").GetString()![..10]);
        Assert.Equal(404, (await server.Client.GetJsonAsync("api/documents/oil-2")).Status);
        Assert.Equal("Oil prices fall (corrected)", (await server.Client.GetJsonAsync("api/documents/oil-1")).Json.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("{not json", 400)]
    [InlineData("\"a string\"", 400)]
    [InlineData("{\"title\":\"no id\"}", 400)]
    [InlineData("[{\"id\":\"ok-1\"},{\"id\":\"\"}]", 400)]
    [InlineData("{\"id\":\"d-1\",\"date\":\"yesterday\"}", 400)]
    [InlineData("{\"id\":\"d-1\",\"title\":{\"nested\":true}}", 400)]
    [InlineData("{\"id\":\"d-1\",\"title\":\"\\ud800 lone surrogate\"}", 400)]
    [InlineData("[{\"id\":\"ok-1\"},{\"id\":\"d-2\",\"\\udc00\":\"x\"}]", 400)]
    [InlineData("{\"id\":\"d-1\",\"title\":\"raw \u0000 NUL\"}", 400)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 400)]
    public async Task Bad_bodies_are_400_and_add_nothing(string body, int expected)
    {
        await using var server = await TestServer.StartAsync(writable: true);
        using var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", new StringContent(body, Encoding.UTF8, "application/json")));
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(expected, (int)r.StatusCode);
        Assert.Contains("\"error\"", text);
        Assert.DoesNotContain(" at ", text);
        Assert.Null(server.Index.Get("ok-1"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        await using var server = await TestServer.StartAsync(writable: true); // limit 64 KB
        var big = "{\"id\":\"big-1\",\"body\":\"" + new string('x', 100 * 1024) + "\"}";
        using var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", new StringContent(big, Encoding.UTF8, "application/json")));
        Assert.Equal(413, (int)r.StatusCode);
        Assert.Null(server.Index.Get("big-1"));
    }

    [Fact]
    public async Task Writable_without_a_token_or_over_a_read_only_index_refuses_to_start()
    {
        using var index = SearchIndex.CreateInMemory();
        Assert.Throws<ArgumentException>(() => SearchWebApp.Build(index, new WebOptions { Writable = true, ConsoleLog = false }));
        Assert.Throws<ArgumentException>(() => SearchWebApp.Build(index, new WebOptions { Writable = true, Token = "short", ConsoleLog = false }));

        var dir = Path.Combine(Path.GetTempPath(), "search-web-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var w = SearchIndex.Open(dir))
                await w.CommitAsync();
            using var ro = SearchIndex.Open(dir, new SearchIndexOptions { ReadOnly = true });
            Assert.Throws<ArgumentException>(() => SearchWebApp.Build(ro, new WebOptions { Writable = true, Token = TestServer.Token, ConsoleLog = false }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_message()
    {
        await using var server = await TestServer.StartAsync(writable: true);
        // Invalid UTF-8 inside a string: 400 (was a 500: System.Text.Json only checks a string when it is read).
        var invalidUtf8 = new ByteArrayContent([.. "{\"id\":\"u-1\",\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        invalidUtf8.Headers.ContentType = new("application/json");
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", invalidUtf8)))
        {
            Assert.Equal(400, (int)r.StatusCode);
            Assert.Contains("not valid Unicode", await r.Content.ReadAsStringAsync());
        }
        // Another content type: 415 with the API's error shape (was an empty 415 from the framework).
        using (var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", new StringContent("id=u-2", Encoding.UTF8, "application/x-www-form-urlencoded"))))
        {
            Assert.Equal(415, (int)r.StatusCode);
            Assert.Contains("application/json", (await r.Content.ReadFromJsonAsync<ApiError>())!.Error);
        }
        server.Index.Refresh();
        Assert.Null(server.Index.Get("u-1"));
        Assert.Null(server.Index.Get("u-2"));
    }

    [Fact]
    public async Task A_source_over_the_limit_rejects_the_whole_batch()
    {
        // Was a 500 (Lucene refused the facet value) after the documents before it were added.
        await using var server = await TestServer.StartAsync(writable: true);
        var body = "[{\"id\":\"ok-1\"},{\"id\":\"s-1\",\"source\":\"" + new string('s', NewsDocument.MaxSourceLength + 1) + "\"}]";
        using var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.Equal(400, (int)r.StatusCode);
        Assert.Contains("document 1: source is longer", (await r.Content.ReadFromJsonAsync<ApiError>())!.Error);
        server.Index.Refresh();
        Assert.Null(server.Index.Get("ok-1"));
    }

    [Fact]
    public async Task Escaped_nul_many_fields_and_a_long_line_are_kept_or_ignored_as_documented()
    {
        await using var server = await TestServer.StartAsync(writable: true); // body limit 64 KB
        var fields = string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"\"k{i}\":{i}"));
        var longLine = new string('w', 30_000);
        var body = $"[{{\"id\":\"n-1\",\"title\":\"a\\u0000b\"}},{{\"id\":\"n-2\",{fields}}},{{\"id\":\"n-3\",\"body\":\"{longLine}\"}}]";
        using var r = await server.Client.SendAsync(server.Authorized(HttpMethod.Post, "api/documents", new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.Equal(200, (int)r.StatusCode);
        server.Index.Refresh();
        Assert.Equal("a\0b", server.Index.Get("n-1")!.Title);   // an escaped NUL is text like any other
        Assert.NotNull(server.Index.Get("n-2"));                  // unknown keys are ignored
        Assert.Equal(longLine, server.Index.Get("n-3")!.Body);    // one 30,000-character line, stored whole
    }
}
