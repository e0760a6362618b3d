using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

// A verbatim copy of NameSimilarity as it was at 1a226f1 (string units, costs looked up by string), kept as the
// reference the faster NameSimilarity must agree with to the bit (NameSimilarityEquivalenceTests). Do not edit
// it to follow later changes of the similarity: a change of costs or rules is made in both, on purpose.
/// <summary>
/// The transliteration-aware similarity of two name forms: a weighted edit distance over letter groups
/// (<c>kh</c>, <c>sh</c>, <c>ou</c>, <c>ei</c> ... as units; doubled consonants as one unit), with costs from
/// <c>Rules/names/similarity-costs.txt</c>, and an edit budget that shrinks for short names.
/// Across scripts (a Latin form against a form romanised from Arabic script) the short vowels that Arabic
/// script does not write cost almost nothing, long vowels and consonants keep their price.
/// Thread-safe; the instance holds only immutable tables.
/// </summary>
internal sealed class ReferenceNameSimilarity
{
    private const char DoubledMark = '\u02D0';

    /// <summary>The similarity with the embedded rule files.</summary>
    internal static ReferenceNameSimilarity Default { get; } = new(NameCosts.Load());

    private readonly NameCosts costs;

    internal ReferenceNameSimilarity(NameCosts costs) => this.costs = costs;

    /// <summary>The cost tables (for tuning).</summary>
    internal NameCosts Costs => costs;

    /// <summary>Splits a form into units. Arabic-script romanisations: one letter a unit, except the groups listed (<c>āī</c>).</summary>
    internal static string[] Units(string form, bool arabic)
    {
        var units = new List<string>(form.Length);
        int i = 0;
        while (i < form.Length)
        {
            if (arabic)
            {
                // An alef that starts a word only carries its vowel (Ibrahim, Ahmad, Urmia): a vowel seat, like hamza.
                if (i == 0 && form[0] == 'ā' && form.Length > 1)
                {
                    units.Add("ʾ");
                    i++;
                    continue;
                }
                if (i + 1 < form.Length && ((form[i] == 'ā' && form[i + 1] == 'ī') || (form[i] == 'ī' && form[i + 1] == 'ī') || (form[i] == 'ū' && form[i + 1] == 'ū')))
                {
                    units.Add(form.Substring(i, 2));
                    i += 2;
                    continue;
                }
                // Arabic script writes "ch" of foreign names as t + sh (كراتشي Karachi).
                if (i + 1 < form.Length && form[i] == 't' && form[i + 1] == 'š')
                {
                    units.Add("tš");
                    i += 2;
                    continue;
                }
                units.Add(form[i].ToString());
                i++;
                continue;
            }
            string? group = null;
            foreach (var g in NameCosts.LatinGroups)
            {
                if (string.CompareOrdinal(form, i, g, 0, g.Length) == 0)
                {
                    group = g;
                    break;
                }
            }
            if (group != null)
            {
                // A doubled digraph (Qadhdhafi) is one doubled unit.
                bool doubled = group.Length == 2 && !IsVowel(group[0]) && string.CompareOrdinal(form, i + 2, group, 0, 2) == 0;
                units.Add(doubled ? group + DoubledMark : group);
                i += doubled ? 4 : group.Length;
                continue;
            }
            char c = form[i];
            // ck is a doubled k (Mekka, Mecka ~ Mecca).
            if (c == 'c' && i + 1 < form.Length && form[i + 1] == 'k')
            {
                units.Add("k" + DoubledMark);
                i += 2;
                continue;
            }
            // x inside a word is k + s (Rosoboronexport ~ Rosoboroneksport).
            if (c == 'x' && i > 0)
            {
                units.Add("k");
                units.Add("s");
                i++;
                continue;
            }
            if (i + 1 < form.Length && form[i + 1] == c && !IsVowel(c))
            {
                units.Add(c.ToString() + DoubledMark);
                i += 2;
                continue;
            }
            units.Add(c.ToString());
            i++;
        }
        return units.ToArray();
    }

    private static bool IsArabicVowel(string u) => u is "ā" or "ū" or "ī" or "āī" or "īī" or "ūū" or "ė" or "ë" or "ê" or "ô";

    internal static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsVowelUnit(string u) => u.Length > 0 && IsVowel(u[0]);

    private static string Base(string u) => u.Length >= 2 && u[^1] == DoubledMark ? u[..^1] : u;

    private static bool PlainVowel(string u) => IsVowelUnit(u) && !u.Contains('y') && !u.Contains('w');

    private static bool IsDoubled(string u) => u.Length >= 2 && u[^1] == DoubledMark;

    // The consonant of each Latin article that opens with a vowel (al, ad, ash ...).
    private static readonly HashSet<string> SunLetters = RuleParsers.Fields("names/articles.txt")
        .Where(f => f[0] == "article" && f[1].Length >= 2 && IsVowel(f[1][0]) && !IsVowel(f[1][1]))
        .Select(f => f[1][1..])
        .ToHashSet();

