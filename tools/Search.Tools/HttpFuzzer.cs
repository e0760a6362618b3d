using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Search.Web;

namespace Search.Tools;

/// <summary>
/// Seeded hostile requests for every endpoint and parameter of the web host (<see cref="HttpRequests"/>), sent to the
/// real server (Kestrel on 127.0.0.1 and a free port, writable with a token, over an in-memory index holding hostile
/// documents). Every answer must come from a working server: no 5xx, nothing logged as an error, no connection
/// dropped; each 4xx carries its message (JSON <c>error</c> on the API, an HTML error message on pages); pages never
/// reflect markup (the page's own script is the only script); a JSON answer parses. Requests that are not HTTP at
/// all are answered by Kestrel before the application (400, 414 or 431 without a body): allowed, and counted.
/// </summary>
internal static partial class HttpFuzzer
{
    public const string Token = "fuzz-token-0123456789abcdef";

    /// <summary>The body limit of the fuzzed server (<see cref="HttpRequests"/> sends some bodies over it).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Runs <paramref name="cases"/> cases spread evenly over <see cref="HttpRequests.Targets"/>.</summary>
    public static async Task<HttpFuzzReport> RunAsync(int seed, int cases, TextWriter? log = null, CancellationToken ct = default, TimeSpan? slow = null)
    {
        var limit = slow ?? TimeSpan.FromSeconds(2);
        var started = Stopwatch.StartNew();
        var failures = new List<string>();
        var counts = HttpRequests.Targets.ToDictionary(t => t, _ => 0);
        var statuses = new SortedDictionary<int, int>();
        int added = 0, byKestrel = 0, refusedUploads = 0;
        var logged = new ConcurrentQueue<string>();

        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(200), SearchTimeout = TimeSpan.FromSeconds(1) });
        foreach (var d in Fuzzer.Seeds.Documents)
            index.AddOrUpdate(d);
        index.Refresh();
        var app = SearchWebApp.Build(index, new WebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Writable = true,
            Token = Token,
            ConsoleLog = false,
            MaxRequestBodyBytes = MaxBodyBytes,
        });
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new ErrorCollector(logged));
        await app.StartAsync(ct);
        try
        {
            var baseUrl = new Uri(SearchWebApp.BoundUrls(app).Single());
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            for (int i = 0; i < cases && failures.Count < 100; i++)
            {
                ct.ThrowIfCancellationRequested();
                var target = HttpRequests.Targets[i % HttpRequests.Targets.Length];
                counts[target]++;
                var c = HttpRequests.Make(target, new Random(SeedMix.Of(seed, i)), Token, i);
                var caseStarted = Stopwatch.StartNew();
                string? failure;
                try
                {
                    var answer = c.Raw is null ? await SendAsync(http, c, ct) : await SendRawAsync(baseUrl, c.Raw, ct);
                    statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
                    if (!answer.FromApplication)
                        byKestrel++;
                    failure = Check(c, answer);
                    if (failure is null && c.Path == "/api/documents" && c.Method == "POST" && answer.Status == 200)
                        added += JsonDocument.Parse(answer.Body).RootElement.GetProperty("added").GetInt32();
                }
                catch (HttpRequestException) when (c.Body?.Length > MaxBodyBytes)
                {
                    // The server refused a body over the limit (413) and closed the connection while it was still
                    // being sent: the client sees the connection drop. The next cases show the server is fine.
                    refusedUploads++;
                    failure = null;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failure = $"no answer: {e.GetType().Name}: {e.Message}";
                }
                if (failure is null && i >= HttpRequests.Targets.Length * 2 && caseStarted.Elapsed > limit)
                    failure = $"took {caseStarted.Elapsed.TotalSeconds:N1} s";
                while (logged.TryDequeue(out var error))
                    failure = (failure is null ? "" : failure + "; ") + "the server logged: " + error;
                if (failure is not null)
                    failures.Add(Describe(seed, i, c, failure));
                if (log is not null && i > 0 && i % 10_000 == 0)
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i:N0} cases, {failures.Count} failures, {started.Elapsed.TotalSeconds:N0} s"));
            }
            // Still up and still answering after all of it.
            using (var health = await http.GetAsync("/health", ct))
                if ((int)health.StatusCode != 200)
                    failures.Add($"/health answers {(int)health.StatusCode} after the run");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
        var report = new HttpFuzzReport(counts, statuses, added, byKestrel, failures, started.Elapsed);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Total:N0} HTTP cases ({string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}); statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key}: {kv.Value:N0}"))}; {byKestrel:N0} answered by Kestrel before the application; {refusedUploads:N0} bodies over the limit cut off while being sent; {added:N0} documents added; {failures.Count} failures; {report.Elapsed.TotalSeconds:N1} s; seed {seed}"));
        return report;
    }

    /// <summary>An answer: status, whether the application wrote it (its security headers are there), content type and body.</summary>
    internal sealed record Answer(int Status, bool FromApplication, string? ContentType, string Body);

    private static async Task<Answer> SendAsync(HttpClient http, HttpCase c, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        if (c.Authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", c.Authorization);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new Answer((int)response.StatusCode, response.Headers.Contains("Content-Security-Policy"), response.Content.Headers.ContentType?.MediaType, body);
    }

    private static async Task<Answer> SendRawAsync(Uri server, byte[] request, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        using var stream = tcp.GetStream();
        await stream.WriteAsync(request, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(buffer, timeout.Token);
        }
        catch (IOException) when (buffer.Length > 0)
        {
            // Kestrel may reset the connection after answering a request it rejected.
        }
        var bytes = buffer.ToArray();
        int split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.Latin1.GetString(bytes, 0, split < 0 ? bytes.Length : split).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status))
            throw new IOException($"no HTTP answer: '{Shorten(lines[0])}'");
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();
        var body = split < 0 ? [] : bytes[(split + 4)..];
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            body = Dechunk(body);
        return new Answer(status, Header("Content-Security-Policy") is not null, Header("Content-Type")?.Split(';')[0].Trim(), Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        int at = 0;
        while (at < chunked.Length)
        {
            int eol = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (eol < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked, at, eol).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
                break;
            int start = at + eol + 2;
            body.Write(chunked, start, Math.Min(size, chunked.Length - start));
            at = start + size + 2;
        }
        return body.ToArray();
    }

    /// <summary>What is wrong with <paramref name="a"/> as the answer to <paramref name="c"/>, or <c>null</c>.</summary>
    internal static string? Check(HttpCase c, Answer a)
    {
        if (!a.FromApplication)
        {
            // Kestrel's own answers to what is not HTTP: the request never reached the application.
            return a.Status is 400 or 414 or 431 ? null : $"{a.Status} without the application's headers";
        }
        if (a.Status >= 500)
            return $"{a.Status}: {Shorten(a.Body)}";
        bool api = c.Route.StartsWith("/api", StringComparison.Ordinal) || c.Route.StartsWith("/health", StringComparison.Ordinal);
        if (c.Method == "HEAD")
            return null;
        if (a.ContentType == "text/html")
        {
            // Nothing from the request or a document becomes markup: the page's own script is the only one.
            int scripts = ScriptTag().Count(a.Body);
            if (scripts != 1 || a.Body.Contains("<script src=\"/app.js\" defer></script>", StringComparison.Ordinal) == false)
                return $"{a.Status} page with {scripts} <script> elements";
            if (HostileTag().Match(a.Body) is { Success: true } m)
                return $"{a.Status} page reflects markup: {Shorten(a.Body[Math.Max(0, m.Index - 40)..Math.Min(a.Body.Length, m.Index + 60)])}";
        }
        if (a.Status >= 400)
        {
            if (api || a.ContentType == "application/json")
            {
                if (a.ContentType != "application/json")
                    return $"{a.Status} from the API as {a.ContentType ?? "no content type"}: {Shorten(a.Body)}";
                using var json = ParseJson(a.Body);
                if (json is null)
                    return $"{a.Status} error is not JSON: {Shorten(a.Body)}";
                if (!json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(error.GetString()))
                    return $"{a.Status} without an error message: {Shorten(a.Body)}";
                if (Leak().IsMatch(a.Body))
                    return $"{a.Status} leaks internals: {Shorten(a.Body)}";
            }
            else if (a.ContentType != "text/html" || !ErrorMessage().IsMatch(a.Body))
                return $"{a.Status} page without an error message ({a.ContentType}): {Shorten(a.Body)}";
            else if (Leak().IsMatch(a.Body))
                return $"{a.Status} page leaks internals";
            return null;
        }
        if (a.ContentType == "application/json")
        {
            using var json = ParseJson(a.Body);
            if (json is null)
                return $"{a.Status} answer is not JSON: {Shorten(a.Body)}";
        }
        return null;
    }

    private static JsonDocument? ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<(img|svg|iframe|object|embed|b|a\s+href=""javascript)[\s>/""]", RegexOptions.IgnoreCase)]
    private static partial Regex HostileTag();

    [GeneratedRegex(@"class=""error"">[^<\s][^<]*<")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"Exception|\bat Search\.|\bat System\.|\bat Microsoft\.|/work/|\.cs:line")]
    private static partial Regex Leak();

    private static string Describe(int seed, int i, HttpCase c, string failure) =>
        $"[seed {seed}, case {i}, {c.Target}] {failure}\n  request: {c.Method} {Shorten(c.Path, 300)}"
        + (c.Body is null ? "" : $"\n  body ({c.Body.Length} bytes, {c.ContentType}): {Shorten(Encoding.UTF8.GetString(c.Body), 300)}");

    private static string Shorten(string s, int max = 200)
    {
        var sb = new StringBuilder();
        foreach (var ch in s.Length > max ? s[..max] + "…" : s)
            sb.Append(ch < 32 || char.IsSurrogate(ch) || ch is '\u202e' or '\ufffd' ? $"\\u{(int)ch:x4}" : ch);
        return sb.ToString();
    }

    /// <summary>Collects what the server logs as an error (an exception a response could not show, for one).</summary>
    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    errors.Enqueue($"{category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}

/// <summary>What an HTTP fuzz run sent and what failed.</summary>
internal sealed record HttpFuzzReport(IReadOnlyDictionary<string, int> Cases, IReadOnlyDictionary<int, int> Statuses, int DocumentsAdded, int AnsweredByKestrel,
    IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public int Total => Cases.Values.Sum();
}
