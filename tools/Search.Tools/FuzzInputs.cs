using System.Globalization;
using System.Text;

namespace Search.Tools;

/// <summary>Random query text: pieces of both grammars, hostile characters and random noise.</summary>
internal static class Queries
{
    private static readonly string[] Words =
        ["Tehran", "Teheran", "تهران", "Houthi", "iran", "OR", "AND", "NOT", "the", "oil", "Qaddafi", "café", "=", "-", "+", "!", "\"", "\"\"", "OR OR", "=\"", "-\"", "naïve"];

    private static readonly string[] StrictPieces =
    [
        "title:", "body:", "source:", "id:", "exact:", "name:", "url:", "date:", "foo:", "lex:", "AND", "OR", "NOT", "&&", "||", "(", ")", "((", "))",
        "\"", "*", "?", "~", "~2", "~0.5", "^", "^2", "^-1", "[", "]", "{", "}", " TO ", "[a TO z]", "{* TO *}", "/", "/a.*/", "\\", ":", "+", "-", "!",
        "tehran", "ir*n", "ir?n", "te*", "t*a?b?", "x*a????", "\"iran talks\"~3", "oil~", "oil~1", "\u0000", "\t", "\n", " ", "  ",
    ];

    private static readonly string[] Hostile =
    [
        "\u0000", "\u202e", "\u202d", "\u200b", "\ufeff", "\ud800", "\udc00", "\ud83d\ude42", "\u0301", "ﷺ", "𝔘", "\r\n", "\u2028", "<script>", "&amp;", "'", "%00", "\\u0000",
    ];

    public static string Lenient(Random rng) => Build(rng, Words, maxLength: 1000);

    public static string Strict(Random rng) => Build(rng, StrictPieces, maxLength: 1000);

    private static string Build(Random rng, string[] pieces, int maxLength)
    {
        var sb = new StringBuilder();
        int kind = rng.Next(10);
        int parts = kind == 0 ? rng.Next(100, 400) : rng.Next(0, 12);
        for (int i = 0; i < parts && sb.Length < maxLength; i++)
        {
            int r = rng.Next(10);
            if (r < 5)
                sb.Append(pieces[rng.Next(pieces.Length)]);
            else if (r < 7)
                sb.Append(Hostile[rng.Next(Hostile.Length)]);
            else if (r < 9)
                sb.Append(RandomText.Chars(rng, rng.Next(1, 8)));
            else
                sb.Append(' ');
            if (rng.Next(3) == 0)
                sb.Append(' ');
        }
        if (kind == 1)
            sb.Insert(0, new string('(', rng.Next(1, 300)));
        var s = sb.ToString();
        return s.Length > maxLength ? s[..maxLength] : s;
    }
}

/// <summary>Random characters: printable, control, surrogates, other scripts.</summary>
internal static class RandomText
{
    public static string Chars(Random rng, int count)
    {
        var sb = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            sb.Append(rng.Next(6) switch
            {
                0 => (char)rng.Next(0, 32),
                1 => (char)rng.Next(0xD800, 0xE000), // lone surrogates
                2 => (char)rng.Next(0x0600, 0x06FF),
                3 => (char)rng.Next(0x80, 0x3000),
                _ => (char)rng.Next(32, 127),
            });
        }
        return sb.ToString();
    }
}

/// <summary>
/// Reader inputs: a good record, a mutated one, another good record (one mutated article for plain text), and
/// what must come out of them.
/// </summary>
internal static class Records
{
    /// <summary>The good documents and the lines they must be reported at.</summary>
    internal sealed record Expectation(IReadOnlyList<(long Line, NewsDocument Doc)> Good);

    public static (byte[] Bytes, Expectation Expect) Make(string target, Random rng) => target switch
    {
        "jsonl" => JsonLines(rng),
        "csv" => Csv(rng),
        _ => Text(rng),
    };

    private static NewsDocument Good(string id) =>
        new(id, "Talks in Tehran", "Iran said on Sunday it \"rejected\", with commas, the talks.\nSecond line.", new DateTime(2025, 3, 31, 0, 0, 0, DateTimeKind.Utc), "AP", "https://example.org/" + id);

    private static string Json(NewsDocument d) =>
        $"{{\"id\":\"{d.Id}\",\"title\":\"{d.Title}\",\"body\":{System.Text.Json.JsonSerializer.Serialize(d.Body)},\"date\":\"2025-03-31\",\"source\":\"{d.Source}\",\"url\":\"{d.Url}\"}}";

    private static (byte[], Expectation) JsonLines(Random rng)
    {
        var a = Good("good-a");
        var b = Good("good-b");
        var bad = Mutate(rng, Encoding.UTF8.GetBytes(Json(Good("x" + rng.Next(1000)))), JsonSpecials(rng));
        // Every line break in the mutated record starts a new line; the second good record comes after them.
        bad = bad.Where(x => x != (byte)'\r').ToArray();
        long lineB = 3 + bad.Count(x => x == (byte)'\n');
        var bytes = Concat(Encoding.UTF8.GetBytes(Json(a) + "\n"), bad, "\n"u8.ToArray(), Encoding.UTF8.GetBytes(Json(b) + "\n"));
        return (bytes, new Expectation([(1, a), (lineB, b)]));
    }

