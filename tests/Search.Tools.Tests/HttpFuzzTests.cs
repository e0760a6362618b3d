namespace Search.Tools.Tests;

/// <summary>A few thousand HTTP fuzz cases in every test run (the long run: search-tools fuzz --target http --cases 100000).</summary>
public sealed class HttpFuzzTests
{
    [Fact]
    public async Task Every_endpoint_and_parameter_survives_seeded_hostile_requests()
    {
        int seed = FuzzTests.Seed("SEARCH_HTTP_FUZZ_SEED");
        var report = await HttpFuzzer.RunAsync(seed, cases: 3000, slow: TimeSpan.FromSeconds(15));
        Assert.True(report.Failures.Count == 0,
            $"seed {seed} (set SEARCH_HTTP_FUZZ_SEED={seed} to repeat; search-tools fuzz --target http --seed {seed}):\n{string.Join("\n", report.Failures.Take(10))}");
        Assert.Equal(3000, report.Total);
        Assert.All(HttpRequests.Targets, t => Assert.Equal(300, report.Cases[t]));
        // The mix reaches both sides: answers, clear refusals, and requests only Kestrel sees.
        Assert.True(report.Statuses.GetValueOrDefault(200) > 0 && report.Statuses.GetValueOrDefault(400) > 0 && report.Statuses.GetValueOrDefault(401) > 0
            && report.Statuses.GetValueOrDefault(404) > 0, string.Join(", ", report.Statuses));
        Assert.True(report.DocumentsAdded > 0 && report.AnsweredByKestrel > 0);
    }

    [Fact]
    public void The_checker_rejects_a_500_an_error_without_a_message_and_reflected_markup()
    {
        var search = new HttpCase("search", "GET", "/api/search?q=x");
        var page = new HttpCase("page", "GET", "/search?q=x");
        Assert.Null(HttpFuzzer.Check(search, new(400, true, "application/json", "{\"error\":\"size must be a whole number.\"}")));
        Assert.NotNull(HttpFuzzer.Check(search, new(500, true, "application/json", "{\"error\":\"Internal error\"}")));
        Assert.NotNull(HttpFuzzer.Check(search, new(400, true, "application/json", "{\"title\":\"Bad Request\"}")));
        Assert.NotNull(HttpFuzzer.Check(search, new(400, true, "text/plain", "bad")));
        Assert.NotNull(HttpFuzzer.Check(search, new(400, true, "application/json", "{\"error\":\"System.InvalidOperationException at Search.X\"}")));
        Assert.Null(HttpFuzzer.Check(search, new(414, false, null, "")));
        Assert.NotNull(HttpFuzzer.Check(search, new(500, false, null, "")));
        const string Page = "<html><script src=\"/app.js\" defer></script>BODY</html>";
        Assert.Null(HttpFuzzer.Check(page, new(400, true, "text/html", Page.Replace("BODY", "<span class=\"error\">from_date must be a date</span>"))));
        Assert.NotNull(HttpFuzzer.Check(page, new(400, true, "text/html", Page.Replace("BODY", "<span class=\"error\"></span>"))));
        Assert.NotNull(HttpFuzzer.Check(page, new(200, true, "text/html", Page.Replace("BODY", "<script>alert(1)</script>"))));
        Assert.NotNull(HttpFuzzer.Check(page, new(200, true, "text/html", Page.Replace("BODY", "<img src=x onerror=alert(1)>"))));
    }
}
