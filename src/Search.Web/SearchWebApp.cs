using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Search.Results;

namespace Search.Web;

/// <summary>
/// Builds the web host over a <see cref="SearchIndex"/>: the search page, the JSON API, its OpenAPI
/// description at <c>/openapi/v1.json</c>, and, only when <see cref="WebOptions.Writable"/> is set, the
/// write endpoints behind a bearer token. <c>search serve</c> and the tests start the same server.
/// </summary>
/// <example>
/// <code>
/// using var index = SearchIndex.Open("news-index", new SearchIndexOptions { ReadOnly = true });
/// await using var app = SearchWebApp.Build(index, new WebOptions { Urls = ["http://127.0.0.1:5000"] });
/// await app.RunAsync();
/// </code>
/// </example>
public static class SearchWebApp
{
    /// <summary>The JSON options of every response: the same snake_case contract as <c>search query --json</c>.</summary>
    public static JsonSerializerOptions JsonOptions => JsonShapes.Options;

    /// <summary>Builds the application; start it with <c>RunAsync</c> or <c>StartAsync</c>. The caller keeps owning <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentException">Writable without a token, or writable over a read-only index.</exception>
    public static WebApplication Build(SearchIndex index, WebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new WebOptions();
        if (options.Writable && string.IsNullOrWhiteSpace(options.Token))
            throw new ArgumentException("Writable needs a bearer token (--token or the SEARCH_TOKEN environment variable).", nameof(options));
        if (options.Writable && options.Token!.Length < 16)
            throw new ArgumentException("The bearer token must be at least 16 characters long (e.g. openssl rand -hex 16).", nameof(options));
        if (options.Writable && index.IsReadOnly)
            throw new ArgumentException("Writable needs an index opened with a writer, not read-only.", nameof(options));

        // Content and web root are set explicitly: by default both are the current folder, and the page
        // would be missing whenever the server is started from anywhere else.
        var baseDir = AppContext.BaseDirectory;
        var webRoot = Path.GetFullPath(options.WebRoot ?? Path.Combine(baseDir, "wwwroot"));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = baseDir,
            WebRootPath = webRoot,
            ApplicationName = typeof(SearchWebApp).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLog)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonShapes.Options.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = JsonShapes.Options.Encoder;
        });
        builder.Services.AddSingleton(index);
        builder.Services.AddSingleton(options);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Search API";
            doc.Info.Description = "Full-text search of a news archive that finds names however they are spelled. " +
                "Errors are JSON { error, position } with 400 for bad syntax or parameters.";
            return Task.CompletedTask;
        }));
        if (index.IsReadOnly && options.RefreshInterval > TimeSpan.Zero)
            builder.Services.AddHostedService(sp => new IndexRefresher(index, options.RefreshInterval, sp.GetRequiredService<ILogger<IndexRefresher>>()));

        var app = builder.Build();
        app.Urls.Clear();
        foreach (var url in options.Urls)
            app.Urls.Add(url);

        app.Use((context, next) =>
        {
            SecurityHeaders.Add(context.Response);
            return next(context);
        });
        app.UseMiddleware<ErrorHandling>();
        app.Use(async (context, next) =>
        {
            await next(context);
            // Statuses the framework sets without a body (unknown routes, wrong methods, a content type an endpoint
            // does not accept) answer with a message, in the API's own error shape or as a page.
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0
                && context.Response.ContentType is null && !HttpMethods.IsHead(context.Request.Method))
            {
                var message = EmptyErrorMessage(context.Response.StatusCode, ErrorHandling.IsApi(context));
                if (ErrorHandling.IsApi(context))
                    await ErrorResults.WriteAsync(context, context.Response.StatusCode, message);
                else
                    await Pages.WriteErrorPageAsync(context, context.Response.StatusCode, message);
            }
        });
        // Static files come from the web root only; PhysicalFileProvider refuses any path that leaves it
        // ("..", encoded or not, and absolute paths), which the tests check.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(webRoot),
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });

        ApiEndpoints.Map(app);
        PageEndpoints.Map(app);
        if (options.Writable)
            WriteEndpoints.Map(app, options.Token!);
        app.MapOpenApi();
        return app;
    }

    private static string EmptyErrorMessage(int status, bool api) => status switch
    {
        404 => api ? "No such endpoint." : "There is no page at this address.",
        405 => "Method not allowed here.",
        415 => "Unsupported content type: send the body as application/json.",
        _ => $"The request cannot be answered ({status} {ReasonPhrases.GetReasonPhrase(status)}).",
    };

    /// <summary>The addresses the started server listens on (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> BoundUrls(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }
}

/// <summary>Makes commits by other processes visible to a read-only index, every few seconds.</summary>
internal sealed class IndexRefresher(SearchIndex index, TimeSpan interval, ILogger<IndexRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    index.Refresh();
                }
                catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
                {
                    log.LogWarning(e, "Refreshing the index failed; still serving the last good view.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // The index was disposed before the host stopped.
        }
    }
}
