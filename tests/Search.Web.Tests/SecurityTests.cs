using System.Net;
using System.Text;

namespace Search.Web.Tests;

/// <summary>A hostile document cannot put markup or script on a page; static files cannot leave the web root.</summary>
public sealed class SecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Sentinel = "SENTINEL-outside-the-web-root-7c1e";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Json_carries_hostile_text_escaped_in_its_html_fields()
    {
        var (_, json) = await Server.Client.GetJsonAsync("api/search?q=hostile");
        var hit = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == Fixtures.HostileId);
        var titleHtml = hit.GetProperty("title_html").GetString()!;
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Contains("&lt;script&gt;", titleHtml);
        Assert.DoesNotContain("<script", titleHtml + snippet);
        Assert.DoesNotContain("<img", snippet);
        Assert.DoesNotContain("\u202E", snippet, StringComparison.Ordinal);
        // The raw fields stay as written: JSON is data, and a client that shows them uses textContent.
        Assert.Contains("<script>", hit.GetProperty("title").GetString());

        var (_, doc) = await Server.Client.GetJsonAsync($"api/documents/{Fixtures.HostileId}?q=hostile");
        Assert.DoesNotContain("<script", doc.GetProperty("body_html").GetString());
        Assert.DoesNotContain("<img", doc.GetProperty("body_html").GetString());
    }

    [Theory]
    [InlineData("documents/" + Fixtures.HostileId)]
    [InlineData("documents/" + Fixtures.HostileId + "?q=script")]
    [InlineData("search?q=hostile")]
    [InlineData("search?q=script")]
    [InlineData("search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("search?q=x&source=%3Cb%3EBad%20source%3C%2Fb%3E")]
    [InlineData("search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&from_date=%22%3E%3Csvg%20onload%3Dalert(1)%3E")]
    public async Task Server_rendered_pages_escape_everything(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // The only script element is the page's own.
        Assert.Equal(1, Count(html, "<script"));
        Assert.Contains("<script src=\"/app.js\" defer></script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("onerror=", html.Replace("onerror=&quot;", "", StringComparison.Ordinal));
        Assert.DoesNotContain("javascript:", html.Replace("javascript:alert(", "", StringComparison.Ordinal).Replace("&quot;javascript:", ""));
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_javascript_url_is_shown_as_text_never_as_a_link()
    {
        var html = await Server.Client.GetStringAsync("documents/" + Fixtures.HostileId);
        Assert.Contains("<span class=\"orig\">javascript:alert(1)</span>", html);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://example.com/a", Pages.SafeHttpUrl(" https://example.com/a"));
        Assert.Null(Pages.SafeHttpUrl("javascript:alert(1)"));
        Assert.Null(Pages.SafeHttpUrl("JaVaScRiPt:alert(1)"));
        Assert.Null(Pages.SafeHttpUrl("data:text/html,<script>"));
        Assert.Null(Pages.SafeHttpUrl("//evil.example/x"));
        Assert.Null(Pages.SafeHttpUrl("/relative"));
    }

    [Theory]
    [InlineData("/../sentinel.txt")]
    [InlineData("/../../sentinel.txt")]
    [InlineData("/%2e%2e/sentinel.txt")]
    [InlineData("/%2E%2E/sentinel.txt")]
    [InlineData("/..%2fsentinel.txt")]
    [InlineData("/%2e%2e%2fsentinel.txt")]
    [InlineData("/..%5csentinel.txt")]
    [InlineData("/..\\sentinel.txt")]
    [InlineData("/wwwroot/../sentinel.txt")]
    [InlineData("/css/../../sentinel.txt")]
    [InlineData("/%252e%252e/sentinel.txt")]
    [InlineData("//sentinel.txt")]
    [InlineData("/SENTINEL_ABSOLUTE")]
    [InlineData("SENTINEL_ABSOLUTE_URI")]
    [InlineData("/Search.Web.dll")]
    [InlineData("/../Search.Web.dll")]
    [InlineData("/%2e%2e/Search.Web.Tests.deps.json")]
    public async Task Static_files_cannot_be_read_outside_the_web_root(string target)
    {
        var contentRoot = AppContext.BaseDirectory;
        var sentinel = Path.Combine(contentRoot, "sentinel.txt");
        await File.WriteAllTextAsync(sentinel, Sentinel);
        target = target
            .Replace("SENTINEL_ABSOLUTE_URI", $"http://{Server.Port.Host}:{Server.Port.Port}/../sentinel.txt")
            .Replace("/SENTINEL_ABSOLUTE", "/" + sentinel.TrimStart('/'));
        var (status, response) = await Http.RawGetAsync(Server.Port, target);
        Assert.NotEqual(200, status);
        Assert.DoesNotContain(Sentinel, response);
        Assert.DoesNotContain("MZ\u0090", response);
        Assert.DoesNotContain("runtimeTarget", response);
        Assert.InRange(status, 400, 404);
    }

    [Fact]
    public async Task The_web_root_itself_is_served()
    {
        var (status, response) = await Http.RawGetAsync(Server.Port, "/style.css");
        Assert.Equal(200, status);
        Assert.Contains("--accent", response);
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.OrdinalIgnoreCase))
            n++;
        return n;
    }
}
