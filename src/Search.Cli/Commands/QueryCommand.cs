using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Search.Results;

namespace Search.Cli.Commands;

/// <summary><c>search query TEXT [options]</c>.</summary>
internal static class QueryCommand
{
    public static Command Build(Console2 console)
    {
        var text = new Argument<string>("TEXT") { Description = "The query: words, \"phrases\", -excluded, prefix*, =exact; or Lucene syntax with --syntax lucene." };
        var index = CommonOptions.Index();
        var top = new Option<int>("--top") { Description = "How many hits to show.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var from = new Option<int>("--from") { Description = "Skip this many hits (paging).", HelpName = "N" };
        var fromDate = new Option<DateOnly?>("--from-date") { Description = "Only documents dated on or after this day (YYYY-MM-DD).", HelpName = "D" };
        var toDate = new Option<DateOnly?>("--to-date") { Description = "Only documents dated on or before this day (YYYY-MM-DD).", HelpName = "D" };
        var source = new Option<string[]>("--source") { Description = "Only documents from this source (repeatable).", HelpName = "S", AllowMultipleArgumentsPerToken = false };
        var sort = new Option<string>("--sort") { Description = "relevance or date (newest first).", DefaultValueFactory = _ => "relevance" };
        sort.AcceptOnlyFromAmong("relevance", "date", "date-asc");
        var syntax = new Option<string>("--syntax") { Description = "lenient (the search box; never fails) or lucene (classic syntax).", DefaultValueFactory = _ => "lenient" };
        syntax.AcceptOnlyFromAmong("lenient", "lucene");
        var exact = new Option<bool>("--exact") { Description = "Exact spelling only: no folding, stemming, transliteration or variants." };
        // One query in a fresh process pays for the JIT and for a cold plan of every name word (a few seconds on a large
        // index of a busy machine): it gets a longer budget than a served search (SearchIndexOptions.SearchTimeout, 5 s).
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds the search may take before it returns what it found, marked partial.",
            DefaultValueFactory = _ => 30,
            HelpName = "S",
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 3600))
                r.AddError("--timeout must be more than 0 and at most 3600 seconds.");
        });
        var json = CommonOptions.Json();
        var command = new Command("query", "Search the index.") { text, index, top, from, fromDate, toDate, source, sort, syntax, exact, timeout, json };
        command.SetAction(async (result, ct) =>
        {
            var dir = result.GetValue(index)!;
            if (CommonOptions.IsDefault(result, index))
                await IndexCommand.EnsureDefaultIndexAsync(console, dir, ct);
            using var searchIndex = SearchIndex.Open(dir, new SearchIndexOptions
            {
                ReadOnly = true,
                RefreshInterval = TimeSpan.Zero,
                SearchTimeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
            });
            var request = new SearchRequest
            {
                Query = result.GetValue(text) ?? "",
                Size = result.GetValue(top),
                From = result.GetValue(from),
                FromDate = result.GetValue(fromDate),
                ToDate = result.GetValue(toDate),
                Sources = result.GetValue(source) ?? [],
                Sort = result.GetValue(sort) switch { "date" => SortOrder.Date, "date-asc" => SortOrder.DateAscending, _ => SortOrder.Relevance },
                Syntax = result.GetValue(syntax) == "lucene" ? QuerySyntax.Lucene : QuerySyntax.Lenient,
                ExactSpelling = result.GetValue(exact),
            };
            var found = await searchIndex.SearchAsync(request, ct);
            if (result.GetValue(json))
                console.Out.WriteLine(JsonSerializer.Serialize(JsonShapes.Result(found), JsonShapes.Options));
            else
                PrintText(console, found, request.From, !Console.IsOutputRedirected && ReferenceEquals(console, Console2.System));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintText(Console2 console, SearchResult result, int from, bool terminal)
    {
        var o = console.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Total:N0} hits ({result.Took.TotalMilliseconds:N1} ms){(result.Partial ? ", partial: the time budget ran out" : "")}"));
        if (result.Expanded.Count > 0)
            o.WriteLine("expanded: " + string.Join(", ", result.Expanded.Take(12).Select(e => e.Written is null ? $"{e.QueryWord} → {e.Form} ({e.Layer})" : $"{e.QueryWord} → {e.Written} ({e.Layer}: {e.Form})")));
        int n = from;
        foreach (var hit in result.Hits)
        {
            o.WriteLine();
            o.WriteLine($"{++n}. {Plain(hit.TitleHtml ?? Html.Escape(hit.Title ?? "(no title)"), terminal)}");
            var meta = new[] { hit.Source, hit.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null, hit.Id }
                .Where(s => !string.IsNullOrEmpty(s));
            o.WriteLine("   " + string.Join(" · ", meta) + string.Create(CultureInfo.InvariantCulture, $" · score {hit.Score:0.###}"));
            if (!string.IsNullOrEmpty(hit.Snippet))
                o.WriteLine("   " + Plain(hit.Snippet, terminal).Replace("\n", " "));
            var why = hit.Matched.Where(m => m.Layer is not ("exact" or "stem")).Take(6).ToList();
            if (why.Count > 0)
                o.WriteLine("   matched: " + string.Join(", ", why.Select(m => $"{m.QueryWord} → {m.Matched} ({m.Layer})")));
        }
    }

    // Snippets are HTML; a terminal gets the marks in reverse video, a pipe gets plain text.
    private static string Plain(string html, bool terminal) => WebUtility.HtmlDecode(
        html.Replace("<mark>", terminal ? "\u001b[7m" : "").Replace("</mark>", terminal ? "\u001b[0m" : ""));
}
