using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Search.Web;

namespace Search.Cli.Commands;

/// <summary><c>search serve [--index DIR] [--urls URL] [--writable] [--token T]</c>: the search page and the JSON API.</summary>
internal static class ServeCommand
{
    public const string TokenVariable = "SEARCH_TOKEN";

    public static Command Build(Console2 console)
    {
        var index = CommonOptions.Index();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated (default: {WebOptions.DefaultUrl}, loopback only; listening on other addresses is your explicit choice).",
            DefaultValueFactory = _ => WebOptions.DefaultUrl,
            HelpName = "URL",
        };
        var writable = new Option<bool>("--writable")
        {
            Description = $"Also serve the write endpoints (POST /api/documents, DELETE /api/documents/ID, POST /api/commit), which need a bearer token (--token or {TokenVariable}).",
        };
        var token = new Option<string?>("--token")
        {
            Description = $"The bearer token the write endpoints require (at least 16 characters); default: the {TokenVariable} environment variable.",
            HelpName = "T",
        };
        var command = new Command("serve", "Serve the search page and the JSON API (read-only unless --writable).") { index, urls, writable, token };
        command.SetAction(async (result, ct) =>
        {
            var dir = result.GetValue(index)!;
            bool write = result.GetValue(writable);
            var secret = result.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (write && string.IsNullOrWhiteSpace(secret))
            {
                console.Message($"error: --writable needs a bearer token: --token T or the {TokenVariable} environment variable.");
                return ExitCodes.Usage;
            }
            if (CommonOptions.IsDefault(result, index))
                await IndexCommand.EnsureDefaultIndexAsync(console, dir, ct);
            using var searchIndex = SearchIndex.Open(dir, new SearchIndexOptions { ReadOnly = !write, CreateIfMissing = write });
            var options = new WebOptions
            {
                Urls = result.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Writable = write,
                Token = write ? secret : null,
            };
            WebApplication app;
            try
            {
                app = SearchWebApp.Build(searchIndex, options);
            }
            catch (ArgumentException e)
            {
                console.Message($"error: {e.Message}");
                return ExitCodes.Usage;
            }
            await using (app)
            {
                try
                {
                    await app.StartAsync(ct);
                }
                catch (IOException e)
                {
                    console.Message($"error: cannot listen on {string.Join(", ", options.Urls)}: {e.Message}");
                    return ExitCodes.Usage;
                }
                var stats = searchIndex.GetStats();
                foreach (var url in SearchWebApp.BoundUrls(app))
                    console.Message($"Serving {stats.Documents:N0} documents from {dir} at {url} ({(write ? "writable, token required" : "read-only")}). Ctrl+C stops.");
                try
                {
                    await app.WaitForShutdownAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C.
                }
                await app.StopAsync(CancellationToken.None);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
