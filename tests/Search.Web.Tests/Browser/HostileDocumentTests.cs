using Microsoft.Playwright;

namespace Search.Web.Tests.Browser;

/// <summary>
/// Documents holding markup, script, <c>javascript:</c> and <c>data:</c> URLs and bidirectional controls, in every
/// place a browser shows them: results rendered by the page's script and by the server, the document view, and the
/// JSON API opened directly. No script runs, no element comes from a document, no link leaves for another scheme,
/// and no bidi control reaches the rendered text (they are dropped; document text sits in <c>dir="auto"</c> elements).
/// </summary>
[Collection("browser")]
public sealed class HostileDocumentTests(BrowserFixture fixture)
{
    private const string Word = "xsspayload";

    private static readonly NewsDocument[] Documents =
    [
        new("xss-1", $"<svg onload=\"window.__pwned=11\"></svg>\"><script>window.__pwned=12</script> {Word} title",
            $"{Word} <iframe src=\"javascript:window.__pwned=13\"></iframe> <img src=x onerror=\"window.__pwned=14\"> </p><script>window.__pwned=15</script> "
            + $"<a href=\"javascript:window.__pwned=16\">click</a> <style>body{{display:none}}</style>\n\nsecond \u202Edesrever\u202C and \u2067isolate\u2069 {Word}",
            new DateTime(2021, 5, 5), "\u202EBBC <img src=x onerror=window.__pwned=17>", "javascript:window.__pwned=18"),
        new("xss-2", $"\u202E{Word} reversed title", $"{Word} body \u202Dforced", new DateTime(2021, 6, 6), "Source \u2066x\u2069", " JaVaScRiPt:window.__pwned=19"),
        new("xss-3", $"{Word} data url", $"{Word} <svg><script>window.__pwned=20</script></svg>", null, null, "data:text/html,<script>window.__pwned=21</script>"),
    ];

    // What a page must not have: an element a document made, a link to another scheme, a bidi control in its text.
    private const string Inspect = """
        () => ({
          pwned: typeof window.__pwned !== 'undefined',
          foreign: document.querySelectorAll('script:not([src="/app.js"]), img, svg, iframe, object, embed, style, body a[href^="javascript" i]').length,
          badLinks: [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !/^https?:/.test(h)),
          bidi: /[\u202A-\u202E\u2066-\u2069]/.test(document.body.innerText + document.title),
        })
        """;

    private sealed record Inspection(bool Pwned, int Foreign, string[] BadLinks, bool Bidi)
    {
        public static async Task<Inspection> OfAsync(IPage page)
        {
            var j = await page.EvaluateAsync<System.Text.Json.JsonElement>(Inspect);
            return new(j.GetProperty("pwned").GetBoolean(), j.GetProperty("foreign").GetInt32(),
                j.GetProperty("badLinks").EnumerateArray().Select(e => e.GetString()!).ToArray(), j.GetProperty("bidi").GetBoolean());
        }
    }

    [Fact]
    public async Task Hostile_documents_run_no_script_link_nowhere_else_and_cannot_reorder_the_page()
    {
        foreach (var d in Documents)
            fixture.Server.Index.AddOrUpdate(d);
        fixture.Server.Index.Refresh();
        var (context, page, dialogs) = await fixture.NewPageAsync();
        await using var _ = context;

        // Results rendered by the page's script from JSON…
        await page.GotoAsync("/");
        await page.FillAsync("#q", Word);
        await Assertions.Expect(page.Locator("#hits > li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#hits .title", new() { HasText = "window.__pwned=12" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#hits .src", new() { HasText = "BBC <img" })).ToHaveCountAsync(1);
        await CheckAsync(page, "results (script)");
        await BrowserFixture.ScreenshotAsync(page, "7-hostile-results");

        // …by the server (and then by the script again)…
        await page.GotoAsync($"/search?q={Word}");
        await Assertions.Expect(page.Locator("#hits > li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#facet-source label", new() { HasText = "BBC <img" })).ToHaveCountAsync(1);
        await CheckAsync(page, "results (server)");

        // …the document view, highlighted and not: a javascript: or data: URL is text, never a link…
        foreach (var (id, orig) in new[] { ("xss-1", "javascript:window.__pwned=18"), ("xss-2", "JaVaScRiPt:window.__pwned=19"), ("xss-3", "data:text/html,<script>") })
        {
            foreach (var query in new[] { $"?q={Word}", "" })
            {
                await page.GotoAsync($"/documents/{id}{query}");
                await Assertions.Expect(page.Locator("span.orig")).ToContainTextAsync(orig);
                await Assertions.Expect(page.Locator("a.orig")).ToHaveCountAsync(0);
                await CheckAsync(page, $"document {id}{query}");
            }
        }
        await Assertions.Expect(page.Locator("article h1")).ToHaveAttributeAsync("dir", "auto");
        await BrowserFixture.ScreenshotAsync(page, "8-hostile-document");

        // …and the JSON API opened directly: JSON that cannot be sniffed as HTML.
        foreach (var path in new[] { $"/api/search?q={Word}", "/api/documents/xss-1?q=" + Word })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.StartsWith("application/json", response.Headers["content-type"]);
            Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
            Assert.Contains("window.__pwned=12", await page.Locator("body").InnerTextAsync());
            var inspection = await Inspection.OfAsync(page);
            Assert.False(inspection.Pwned, path);
            Assert.Equal(0, inspection.Foreign);
        }

        await page.WaitForTimeoutAsync(200); // an onerror or onload would have fired by now
        Assert.Empty(dialogs);
        Assert.False(await page.EvaluateAsync<bool>("typeof window.__pwned !== 'undefined'"));

        // Without JavaScript the server's page is the whole page: the same holds of its elements.
        var (plainContext, plain, _) = await fixture.NewPageAsync(javaScript: false);
        await using var __ = plainContext;
        await plain.GotoAsync($"/search?q={Word}");
        await Assertions.Expect(plain.Locator("#hits > li")).ToHaveCountAsync(3);
        Assert.Equal(0, await plain.Locator("script:not([src='/app.js']), img, svg, iframe, object, embed, style, a[href^='javascript' i]").CountAsync());
        Assert.DoesNotMatch("[\u202A-\u202E\u2066-\u2069]", await plain.Locator("body").InnerTextAsync());
    }

    private static async Task CheckAsync(IPage page, string where)
    {
        var i = await Inspection.OfAsync(page);
        Assert.False(i.Pwned, $"{where}: a document's script ran");
        Assert.True(i.Foreign == 0, $"{where}: {i.Foreign} elements from a document");
        Assert.True(i.BadLinks.Length == 0, $"{where}: links to {string.Join(", ", i.BadLinks)}");
        Assert.False(i.Bidi, $"{where}: a bidi control reached the rendered text");
    }
}
