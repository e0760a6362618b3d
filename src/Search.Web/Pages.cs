using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Search.Results;

namespace Search.Web;

/// <summary>
/// The server-rendered HTML: the search page (what a browser without JavaScript gets, and the first paint
/// for one with it; <c>app.js</c> then takes over with the same markup) and the document view. Every piece of
/// document text is escaped with <see cref="Html.Escape"/>; the only markup taken from the core is its
/// snippets and highlighted text, which are escaped there with nothing but <c>&lt;mark&gt;</c> added.
/// Links leave the site only to <c>http</c> and <c>https</c> addresses.
/// </summary>
internal static class Pages
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    private static readonly string[] Examples = ["Teheran", "Qaddafi", "تهران", "Houthi", "oil prices"];

    public static string SearchPage(SearchParameters p, SearchRequest? request, SearchResult? result, string? error, long documentCount)
    {
        var sb = new StringBuilder(16 * 1024);
        bool hasQuery = p.Q.Trim().Length > 0 || p.Sources.Count > 0 || p.Years.Count > 0
            || !string.IsNullOrEmpty(p.FromDate) || !string.IsNullOrEmpty(p.ToDate);
        Head(sb, hasQuery ? $"{p.Q} – Search" : "Search – news archive", "search-page");
        sb.Append("<a class=\"skip\" href=\"#hits\">Skip to results</a>\n");
        sb.Append("<header class=\"bar\">\n<a class=\"brand\" href=\"/\" aria-label=\"Search home\">Search</a>\n");
        sb.Append("<form id=\"search-form\" class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\n");
        sb.Append("<label for=\"q\" class=\"sr-only\">Search the news archive</label>\n");
        sb.Append("<input id=\"q\" name=\"q\" type=\"search\" value=\"").Append(Html.Escape(p.Q))
          .Append("\" placeholder=\"Names, places, events… e.g. Teheran\" autocomplete=\"off\" spellcheck=\"false\" dir=\"auto\" aria-keyshortcuts=\"/\">\n");
        sb.Append("<button type=\"submit\">Search</button>\n</form>\n</header>\n");

        sb.Append("<main class=\"page\">\n<aside class=\"filters\" aria-label=\"Filters\">\n<details id=\"filters-box\" open><summary>Filters</summary>\n");
        var sort = SafeSort(p.Sort);
        sb.Append("<div class=\"field\"><label for=\"sort\">Sort</label><select id=\"sort\" name=\"sort\" form=\"search-form\">");
        foreach (var (value, label) in new[] { ("relevance", "Relevance"), ("date", "Newest first"), ("date-asc", "Oldest first") })
            sb.Append("<option value=\"").Append(value).Append('"').Append(value == sort ? " selected" : "").Append('>').Append(label).Append("</option>");
        sb.Append("</select></div>\n");
        sb.Append("<div class=\"field check\"><input type=\"checkbox\" id=\"exact\" name=\"exact\" value=\"1\" form=\"search-form\"")
          .Append(request?.ExactSpelling == true ? " checked" : "").Append("><label for=\"exact\">Exact spelling only</label></div>\n");
        sb.Append("<fieldset class=\"dates\"><legend>Date</legend>");
        sb.Append("<label for=\"from_date\">From</label><input type=\"date\" id=\"from_date\" name=\"from_date\" form=\"search-form\" value=\"").Append(Html.Escape(p.FromDate)).Append("\">");
        sb.Append("<label for=\"to_date\">To</label><input type=\"date\" id=\"to_date\" name=\"to_date\" form=\"search-form\" value=\"").Append(Html.Escape(p.ToDate)).Append("\">");
        sb.Append("</fieldset>\n");
        Facet(sb, "source", "Source", p.Sources, result?.Facets.GetValueOrDefault("source"));
        Facet(sb, "year", "Year", p.Years, result?.Facets.GetValueOrDefault("year"));
        sb.Append("<button type=\"submit\" form=\"search-form\" class=\"apply\">Apply filters</button>\n");
        sb.Append("</details>\n</aside>\n");

        sb.Append("<section class=\"results\" aria-label=\"Results\">\n");
        sb.Append("<ul id=\"suggest\" class=\"suggest\" aria-label=\"Completions of the word being typed\"></ul>\n");
        sb.Append("<div id=\"intro\" class=\"intro\"").Append(hasQuery ? " hidden" : "").Append(">\n");
        sb.Append("<p>Search ").Append(documentCount.ToString("N0", CultureInfo.InvariantCulture))
          .Append(" news articles. Names are found however they are spelled — try ");
        for (int i = 0; i < Examples.Length; i++)
        {
            sb.Append(i == 0 ? "" : i == Examples.Length - 1 ? " or " : ", ");
            sb.Append("<a href=\"/search?q=").Append(Uri.EscapeDataString(Examples[i])).Append("\" dir=\"auto\">").Append(Html.Escape(Examples[i])).Append("</a>");
        }
        sb.Append(".</p>\n</div>\n");
        sb.Append("<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\">");
        if (error is not null)
            sb.Append("<span class=\"error\">").Append(Html.Escape(error)).Append("</span>");
        else if (result is not null && hasQuery)
            sb.Append(Html.Escape(CountText(result)));
        sb.Append("</p>\n");
        sb.Append("<p id=\"expanded\" class=\"expanded\" dir=\"auto\">");
        if (result is not null && hasQuery)
            Expanded(sb, result);
        sb.Append("</p>\n<ol id=\"hits\" class=\"hits\" tabindex=\"-1\">\n");
        if (result is not null && hasQuery)
            foreach (var hit in result.Hits)
                Hit(sb, hit, p);
        sb.Append("</ol>\n<nav id=\"pager\" class=\"pager\" aria-label=\"Pages\">");
        if (result is not null && request is not null && hasQuery)
            Pager(sb, p, request, result);
        sb.Append("</nav>\n</section>\n</main>\n");
        Foot(sb);
        return sb.ToString();
    }

    public static string DocumentPage(HighlightedDocument d, SearchParameters p)
    {
        var sb = new StringBuilder(8 * 1024 + (d.BodyHtml?.Length ?? 0));
        var doc = d.Document;
        Head(sb, (doc.Title ?? doc.Id) + " – Search", "doc-page");
        sb.Append("<a class=\"skip\" href=\"#text\">Skip to the text</a>\n");
        sb.Append("<header class=\"bar\">\n<a class=\"brand\" href=\"/\" aria-label=\"Search home\">Search</a>\n");
        sb.Append("<a class=\"back\" id=\"back\" href=\"").Append(Html.Escape(SearchUrl(p, from: null))).Append("\">← Back to results</a>\n</header>\n");
        sb.Append("<main class=\"doc\">\n<article>\n<h1 dir=\"auto\">").Append(d.TitleHtml ?? Html.Escape(doc.Title ?? "(no title)")).Append("</h1>\n");
        sb.Append("<p class=\"meta\">");
        Meta(sb, doc.Date, doc.Source);
        sb.Append("<span class=\"id\">").Append(Html.Escape(doc.Id)).Append("</span>");
        if (SafeHttpUrl(doc.Url) is { } url)
            sb.Append("<a class=\"orig\" href=\"").Append(Html.Escape(url)).Append("\" rel=\"noopener noreferrer nofollow\">Original article</a>");
        else if (!string.IsNullOrWhiteSpace(doc.Url))
            sb.Append("<span class=\"orig\">").Append(Html.Escape(doc.Url)).Append("</span>");
        sb.Append("</p>\n");
        Chips(sb, d.Matched);
        sb.Append("<div id=\"text\" class=\"text\">\n");
        var body = d.BodyHtml ?? Html.Escape(doc.Body);
        foreach (var para in body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            sb.Append("<p dir=\"auto\">").Append(para).Append("</p>\n");
        sb.Append("</div>\n</article>\n</main>\n");
        Foot(sb, documentView: true);
        return sb.ToString();
    }

    public static string ErrorPage(int status, string message)
    {
        var sb = new StringBuilder();
        Head(sb, $"{status} – Search", "error-page");
        sb.Append("<header class=\"bar\"><a class=\"brand\" href=\"/\">Search</a></header>\n<main class=\"doc\"><h1>")
          .Append(status == 404 ? "Not found" : status >= 500 ? "Something went wrong" : "Cannot do that")
          .Append("</h1>\n<p class=\"error\">").Append(Html.Escape(message)).Append("</p>\n<p><a href=\"/\">Start a new search</a></p></main>\n");
        Foot(sb);
        return sb.ToString();
    }

    public static async Task WriteErrorPageAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        SecurityHeaders.Add(context.Response);
        context.Response.ContentType = HtmlContentType;
        await context.Response.WriteAsync(ErrorPage(status, message));
    }

    /// <summary>The address of the document view for a hit, carrying the query so it can be highlighted.</summary>
    public static string DocumentUrl(string id, SearchParameters p)
    {
        var sb = new StringBuilder("/documents/").Append(Uri.EscapeDataString(id));
        var q = new List<string>();
        if (p.Q.Length > 0) q.Add("q=" + Uri.EscapeDataString(p.Q));
        if (!string.IsNullOrEmpty(p.Exact) && p.Exact != "0" && p.Exact != "false") q.Add("exact=1");
        if (p.Syntax is "lucene") q.Add("syntax=lucene");
        if (q.Count > 0) sb.Append('?').AppendJoin('&', q);
        return sb.ToString();
    }

    /// <summary><paramref name="url"/> when it is an absolute http or https address, otherwise <c>null</c> (no <c>javascript:</c> links).</summary>
    public static string? SafeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? u.AbsoluteUri
            : null;

    private static void Head(StringBuilder sb, string title, string bodyClass)
    {
        sb.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
          .Append("<title>").Append(Html.Escape(title)).Append("</title>\n")
          .Append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n")
          .Append("<link rel=\"stylesheet\" href=\"/style.css\">\n")
          .Append("<script src=\"/app.js\" defer></script>\n")
          .Append("</head>\n<body class=\"").Append(bodyClass).Append("\">\n");
    }

    private static void Foot(StringBuilder sb, bool documentView = false) => sb.Append("<footer class=\"foot\"><p>")
        .Append(documentView
            ? "<kbd>Esc</kbd> back to the results · <kbd>/</kbd> new search"
            : "<kbd>/</kbd> search · <kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear")
        .Append("</p><p><a href=\"/openapi/v1.json\">JSON API</a></p></footer>\n</body>\n</html>\n");

    private static void Facet(StringBuilder sb, string name, string legend, IReadOnlyList<string> selected, IReadOnlyList<FacetValue>? counts)
    {
        sb.Append("<fieldset class=\"facet\" id=\"facet-").Append(name).Append("\"><legend>").Append(legend).Append("</legend><ul>");
        var values = selected.Select(s => (Value: s, Count: counts?.FirstOrDefault(c => string.Equals(c.Value, s, StringComparison.OrdinalIgnoreCase))?.Count))
            .Concat((counts ?? []).Where(c => !selected.Contains(c.Value, StringComparer.OrdinalIgnoreCase)).Select(c => (c.Value, Count: (long?)c.Count)))
            .ToList();
        if (name == "year")
            values = values.OrderByDescending(v => int.TryParse(v.Value, out var y) ? y : 0).ToList();
        int i = 0;
        foreach (var (value, count) in values)
        {
            var id = $"{name}-{i++}";
            sb.Append("<li><input type=\"checkbox\" id=\"").Append(id).Append("\" name=\"").Append(name).Append("\" value=\"").Append(Html.Escape(value))
              .Append("\" form=\"search-form\"").Append(selected.Contains(value, StringComparer.OrdinalIgnoreCase) ? " checked" : "").Append("><label for=\"").Append(id)
              .Append("\"><span class=\"v\" dir=\"auto\">").Append(Html.Escape(value)).Append("</span><span class=\"n\">")
              .Append(count?.ToString("N0", CultureInfo.InvariantCulture) ?? "").Append("</span></label></li>");
        }
        sb.Append("</ul></fieldset>\n");
    }

    private static void Hit(StringBuilder sb, SearchHit hit, SearchParameters p)
    {
        sb.Append("<li class=\"hit\"><h2 class=\"title\" dir=\"auto\"><a href=\"").Append(Html.Escape(DocumentUrl(hit.Id, p))).Append("\">")
          .Append(hit.TitleHtml ?? Html.Escape(hit.Title ?? "(no title)")).Append("</a></h2>");
        sb.Append("<p class=\"meta\">");
        Meta(sb, hit.Date, hit.Source);
        sb.Append("</p>");
        if (!string.IsNullOrEmpty(hit.Snippet))
            sb.Append("<p class=\"snippet\" dir=\"auto\">").Append(hit.Snippet).Append("</p>");
        Chips(sb, hit.Matched);
        sb.Append("</li>\n");
    }

    private static void Meta(StringBuilder sb, DateTime? date, string? source)
    {
        if (date is { } d)
            sb.Append("<time datetime=\"").Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
              .Append(d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");
        if (!string.IsNullOrWhiteSpace(source))
            sb.Append("<span class=\"src\" dir=\"auto\">").Append(Html.Escape(source)).Append("</span>");
    }

    /// <summary>
    /// Chips that say why a hit matched, for what a reader would not guess: the name layers (folded,
    /// transliterated, variant, alias), and a stem match whose only difference is accents or letter forms
    /// (Teheran → Téhéran), shown as folded. Exact matches and plain stemming (talk → talks) get none.
    /// <c>app.js</c> applies the same rule.
    /// </summary>
    private static void Chips(StringBuilder sb, IReadOnlyList<MatchExplanation> matched)
    {
        var why = matched.Select(m => (Match: m, Layer: ChipLayer(m))).Where(c => c.Layer is not null).Take(8).ToList();
        if (why.Count == 0)
            return;
        sb.Append("<ul class=\"why\" aria-label=\"Why it matched\">");
        foreach (var (m, layer) in why)
            sb.Append("<li class=\"chip\" title=\"").Append(Html.Escape(ChipTitle(m))).Append("\"><span dir=\"auto\">").Append(Html.Escape(m.QueryWord))
              .Append("</span> → <span dir=\"auto\">").Append(Html.Escape(m.Matched)).Append("</span> <span class=\"layer\">").Append(Html.Escape(layer)).Append("</span></li>");
        sb.Append("</ul>");
    }

    internal static string? ChipLayer(MatchExplanation m) => m.Layer switch
    {
        "exact" => null,
        "stem" => Fold(m.QueryWord) == Fold(m.Matched) && !string.Equals(m.QueryWord, m.Matched, StringComparison.OrdinalIgnoreCase) ? "folded" : null,
        var layer => layer,
    };

    // Lower case without accents, Persian yeh and keheh as their Arabic forms: what "only folding" means for a chip.
    private static string Fold(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(c switch { 'ی' => 'ي', 'ک' => 'ك', _ => char.ToLowerInvariant(c) });
        }
        return sb.ToString();
    }

    private static string ChipTitle(MatchExplanation m) => m.Layer == "variant"
        ? string.Create(CultureInfo.InvariantCulture, $"spelling variant, similarity {m.Similarity:0.00}")
        : m.Layer;

    private static void Expanded(StringBuilder sb, SearchResult result)
    {
        // As the index's text writes them where known (القذافي, not the romanised qḏāfī), each once.
        var forms = result.Expanded.Where(e => e.Layer is not ("exact" or "stem")).Select(e => e.Written ?? e.Form)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(12).ToList();
        if (forms.Count == 0)
            return;
        sb.Append("Also searched: ");
        for (int i = 0; i < forms.Count; i++)
            sb.Append(i > 0 ? ", " : "").Append("<span dir=\"auto\">").Append(Html.Escape(forms[i])).Append("</span>");
    }

    private static void Pager(StringBuilder sb, SearchParameters p, SearchRequest request, SearchResult result)
    {
        if (request.From > 0)
            sb.Append("<a class=\"prev\" rel=\"prev\" href=\"").Append(Html.Escape(SearchUrl(p, Math.Max(0, request.From - request.Size)))).Append("\">← Previous</a>");
        if (request.From + result.Hits.Count < result.Total && request.Size > 0)
            sb.Append("<a class=\"next\" rel=\"next\" href=\"").Append(Html.Escape(SearchUrl(p, request.From + request.Size))).Append("\">Next page →</a>");
    }

    public static string CountText(SearchResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Total:N0} {(result.Total == 1 ? "result" : "results")} ({result.Took.TotalMilliseconds:0.#} ms){(result.Partial ? " — partial: the time budget ran out" : "")}");

    /// <summary>The page's own address for these parameters (what <c>app.js</c> puts in the location bar, too).</summary>
    public static string SearchUrl(SearchParameters p, int? from)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
        Add("q", p.Q);
        foreach (var s in p.Sources) Add("source", s);
        foreach (var y in p.Years) Add("year", y);
        Add("from_date", p.FromDate);
        Add("to_date", p.ToDate);
        if (SafeSort(p.Sort) != "relevance") Add("sort", SafeSort(p.Sort));
        if (!string.IsNullOrEmpty(p.Exact) && p.Exact != "0" && p.Exact != "false") Add("exact", "1");
        if (p.Syntax is "lucene") Add("syntax", "lucene");
        if (from is > 0) Add("from", from.Value.ToString(CultureInfo.InvariantCulture));
        return "/search" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    private static string SafeSort(string? sort) => sort?.Trim().ToLowerInvariant() switch
    {
        "date" => "date",
        "date-asc" or "date_asc" => "date-asc",
        _ => "relevance",
    };
}
