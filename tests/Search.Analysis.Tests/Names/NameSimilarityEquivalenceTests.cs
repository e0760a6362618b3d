using System.IO.Compression;
using System.Text.Json;
using Search.Analysis.Names;
using Xunit.Abstractions;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// <see cref="NameSimilarity"/> (unit ids, cost arrays) against <see cref="ReferenceNameSimilarity"/> (the string
/// implementation it replaced, kept verbatim): the same units, and bit for bit the same distances (with a limit: up to
/// the limit + 1e-9; over it, over it too), budgets, similarities, alignments and rules, on many pairs of name forms in
/// both scripts. The words are the
/// variants of the development set (<c>../shared/names/dev.tsv</c>) when it is there, and always the titles of the
/// bundled sample documents and written examples (with letters of other alphabets and digits, which get their ids only
/// when first seen).
/// </summary>
public class NameSimilarityEquivalenceTests(ITestOutputHelper output)
{
    private sealed record Word(string Form, bool Arabic, string[] Units);

    private static readonly string[] Written =
    [
        "Qaddafi", "Gadhafi", "Kadhafi", "Khadafy", "Qadhdhafi", "Mecka", "Mecca", "Mekka", "Kajro", "Kayro", "Syrie", "Syria",
        "Dehli", "Delhi", "Ahmet", "Ahmad", "Mehmed", "Mehmet", "Houthis", "Houthi", "Alawites", "Alawite", "Jomeini", "Khomeini",
        "Khamenei", "Mumbaj", "Mumbai", "Dubaj", "Dubai", "Antalja", "Antalia", "Konja", "Konia", "Njala", "Sharjah", "Sharia",
        "Houcine", "Youcef", "Yusuf", "Istanbul", "Istambul", "Istampoul", "Rosoboronexport", "Rosoboroneksport", "Hocine",
        "Slimane", "Hussein", "Husseini", "Hossein", "Ghazzah", "Ghazza", "Gaza", "Giza", "Eddine", "Abbas", "Oman", "Amman",
        "Iran", "Iraq", "Hamas", "Hama", "Peshawar", "Peszawar", "Hüseyin", "Tehran", "Teheran", "Libya", "Antalya", "Natalya",
        "Mustafa", "Hezbollah", "Hizbullah", "Hizbollah", "Beirut", "Bayrut", "Berut", "Bayreuth", "Sadr", "Sard", "Hamsa", "Hamid",
        "Ahmed", "Karachi", "Wahran", "Oran", "Aleppo", "Alleppey", "Abdulsalam", "Abdussalam", "Muhammad", "Mohammed", "Mahmoud",
        "Said", "Amr", "Basra", "Bosra", "Sheikh", "Sheikha", "Jama'ah", "Jemaa", "Aviv", "Shanghai", "Kuang-chou", "Guangzhou",
        "Peking", "Beijing", "Sharqiya", "Sharqiyah", "Charia", "Djibouti", "Jibouti", "Ayyub", "Ayoub", "Kermanshahan", "Kermansah",
        "F16", "B52", "1990s", "Москва", "Moskva", "Αθήνα", "Athina", "Zürich", "Łódź", "Xinjiang", "Xi", "Ibn", "al-Qaeda", "Qaeda",
        "تهران", "القذافي", "قذافي", "خامنه‌ای", "خامنهای", "خمینی", "حزب الله", "حزب‌الله", "الحوثيون", "الحوثي", "سوريا", "سيرة",
        "سرية", "سريع", "محمد", "حسين", "حسيني", "عمان", "ممبای", "دبی", "پیشاور", "دیلهی", "دهلي", "دلهي", "بیروت", "ایران", "آنتالیا",
        "ئانتالیا", "كراتشي", "عباس", "عسيرية", "الدين", "مصطفى", "استانبول", "غزة", "جيزة", "البصرة", "بصرى", "عمر", "سعد", "حلب",
        "وهران", "بطهران", "الله", "عبدالسلام", "عبد السلام", "إبراهيم", "أحمد", "مؤمن", "القاعدة", "هنية", "عمالية",
    ];

