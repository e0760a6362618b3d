using Microsoft.Playwright;

namespace Search.Web.Tests.Browser;

/// <summary>
/// One Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright's own driver
/// (never "playwright install"), and the real server over the fixture documents.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with apt-get install -y chromium (.ci/run does).");
        Directory.CreateDirectory(ScreenshotDirectory);
        Server = await TestServer.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
    }

    /// <summary>A fresh page that fails the test on any dialog (alert, confirm) a script might open.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Dialogs)> NewPageAsync(bool javaScript = true, int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Server.Url,
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.SetDefaultTimeout(10_000);
        return (context, page, dialogs);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
