using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Search.Analysis;
using Search.Results;

namespace Search.Web;

/// <summary>The read-only JSON API: search, documents, suggestions, analysis, health.</summary>
internal static class ApiEndpoints
{
    public const int MaxSuggestions = 20;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Search");

        api.MapGet("/search", (SearchIndex index, HttpRequest http,
                [FromQuery] string? q, [FromQuery] string? from, [FromQuery] string? size, [FromQuery] string? sort,
                [FromQuery] string[]? source, [FromQuery] string[]? year,
                [FromQuery(Name = "from_date")] string? fromDate, [FromQuery(Name = "to_date")] string? toDate,
                [FromQuery] string? exact, [FromQuery] string? syntax) =>
            {
                var request = SearchParameters.FromQuery(http.Query).ToRequest();
                var result = index.Search(request, http.HttpContext.RequestAborted);
                return HttpResults.Json(JsonShapes.Result(result), SearchWebApp.JsonOptions);
            })
            .WithName("Search")
            .WithSummary("Search the documents.")
            .WithDescription("q: the query (search-box grammar, or Lucene's with syntax=lucene); from, size: paging; " +
                "sort: relevance, date or date-asc; source, year: filters (repeatable); from_date, to_date: YYYY-MM-DD; " +
                "exact: exact spelling only. Returns total, took_ms, hits (with HTML snippets whose text is escaped and " +
                "matches in <mark>, and matched: which query word matched which spelling through which layer), facets and expanded.")
            .Produces<JsonShapes.ResultJson>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        api.MapGet("/documents/{id}", (SearchIndex index, HttpRequest http, string id,
                [FromQuery] string? q, [FromQuery] string? exact, [FromQuery] string? syntax) =>
            {
                var request = SearchParameters.FromQuery(http.Query).ToRequest();
                return index.GetHighlighted(id, request) is { } doc
                    ? HttpResults.Json(JsonShapes.Document(doc), SearchWebApp.JsonOptions)
                    : ErrorResults.Json(StatusCodes.Status404NotFound, $"No document with id '{SearchParameters.Shorten(id)}'.");
            })
            .WithName("GetDocument")
            .WithSummary("One whole document; title_html and body_html have the matches of q marked.")
            .Produces<JsonShapes.DocumentJson>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        api.MapGet("/suggest", (SearchIndex index, [FromQuery] string? q, [FromQuery] string? size) =>
            {
                int count = 8;
                if (!string.IsNullOrWhiteSpace(size) && (!int.TryParse(size, out count) || count is < 1 or > MaxSuggestions))
                    throw new BadParameterException($"size must be a whole number from 1 to {MaxSuggestions}.");
                return HttpResults.Json(Suggest(index, q ?? "", count), SearchWebApp.JsonOptions);
            })
            .WithName("Suggest")
            .WithSummary("Completions of the last word of q, from the index's own words and name forms, most frequent first.")
            .Produces<SuggestJson>();

        api.MapGet("/analyze", (WebOptions options, [FromQuery] string? text) =>
            {
                text ??= "";
                if (text.Length > options.MaxAnalyzeLength)
                    throw new BadParameterException($"text is {text.Length} characters long; the limit is {options.MaxAnalyzeLength}.");
                var pipelines = AnalyzerRegistry.Default.Chains
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => new PipelineJson(c.Name, c.Description,
                        TokenInspector.Inspect(c, text).Select(t => new TokenJson(t.Term, t.Start, t.End, t.Position, t.Type)).ToList()))
                    .ToList();
                return HttpResults.Json(new AnalyzeJson(text, AnalyzerRegistry.Default.Fingerprint, pipelines), SearchWebApp.JsonOptions);
            })
            .WithName("Analyze")
            .WithSummary("How text is analysed, pipeline by pipeline: each token's term, offsets and position.")
            .Produces<AnalyzeJson>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        app.MapGet("/health", (SearchIndex index) =>
                HttpResults.Json(new HealthJson("ok", index.GetStats().Documents, index.IsReadOnly), SearchWebApp.JsonOptions))
            .WithTags("Search")
            .WithName("Health")
            .WithSummary("Whether the server is up, and how many documents it serves.")
            .Produces<HealthJson>();
    }

    /// <summary>Completes the last word of <paramref name="text"/>; each completion is the whole text with that word completed.</summary>
    internal static SuggestJson Suggest(SearchIndex index, string text, int count)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[^1]) || text.Length > 1_000)
            return new SuggestJson(text, "", []);
        int start = text.Length;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            start--;
        // Keep the search box's operators (-word, =word, "word) in front of the completion.
        int wordStart = start;
        while (wordStart < text.Length && text[wordStart] is '-' or '=' or '"' or '(' or '+')
            wordStart++;
        var prefix = text[wordStart..];
        if (prefix.Length == 0)
            return new SuggestJson(text, "", []);
        var head = text[..wordStart];
        var suggestions = index.Suggest(prefix, count)
            .Where(s => s.Text != prefix) // what is typed already is no completion
            .Select(s => new SuggestionJson(s.Text, head + s.Text, s.DocumentFrequency, s.Layer))
            .ToList();
        return new SuggestJson(text, prefix, suggestions);
    }

#pragma warning disable CS1591 // JSON shapes; the names document themselves.
    public sealed record SuggestJson(string Q, string Prefix, IReadOnlyList<SuggestionJson> Suggestions);

    public sealed record SuggestionJson(string Text, string Completion, long DocumentFrequency, string Layer);

    public sealed record AnalyzeJson(string Text, string Fingerprint, IReadOnlyList<PipelineJson> Pipelines);

    public sealed record PipelineJson(string Name, string Description, IReadOnlyList<TokenJson> Tokens);

    public sealed record TokenJson(string Term, int Start, int End, int Position, string Type);

    public sealed record HealthJson(string Status, long Documents, bool ReadOnly);
#pragma warning restore CS1591
}
