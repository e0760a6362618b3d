using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Indexing;

namespace Search.Results;

/// <summary>
/// The JSON contract of results, shared by the command line (<c>--json</c>) and the HTTP API so the two
/// cannot drift: snake_case names, dates as ISO text, snippets as escaped HTML with <c>&lt;mark&gt;</c>.
/// </summary>
public static class JsonShapes
{
    /// <summary>Serializer options for every JSON Search writes.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Snippets hold escaped HTML already; the JSON layer must not escape it a second time in ways a
        // reader would see, and non-ASCII text (Arabic, Persian) stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A search result as the JSON object both hosts print.</summary>
    public static ResultJson Result(SearchResult r) => new(
        r.Total,
        Math.Round(r.Took.TotalMilliseconds, 3),
        r.Partial,
        r.Hits.Select(Hit).ToList(),
        r.Facets.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => new FacetJson(v.Value, v.Count)).ToList()),
        r.Expanded.Select(e => new ExpansionJson(e.QueryWord, e.Form, e.Layer, e.Similarity, e.Written)).ToList());

    /// <summary>One hit as JSON.</summary>
    public static HitJson Hit(SearchHit h) => new(
        h.Id, h.Title, h.TitleHtml, h.Date is { } d ? DateValues.ToText(d) : null, h.Source, h.Url,
        Math.Round(h.Score, 4), h.Snippet,
        h.Matched.Select(m => new MatchJson(m.QueryWord, m.Matched, m.Layer, m.Similarity)).ToList());

    /// <summary>A whole document as JSON, highlighted when a query was given.</summary>
    public static DocumentJson Document(HighlightedDocument d) => new(
        d.Document.Id, d.Document.Title, d.Document.Body, d.Document.Date is { } date ? DateValues.ToText(date) : null,
        d.Document.Source, d.Document.Url, d.TitleHtml, d.BodyHtml,
        d.Matched.Select(m => new MatchJson(m.QueryWord, m.Matched, m.Layer, m.Similarity)).ToList());

    /// <summary>Index statistics as JSON.</summary>
    public static StatsJson Stats(IndexStats s) => new(s.Documents, s.Segments, s.SizeBytes, s.LastCommit?.ToString("o"), s.AnalysisFingerprint);

#pragma warning disable CS1591 // The records are the JSON shapes; their property names are documented by the JSON itself.
    public sealed record ResultJson(long Total, double TookMs, bool Partial, IReadOnlyList<HitJson> Hits,
        IReadOnlyDictionary<string, List<FacetJson>> Facets, IReadOnlyList<ExpansionJson> Expanded);

    public sealed record HitJson(string Id, string? Title, string? TitleHtml, string? Date, string? Source, string? Url,
        double Score, string? Snippet, IReadOnlyList<MatchJson> Matched);

    public sealed record FacetJson(string Value, long Count);

    public sealed record MatchJson(string QueryWord, string Matched, string Layer, double Similarity);

    public sealed record ExpansionJson(string QueryWord, string Form, string Layer, double Similarity, string? Written);

    public sealed record DocumentJson(string Id, string? Title, string? Body, string? Date, string? Source, string? Url,
        string? TitleHtml, string? BodyHtml, IReadOnlyList<MatchJson> Matched);

    public sealed record StatsJson(long Documents, int Segments, long SizeBytes, string? LastCommit, string? Analysis);
#pragma warning restore CS1591
}
