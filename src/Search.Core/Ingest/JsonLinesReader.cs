using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Search.Ingest;

/// <summary>
/// Reads JSON Lines: one object per line with the keys <c>id</c>, <c>title</c>, <c>body</c>, <c>date</c>,
/// <c>source</c> and <c>url</c>. Each bad line becomes a rejection with its 1-based number and reading goes on.
/// </summary>
internal static class JsonLinesReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="stream"/> (disposed at the end) lazily, one line at a time.</summary>
    public static IEnumerable<IngestRecord> Read(Stream stream, string file, CancellationToken cancellationToken,
        int maxLineBytes = DocumentReader.MaxLineBytes)
    {
        using var lines = new Utf8LineReader(stream, maxLineBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more;
            ReadOnlyMemory<byte> line;
            long tooLong;
            string? readError = null;
            try
            {
                more = lines.ReadLine(out line, out tooLong);
            }
            catch (Exception e) when (DocumentReader.IsReadError(e))
            {
                more = false;
                line = default;
                tooLong = 0;
                readError = DocumentReader.DescribeReadError(e);
            }

            if (readError is not null)
            {
                // The stream cannot be trusted past this point (e.g. corrupt gzip): give up on this input only.
                yield return IngestRecord.Rejected(file, lines.LineNumber + 1, readError);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            if (tooLong > 0)
            {
                yield return IngestRecord.Rejected(file, lines.LineNumber,
                    $"line is {tooLong:N0} bytes long, over the limit of {maxLineBytes:N0} bytes");
                continue;
            }

            if (IsBlank(line.Span))
            {
                continue;
            }

            yield return ParseLine(line, file, lines.LineNumber);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>Turns one non-blank line into a document or a rejection.</summary>
    internal static IngestRecord ParseLine(ReadOnlyMemory<byte> line, string file, long lineNumber)
    {
        if (!Utf8.IsValid(line.Span))
        {
            return IngestRecord.Rejected(file, lineNumber, DescribeInvalidUtf8(line.Span));
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return IngestRecord.Rejected(file, lineNumber, $"invalid JSON: {e.Message}");
        }

        using (json)
        {
            string? error;
            NewsDocument? document;
            try
            {
                error = ToDocument(json.RootElement, out document);
            }
            catch (InvalidOperationException e)
            {
                // Valid JSON whose string escapes a lone surrogate ("\ud800") cannot become a .NET string:
                // System.Text.Json throws on reading it, which must reject this line, not end the whole run.
                error = $"invalid JSON string: {e.Message}";
                document = null;
            }

            return error is null
                ? IngestRecord.Ok(file, lineNumber, document!)
                : IngestRecord.Rejected(file, lineNumber, error);
        }
    }

    private static string DescribeInvalidUtf8(ReadOnlySpan<byte> line)
    {
        try
        {
            StrictUtf8.GetCharCount(line);
        }
        catch (DecoderFallbackException e)
        {
            string bytes = e.BytesUnknown is { Length: > 0 } unknown ? $" 0x{Convert.ToHexString(unknown)}" : "";
            return $"invalid UTF-8: byte{bytes} at byte offset {e.Index} of the line";
        }

        return "invalid UTF-8";
    }

    private static string? ToDocument(JsonElement root, out NewsDocument? document)
    {
        document = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
        }

        string? id = null;
        string? title = null, body = null, dateText = null, source = null, url = null;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string? error = property.Name switch
            {
                "id" => GetId(property.Value, out id),
                "title" => GetString(property, out title),
                "body" => GetString(property, out body),
                "date" => GetString(property, out dateText),
                "source" => GetString(property, out source),
                "url" => GetString(property, out url),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return id is null ? "missing id" : "empty id";
        }

        DateTime? date = null;
        if (!string.IsNullOrWhiteSpace(dateText))
        {
            if (!DateParsing.TryParse(dateText, out DateTime parsed))
            {
                return DateParsing.InvalidDate(dateText);
            }

            date = parsed;
        }

        return DocumentReader.CreateDocument(id, title, body, date, source, url, out document);
    }

    private static string? GetId(JsonElement value, out string? id)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                id = value.GetString();
                return null;
            case JsonValueKind.Number:
                // Numeric ids are common in exports; keep the number exactly as written.
                id = value.GetRawText();
                return null;
            case JsonValueKind.Null:
                id = null;
                return null;
            default:
                id = null;
                return "field 'id' must be a string or a number";
        }
    }

    private static string? GetString(JsonProperty property, out string? value)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                value = property.Value.GetString();
                return null;
            case JsonValueKind.Null:
                value = null;
                return null;
            default:
                value = null;
                return $"field '{property.Name}' must be a string or null";
        }
    }
}