    /// <summary>
    /// A few respellings of a written Latin word of the kinds romanisations differ by (e/i, ou/u, a/e, a doubled or
    /// undoubled consonant, a final h), so that many pairs are accepted even without the development set (CI may lack it).
    /// </summary>
    private static IEnumerable<string> Respellings(string w)
    {
        if (w.Any(NameForms.IsArabicLetter) || !w.All(char.IsAsciiLetter))
            yield break;
        static string First(string s, string from, string to) => s.IndexOf(from, StringComparison.Ordinal) is int i and >= 0 ? s[..i] + to + s[(i + from.Length)..] : s;
        yield return First(w, "e", "i");
        yield return First(w, "i", "e");
        yield return First(w, "ou", "u");
        yield return First(w, "u", "ou");
        yield return First(w, "a", "e");
        yield return "aeiou".Contains(w[^1]) ? w + "h" : w;
        for (int i = 1; i + 1 < w.Length; i++)
            if ("aeiou".Contains(w[i - 1]) && !"aeiouhwy".Contains(w[i]))
            {
                yield return w[i] == w[i + 1] ? w.Remove(i, 1) : w.Insert(i, w[i].ToString());
                break;
            }
    }

    private static IEnumerable<NameToken> Tokens(string text) =>
        NameSequence.Process(NameMatcher.Tokenize(text)).Where(t => t.Kind is not (NameTokenKind.Article or NameTokenKind.Raw));

