using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Search.Web;

/// <summary>
/// The write endpoints, mapped only when the server is started writable: add or replace documents, delete
/// one, commit. Each needs <c>Authorization: Bearer &lt;token&gt;</c>. An add returns before it is durable;
/// <c>POST /api/commit</c> is the durability point.
/// </summary>
internal static class WriteEndpoints
{
    public static void Map(WebApplication app, string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        var write = app.MapGroup("/api").WithTags("Write").AddEndpointFilter(async (context, next) =>
        {
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return ErrorResults.Json(StatusCodes.Status401Unauthorized, "This endpoint needs Authorization: Bearer <token>.");
            }
            return await next(context);
        });

        write.MapPost("/documents", async (SearchIndex index, WebOptions options, HttpRequest http) =>
            {
                var docs = await ReadDocumentsAsync(http, options.MaxDocumentsPerRequest);
                int added = 0, replaced = 0;
                foreach (var doc in docs)
                {
                    if (index.AddOrUpdate(doc) == AddOutcome.Added) added++;
                    else replaced++;
                }
                return HttpResults.Json(new WriteJson(added, replaced, 0), SearchWebApp.JsonOptions);
            })
            .WithName("AddDocuments")
            .WithSummary("Add documents (one JSON object or an array), replacing those with the same id; searchable after the next refresh, durable after commit.")
            .Accepts<DocumentInput[]>("application/json")
            .Produces<WriteJson>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge);

        write.MapDelete("/documents/{id}", (SearchIndex index, string id) =>
                index.Delete(id)
                    ? HttpResults.Json(new WriteJson(0, 0, 1), SearchWebApp.JsonOptions)
                    : ErrorResults.Json(StatusCodes.Status404NotFound, $"No document with id '{SearchParameters.Shorten(id)}'."))
            .WithName("DeleteDocument")
            .WithSummary("Delete one document; searchable after the next refresh, durable after commit.")
            .Produces<WriteJson>()
            .Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        write.MapPost("/commit", async (SearchIndex index, HttpRequest http) =>
            {
                await index.CommitAsync(http.HttpContext.RequestAborted);
                return HttpResults.Json(new CommitJson(true, index.GetStats().Documents), SearchWebApp.JsonOptions);
            })
            .WithName("Commit")
            .WithSummary("Make every add and delete so far durable.")
            .Produces<CommitJson>()
            .Produces<ApiError>(StatusCodes.Status401Unauthorized);
    }

    private static async Task<List<NewsDocument>> ReadDocumentsAsync(HttpRequest http, int maxDocuments)
    {
        if (http.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadParameterException("The body must be JSON (Content-Type: application/json).");
        using var json = await JsonDocument.ParseAsync(http.Body, new JsonDocumentOptions { MaxDepth = 16 }, http.HttpContext.RequestAborted);
        var root = json.RootElement;
        var items = root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            _ => throw new BadParameterException("The body must be a document object or an array of them."),
        };
        if (items.Count > maxDocuments)
            throw new BadParameterException($"At most {maxDocuments} documents per request (got {items.Count}).");
        // Every document is checked before any is added, so a bad one rejects the request as a whole.
        var docs = new List<NewsDocument>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var where = items.Count > 1 ? $"document {i}: " : "";
            try
            {
                docs.Add(ToDocument(items[i], where));
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json checks strings only when they are read: invalid UTF-8, or an escaped lone surrogate ("\ud800").
                throw new BadParameterException($"{where}a key or value is not valid Unicode text (invalid UTF-8, or an escaped lone surrogate such as \\ud800).");
            }
        }
        return docs;
    }

    private static NewsDocument ToDocument(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new BadParameterException($"{where}must be a JSON object.");
        string? Text(string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number when name == "id" => v.GetRawText(),
            _ => throw new BadParameterException($"{where}{name} must be a string."),
        } : null;
        var id = Text("id");
        if (string.IsNullOrWhiteSpace(id))
            throw new BadParameterException($"{where}id is required.");
        if (id.Length > NewsDocument.MaxIdLength)
            throw new BadParameterException($"{where}id is longer than {NewsDocument.MaxIdLength} characters.");
        var source = Text("source");
        if (source?.Trim().Length > NewsDocument.MaxSourceLength)
            throw new BadParameterException($"{where}source is longer than {NewsDocument.MaxSourceLength} characters.");
        DateTime? date = null;
        if (Text("date") is { Length: > 0 } d)
        {
            if (!DateTime.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                throw new BadParameterException($"{where}date '{SearchParameters.Shorten(d)}' is not a date (use YYYY-MM-DD or ISO 8601).");
            date = parsed;
        }
        return new NewsDocument(id, Text("title"), Text("body"), date, source, Text("url"));
    }

#pragma warning disable CS1591 // JSON shapes; the names document themselves.
    public sealed record DocumentInput(string Id, string? Title, string? Body, string? Date, string? Source, string? Url);

    public sealed record WriteJson(int Added, int Replaced, int Deleted);

    public sealed record CommitJson(bool Committed, long Documents);
#pragma warning restore CS1591
}
