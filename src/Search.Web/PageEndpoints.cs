using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Search.Web;

/// <summary>The server-rendered pages: the search page at <c>/</c> and <c>/search</c>, the document view at <c>/documents/{id}</c>.</summary>
internal static class PageEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/", (SearchIndex index, HttpRequest http) => SearchPage(index, http)).ExcludeFromDescription();
        app.MapGet("/search", (SearchIndex index, HttpRequest http) => SearchPage(index, http)).ExcludeFromDescription();
        app.MapGet("/documents/{id}", (SearchIndex index, HttpRequest http, string id) =>
            {
                var p = SearchParameters.FromQuery(http.Query);
                HighlightedDocument? doc;
                try
                {
                    doc = index.GetHighlighted(id, p.ToRequest());
                }
                catch (Exception e) when (e is QueryException or BadParameterException)
                {
                    // A query that does not parse still shows the document, without highlighting.
                    doc = index.GetHighlighted(id, new SearchRequest());
                }
                return doc is null
                    ? Html(Pages.ErrorPage(404, $"There is no document with id '{SearchParameters.Shorten(id)}'."), 404)
                    : Html(Pages.DocumentPage(doc, p));
            })
            .ExcludeFromDescription();
    }

    private static IResult SearchPage(SearchIndex index, HttpRequest http)
    {
        var p = SearchParameters.FromQuery(http.Query);
        long documents = index.GetStats().Documents;
        SearchRequest? request = null;
        try
        {
            request = p.ToRequest();
            var result = index.Search(request, http.HttpContext.RequestAborted);
            return Html(Pages.SearchPage(p, request, result, null, documents));
        }
        catch (Exception e) when (e is QueryException or BadParameterException)
        {
            var message = e is QueryException { Position: { } at } ? $"{e.Message} (at position {at})" : e.Message;
            return Html(Pages.SearchPage(p, request, null, message, documents), 400);
        }
    }

    private static IResult Html(string html, int status = 200) => HttpResults.Content(html, Pages.HtmlContentType, statusCode: status);
}