    private static (byte[], Expectation) Csv(Random rng)
    {
        var a = Good("good-a");
        var b = Good("good-b");
        static string Row(NewsDocument d) => $"{d.Id},{d.Title},\"{d.Body!.Replace("\"", "\"\"")}\",2025-03-31,{d.Source},{d.Url}";
        // The bad row starts without quotes, so that a quote in it is a mutation.
        var bad = Mutate(rng, Encoding.UTF8.GetBytes($"x{rng.Next(1000)},Talks in Tehran,Iran said on Sunday it rejected the talks.,2025-03-31,AP,https://example.org/x"), CsvSpecials(rng));
        bad = bad.Where(x => x != (byte)'\r').ToArray();
        // The good records each span two lines (a line break inside the quoted body).
        string header = rng.Next(4) == 0 ? "ID,Title,Body,Date,Source,Url" : "id,title,body,date,source,url";
        var bytes = Concat(Encoding.UTF8.GetBytes(header + "\n" + Row(a) + "\n"), bad, "\n"u8.ToArray(), Encoding.UTF8.GetBytes(Row(b) + "\n"));
        // A quote in the bad record may open a field that swallows what follows: then only the first is promised.
        var good = new List<(long, NewsDocument)> { (2, a) };
        if (!bad.Contains((byte)'"'))
            good.Add((4 + 1 + bad.Count(x => x == (byte)'\n'), b));
        return (bytes, new Expectation(good));
    }

    private static (byte[], Expectation) Text(Random rng)
    {
        var article = " date 2025-03-31 AP / World\n\nTalks in\nTehran\n\nIran said on Sunday it rejected the talks.\n\nA second paragraph.\n";
        return (Mutate(rng, Encoding.UTF8.GetBytes(article), TextSpecials(rng)), new Expectation([]));
    }

    private static byte[][] JsonSpecials(Random rng) =>
    [
        "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(), "\\u0000"u8.ToArray(), "1e999"u8.ToArray(), "-0"u8.ToArray(), "null"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('[', rng.Next(60, 2000))), Encoding.UTF8.GetBytes(new string('{', rng.Next(1, 100))),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, rng.Next(100, 3000)).Select(i => $"\"f{i}\":{i},"))),
        "\"id\":[1,2],"u8.ToArray(), "\"id\":\"\","u8.ToArray(), "\"id\":12345678901234567890123456789,"u8.ToArray(), "\"date\":\"2025-02-30\","u8.ToArray(),
        "\"id\":\"dup\",\"id\":\"dup2\","u8.ToArray(), Encoding.UTF8.GetBytes("\"id\":\"" + new string('i', rng.Next(500, 2000)) + "\","),
    ];

    private static byte[][] CsvSpecials(Random rng) =>
    [
        "\""u8.ToArray(), "\"\""u8.ToArray(), ","u8.ToArray(), ",,,,,,,,"u8.ToArray(), "\n"u8.ToArray(), "2025-13-45"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string(',', rng.Next(10, 5000))),
    ];

    private static byte[][] TextSpecials(Random rng) =>
    [
        "\n"u8.ToArray(), "\n\n\n"u8.ToArray(), " date "u8.ToArray(), "2025-02-30"u8.ToArray(), " / "u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('x', rng.Next(1000, 100_000))),
    ];

    internal static readonly byte[][] Bytes =
    [
        [0x00], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80, 0xAE], [0xEF, 0xBB, 0xBF], [0xC3], [0x80], [0xF0, 0x9F, 0x99, 0x82],
    ];

    /// <summary>1 to 4 mutations: flip, insert, delete, duplicate, truncate, special piece.</summary>
    internal static byte[] Mutate(Random rng, byte[] input, byte[][] specials)
    {
        var data = new List<byte>(input);
        int n = rng.Next(1, 5);
        for (int m = 0; m < n; m++)
        {
            int at = data.Count == 0 ? 0 : rng.Next(data.Count + 1);
            switch (rng.Next(7))
            {
                case 0 when data.Count > 0:
                    data[Math.Min(at, data.Count - 1)] = (byte)rng.Next(256);
                    break;
                case 1:
                    data.InsertRange(at, Bytes[rng.Next(Bytes.Length)]);
                    break;
                case 2 when data.Count > 0:
                    int len = Math.Min(rng.Next(1, 10), data.Count - Math.Min(at, data.Count - 1));
                    data.RemoveRange(Math.Min(at, data.Count - 1), len);
                    break;
                case 3 when data.Count > 0:
                    int from = rng.Next(data.Count);
                    data.InsertRange(at, data.GetRange(from, Math.Min(rng.Next(1, 20), data.Count - from)));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data.InsertRange(at, specials[rng.Next(specials.Length)]);
                    break;
            }
        }
        return data.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
