using Search.Web;

namespace Search.Web.Tests;

/// <summary>A read-only server sees what another process commits to its folder, within its refresh interval.</summary>
public sealed class RefreshTests
{
    [Fact]
    public async Task A_read_only_server_sees_later_commits()
    {
        var dir = Path.Combine(Path.GetTempPath(), "search-web-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var writer = SearchIndex.Open(dir, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero });
            writer.AddOrUpdate(new NewsDocument("a-1", "First", "The first document."));
            await writer.CommitAsync();

            using var reader = SearchIndex.Open(dir, new SearchIndexOptions { ReadOnly = true });
            await using var app = SearchWebApp.Build(reader, new WebOptions
            {
                Urls = ["http://127.0.0.1:0"],
                ConsoleLog = false,
                RefreshInterval = TimeSpan.FromMilliseconds(100),
            });
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(SearchWebApp.BoundUrls(app).Single() + "/") };
            Assert.Equal(1, (await client.GetJsonAsync("health")).Json.GetProperty("documents").GetInt64());

            writer.AddOrUpdate(new NewsDocument("a-2", "Second", "Another document, committed later."));
            await writer.CommitAsync();
            long seen = 0;
            for (int i = 0; i < 50 && seen != 2; i++)
            {
                await Task.Delay(100);
                seen = (await client.GetJsonAsync("health")).Json.GetProperty("documents").GetInt64();
            }
            Assert.Equal(2, seen);
            Assert.Equal(200, (await client.GetJsonAsync("api/documents/a-2")).Status);
            await app.StopAsync();
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}
