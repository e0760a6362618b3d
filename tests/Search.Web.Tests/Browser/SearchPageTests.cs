using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Search.Web.Tests.Browser;

/// <summary>The search page in a real browser. Few and broad: each takes a few seconds.</summary>
[Collection("browser")]
public sealed class SearchPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Type_see_highlights_filter_go_back_and_open_a_document()
    {
        var (context, page, dialogs) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));

        await page.Keyboard.TypeAsync("oil", new() { Delay = 30 });
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("results");
        await Assertions.Expect(page.Locator("#hits mark").First).ToBeVisibleAsync();
        Assert.Contains("q=oil", page.Url);
        int before = await page.Locator("#hits > li").CountAsync();
        Assert.True(before >= 3, $"expected at least 3 hits, saw {before}");
        await BrowserFixture.ScreenshotAsync(page, "1-typed");

        // A facet narrows the results and becomes a new history entry.
        await page.Locator("#facet-source label", new() { HasText = "AFP" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("source=AFP"));
        await Assertions.Expect(page.Locator("#hits > li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#facet-source input[value=AFP]")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "2-facet");

        // Back restores the state before the facet.
        await page.EvaluateAsync("history.back()");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("source="));
        await Assertions.Expect(page.Locator("#hits > li")).ToHaveCountAsync(before);
        await Assertions.Expect(page.Locator("#facet-source input[value=AFP]")).Not.ToBeCheckedAsync();
        Assert.Equal("oil", await page.InputValueAsync("#q"));

        // Arrow keys move through the hits, Enter opens one (once the page has settled: no search or
        // completion still on its way to replace what has the focus).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.FocusAsync("#q");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        var second = await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')");
        Assert.StartsWith("/documents/", second);
        await page.Keyboard.PressAsync("Enter");
        // Polls the URL: WaitForURLAsync sometimes missed a navigation that had already committed.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/documents/"));
        await Assertions.Expect(page.Locator("article .text mark").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "3-document");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Other_spellings_show_why_they_matched_and_escape_clears()
    {
        var (context, page, dialogs) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/search?q=Teheran");
        await Assertions.Expect(page.Locator("#hits > li")).Not.ToHaveCountAsync(0);
        var titles = await page.Locator("#hits .title").AllInnerTextsAsync();
        Assert.Contains(titles, t => t.Contains("Téhéran", StringComparison.Ordinal));
        // The spellings searched, as the documents write them (تهران, not the romanised thrān).
        await Assertions.Expect(page.Locator("#expanded")).ToContainTextAsync("تهران");
        await Assertions.Expect(page.Locator("#expanded")).Not.ToContainTextAsync("thrān");
        await BrowserFixture.ScreenshotAsync(page, "4-variants");

        // Arabic yeh typed, Persian yeh written: a chip says the folded name layer matched.
        await page.FillAsync("#q", "ايران");
        await Assertions.Expect(page.Locator("#hits .chip").First).ToContainTextAsync("ايران → ایران");
        await Assertions.Expect(page.Locator("#hits .chip .layer").First).ToHaveTextAsync("folded");
        await page.FillAsync("#q", "Teheran");
        await Assertions.Expect(page.Locator("#hits .title", new() { HasText = "Téhéran" })).ToHaveCountAsync(1);
        // ... and so does the list the script draws as you type.
        await Assertions.Expect(page.Locator("#expanded")).ToContainTextAsync("تهران");
        await Assertions.Expect(page.Locator("#expanded")).Not.ToContainTextAsync("thrān");
        await page.Locator("#exact").CheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("exact=1"));
        await Assertions.Expect(page.Locator("#hits .title", new() { HasText = "Téhéran" })).ToHaveCountAsync(0);


        await page.FocusAsync("#q");
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("", await page.InputValueAsync("#q"));
        await Assertions.Expect(page.Locator("#intro")).ToBeVisibleAsync();
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task A_document_holding_script_runs_none()
    {
        var (context, page, dialogs) = await fixture.NewPageAsync();
        await using var _ = context;
        // Rendered by the page's script from JSON…
        await page.GotoAsync("/");
        await page.FillAsync("#q", "hostile");
        await Assertions.Expect(page.Locator("#hits .title").First).ToContainTextAsync("<script>");
        // …by the server…
        await page.GotoAsync("/search?q=hostile");
        await Assertions.Expect(page.Locator("#hits .title").First).ToContainTextAsync("<script>");
        // …and the document view, highlighted and not.
        await page.GotoAsync($"/documents/{Fixtures.HostileId}?q=script");
        await Assertions.Expect(page.Locator("article .text")).ToContainTextAsync("onerror");
        await page.GotoAsync($"/documents/{Fixtures.HostileId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("<script>");
        await BrowserFixture.ScreenshotAsync(page, "5-hostile");
        await page.WaitForTimeoutAsync(200);
        Assert.Empty(dialogs);
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__pwned === 'undefined'"));
        Assert.Equal(0, await page.Locator("article img, article script, a[href^='javascript']").CountAsync());
    }

    [Fact]
    public async Task Without_javascript_the_form_still_searches()
    {
        var (context, page, _) = await fixture.NewPageAsync(javaScript: false, width: 390, height: 844);
        await using var __ = context;
        await page.GotoAsync("/");
        await page.FillAsync("#q", "oil");
        await page.PressAsync("#q", "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=oil"));
        await Assertions.Expect(page.Locator("#hits mark").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("results");
        await BrowserFixture.ScreenshotAsync(page, "6-no-javascript-phone");
    }
}
