using System.Text;
using Search.Ingest;

namespace Search.Tools;

/// <summary>
/// The documents the crash child writes, as a pure function of (seed, number): the verifier regenerates the same
/// text to compare byte for byte. With a corpus, document <c>n</c> is the corpus's record <c>n mod count</c>
/// under the id <c>c{n}</c>; without one, generated text mixing scripts, accents and emoji.
/// </summary>
internal sealed class CrashDocuments
{
    private static readonly string[] Words =
    [
        "Tehran", "Teheran", "تهران", "Houthi", "Huthi", "Gaddafi", "Qaddafi", "Kadhafi", "oil", "prices", "talks",
        "ministers", "the", "a", "said", "on", "Sunday", "Zürich", "São", "Paulo", "naïve", "café", "Ελλάδα",
        "Москва", "北京", "🙂", "rebels", "missiles", "Red", "Sea", "agreement", "<b>", "&amp;", "\"quoted\"",
    ];

    private readonly int seed;
    private readonly List<NewsDocument>? corpus;

    public CrashDocuments(int seed, string? corpusPath, int maxCorpus = 50_000)
    {
        this.seed = seed;
        if (corpusPath is not null)
        {
            corpus = DocumentReader.Read(corpusPath).Where(r => r.Document is not null).Select(r => r.Document!).Take(maxCorpus).ToList();
            if (corpus.Count == 0)
                throw new ArgumentException($"The corpus '{corpusPath}' has no readable document.");
        }
    }

    public static string IdOf(long n) => "c" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long NumberOf(string id) => long.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    public NewsDocument Get(long n)
    {
        if (corpus is not null)
            return corpus[(int)(n % corpus.Count)] with { Id = IdOf(n) };
        var rng = new Random(SeedMix.Of(seed, n));
        return new NewsDocument(IdOf(n), Text(rng, 3, 12), Text(rng, 20, rng.Next(2) == 0 ? 80 : 600),
            new DateTime(1980 + rng.Next(45), 1 + rng.Next(12), 1 + rng.Next(28), 0, 0, 0, DateTimeKind.Utc),
            rng.Next(3) == 0 ? null : "Source " + rng.Next(20), null);
    }

    private static string Text(Random rng, int min, int max)
    {
        var sb = new StringBuilder();
        int words = rng.Next(min, max);
        for (int i = 0; i < words; i++)
        {
            if (i > 0)
                sb.Append(rng.Next(30) == 0 ? "\n\n" : " ");
            sb.Append(Words[rng.Next(Words.Length)]);
        }
        return sb.ToString();
    }
}
