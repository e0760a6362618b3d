using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Search.Web;

namespace Search.Web.Tests;

/// <summary>
/// The real server on a free loopback port over an in-memory index of <see cref="Fixtures.Documents"/>.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private TestServer(SearchIndex index, WebApplication app, string url)
    {
        Index = index;
        App = app;
        Url = url.TrimEnd('/');
        Client = new HttpClient { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public SearchIndex Index { get; }

    public WebApplication App { get; }

    /// <summary>The base address, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Url { get; }

    public HttpClient Client { get; }

    public Uri Port => new(Url);

    public static async Task<TestServer> StartAsync(bool writable = false, Action<WebApplication>? extra = null, int maxClauses = 64)
    {
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { MaxClauseCount = maxClauses, RefreshInterval = TimeSpan.Zero, SuggestBudget = TimeSpan.FromMinutes(1) });
        foreach (var doc in Fixtures.Documents)
            index.AddOrUpdate(doc);
        await index.CommitAsync();
        var app = SearchWebApp.Build(index, new WebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Writable = writable,
            Token = writable ? Token : null,
            ConsoleLog = false,
            MaxRequestBodyBytes = 64 * 1024,
        });
        extra?.Invoke(app);
        await app.StartAsync();
        return new TestServer(index, app, SearchWebApp.BoundUrls(app).Single());
    }

    public HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Content = content,
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Index.Dispose();
    }
}

/// <summary>One read-only server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(extra: app =>
        app.MapGet("/api/test-crash", string () => throw new InvalidOperationException("secret inner detail")));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
