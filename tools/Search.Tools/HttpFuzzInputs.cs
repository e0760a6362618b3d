using System.Globalization;
using System.Text;

namespace Search.Tools;

/// <summary>One HTTP request of the fuzzer: through HttpClient, or (<see cref="Raw"/>) bytes written to a socket as they are.</summary>
internal sealed record HttpCase(string Target, string Method, string Path, byte[]? Body = null, string? ContentType = null, string? Authorization = null, byte[]? Raw = null)
{
    /// <summary>The path without its query string.</summary>
    public string Route => Path.Split('?', 2)[0];
}

/// <summary>
/// Hostile requests for every endpoint and parameter of the web host: the JSON API (search, documents, suggest,
/// analyze, health), the pages (search, document view), the write endpoints with and without the token, other
/// paths and methods, and raw request lines HttpClient would refuse to send. Each case is a pure function of its
/// <see cref="Random"/>.
/// </summary>
internal static class HttpRequests
{
    public static readonly string[] Targets = ["search", "page", "document", "document-page", "suggest", "analyze", "add", "delete", "other", "raw"];

    private static readonly string[] SearchParams = ["q", "from", "size", "sort", "source", "year", "from_date", "to_date", "exact", "syntax"];

    private static readonly string[] Special =
    [
        "", " ", "0", "-1", "-0", "+5", " 5 ", "1.5", "1e9", "0x10", "NaN", "Infinity", "-Infinity", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "99999999999999999999999", "١٢", "１", "10000", "9990", "100", "101", "20", "21",
        "2025-02-30", "2025-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "2025-1-1", "-2025-01-01", "2025-01-01T00:00:00Z", "1987", "2025",
        "relevance", "date", "date-asc", "date_asc", "DATE", "lenient", "lucene", "LUCENE", "true", "false", "on", "off", "yes", "1",
        "AP", "Reuters", "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "\u202e", "\0", "%00", "null", "[]", "{}",
        "s1", "s2", "s3", "s4", "tehran", "Teheran", "تهران", "title:(", "\"unclosed", "*", "te*", "/a.*/", "a~", "(((",
    ];

    public static HttpCase Make(string target, Random rng, string token, int caseNumber) => target switch
    {
        "search" => new(target, "GET", "/api/search" + Query(rng, SearchParams)),
        "page" => new(target, "GET", (rng.Next(4) == 0 ? "/" : "/search") + Query(rng, SearchParams)),
        "document" => new(target, "GET", "/api/documents/" + Id(rng) + Query(rng, ["q", "exact", "syntax", "from", "size"])),
        "document-page" => new(target, "GET", "/documents/" + Id(rng) + Query(rng, ["q", "exact", "syntax", "sort", "source"])),
        "suggest" => new(target, "GET", "/api/suggest" + Query(rng, ["q", "size"])),
        "analyze" => new(target, "GET", (rng.Next(10) == 0 ? "/health" : "/api/analyze") + Query(rng, ["text"])),
        "add" => Add(rng, token, caseNumber),
        "delete" => new(target, "DELETE", "/api/documents/" + Id(rng), Authorization: Auth(rng, token)),
        "other" => Other(rng, token),
        _ => RawCase(rng),
    };

    /// <summary>A parameter value: edge numbers, dates, known words, markup, query noise, random characters, long runs.</summary>
    public static string Value(Random rng) => rng.Next(9) switch
    {
        0 or 1 or 2 => Special[rng.Next(Special.Length)],
        3 => Queries.Lenient(rng),
        4 => Queries.Strict(rng),
        5 => RandomText.Chars(rng, rng.Next(1, 40)),
        // Long, but mostly under Kestrel's 8 KB request line once percent-encoded (the raw cases go over it).
        6 => rng.Next(2) == 0 ? new string((char)rng.Next(32, 0x3000), rng.Next(100, 800)) : string.Concat(Enumerable.Repeat("tehran ", rng.Next(50, 900))),
        _ => Special[rng.Next(Special.Length)] + RandomText.Chars(rng, rng.Next(1, 5)),
    };

    /// <summary>
    /// A query string: known and unknown names, repeated names (now and then far more often than allowed), values
    /// encoded as UTF-8, as raw bytes that are not UTF-8, or without an '='.
    /// </summary>
    private static string Query(Random rng, string[] names)
    {
        int n = rng.Next(0, 7);
        if (n == 0)
            return rng.Next(4) == 0 ? "?" : "";
        var parts = new List<string>();
        for (int i = 0; i < n; i++)
        {
            var name = rng.Next(10) == 0 ? Encode(Value(rng)) : names[rng.Next(names.Length)];
            parts.Add(rng.Next(12) switch
            {
                0 => name,
                1 => "=" + Encode(Value(rng)),
                2 => name + "=" + EncodeBytes(RawBytes(rng)),
                _ => name + "=" + Encode(Value(rng)),
            });
        }
        if (rng.Next(15) == 0)
        {
            // Repeats: source and year allow 100 values.
            var name = names[rng.Next(names.Length)];
            parts.AddRange(Enumerable.Range(0, rng.Next(2, 250)).Select(k => name + "=" + Encode(rng.Next(2) == 0 ? Value(rng) : k.ToString(CultureInfo.InvariantCulture))));
        }
        return "?" + string.Join(rng.Next(20) == 0 ? "&&" : "&", parts);
    }