    /// <summary>The words, the groups of the development set (each a list of word indexes) when it is there and of the
    /// written words with their respellings, and whether the development set was there.</summary>
    private (List<Word> Words, List<List<int>> Groups, bool Dev) Load()
    {
        var words = new List<Word>();
        var index = new Dictionary<(string, bool), int>();
        int Add(NameToken t)
        {
            if (!index.TryGetValue((t.Form, t.Arabic), out int k))
            {
                index[(t.Form, t.Arabic)] = k = words.Count;
                words.Add(new Word(t.Form, t.Arabic, ReferenceNameSimilarity.Units(t.Form, t.Arabic)));
            }
            return k;
        }
        var groups = new List<List<int>>();
        string? dev = DevSet();
        if (dev != null)
        {
            var byGroup = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(dev).Skip(1))
            {
                var f = line.Split('\t');
                if (!byGroup.TryGetValue(f[0], out var members))
                    byGroup[f[0]] = members = [];
                foreach (var t in Tokens(f[1]))
                    members.Add(Add(t));
            }
            groups.AddRange(byGroup.Values.Select(g => g.Distinct().ToList()));
        }
        output.WriteLine(dev != null ? $"development set: {words.Count} words in {groups.Count} groups" : "no ../shared/names/dev.tsv: bundled and written words only");
        // A written word and its respellings are a group too: variants of each other, compared always, so that many
        // compared pairs are accepted ones whatever the sample below draws.
        foreach (var w in Written)
        {
            var members = new List<int>();
            foreach (var spelling in Respellings(w).Prepend(w))
                foreach (var t in Tokens(spelling))
                    members.Add(Add(t));
            groups.Add(members.Distinct().ToList());
        }
        int before = words.Count;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "index-data", "docs"), "*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            int titles = 0;
            while (reader.ReadLine() is { } line && titles++ < 300)
            {
                using var doc = JsonDocument.Parse(line);
                foreach (var t in Tokens(doc.RootElement.GetProperty("title").GetString() ?? ""))
                    Add(t);
            }
        }
        output.WriteLine($"{words.Count} words ({words.Count(w => w.Arabic)} in Arabic script), {words.Count - before} from the bundled titles");
        return (words, groups, dev != null);
    }

    private static string? DevSet()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot()); dir != null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "names", "dev.tsv");
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no Search.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// The ordered pairs to compare: every pair inside a group of the development set, every pair the matcher's
    /// candidate stage would score (keys near, lengths fitting) for a seeded sample of about <paramref name="queryWords"/>
    /// query words, and seeded random pairs.
    /// </summary>
    private static List<(int A, int B)> Pairs(List<Word> words, List<List<int>> groups, int queryWords, int randomPairs, int maxCandidatePairs)
    {
        var pairs = new HashSet<(int, int)>();
        foreach (var g in groups)
            foreach (int a in g)
                foreach (int b in g)
                    if (a != b)
                        pairs.Add((a, b));
        var keys = words.Select(w => NameKeys.Key(w.Units, w.Arabic)).ToArray();
        var candidates = new List<(int, int)>();
        var random = new Random(20261130);
        // Query words: a seeded sample (every word against every word would take long for little more).
        foreach (int a in Enumerable.Range(0, words.Count).Where(_ => random.Next(words.Count) < queryWords))
            for (int b = 0; b < words.Count; b++)
                if (a != b && Math.Abs(keys[a].Length - keys[b].Length) <= 2 &&
                    NameMatcher.IsCandidate(keys[a], words[a].Units, words[a].Arabic, keys[b], words[b].Units, words[b].Arabic))
                    candidates.Add((a, b));
        if (candidates.Count > maxCandidatePairs)
            candidates = candidates.OrderBy(_ => random.Next()).Take(maxCandidatePairs).ToList();
        pairs.UnionWith(candidates);
        for (int k = 0; k < randomPairs; k++)
            pairs.Add((random.Next(words.Count), random.Next(words.Count)));
        return pairs.OrderBy(p => p).ToList();
    }

    private static void Same(double expected, double actual, string what, List<string> failures)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual) && failures.Count < 20)
            failures.Add($"{what}: {expected:R} (reference) vs {actual:R}");
    }

    /// <summary>
    /// A distance computed with a limit: the same bits up to limit + 1e-9 (all that Similarity and the cost learner read);
    /// over it, only over it too, unless <paramref name="exact"/> (costs below zero: the cells over the limit are all
    /// worked out).
    /// </summary>
    private static void SameUpTo(double limit, double expected, double actual, string what, List<string> failures, bool exact)
    {
        if (exact || expected <= limit + 1e-9)
            Same(expected, actual, what, failures);
        else if (!(actual > limit + 1e-9) && failures.Count < 20)
            failures.Add($"{what}: {expected:R} (reference) is over the limit, {actual:R} is not");
    }

    private static void Compare(ReferenceNameSimilarity reference, NameSimilarity similarity, Word a, Word b, bool explain, List<string> failures, bool exactOverLimit)
    {
        var fa = UnitForm.Of(a.Form, a.Arabic);
        var fb = UnitForm.Of(b.Form, b.Arabic);
        string pair = $"{a.Form} ({(a.Arabic ? "Arab" : "Latn")}) ~ {b.Form} ({(b.Arabic ? "Arab" : "Latn")})";
        double budget = reference.BudgetFor(a.Units, a.Arabic, b.Units, b.Arabic);
        Same(budget, similarity.BudgetFor(a.Units, a.Arabic, b.Units, b.Arabic), pair + " budget", failures);
        Same(reference.Distance(a.Units, a.Arabic, b.Units, b.Arabic), similarity.Distance(fa, fb), pair + " distance", failures);
        foreach (double limit in new[] { budget, budget * 0.5, budget * 1.3, budget * 2.5, 0 })
            SameUpTo(limit, reference.Distance(a.Units, a.Arabic, b.Units, b.Arabic, limit), similarity.Distance(fa, fb, limit), $"{pair} distance, limit {limit:R}", failures, exactOverLimit);
        SameUpTo(budget, reference.Distance(a.Units, a.Arabic, b.Units, b.Arabic, budget), similarity.Distance(a.Units, a.Arabic, b.Units, b.Arabic, budget), pair + " distance of string units", failures, exactOverLimit);
        Same(reference.Similarity(a.Units, a.Arabic, b.Units, b.Arabic), similarity.Similarity(fa, fb), pair + " similarity", failures);
        Same(reference.Similarity(a.Units, a.Arabic, b.Units, b.Arabic, 0.5), similarity.Similarity(fa, fb, 0.5), pair + " similarity, joined", failures);
        Same(reference.Similarity(a.Form, a.Arabic, b.Form, b.Arabic), similarity.Similarity(a.Form, a.Arabic, b.Form, b.Arabic), pair + " similarity of forms", failures);
        if (!explain)
            return;
        var rulesRef = new List<string>();
        var rules = new List<string>();
        var ops = string.Join("  ", reference.Explain(a.Units, a.Arabic, b.Units, b.Arabic, rulesRef));
        var opsNew = string.Join("  ", similarity.Explain(a.Units, a.Arabic, b.Units, b.Arabic, rules));
        if ((ops != opsNew || !rulesRef.SequenceEqual(rules)) && failures.Count < 20)
            failures.Add($"{pair} explain: {ops} [{string.Join(", ", rulesRef)}] (reference) vs {opsNew} [{string.Join(", ", rules)}]");
    }

    private void Run(ReferenceNameSimilarity reference, NameSimilarity similarity, int queryWords, int randomPairs, int maxCandidatePairs, int explainEvery, bool exactOverLimit = false)
    {
        var (words, groups, dev) = Load();
        var failures = new List<string>();
        foreach (var w in words)
        {
            var units = NameSimilarity.Units(w.Form, w.Arabic);
            if (!units.SequenceEqual(w.Units, StringComparer.Ordinal) && failures.Count < 20)
                failures.Add($"units of {w.Form}: {string.Join(" ", w.Units)} (reference) vs {string.Join(" ", units)}");
            if (!UnitForm.Of(w.Form, w.Arabic).Units().SequenceEqual(w.Units, StringComparer.Ordinal) && failures.Count < 20)
                failures.Add($"unit form of {w.Form}: {string.Join(" ", UnitForm.Of(w.Form, w.Arabic).Units())}");
        }
        var pairs = Pairs(words, groups, queryWords, randomPairs, maxCandidatePairs);
        int accepted = 0;
        for (int k = 0; k < pairs.Count; k++)
        {
            var (a, b) = pairs[k];
            Compare(reference, similarity, words[a], words[b], k % explainEvery == 0, failures, exactOverLimit);
            if (similarity.Similarity(words[a].Units, words[a].Arabic, words[b].Units, words[b].Arabic) > 0)
                accepted++;
        }
        output.WriteLine($"{pairs.Count} ordered pairs compared ({accepted} accepted), {pairs.Count / explainEvery + 1} alignments explained");
        // Without the development set (a checkout without ../shared) there are fewer pairs, and far fewer of them are
        // variants of each other.
        Assert.True(pairs.Count > (dev ? 15_000 : randomPairs), $"only {pairs.Count} pairs");
        int minAccepted = dev ? 1_000 : 100;
        Assert.True(accepted > minAccepted, $"only {accepted} accepted pairs");
        Assert.Empty(failures);
    }

    [Fact]
    public void The_similarity_is_bit_for_bit_the_reference_on_many_pairs_in_both_scripts() =>
        Run(ReferenceNameSimilarity.Default, NameSimilarity.Default, queryWords: 1_500, randomPairs: 30_000, maxCandidatePairs: 80_000, explainEvery: 5);

    [Fact]
    public void Also_with_other_costs_the_splits_and_transpositions_switched_off_and_the_costs_changed_in_place()
    {
        // A tuning grid point (NameCosts.With) that switches the group splits and transpositions off, then a cost
        // changed in place through Set, as the cost learner does between epochs: both similarities read the same
        // NameCosts object, and the tables follow the change.
        var costs = NameSimilarity.Default.Costs.With(new Dictionary<string, double> { ["group-split"] = -1, ["transpose"] = -1, ["glide-j"] = 0.05 });
        var reference = new ReferenceNameSimilarity(costs);
        var similarity = new NameSimilarity(costs);
        Run(reference, similarity, queryWords: 500, randomPairs: 10_000, maxCandidatePairs: 15_000, explainEvery: 5);
        costs.Set("sub e i", 0.9);
        costs.Set("param xdel-short-vowel", 0.2);
        costs.Set("cross ḥ h", 0.7);
        costs.Set("adel ʿ", 0.05);
        costs.Set("param group-split", 0.05);
        Run(reference, similarity, queryWords: 500, randomPairs: 10_000, maxCandidatePairs: 15_000, explainEvery: 5);
        // A cost below zero (no cost file has one): the distances over the limit are then computed in full, as before.
        costs.Set("param final-h-del", -0.05);
        costs.Set("sub a o", -0.1);
        Run(reference, similarity, queryWords: 300, randomPairs: 5_000, maxCandidatePairs: 5_000, explainEvery: 5, exactOverLimit: true);
    }

    [Fact]
    public void Units_first_seen_on_many_threads_at_once_get_one_id_each()
    {
        // Letters no rule file names get their ids when first seen; threads that meet them at once must agree.
        var forms = Enumerable.Range(0, 400).Select(k => $"{(char)(0x0400 + k)}{(char)(0x0400 + k)}a{(char)(0x1F00 + k % 200)}x{k}").ToArray();
        var reference = ReferenceNameSimilarity.Default;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, forms.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            string a = forms[k % forms.Length], b = forms[(k * 7 + 3) % forms.Length];
            if (!NameSimilarity.Units(a, false).SequenceEqual(ReferenceNameSimilarity.Units(a, false), StringComparer.Ordinal))
                failures.Add("units of " + a);
            double expected = reference.Distance(a, false, b, false), actual = NameSimilarity.Default.Distance(a, false, b, false);
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                failures.Add($"{a} ~ {b}: {expected:R} vs {actual:R}");
        });
        Assert.Empty(failures);
    }
}