    /// <summary>The edit budget for a name of <paramref name="units"/> units: short names must be nearly identical.</summary>
    internal double Budget(int units) =>
        Math.Clamp(costs.Param("budget-per-unit") * (units - 1) + costs.Param("budget-long-per-unit") * Math.Max(0, units - costs.Param("budget-long-from")),
            costs.Param("budget-min"), costs.Param("budget-max"));

    /// <summary>
    /// The distance between two forms, each with its script (true: romanised from Arabic script).
    /// <paramref name="limit"/> lets the computation stop early once every path costs more.
    /// </summary>
    internal double Distance(string a, bool aArabic, string b, bool bArabic, double limit = double.MaxValue) =>
        Distance(Units(a, aArabic), aArabic, Units(b, bArabic), bArabic, limit);

    /// <summary>The distance between two unit sequences.</summary>
    internal double Distance(string[] a, bool aArabic, string[] b, bool bArabic, double limit = double.MaxValue)
    {
        // Across scripts, the Arabic side is always "a".
        if (!aArabic && bArabic)
        {
            (a, b) = (b, a);
            (aArabic, bArabic) = (bArabic, aArabic);
        }
        int n = a.Length, m = b.Length;
        var prev2 = new double[m + 1];
        var prev = new double[m + 1];
        var cur = new double[m + 1];
        prev[0] = 0;
        for (int j = 1; j <= m; j++)
            prev[j] = prev[j - 1] + Delete(b, j - 1, bArabic, a, aArabic);
        bool split = !aArabic && !bArabic && costs.Param("group-split") >= 0;
        double prevMin = 0;
        for (int i = 1; i <= n; i++)
        {
            cur[0] = prev[0] + Delete(a, i - 1, aArabic, b, bArabic);
            double rowMin = cur[0];
            for (int j = 1; j <= m; j++)
            {
                double best = Cell(a, aArabic, b, bArabic, i, j, split, prev2, prev, cur);
                cur[j] = best;
                if (best < rowMin) rowMin = best;
            }
            // A transposition or a group split reaches back two rows, so a path can still come in under the limit
            // from the row before this one: stop only when both rows are over it (Dehli ~ Delhi, دهلي ~ دلهي).
            if (rowMin > limit && prevMin > limit)
                return Math.Min(rowMin, prevMin);
            prevMin = rowMin;
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[m];
    }

    /// <summary>
    /// One cell of the alignment: the cheapest way to align a[..i] with b[..j] from the cells before it (row
    /// <paramref name="prev2"/> is i − 2, <paramref name="prev"/> i − 1, <paramref name="cur"/> i). The one place the
    /// edits are listed, for <see cref="Distance(string[], bool, string[], bool, double)"/> and <see cref="Explain(string[], bool, string[], bool, List{string}?)"/>.
    /// </summary>
    private double Cell(string[] a, bool aArabic, string[] b, bool bArabic, int i, int j, bool split, double[] prev2, double[] prev, double[] cur)
    {
        int n = a.Length, m = b.Length;
        bool final = i == n && j == m;
        double best = prev[j - 1] + SubstituteAt(a, aArabic, i - 1, b, bArabic, j - 1, final);
        best = Math.Min(best, prev[j] + Delete(a, i - 1, aArabic, b, bArabic));
        best = Math.Min(best, cur[j - 1] + Delete(b, j - 1, bArabic, a, aArabic));
        if (split)
        {
            if (j >= 2 && SplitCost(a[i - 1], b[j - 2], b[j - 1], final, IsGlideJ(b, j - 1)) is double s1)
                best = Math.Min(best, prev[j - 2] + s1);
            if (i >= 2 && SplitCost(b[j - 1], a[i - 2], a[i - 1], final, IsGlideJ(a, i - 1)) is double s2)
                best = Math.Min(best, prev2[j - 1] + s2);
        }
        if (i >= 2 && j >= 2 && TransposeCost(a[i - 2], a[i - 1], b[j - 2], b[j - 1]) is double t)
            best = Math.Min(best, prev2[j - 2] + t);
        return best;
    }

    /// <summary>
    /// A letter group against two units of the other form, letter by letter (<c>ay</c> ~ <c>a j</c>: Kayro ~ Kajro;
    /// <c>ie</c> ~ <c>i a</c>: Syrie ~ Syria), plus <c>param group-split</c>; null when the unit is no plain group.
    /// <paramref name="yGlide"/>: <paramref name="y"/> is a glide j (see <see cref="SubstituteAt"/>).
    /// </summary>
    private double? SplitCost(string group, string x, string y, bool final, bool yGlide, List<string>? rules = null)
    {
        if (group.Length != 2 || IsDoubled(group) || IsDoubled(x) || IsDoubled(y))
            return null;
        string g0 = group[..1], g1 = group[1..];
        double c0 = 0, c1 = 0;
        if (g0 != x)
        {
            rules?.Add($"sub {g0} {x}");
            c0 = costs.Sub(g0, x) ?? SubDefault(g0, x);
        }
        if (g1 != y)
        {
            rules?.Add($"sub {g1} {y}");
            c1 = costs.Sub(g1, y) ?? SubDefault(g1, y);
            if (final && IsVowelUnit(g1) && IsVowelUnit(y))
                c1 *= Param(rules, "final-vowel-sub-factor");
            c1 = Lowered(c1, yGlide && g1 is "i" or "y", "glide-j", rules);
        }
        return c0 + c1 + Param(rules, "group-split");
    }

    /// <summary>
    /// Two neighbouring units in the other order when one is an h and the other a consonant (Dehli ~ Delhi),
    /// <c>param transpose</c>; null otherwise. Other swaps are not cheap: Sadr is not Sard, Hamas is not Hamsa,
    /// Ahmed is not Hamid.
    /// </summary>
    private double? TransposeCost(string a0, string a1, string b0, string b1)
    {
        double t = costs.Param("transpose");
        if (t < 0 || a0 == a1 || Base(a0) != Base(b1) || Base(a1) != Base(b0) || !((Base(a0) == "h" && !IsVowelUnit(Base(a1))) || (Base(a1) == "h" && !IsVowelUnit(Base(a0)))))
            return null;
        return t;
    }

    /// <summary>The cheapest alignment of two forms, one edit a line (for tuning and for explaining a rejection).</summary>
    internal List<string> Explain(string[] a, bool aArabic, string[] b, bool bArabic) => Explain(a, aArabic, b, bArabic, null);

    /// <summary>
    /// The cheapest alignment, one edit a line; <paramref name="rules"/>, when given, receives the cost rule of
    /// every edit that costs something (the lines of <c>similarity-costs.txt</c> they use, for learning them).
    /// </summary>
    internal List<string> Explain(string[] a, bool aArabic, string[] b, bool bArabic, List<string>? rules)
    {
        if (!aArabic && bArabic)
        {
            (a, b) = (b, a);
            (aArabic, bArabic) = (bArabic, aArabic);
        }
        int n = a.Length, m = b.Length;
        var rows = new double[n + 1][];
        for (int i = 0; i <= n; i++)
            rows[i] = new double[m + 1];
        bool split = !aArabic && !bArabic && costs.Param("group-split") >= 0;
        for (int j = 1; j <= m; j++) rows[0][j] = rows[0][j - 1] + Delete(b, j - 1, bArabic, a, aArabic);
        for (int i = 1; i <= n; i++)
        {
            rows[i][0] = rows[i - 1][0] + Delete(a, i - 1, aArabic, b, bArabic);
            for (int j = 1; j <= m; j++)
                rows[i][j] = Cell(a, aArabic, b, bArabic, i, j, split, i >= 2 ? rows[i - 2] : rows[0], rows[i - 1], rows[i]);
        }
        double D(int i, int j) => rows[i][j];
        var ops = new List<string>();
        int x = n, y = m;
        while (x > 0 || y > 0)
        {
            if (split && x > 0 && y >= 2 && SplitCost(a[x - 1], b[y - 2], b[y - 1], x == n && y == m, IsGlideJ(b, y - 1)) is double c1 && Math.Abs(D(x, y) - D(x - 1, y - 2) - c1) < 1e-9)
            {
                ops.Add($"{a[x - 1]}→{b[y - 2]} {b[y - 1]} {c1:0.##}");
                SplitCost(a[x - 1], b[y - 2], b[y - 1], x == n && y == m, IsGlideJ(b, y - 1), rules);
                x--; y -= 2;
            }
            else if (split && x >= 2 && y > 0 && SplitCost(b[y - 1], a[x - 2], a[x - 1], x == n && y == m, IsGlideJ(a, x - 1)) is double c2 && Math.Abs(D(x, y) - D(x - 2, y - 1) - c2) < 1e-9)
            {
                ops.Add($"{a[x - 2]} {a[x - 1]}→{b[y - 1]} {c2:0.##}");
                SplitCost(b[y - 1], a[x - 2], a[x - 1], x == n && y == m, IsGlideJ(a, x - 1), rules);
                x -= 2; y--;
            }
            else if (x >= 2 && y >= 2 && TransposeCost(a[x - 2], a[x - 1], b[y - 2], b[y - 1]) is double t && Math.Abs(D(x, y) - D(x - 2, y - 2) - t) < 1e-9)
            {
                ops.Add($"{a[x - 2]}{a[x - 1]}↔{b[y - 2]}{b[y - 1]} {t:0.##}");
                rules?.Add("param transpose");
                x -= 2; y -= 2;
            }
            else if (x > 0 && y > 0 && Math.Abs(D(x, y) - D(x - 1, y - 1) - SubstituteAt(a, aArabic, x - 1, b, bArabic, y - 1, x == n && y == m)) < 1e-9)
            {
                double c = D(x, y) - D(x - 1, y - 1);
                if (c > 0)
                {
                    ops.Add($"{a[x - 1]}→{b[y - 1]} {c:0.##}");
                    if (rules != null)
                        SubstituteAt(a, aArabic, x - 1, b, bArabic, y - 1, x == n && y == m, rules);
                }
                x--; y--;
            }
            else if (x > 0 && Math.Abs(D(x, y) - D(x - 1, y) - Delete(a, x - 1, aArabic, b, bArabic)) < 1e-9)
            {
                ops.Add($"-{a[x - 1]} {D(x, y) - D(x - 1, y):0.##}");
                if (rules != null)
                    Delete(a, x - 1, aArabic, b, bArabic, rules);
                x--;
            }
            else
            {
                ops.Add($"+{b[y - 1]} {D(x, y) - D(x, y - 1):0.##}");
                if (rules != null)
                    Delete(b, y - 1, bArabic, a, aArabic, rules);
                y--;
            }
        }
        ops.Reverse();
        return ops;
    }

    /// <summary>
    /// The similarity in [0, 1] when the two forms are accepted as spellings of one name, or a negative
    /// number when they are not: 1 for identical forms, falling to about 0.5 at the edge of the budget.
    /// </summary>
    internal double Similarity(string[] a, bool aArabic, string[] b, bool bArabic, double budgetScale = 1.0)
    {
        double budget = BudgetFor(a, aArabic, b, bArabic) * budgetScale;
        double d = Distance(a, aArabic, b, bArabic, budget);
        if (d > budget + 1e-9)
            return -1;
        return 1.0 - 0.5 * (d / Math.Max(budget, 1e-6));
    }

    /// <summary>The similarity of two forms (see the unit overload).</summary>
    internal double Similarity(string a, bool aArabic, string b, bool bArabic) =>
        Similarity(Units(a, aArabic), aArabic, Units(b, bArabic), bArabic);

    /// <summary>The budget for a pair: from the length of the Latin side (Arabic script writes no short vowels), or the shorter side.</summary>
    internal double BudgetFor(string[] a, bool aArabic, string[] b, bool bArabic)
    {
        if (aArabic != bArabic)
        {
            // Across scripts the budget follows the Latin side's length, without the extra of long names and under
            // its own cap.
            // Arabic script writes every consonant and long vowel, so its length bounds the budget too: a short
            // Arabic-script word must not reach a long Latin one through the Latin side's cheap short vowels.
            var latin = aArabic ? b : a;
            var written = aArabic ? a : b;
            double crossUnits = Math.Min(latin.Length, written.Length * costs.Param("budget-cross-arabic-scale"));
            double basis = Math.Clamp(costs.Param("budget-per-unit") * (crossUnits - 1), costs.Param("budget-min"), costs.Param("budget-cross-max"));
            return basis * costs.Param("budget-cross-factor");
        }
        double longer = Math.Min(Math.Max(a.Length, b.Length), Math.Min(a.Length, b.Length) + costs.Param("budget-growth-max"));
        double units = costs.Param("budget-length-mix") * Math.Min(a.Length, b.Length) + (1 - costs.Param("budget-length-mix")) * longer;
        if (aArabic)
            return Budget((int)Math.Round(units * 1.5));
        return Budget((int)Math.Round(units));
    }

    // Each cost function can name the rule it applied (a line of similarity-costs.txt, "sub e i", "param
    // doubling", or the line a fallback would become), so the costs can be learned from aligned pairs.

    /// <summary>
    /// <see cref="Substitute"/> of a[<paramref name="i"/>] and b[<paramref name="j"/>], with the costs that depend on
    /// the neighbouring units: a Latin j after a vowel and before no vowel is the glide i/y of Polish, Czech and
    /// German spellings (Mumbaj, Dubaj, Kajro), <c>param glide-j</c>; before a vowel it stays a consonant (Sharjah is
    /// not Sharia); a c before e, i or y against s, <c>param soft-c</c>; and an n and an m before b or p,
    /// <c>param nasal-assimilation</c>.
    /// </summary>
    private double SubstituteAt(string[] a, bool aArabic, int i, string[] b, bool bArabic, int j, bool final, List<string>? rules = null)
    {
        double cost = Substitute(a[i], aArabic, b[j], bArabic, final, i == a.Length - 1, rules, VowelWriting(a, aArabic, bArabic));
        // An opening yeh is the consonant y: not a Latin opening vowel before a consonant (Islam is not يسلم).
        if (i == 0 && j == 0 && aArabic && !bArabic && a[0] == "ī" && b.Length > 1 && b[0].Length == 1 && IsVowel(b[0][0]) && !IsVowelUnit(Base(b[1])))
            cost = Math.Max(cost, Param(rules, "cross-initial-yeh-vowel"));
        // English vowels between consonants, written by their sound: the long i before one consonant and an e (Biden
        // بايدن), the short u closed by two consonants, not r or l first (Trump ترامب).
        if (aArabic && !bArabic && j > 0 && j + 1 < b.Length && !IsVowelUnit(Base(b[j - 1])) && !IsVowelUnit(Base(b[j + 1])))
        {
            bool single = !IsDoubled(b[j + 1]) && b[j + 1] is not ("h" or "w" or "y");
            if (a[i] == "āī" && b[j] == "i" && single && j + 2 < b.Length && Base(b[j + 2]) == "e")
                cost = Lowered(cost, true, "english-long-i", rules);
            else if (a[i] == "ā" && b[j] == "u" && single && b[j + 1] is not ("r" or "l") && j + 2 < b.Length && !IsVowelUnit(Base(b[j + 2])))
                cost = Lowered(cost, true, "english-short-u", rules);
            else if (a[i] == "ā" && b[j] == "o" && b[j + 1] == "w" && i + 1 < a.Length && a[i + 1] == "ū")
                cost = Lowered(cost, true, "english-ow", rules);
        }
        // A foreign name spelt by its sound writes every vowel: a yeh inside it is the e of Kennedy (كينيدي).
        cost = Lowered(cost, i + 1 < a.Length && Base(a[i]) == "ī" && Base(b[j]) == "e" && Plene(a, aArabic, b, bArabic), "plene-yeh-e", rules);
        bool latin = !aArabic && !bArabic;
        cost = Lowered(cost, latin && (IsGlideJ(a, i) && Base(b[j]) is "i" or "y" || IsGlideJ(b, j) && Base(a[i]) is "i" or "y"), "glide-j", rules);
        // ... and across scripts the ending ای (āī) that glide closes (ممبای ~ Mumbaj, دبی ~ Dubaj).
        cost = Lowered(cost, aArabic && !bArabic && a[i] == "āī" && IsGlideJ(b, j), "glide-j", rules);
        // A c before e, i or y is said s in French and English spellings (Houcine, Youcef); elsewhere it is k.
        cost = Lowered(cost, (latin || aArabic && !bArabic) && (IsSoftC(a, i) && Base(b[j]) == "s" || IsSoftC(b, j) && Base(a[i]) == "s"), "soft-c", rules,
            IsDoubled(a[i]) != IsDoubled(b[j]) ? costs.Param("doubling") : 0);
        // n before b or p is said m, and some spellings write it so (Istanbul/Istambul, استانبول/Istampoul).
        cost = Lowered(cost, IsNasalPair(a, i, b, j), "nasal-assimilation", rules);
        // Persian and Urdu spellings write the e after a word's first consonant with a yeh (پیشاور Peshawar, دیلهی
        // Delhi, بیروت Berut); further in, a yeh is evidence of an i (خمینی is Khomeini, not Khamenei), and after an
        // opening alef it is the i of Iran (ایران is not Wehran).
        return Lowered(cost, aArabic && !bArabic && i == 1 && j == 1 && a[i] == "ī" && Base(b[j]) == "e" && a[0] != "ʾ" && !IsVowelUnit(Base(b[0])), "first-syllable-yeh-e", rules);
    }

    /// <summary>
    /// <paramref name="cost"/>, or the context cost <c>param <paramref name="param"/></c> (plus <paramref name="extra"/>)
    /// when <paramref name="applies"/> and it is lower; the param is recorded as the rule applied then.
    /// </summary>
    private double Lowered(double cost, bool applies, string param, List<string>? rules, double extra = 0)
    {
        if (!applies || cost <= 0)
            return cost;
        double context = costs.Param(param) + extra;
        if (context >= cost)
            return cost;
        rules?.Add("param " + param);
        return context;
    }

    private static bool IsNasalPair(string[] a, int i, string[] b, int j) =>
        (Base(a[i]), Base(b[j])) is ("n", "m") or ("m", "n") &&
        i + 1 < a.Length && j + 1 < b.Length && Base(a[i + 1]) is "b" or "p" && Base(b[j + 1]) is "b" or "p";

    private static bool IsSoftC(string[] units, int k) =>
        units[k] == "c" && k + 1 < units.Length && Base(units[k + 1]) is { Length: > 0 } next && next[0] is 'e' or 'i' or 'y';

    private static bool IsGlideJ(string[] units, int k) =>
        Base(units[k]) == "j" && k > 0 && (IsVowelUnit(Base(units[k - 1])) && (k == units.Length - 1 || !IsVowelUnit(Base(units[k + 1]))) ||
            // the palatal lj and nj of Slavic and Scandinavian spellings (Antalja, Konja, Njala); not rj (Sharjah)
            Base(units[k - 1]) is "l" or "n" && k + 1 < units.Length && IsVowelUnit(Base(units[k + 1])));

    /// <summary>
    /// An Arabic-script form, in no vowel-writing orthography, with a vowel letter for each of the Latin form's vowels
    /// (a closing y after a consonant counting as one), and at least <c>param plene-min-vowels</c> of them.
    /// </summary>
    private bool Plene(string[] a, bool aArabic, string[] b, bool bArabic)
    {
        if (!aArabic || bArabic || VowelWriting(a, aArabic, bArabic))
            return false;
        int letters = a.Count(u => IsArabicVowel(Base(u)));
        int vowels = 0;
        for (int k = 0; k < b.Length; k++)
            if (IsVowelUnit(Base(b[k])) || (k == b.Length - 1 && k > 0 && Base(b[k]) == "y" && !IsVowelUnit(Base(b[k - 1]))))
                vowels++;
        return vowels >= costs.Param("plene-min-vowels") && letters >= vowels;
    }

    /// <summary>An Arabic-script form against a Latin one, written in an orthography that writes every vowel (a <c>vowel-writing</c> letter).</summary>
    private bool VowelWriting(string[] units, bool arabic, bool otherArabic) =>
        arabic && !otherArabic && units.Any(u => costs.IsVowelWritingMark(Base(u)));

    private double Substitute(string x, bool xArabic, string y, bool yArabic, bool final = false, bool xLast = false, List<string>? rules = null, bool vw = false)
    {
        if (xArabic && !yArabic)
        {
            x = Base(x);
            var yb = Base(y);
            if (x == yb)
                return 0;
            rules?.Add($"cross {x} {yb}");
            double cross = costs.Cross(x, yb) ?? CrossDefault(yb);
            string? plain = vw ? costs.VowelLetter(x) : null;
            // In an orthography that writes every vowel a vowel letter is a plain vowel, priced as a Latin one.
            if (plain != null && IsVowelUnit(yb) && cross > 0)
            {
                double latin = 0;
                if (plain != yb)
                {
                    latin = costs.Sub(plain, yb) ?? SubDefault(plain, yb);
                    if (final)
                        latin *= costs.Param("final-vowel-sub-factor");
                }
                if (latin < cross)
                {
                    if (plain != yb)
                    {
                        rules?.Add($"sub {plain} {yb}");
                        if (final)
                            rules?.Add("param final-vowel-sub-factor");
                    }
                    cross = latin;
                }
            }
            // A long vowel that Arabic script writes inside a word is evidence: a Latin short vowel of another
            // quality there (خمینی Khomeini, not Khamenei) costs more than at the end (مصطفى Mustafa).
            if (!xLast && cross > 0 && IsArabicVowel(x) && yb.Length == 1 && IsVowel(yb[0]))
                cross *= Param(rules, plain != null ? "vowel-writing-medial-factor" : "cross-medial-vowel-factor");
            if (final && IsDevoicing(x, yb))
                cross = Math.Min(cross, Param(rules, "final-devoicing"));
            return cross;
        }
        if (xArabic && yArabic)
        {
            x = Base(x);
            y = Base(y);
            if (x == y)
                return 0;
            if (costs.ArabicSub(x, y) is double a)
            {
                rules?.Add($"asub {x} {y}");
                return a;
            }
            if (NameKeys.ClassOf(x) is char cx && cx == NameKeys.ClassOf(y))
                return Param(rules, "arabic-same-class");
            rules?.Add($"asub {x} {y}");
            return costs.Param("default-consonant-sub");
        }
        string xb = Base(x), ybase = Base(y);
        double doubling = 0;
        if (IsDoubled(x) != IsDoubled(y))
            doubling = Param(rules, "doubling");
        if (xb == ybase)
            return doubling;
        rules?.Add($"sub {xb} {ybase}");
        bool finalVowels = final && IsVowelUnit(xb) && IsVowelUnit(ybase);
        double factor = finalVowels ? costs.Param("final-vowel-sub-factor") : 1;
        double sub = (costs.Sub(xb, ybase) ?? SubDefault(xb, ybase)) * factor;
        // A voiced final consonant written voiceless (Turkish Ahmet, Mehmet, Mahmut; German, Russian).
        if (final && IsDevoicing(xb, ybase))
            sub = Math.Min(sub, Param(rules, "final-devoicing"));
        return sub + doubling;
    }

    private static bool IsDevoicing(string x, string y) => (x, y) is ("d", "t") or ("t", "d") or ("b", "p") or ("p", "b") or ("g", "k") or ("k", "g") or ("z", "s") or ("s", "z");

    /// <summary>The cost of a Latin substitution that no rule lists.</summary>
    internal double SubDefault(string x, string y)
    {
        bool vx = IsVowelUnit(x), vy = IsVowelUnit(y);
        if (vx && vy)
            return costs.Param("default-vowel-sub");
        return vx != vy ? costs.Param("default-mixed-sub") : costs.Param("default-consonant-sub");
    }

    /// <summary>The cost of an Arabic-script letter against a Latin unit that no rule lists.</summary>
    internal double CrossDefault(string latin) =>
        IsVowelUnit(latin) ? costs.Param("default-mixed-sub") : costs.Param("cross-default-consonant-sub");

    private double Delete(string[] units, int index, bool arabic, string[] other, bool otherArabic, List<string>? rules = null)
    {
        var u = units[index];
        if (arabic)
        {
            u = Base(u);
            // The second of two identical written letters (the article's l before l: ḥzbllh ~ Hezbollah).
            if (!otherArabic && index > 0 && Base(units[index - 1]) == u && !IsArabicVowel(u))
                return Param(rules, "adel-repeated");
            if (otherArabic)
            {
                // A hamza inside a word comes and goes between two spellings; an opening seat and an ʿayn are consonants
                // like any other (دبي is not الأدبي, ظريف not تعريف).
                if (u == "ʾ" && (index > 0 || units.Length == 1))
                    return Param(rules, "arabic-vowel-del") * 0.5;
                return Param(rules, IsArabicVowel(u) ? "arabic-vowel-del" : "default-consonant-del");
            }
            // An opening ʿayn is written in Latin by the vowel it carries (عباس Abbas, عمان Oman); a Latin form that
            // opens with a consonant has nothing for it (Syria is not عسيرية).
            if (index == 0 && u == "ʿ" && units.Length > 1 && other.Length > 0 && !IsVowelUnit(Base(other[0])))
                return Param(rules, "adel-initial-ayn");
            // A closing ʿayn: a Latin form that closes with a consonant other than h has nothing for it (Yemen is not يمنع).
            if (index == units.Length - 1 && index > 0 && u == "ʿ" && other.Length > 0 && !IsVowelUnit(Base(other[^1])) && Base(other[^1]) != "h")
                return Param(rules, "adel-final-ayn");
            // The yeh of ـائيـ (alef, hamza seat, long i: إسرائيل Israel), which Latin writes with the group of the alef and
            // the seat; at the end only against a Latin form that ends with a vowel group (ثنائي "bilateral" is not Sunni).
            if (u == "ī" && index > 0 && Base(units[index - 1]) == "āī" &&
                (index < units.Length - 1 || (other.Length > 0 && IsVowelUnit(Base(other[^1])) && Base(other[^1]).Length >= 2)))
                return Param(rules, "adel-yeh-after-seat");
            // The alef of ـاعيـ and ـاعوـ inside a word, against a Latin form with a vowel group (إسماعيل Ismail); not in
            // the endings ـاعي, ـاعية, ـاعات (صناعي is not Sunni).
            if (u == "ā" && index > 0 && index + 3 <= units.Length - 1 && Base(units[index + 1]) == "ʿ" &&
                Base(units[index + 2]) is "ī" or "ū" && Base(units[index + 3]) is var c && c is not ("ẗ" or "h") && !IsArabicVowel(c) &&
                other.Any(o => IsVowelUnit(Base(o)) && Base(o).Length >= 2))
                return Param(rules, "adel-alef-before-ayn");
            rules?.Add($"adel {u}");
            double adel = costs.ArabicDelete(u) ?? costs.Param("adel-default");
            // A long vowel written inside a word with no vowel for it in the Latin form (خمینی is not Khamenei).
            if (index > 0 && index < units.Length - 1 && IsArabicVowel(u) && u.Length == 1)
                adel *= Param(rules, VowelWriting(units, arabic, otherArabic) && costs.VowelLetter(u) != null
                    ? "vowel-writing-medial-del-factor" : "cross-medial-vowel-factor");
            // The vowel an opening hamza or madda carries is the word's first sound (آنتالیا, ئانتالیا are Antalya,
            // not Natalya).
            if (index == 1 && units[0] == "ʾ" && IsArabicVowel(u))
                adel *= Param(rules, "seat-vowel-del-factor");
            return adel;
        }
        var b = Base(u);
        bool vowel = IsVowelUnit(b);
        if (otherArabic)
        {
            if (vowel)
            {
                // Arabic script writes a word's first sound, a vowel too, with a letter (alef, hamza, ʿayn): a Latin
                // opening vowel with nothing for it is not a dropped short vowel (Iran is not رن), unless it is what
                // is left of an assimilated article before a doubled sun letter (Eddine ~ الدين, not Abbas ~ باس).
                if (index == 0 && units.Length > 1 && (!IsDoubled(units[1]) || !SunLetters.Contains(Base(units[1]))))
                    return Param(rules, "xdel-initial-vowel");
                // The long i of i-consonant-e, which Arabic script writes (Biden بايدن, Amine أمين).
                if (b == "i" && index > 0 && index + 2 < units.Length && !IsVowelUnit(Base(units[index - 1])) && !IsVowelUnit(units[index + 1]) &&
                    !IsDoubled(units[index + 1]) && units[index + 1] is not ("h" or "w" or "y") && Base(units[index + 2]) == "e")
                    return Param(rules, "xdel-long-i");
                if (b.Length == 1)
                {
                    double shortVowel = Param(rules, index == units.Length - 1 && b != "e" ? "xdel-short-vowel-final" : "xdel-short-vowel");
                    // An orthography that writes every vowel writes this one too.
                    if (VowelWriting(other, otherArabic, arabic) && costs.IsWrittenVowel(b) && costs.Param("vowel-writing-xdel") > shortVowel)
                        shortVowel = Param(rules, "vowel-writing-xdel");
                    return shortVowel;
                }
                // A long vowel (ou, ee, ei) inside the Latin form where Arabic script writes none (Mahmoud is not محمد).
                double longVowel = Param(rules, "xdel-long-vowel");
                if (index > 0 && index < units.Length - 1)
                    longVowel *= Param(rules, "cross-medial-vowel-factor");
                return longVowel;
            }
            // A word's first consonant is written in both scripts, a weak one (h, w, y) too (Homs is not أمس).
            if (index == 0 && units.Length > 1)
                return Param(rules, "xdel-initial-consonant");
            // A y between two consonants is the word's vowel (Syria, Libya), which Arabic script writes (سوريا, ليبيا).
            if (b == "y" && index > 0 && index < units.Length - 1 && !IsVowelUnit(Base(units[index - 1])) && !IsVowelUnit(Base(units[index + 1])))
                return Param(rules, "xdel-vowel-y");
            // An h between two vowels is a consonant Arabic script writes (Doha is not دعا).
            if (b == "h" && index > 0 && index < units.Length - 1 && IsVowelUnit(Base(units[index - 1])) && IsVowelUnit(Base(units[index + 1])))
                return Param(rules, "default-consonant-del");
            rules?.Add($"xdel {b}");
            return costs.LatinCrossDelete(b) ?? costs.Param("default-consonant-del");
        }
        if (vowel)
        {
            // A final mute e after a consonant (French Hocine, Slimane) is cheap; other final vowels are not
            // (Hussein/Husseini, Sheikh/Sheikha).
            if (index == units.Length - 1 && b == "e" && index > 0 && !IsVowelUnit(Base(units[index - 1])))
                return Param(rules, "mute-e-del-final");
            if (b is "i" or "ee" or "ie" or "ii" && index > 0 && !IsVowelUnit(Base(units[index - 1])) &&
                (index == units.Length - 1 || (index == units.Length - 2 && Base(units[^1]) == "s")))
                return Param(rules, "nisba-del-final");
            if (index == units.Length - 1)
                return Param(rules, "vowel-del-final");
            if (index == 0)
                return Param(rules, "vowel-del-initial");
            if (Math.Max(units.Length, other.Length) <= costs.Param("vowel-beside-vowel-max-units") && PlainVowel(b) &&
                (PlainVowel(Base(units[index - 1])) || PlainVowel(Base(units[index + 1]))))
                return Param(rules, "vowel-beside-vowel-del");
            rules?.Add($"del {b}");
            return costs.LatinDelete(b) ?? costs.Param("default-vowel-del");
        }
        // A word-final h after a vowel is a spelling of the ending, not a sound (Ghazzah/Ghazza, Jama'ah/Jema'a).
        if (b == "h" && index == units.Length - 1 && index > 0 && IsVowelUnit(Base(units[index - 1])))
            return Param(rules, "final-h-del");
        // A word-final s after an i or e is the English plural of a name that ends in that vowel (Houthis/Houthi,
        // Yazidis, Alawites); after an a it is not (Hamas is not Hama).
        if (b == "s" && index == units.Length - 1 && index > 0 && Base(units[index - 1]) is "i" or "e" or "ee" or "ie" or "y")
            return Param(rules, "final-plural-s-del");
        rules?.Add($"del {b}");
        double del = costs.LatinDelete(b) ?? costs.Param("default-consonant-del");
        return IsDoubled(u) ? del + Param(rules, "doubling") : del;
    }

    /// <summary>The value of a <c>param</c> line, recorded as the rule applied when <paramref name="rules"/> is given.</summary>
    private double Param(List<string>? rules, string name)
    {
        rules?.Add("param " + name);
        return costs.Param(name);
    }
}