    private static string Id(Random rng) => rng.Next(6) switch
    {
        0 => "s" + rng.Next(1, 6),
        1 => "f" + rng.Next(0, 2000),
        2 => EncodeBytes(RawBytes(rng)),
        3 => Encode(new string('i', rng.Next(500, 3000))),
        _ => Encode(Value(rng)),
    };

    private static string? Auth(Random rng, string token) => rng.Next(20) switch
    {
        0 => null,
        1 => "Bearer wrong-" + token,
        2 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + token)),
        3 => "Bearer " + token + "x",
        4 => "bearer  " + token + " ",
        _ => "Bearer " + token,
    };

    private static HttpCase Add(Random rng, string token, int caseNumber)
    {
        if (rng.Next(40) == 0)
            return new("add", "POST", "/api/commit", Authorization: Auth(rng, token));
        var contentType = rng.Next(8) switch
        {
            0 => new[] { null, "text/plain", "application/json; charset=utf-16", "application/jsonx", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded" }[rng.Next(6)],
            _ => "application/json",
        };
        return new("add", "POST", "/api/documents", JsonBody(rng, caseNumber), contentType, Auth(rng, token));
    }

    /// <summary>A body for <c>POST /api/documents</c>: documents with hostile values, mutated JSON, deep nesting, many fields, too big.</summary>
    private static byte[] JsonBody(Random rng, int caseNumber)
    {
        switch (rng.Next(12))
        {
            case 0:
                return Records.Mutate(rng, Encoding.UTF8.GetBytes(Document(rng, caseNumber, hostile: false)), JsonPieces(rng));
            case 1:
                return rng.Next(3) == 0 ? [] : Records.Bytes[rng.Next(Records.Bytes.Length)].Concat(Encoding.UTF8.GetBytes(Value(rng))).ToArray();
            case 2:
                int depth = rng.Next(10, 5000);
                return Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : "{\"id\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1));
            case 3:
                return Encoding.UTF8.GetBytes("{\"id\":\"f" + caseNumber + "\"," + string.Join(',', Enumerable.Range(0, rng.Next(100, 20_000)).Select(i => $"\"k{i}\":{i}")) + "}");
            case 4:
                return Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, rng.Next(0, 40)).Select(k => Document(rng, caseNumber * 100 + k, hostile: rng.Next(3) == 0))) + "]");
            case 5 when rng.Next(10) == 0:
                // Over the 1 MB limit of the fuzzed server.
                return Encoding.UTF8.GetBytes("{\"id\":\"big\",\"body\":\"" + new string('x', 1_100_000) + "\"}");
            default:
                return Encoding.UTF8.GetBytes(Document(rng, caseNumber, hostile: true));
        }
    }

    private static string Document(Random rng, int n, bool hostile)
    {
        var fields = new List<string>();
        foreach (var name in new[] { "id", "title", "body", "date", "source", "url" })
        {
            if (hostile && rng.Next(name == "id" ? 20 : 6) == 0)
                continue;
            string value = name switch
            {
                "id" when !hostile || rng.Next(6) > 0 => Json("f" + n + (hostile && rng.Next(3) == 0 ? Value(rng) : "")),
                "date" => Json(!hostile || rng.Next(3) > 0 ? "2025-03-31" : Special[rng.Next(Special.Length)]),
                _ when !hostile => Json(name + " text " + n),
                _ when rng.Next(8) > 0 => Json(Value(rng), loneSurrogates: rng.Next(6) == 0),
                _ => JsonValue(rng, 0),
            };
            fields.Add(Json(name) + ":" + value);
            if (hostile && rng.Next(20) == 0)
                fields.Add(Json(name) + ":" + JsonValue(rng, 0)); // a duplicate key
        }
        return "{" + string.Join(',', fields) + "}";
    }

    private static string JsonValue(Random rng, int depth) => rng.Next(depth > 3 ? 6 : 9) switch
    {
        0 => new[] { "1e999", "-0", "12345678901234567890123", "0.1", "-1", "NaN" }[rng.Next(6)],
        1 => rng.Next(2) == 0 ? "true" : "null",
        2 => "\"\\ud800\"",
        3 => "\"a\\u0000b\\udc00\"",
        4 or 5 => Json(Value(rng), loneSurrogates: true),
        6 => "[" + string.Join(',', Enumerable.Range(0, rng.Next(0, 4)).Select(_ => JsonValue(rng, depth + 1))) + "]",
        7 => "{\"x\":" + JsonValue(rng, depth + 1) + "}",
        _ => Json(string.Concat(Enumerable.Repeat(Value(rng), rng.Next(1, 50)))),
    };

    private static byte[][] JsonPieces(Random rng) =>
    [
        "\\ud800"u8.ToArray(), "\\u0000"u8.ToArray(), "1e999"u8.ToArray(), "null"u8.ToArray(), "\""u8.ToArray(), "{"u8.ToArray(), "]"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('[', rng.Next(10, 100))), "\"id\":[1],"u8.ToArray(), "\"id\":\"\","u8.ToArray(),
    ];

    /// <summary>
    /// A JSON string literal of <paramref name="s"/>: control characters escaped; a lone surrogate escaped as it is
    /// (which the server must refuse) when <paramref name="loneSurrogates"/>, else replaced by U+FFFD.
    /// </summary>
    private static string Json(string s, bool loneSurrogates = false)
    {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) => loneSurrogates ? $"\\u{(int)c:x4}" : "\ufffd",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    private static HttpCase Other(Random rng, string token)
    {
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
        string[] paths =
        [
            "/", "/search", "/api", "/api/", "/api/search", "/api/nope", "/openapi/v1.json", "/app.js", "/style.css", "/favicon.svg", "/documents/",
            "/documents/s1", "/api/documents", "/api/documents/s1", "/api/commit", "/health", "/x/../app.js", "/%2e%2e/etc/passwd", "/api/suggest", "/api/analyze",
        ];
        var path = rng.Next(5) == 0 ? "/" + Encode(Value(rng)) : paths[rng.Next(paths.Length)];
        var method = methods[rng.Next(methods.Length)];
        byte[]? body = method is "POST" or "PUT" or "PATCH" && rng.Next(2) == 0 ? Encoding.UTF8.GetBytes("{\"id\":\"o1\"}") : null;
        return new("other", method, path + (rng.Next(3) == 0 ? Query(rng, SearchParams) : ""), body, body is null ? null : "application/json", Auth(rng, token));
    }

    /// <summary>
    /// A request written byte for byte: broken percent-encoding, bytes that are not ASCII, control characters,
    /// an over-long target, odd methods and headers. Kestrel itself answers what is not HTTP (400, 414, 431).
    /// </summary>
    private static HttpCase RawCase(Random rng)
    {
        string[] routes = ["/api/search", "/search", "/api/documents/s1", "/documents/s1", "/api/suggest", "/api/analyze", "/"];
        string[] names = ["q", "text", "from", "size", "source", "year", "from_date", "sort", "exact", "syntax"];
        var target = new List<byte>(Encoding.ASCII.GetBytes(routes[rng.Next(routes.Length)]));
        if (rng.Next(6) == 0)
            target.AddRange(Encoding.ASCII.GetBytes("/" + new[] { "%zz", "%", "%4", "%2F..%2F", "%00", "%C3%28", ";x=1", "%u202e" }[rng.Next(8)]));
        target.Add((byte)'?');
        int n = rng.Next(1, 5);
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
                target.Add((byte)'&');
            target.AddRange(Encoding.ASCII.GetBytes(names[rng.Next(names.Length)] + "="));
            for (int k = rng.Next(1, 6); k > 0; k--)
            {
                target.AddRange(rng.Next(9) switch
                {
                    0 => "%zz"u8.ToArray(),
                    1 => "%"u8.ToArray(),
                    2 => "%E2%82"u8.ToArray(),
                    3 => "%ED%A0%80"u8.ToArray(),
                    4 => Records.Bytes[rng.Next(Records.Bytes.Length)],
                    5 => [(byte)rng.Next(0, 32)],
                    6 => Encoding.ASCII.GetBytes(new string('a', rng.Next(1000, 10_000))),
                    7 => "+%2B%20#frag"u8.ToArray(),
                    _ => Encoding.ASCII.GetBytes(EncodeBytes(RawBytes(rng))),
                });
            }
        }
        var method = rng.Next(12) == 0 ? new[] { "G(ET", "get", "GET GET", "" }[rng.Next(4)] : "GET";
        var request = new List<byte>(Encoding.ASCII.GetBytes(method + " "));
        request.AddRange(target);
        request.AddRange(Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        if (rng.Next(8) == 0)
            request.AddRange(rng.Next(2) == 0 ? "Host: evil.example\r\n"u8.ToArray() : Encoding.Latin1.GetBytes("X-Junk: \u00ff\u0001 " + new string('h', rng.Next(10, 40_000)) + "\r\n"));
        request.AddRange("Connection: close\r\n\r\n"u8.ToArray());
        return new("raw", method, Encoding.Latin1.GetString(target.ToArray()), Raw: request.ToArray());
    }

    private static byte[] RawBytes(Random rng)
    {
        var bytes = new List<byte>();
        for (int i = rng.Next(1, 6); i > 0; i--)
            bytes.AddRange(rng.Next(3) == 0 ? [(byte)rng.Next(256)] : Records.Bytes[rng.Next(Records.Bytes.Length)]);
        return bytes.ToArray();
    }

    /// <summary>UTF-8, every byte but the unreserved ones percent-encoded (a lone surrogate becomes U+FFFD's bytes).</summary>
    public static string Encode(string s) => EncodeBytes(Encoding.UTF8.GetBytes(s));

    private static string EncodeBytes(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
