using System.Runtime.CompilerServices;
using At = Search.Analysis.Names.UnitForm.At;
using U = Search.Analysis.Names.NameUnits;

namespace Search.Analysis.Names;

/// <summary>
/// The transliteration-aware similarity of two name forms: a weighted edit distance over letter groups
/// (<c>kh</c>, <c>sh</c>, <c>ou</c>, <c>ei</c> ... as units; doubled consonants as one unit), with costs from
/// <c>Rules/names/similarity-costs.txt</c>, and an edit budget that shrinks for short names.
/// Across scripts (a Latin form against a form romanised from Arabic script) the short vowels that Arabic
/// script does not write cost almost nothing, long vowels and consonants keep their price.
/// The alignment runs over unit ids (<see cref="NameUnits"/>, <see cref="UnitForm"/>): the costs that do not depend on
/// the context are read from arrays made once from the cost file (<see cref="CostTables"/>), the context costs are
/// worked out cell by cell as the rules say.
/// Thread-safe; the instance holds only immutable tables (made again when its <see cref="NameCosts"/> is changed).
/// </summary>
internal sealed class NameSimilarity
{
    /// <summary>The similarity with the embedded rule files.</summary>
    internal static NameSimilarity Default { get; } = new(NameCosts.Load());

    private readonly NameCosts costs;
    private CostTables tables;

    internal NameSimilarity(NameCosts costs)
    {
        this.costs = costs;
        tables = new CostTables(this);
    }

    /// <summary>The cost tables (for tuning).</summary>
    internal NameCosts Costs => costs;

    // The tables of the costs as they are now (the cost learner changes a NameCosts through Set).
    private CostTables Tables
    {
        get
        {
            var t = Volatile.Read(ref tables);
            if (t.Version != costs.Version)
                Volatile.Write(ref tables, t = new CostTables(this));
            return t;
        }
    }

    /// <summary>Splits a form into units. Arabic-script romanisations: one letter a unit, except the groups listed (<c>āī</c>).</summary>
    internal static string[] Units(string form, bool arabic)
    {
        var ids = NameUnits.Split(form, arabic);
        var units = new string[ids.Length];
        for (int k = 0; k < ids.Length; k++)
            units[k] = NameUnits.Name(ids[k]);
        return units;
    }

    internal static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsVowelUnit(string u) => u.Length > 0 && IsVowel(u[0]);

    /// <summary>The edit budget for a name of <paramref name="units"/> units: short names must be nearly identical.</summary>
    internal double Budget(int units) => Budget(Tables, units);

    private static double Budget(CostTables t, int units) =>
        Math.Clamp(t.BudgetPerUnit * (units - 1) + t.BudgetLongPerUnit * Math.Max(0, units - t.BudgetLongFrom), t.BudgetMin, t.BudgetMax);

    /// <summary>
    /// The distance between two forms, each with its script (true: romanised from Arabic script).
    /// <paramref name="limit"/> lets the computation stop early once every path costs more: a distance up to
    /// <paramref name="limit"/> + 1e-9 is exact, a larger one is only known to be larger (the value returned is over it).
    /// </summary>
    internal double Distance(string a, bool aArabic, string b, bool bArabic, double limit = double.MaxValue) =>
        Distance(UnitForm.Of(a, aArabic), UnitForm.Of(b, bArabic), limit);

    /// <summary>The distance between two unit sequences.</summary>
    internal double Distance(string[] a, bool aArabic, string[] b, bool bArabic, double limit = double.MaxValue) =>
        Distance(UnitForm.Of(a, aArabic), UnitForm.Of(b, bArabic), limit);

    /// <summary>The distance between two forms split into units.</summary>
    internal double Distance(UnitForm a, UnitForm b, double limit = double.MaxValue)
    {
        // Across scripts, the Arabic side is always "a".
        if (!a.Arabic && b.Arabic)
            (a, b) = (b, a);
        var t = Tables;
        var info = NameUnits.Infos;
        int n = a.Length, m = b.Length;
        int size = n + m + 3 * (m + 1);
        Span<double> buffer = size <= 512 ? stackalloc double[size] : new double[size];
        // A deletion's cost depends on the unit, its neighbours and the other form's script and first unit, not on
        // the cell: once per unit, when a row or a cell first needs it.
        Span<double> delA = buffer[..n], delB = buffer.Slice(n, m);
        var prev2 = buffer.Slice(n + m, m + 1);
        var prev = buffer.Slice(n + m + (m + 1), m + 1);
        var cur = buffer.Slice(n + m + 2 * (m + 1), m + 1);
        // Over the limit (and the 1e-9 Similarity allows over it) a cell's value only needs to stay over it: a cell whose
        // every predecessor is over it is over it too (no edit costs less than nothing) and takes the least of them,
        // unworked. So every cell up to limit + 1e-9 is exact and every other one is over it, which is all the early
        // exit, Similarity and the cost learner read. This takes costs of at least zero, as the cost file's are.
        double cut = t.NonNegative ? limit + 1e-9 : double.MaxValue;
        bool vw = !b.Arabic && t.VowelWriting(a);
        bool plene = !b.Arabic && a.Arabic && !vw && Plene(t, a, b);
        prev[0] = 0;
        for (int j = 1; j <= m; j++)
        {
            if (prev[j - 1] > cut)
            {
                prev[j] = prev[j - 1];
                delB[j - 1] = double.NaN;
            }
            else
                prev[j] = prev[j - 1] + (delB[j - 1] = Delete(t, info, b, j - 1, a, vw));
        }
        bool split = !a.Arabic && !b.Arabic && t.GroupSplit >= 0;
        double prevMin = 0;
        for (int i = 1; i <= n; i++)
        {
            cur[0] = prev[0] + (delA[i - 1] = Delete(t, info, a, i - 1, b, vw));
            double rowMin = cur[0];
            for (int j = 1; j <= m; j++)
            {
                double lower = Math.Min(Math.Min(prev[j - 1], prev[j]), cur[j - 1]);
                if (j >= 2)
                    lower = Math.Min(lower, prev[j - 2]);
                if (i >= 2)
                    lower = Math.Min(lower, Math.Min(prev2[j - 1], j >= 2 ? prev2[j - 2] : double.MaxValue));
                double best;
                if (lower > cut)
                    best = lower;
                else
                {
                    if (double.IsNaN(delB[j - 1]))
                        delB[j - 1] = Delete(t, info, b, j - 1, a, vw);
                    best = Cell(t, info, a, b, i, j, split, vw, plene, delA, delB, prev2, prev, cur);
                }
                cur[j] = best;
                if (best < rowMin) rowMin = best;
            }
            // A transposition or a group split reaches back two rows, so a path can still come in under the limit
            // from the row before this one: stop only when both rows are over it (Dehli ~ Delhi, دهلي ~ دلهي).
            if (rowMin > limit && prevMin > limit)
                return Math.Min(rowMin, prevMin);
            prevMin = rowMin;
            var free = prev2;
            prev2 = prev;
            prev = cur;
            cur = free;
        }
        return prev[m];
    }

    /// <summary>
    /// One cell of the alignment: the cheapest way to align a[..i] with b[..j] from the cells before it (row
    /// <paramref name="prev2"/> is i − 2, <paramref name="prev"/> i − 1, <paramref name="cur"/> i); <paramref name="delA"/> and
    /// <paramref name="delB"/> hold the deletion cost of each unit. The one place the edits are listed, for
    /// <see cref="Distance(UnitForm, UnitForm, double)"/> and <see cref="Explain(UnitForm, UnitForm, List{string}?)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Cell(CostTables t, NameUnits.Info[] info, UnitForm a, UnitForm b, int i, int j, bool split, bool vw, bool plene,
        ReadOnlySpan<double> delA, ReadOnlySpan<double> delB, ReadOnlySpan<double> prev2, ReadOnlySpan<double> prev, ReadOnlySpan<double> cur)
    {
        bool final = i == a.Length && j == b.Length;
        double best = prev[j - 1] + SubstituteAt(t, info, a, i - 1, b, j - 1, final, vw, plene);
        best = Math.Min(best, prev[j] + delA[i - 1]);
        best = Math.Min(best, cur[j - 1] + delB[j - 1]);
        if (split)
        {
            if (j >= 2 && (a.Flags[i - 1] & At.Splittable) != 0 &&
                SplitCost(t, info, a.Ids[i - 1], b.Ids[j - 2], b.Ids[j - 1], final, (b.Flags[j - 1] & At.GlideJ) != 0, out double s1))
                best = Math.Min(best, prev[j - 2] + s1);
            if (i >= 2 && (b.Flags[j - 1] & At.Splittable) != 0 &&
                SplitCost(t, info, b.Ids[j - 1], a.Ids[i - 2], a.Ids[i - 1], final, (a.Flags[i - 1] & At.GlideJ) != 0, out double s2))
                best = Math.Min(best, prev2[j - 1] + s2);
        }
        if (i >= 2 && j >= 2 && a.Bases[i - 2] == b.Bases[j - 1] && a.Bases[i - 1] == b.Bases[j - 2] &&
            TransposeCost(t, info, a.Ids[i - 2], a.Ids[i - 1], b.Ids[j - 2], b.Ids[j - 1], out double tr))
            best = Math.Min(best, prev2[j - 2] + tr);
        return best;
    }

    /// <summary>
    /// A letter group against two units of the other form, letter by letter (<c>ay</c> ~ <c>a j</c>: Kayro ~ Kajro;
    /// <c>ie</c> ~ <c>i a</c>: Syrie ~ Syria), plus <c>param group-split</c>; false when the unit is no plain group.
    /// <paramref name="yGlide"/>: <paramref name="y"/> is a glide j (see <see cref="SubstituteAt"/>).
    /// </summary>
    private static bool SplitCost(CostTables t, NameUnits.Info[] info, int group, int x, int y, bool final, bool yGlide, out double cost, List<string>? rules = null)
    {
        cost = 0;
        ref readonly var g = ref info[group];
        if (g.Length != 2 || g.Doubled || info[x].Doubled || info[y].Doubled)
            return false;
        int g0 = g.Split0, g1 = g.Split1;
        double c0 = 0, c1 = 0;
        if (g0 != x)
        {
            rules?.Add($"sub {info[g0].Name} {info[x].Name}");
            c0 = t.Sub(g0, x);
        }
        if (g1 != y)
        {
            rules?.Add($"sub {info[g1].Name} {info[y].Name}");
            c1 = t.Sub(g1, y);
            if (final && info[g1].Vowel && info[y].Vowel)
                c1 *= Param(rules, t.FinalVowelSubFactor, "final-vowel-sub-factor");
            c1 = Lowered(c1, yGlide && (g1 == U.I || g1 == U.Y), t.GlideJ, "glide-j", rules);
        }
        cost = c0 + c1 + Param(rules, t.GroupSplit, "group-split");
        return true;
    }

    /// <summary>
    /// Two neighbouring units in the other order when one is an h and the other a consonant (Dehli ~ Delhi),
    /// <c>param transpose</c>; false otherwise. Other swaps are not cheap: Sadr is not Sard, Hamas is not Hamsa,
    /// Ahmed is not Hamid.
    /// </summary>
    private static bool TransposeCost(CostTables t, NameUnits.Info[] info, int a0, int a1, int b0, int b1, out double cost)
    {
        cost = t.Transpose;
        int ba0 = info[a0].Base, ba1 = info[a1].Base;
        return !(cost < 0 || a0 == a1 || ba0 != info[b1].Base || ba1 != info[b0].Base ||
            !((ba0 == U.H && !info[ba1].Vowel) || (ba1 == U.H && !info[ba0].Vowel)));
    }

    /// <summary>
    /// An Arabic-script form that writes a vowel letter for each vowel of the Latin form (a closing y after a consonant
    /// counting as one), at least <c>param plene-min-vowels</c> of them: a foreign name spelt by its sound (كينيدي Kennedy,
    /// زيلينسكي Zelensky, كاميرون Cameron), whose yeh inside the word is the Latin e (<c>param plene-yeh-e</c>). An Arabic
    /// or Persian name leaves short vowels unwritten, so there a yeh stays evidence of an i (خمینی is not Khamenei: two
    /// letters for three vowels). Orthographies that write every vowel (Sorani, Uyghur) have rules of their own.
    /// </summary>
    private static bool Plene(CostTables t, UnitForm arabic, UnitForm latin)
    {
        var info = NameUnits.Infos;
        int letters = 0, vowels = 0;
        for (int k = 0; k < arabic.Length; k++)
            if (info[arabic.Bases[k]].ArabicVowel)
                letters++;
        for (int k = 0; k < latin.Length; k++)
            if ((latin.Flags[k] & At.Vowel) != 0 || (k == latin.Length - 1 && k > 0 && latin.Bases[k] == U.Y && (latin.Flags[k - 1] & At.Vowel) == 0))
                vowels++;
        return vowels >= t.PleneMinVowels && letters >= vowels;
    }

    /// <summary>The cheapest alignment of two forms, one edit a line (for tuning and for explaining a rejection).</summary>
    internal List<string> Explain(string[] a, bool aArabic, string[] b, bool bArabic) => Explain(a, aArabic, b, bArabic, null);

    /// <summary>
    /// The cheapest alignment, one edit a line; <paramref name="rules"/>, when given, receives the cost rule of
    /// every edit that costs something (the lines of <c>similarity-costs.txt</c> they use, for learning them).
    /// </summary>
    internal List<string> Explain(string[] a, bool aArabic, string[] b, bool bArabic, List<string>? rules) =>
        Explain(UnitForm.Of(a, aArabic), UnitForm.Of(b, bArabic), rules);

    /// <summary>The cheapest alignment of two forms split into units (see the string overload).</summary>
    internal List<string> Explain(UnitForm a, UnitForm b, List<string>? rules)
    {
        if (!a.Arabic && b.Arabic)
            (a, b) = (b, a);
        var t = Tables;
        var info = NameUnits.Infos;
        int n = a.Length, m = b.Length;
        var delA = new double[n];
        var delB = new double[m];
        bool vw = !b.Arabic && t.VowelWriting(a);
        bool plene = !b.Arabic && a.Arabic && !vw && Plene(t, a, b);
        for (int k = 0; k < n; k++)
            delA[k] = Delete(t, info, a, k, b, vw);
        for (int k = 0; k < m; k++)
            delB[k] = Delete(t, info, b, k, a, vw);
        var rows = new double[n + 1][];
        for (int i = 0; i <= n; i++)
            rows[i] = new double[m + 1];
        bool split = !a.Arabic && !b.Arabic && t.GroupSplit >= 0;
        for (int j = 1; j <= m; j++) rows[0][j] = rows[0][j - 1] + delB[j - 1];
        for (int i = 1; i <= n; i++)
        {
            rows[i][0] = rows[i - 1][0] + delA[i - 1];
            for (int j = 1; j <= m; j++)
                rows[i][j] = Cell(t, info, a, b, i, j, split, vw, plene, delA, delB, i >= 2 ? rows[i - 2] : rows[0], rows[i - 1], rows[i]);
        }
        double D(int i, int j) => rows[i][j];
        string Unit(UnitForm f, int k) => info[f.Ids[k]].Name;
        var ops = new List<string>();
        int x = n, y = m;
        while (x > 0 || y > 0)
        {
            if (split && x > 0 && y >= 2 && SplitCost(t, info, a.Ids[x - 1], b.Ids[y - 2], b.Ids[y - 1], x == n && y == m, (b.Flags[y - 1] & At.GlideJ) != 0, out double c1) && Math.Abs(D(x, y) - D(x - 1, y - 2) - c1) < 1e-9)
            {
                ops.Add($"{Unit(a, x - 1)}→{Unit(b, y - 2)} {Unit(b, y - 1)} {c1:0.##}");
                SplitCost(t, info, a.Ids[x - 1], b.Ids[y - 2], b.Ids[y - 1], x == n && y == m, (b.Flags[y - 1] & At.GlideJ) != 0, out _, rules);
                x--; y -= 2;
            }
            else if (split && x >= 2 && y > 0 && SplitCost(t, info, b.Ids[y - 1], a.Ids[x - 2], a.Ids[x - 1], x == n && y == m, (a.Flags[x - 1] & At.GlideJ) != 0, out double c2) && Math.Abs(D(x, y) - D(x - 2, y - 1) - c2) < 1e-9)
            {
                ops.Add($"{Unit(a, x - 2)} {Unit(a, x - 1)}→{Unit(b, y - 1)} {c2:0.##}");
                SplitCost(t, info, b.Ids[y - 1], a.Ids[x - 2], a.Ids[x - 1], x == n && y == m, (a.Flags[x - 1] & At.GlideJ) != 0, out _, rules);
                x -= 2; y--;
            }
            else if (x >= 2 && y >= 2 && TransposeCost(t, info, a.Ids[x - 2], a.Ids[x - 1], b.Ids[y - 2], b.Ids[y - 1], out double tr) && Math.Abs(D(x, y) - D(x - 2, y - 2) - tr) < 1e-9)
            {
                ops.Add($"{Unit(a, x - 2)}{Unit(a, x - 1)}↔{Unit(b, y - 2)}{Unit(b, y - 1)} {tr:0.##}");
                rules?.Add("param transpose");
                x -= 2; y -= 2;
            }
            else if (x > 0 && y > 0 && Math.Abs(D(x, y) - D(x - 1, y - 1) - SubstituteAt(t, info, a, x - 1, b, y - 1, x == n && y == m, vw, plene)) < 1e-9)
            {
                double c = D(x, y) - D(x - 1, y - 1);
                if (c > 0)
                {
                    ops.Add($"{Unit(a, x - 1)}→{Unit(b, y - 1)} {c:0.##}");
                    if (rules != null)
                        SubstituteAt(t, info, a, x - 1, b, y - 1, x == n && y == m, vw, plene, rules);
                }
                x--; y--;
            }
            else if (x > 0 && Math.Abs(D(x, y) - D(x - 1, y) - delA[x - 1]) < 1e-9)
            {
                ops.Add($"-{Unit(a, x - 1)} {D(x, y) - D(x - 1, y):0.##}");
                if (rules != null)
                    Delete(t, info, a, x - 1, b, vw, rules);
                x--;
            }
            else
            {
                ops.Add($"+{Unit(b, y - 1)} {D(x, y) - D(x, y - 1):0.##}");
                if (rules != null)
                    Delete(t, info, b, y - 1, a, vw, rules);
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
    internal double Similarity(string[] a, bool aArabic, string[] b, bool bArabic, double budgetScale = 1.0) =>
        Similarity(UnitForm.Of(a, aArabic), UnitForm.Of(b, bArabic), budgetScale);

    /// <summary>The similarity of two forms split into units (see the string overload).</summary>
    internal double Similarity(UnitForm a, UnitForm b, double budgetScale = 1.0)
    {
        double budget = BudgetFor(a.Length, a.Arabic, b.Length, b.Arabic) * budgetScale;
        double d = Distance(a, b, budget);
        if (d > budget + 1e-9)
            return -1;
        return 1.0 - 0.5 * (d / Math.Max(budget, 1e-6));
    }

    /// <summary>The similarity of two forms (see the unit overload).</summary>
    internal double Similarity(string a, bool aArabic, string b, bool bArabic) =>
        Similarity(UnitForm.Of(a, aArabic), UnitForm.Of(b, bArabic));

    /// <summary>The budget for a pair: from the length of the Latin side (Arabic script writes no short vowels), or the shorter side.</summary>
    internal double BudgetFor(string[] a, bool aArabic, string[] b, bool bArabic) => BudgetFor(a.Length, aArabic, b.Length, bArabic);

    /// <summary>The budget for a pair of forms of these lengths in units.</summary>
    internal double BudgetFor(int aLength, bool aArabic, int bLength, bool bArabic)
    {
        var t = Tables;
        if (aArabic != bArabic)
        {
            // Across scripts the budget follows the Latin side's length, without the extra of long names and under
            // its own cap.
            // Arabic script writes every consonant and long vowel, so its length bounds the budget too: a short
            // Arabic-script word must not reach a long Latin one through the Latin side's cheap short vowels.
            int latin = aArabic ? bLength : aLength;
            int written = aArabic ? aLength : bLength;
            double crossUnits = Math.Min(latin, written * t.BudgetCrossArabicScale);
            double basis = Math.Clamp(t.BudgetPerUnit * (crossUnits - 1), t.BudgetMin, t.BudgetCrossMax);
            return basis * t.BudgetCrossFactor;
        }
        // The budget follows the longer form, but grows by at most budget-growth-max units over the shorter one: units
        // added beyond those do not pay for themselves (القدس qds is not جواسيس jūāsīs, Duncan not Dionysian).
        double longer = Math.Min(Math.Max(aLength, bLength), Math.Min(aLength, bLength) + t.BudgetGrowthMax);
        double units = t.BudgetLengthMix * Math.Min(aLength, bLength) + (1 - t.BudgetLengthMix) * longer;
        if (aArabic)
            return Budget(t, (int)Math.Round(units * 1.5));
        return Budget(t, (int)Math.Round(units));
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
    private double SubstituteAt(CostTables t, NameUnits.Info[] info, UnitForm a, int i, UnitForm b, int j, bool final, bool vw, bool plene, List<string>? rules = null)
    {
        double cost = Substitute(t, info, a, i, b, j, final, i == a.Length - 1, vw, rules);
        // An opening yeh is the consonant y (يسلم, يعرق are verbs): a Latin opening vowel before a consonant (Islam,
        // Iraq) is written with an alef.
        if (i == 0 && j == 0 && a.Arabic && !b.Arabic && a.Ids[0] == U.LongI && b.Length > 1 && info[b.Ids[0]].SingleVowel && (b.Flags[1] & At.Vowel) == 0)
            cost = Math.Max(cost, Param(rules, t.CrossInitialYehVowel, "cross-initial-yeh-vowel"));
        // English vowels between consonants that Arabic script writes by their sound (بايدن Biden, ترامب Trump).
        if (a.Arabic && !b.Arabic && cost > 0 && j > 0 && j + 1 < b.Length && (b.Flags[j - 1] & At.Vowel) == 0 && (b.Flags[j + 1] & At.Vowel) == 0)
        {
            int x = a.Ids[i], y = b.Ids[j], next = b.Bases[j + 1];
            // An i before one consonant and an e is the long i of English (Biden, Rice, Mike), written ای; not before a
            // glide (Haniyeh) or a doubled letter (At.LongIE).
            if (x == U.AlefYeh && (b.Flags[j] & At.LongIE) != 0)
                cost = Lowered(cost, true, t.EnglishLongI, "english-long-i", rules);
            // A u closed by two consonants is the short u of English (Trump, Hunter, Justin), written ا; not before a
            // glide, r or l (Burns, Sultan, Kurdistan) or a doubled letter, the shadda of Arabic names (Sunni, Hussein).
            else if (x == U.LongA && y == U.ShortU && (b.Flags[j + 1] & At.Doubled) == 0 && next != U.H && next != U.W && next != U.Y &&
                     next != U.R && next != U.L && j + 2 < b.Length && (b.Flags[j + 2] & At.Vowel) == 0)
                cost = Lowered(cost, true, t.EnglishShortU, "english-short-u", rules);
            // An o before a w is the ow of English (Brown, Powell, Downing), written او.
            else if (x == U.LongA && y == U.O && next == U.W && i + 1 < a.Length && a.Ids[i + 1] == U.LongU)
                cost = Lowered(cost, true, t.EnglishOw, "english-ow", rules);
        }
        // A foreign name spelt by its sound writes every vowel (Plene): a yeh inside it is the e of Kennedy, Zelensky, Cameron.
        cost = Lowered(cost, plene && i + 1 < a.Length && a.Bases[i] == U.LongI && b.Bases[j] == U.E, t.PleneYehE, "plene-yeh-e", rules);
        At fa = a.Flags[i], fb = b.Flags[j];
        // Every context cost below only lowers a cost above zero, and each needs one of these flags or the first
        // units of an Arabic-script form.
        if (cost <= 0 || ((fa | fb) & (At.GlideJ | At.SoftC | At.N | At.M)) == 0 && !(a.Arabic && i == 1 && j == 1))
            return cost;
        bool latin = !a.Arabic && !b.Arabic;
        cost = Lowered(cost, latin && ((fa & At.GlideJ) != 0 && (fb & At.IY) != 0 || (fb & At.GlideJ) != 0 && (fa & At.IY) != 0), t.GlideJ, "glide-j", rules);
        // ... and across scripts the ending ای (āī) that glide closes (ممبای ~ Mumbaj, دبی ~ Dubaj).
        cost = Lowered(cost, a.Arabic && !b.Arabic && a.Ids[i] == U.AlefYeh && (fb & At.GlideJ) != 0, t.GlideJ, "glide-j", rules);
        // A c before e, i or y is said s in French and English spellings (Houcine, Youcef; across scripts حسين, رايس
        // Rice); elsewhere it is k.
        cost = Lowered(cost, (latin || a.Arabic && !b.Arabic) && ((fa & At.SoftC) != 0 && (fb & At.S) != 0 || (fb & At.SoftC) != 0 && (fa & At.S) != 0), t.SoftC, "soft-c", rules,
            ((fa ^ fb) & At.Doubled) != 0 ? t.Doubling : 0);
        // n before b or p is said m, and some spellings write it so (Istanbul/Istambul, استانبول/Istampoul).
        cost = Lowered(cost, ((fa & At.N) != 0 && (fb & At.M) != 0 || (fa & At.M) != 0 && (fb & At.N) != 0) && (fa & At.NextBP) != 0 && (fb & At.NextBP) != 0,
            t.NasalAssimilation, "nasal-assimilation", rules);
        // Persian and Urdu spellings write the e after a word's first consonant with a yeh (پیشاور Peshawar, دیلهی
        // Delhi, بیروت Berut); further in, a yeh is evidence of an i (خمینی is Khomeini, not Khamenei), and after an
        // opening alef it is the i of Iran (ایران is not Wehran).
        return Lowered(cost, a.Arabic && !b.Arabic && i == 1 && j == 1 && a.Ids[i] == U.LongI && b.Bases[j] == U.E && a.Ids[0] != U.Hamza && (b.Flags[0] & At.Vowel) == 0,
            t.FirstSyllableYehE, "first-syllable-yeh-e", rules);
    }

    /// <summary>
    /// <paramref name="cost"/>, or the context cost <c>param <paramref name="name"/></c> (<paramref name="param"/>, plus
    /// <paramref name="extra"/>) when <paramref name="applies"/> and it is lower; the param is recorded as the rule applied then.
    /// </summary>
    private static double Lowered(double cost, bool applies, double param, string name, List<string>? rules, double extra = 0)
    {
        if (!applies || cost <= 0)
            return cost;
        double context = param + extra;
        if (context >= cost)
            return cost;
        rules?.Add("param " + name);
        return context;
    }

    private double Substitute(CostTables t, NameUnits.Info[] info, UnitForm a, int i, UnitForm b, int j, bool final, bool xLast, bool vw, List<string>? rules)
    {
        int xb = a.Bases[i], yb = b.Bases[j];
        if (a.Arabic && !b.Arabic)
        {
            if (xb == yb)
                return 0;
            rules?.Add($"cross {info[xb].Name} {info[yb].Name}");
            double cross = t.Cross(xb, yb);
            int plain = vw ? t.VowelLetter(xb) : -1;
            // In an orthography that writes every vowel (Sorani, Uyghur) a vowel letter is a plain vowel: against a
            // Latin vowel it costs what two Latin vowels do (دەمەشىق ~ Damaszek: ė is e, not a Persian long vowel).
            if (plain >= 0 && info[yb].Vowel && cross > 0)
            {
                double latin = 0;
                if (plain != yb)
                {
                    latin = t.Sub(plain, yb);
                    if (final)
                        latin *= t.FinalVowelSubFactor;
                }
                if (latin < cross)
                {
                    if (plain != yb)
                    {
                        rules?.Add($"sub {info[plain].Name} {info[yb].Name}");
                        if (final)
                            rules?.Add("param final-vowel-sub-factor");
                    }
                    cross = latin;
                }
            }
            // A long vowel that Arabic script writes inside a word is evidence: a Latin short vowel of another
            // quality there (خمینی Khomeini, not Khamenei) costs more than at the end (مصطفى Mustafa). A vowel letter
            // of an orthography that writes every vowel has a factor of its own.
            if (!xLast && cross > 0 && info[xb].ArabicVowel && info[yb].SingleVowel)
                cross *= plain >= 0
                    ? Param(rules, t.VowelWritingMedialFactor, "vowel-writing-medial-factor")
                    : Param(rules, t.CrossMedialVowelFactor, "cross-medial-vowel-factor");
            if (final && IsDevoicing(xb, yb))
                cross = Math.Min(cross, Param(rules, t.FinalDevoicing, "final-devoicing"));
            return cross;
        }
        if (a.Arabic && b.Arabic)
        {
            if (xb == yb)
                return 0;
            if (rules != null)
            {
                string x = info[xb].Name, y = info[yb].Name;
                if (costs.ArabicSub(x, y) is double)
                    rules.Add($"asub {x} {y}");
                else if (NameKeys.ClassOf(x) is char cx && cx == NameKeys.ClassOf(y))
                    rules.Add("param arabic-same-class");
                else
                    rules.Add($"asub {x} {y}");
            }
            return t.ArabicSub(xb, yb);
        }
        double doubling = 0;
        if (((a.Flags[i] ^ b.Flags[j]) & At.Doubled) != 0)
            doubling = Param(rules, t.Doubling, "doubling");
        if (xb == yb)
            return doubling;
        rules?.Add($"sub {info[xb].Name} {info[yb].Name}");
        bool finalVowels = final && info[xb].Vowel && info[yb].Vowel;
        double factor = finalVowels ? t.FinalVowelSubFactor : 1;
        double sub = t.Sub(xb, yb) * factor;
        // A voiced final consonant written voiceless (Turkish Ahmet, Mehmet, Mahmut; German, Russian).
        if (final && IsDevoicing(xb, yb))
            sub = Math.Min(sub, Param(rules, t.FinalDevoicing, "final-devoicing"));
        return sub + doubling;
    }

    private static bool IsDevoicing(int x, int y) =>
        (x == U.D && y == U.T) || (x == U.T && y == U.D) || (x == U.B && y == U.P) || (x == U.P && y == U.B) ||
        (x == U.G && y == U.K) || (x == U.K && y == U.G) || (x == U.Z && y == U.S) || (x == U.S && y == U.Z);

    /// <summary>The cost a rule line sets, or the fallback that applies when the file does not list it.</summary>
    internal double RuleCost(string rule)
    {
        if (costs.Get(rule) is double v)
            return v;
        var f = rule.Split(' ');
        return f[0] switch
        {
            "sub" => SubDefault(f[1], f[2]),
            "cross" => CrossDefault(f[2]),
            "asub" => costs.Param("default-consonant-sub"),
            "del" => IsVowelUnit(f[1]) ? costs.Param("default-vowel-del") : costs.Param("default-consonant-del"),
            "xdel" => costs.Param("default-consonant-del"),
            "adel" => costs.Param("adel-default"),
            _ => throw new FormatException($"no cost for rule '{rule}'"),
        };
    }

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

    private static double Delete(CostTables t, NameUnits.Info[] info, UnitForm units, int index, UnitForm other, bool vw, List<string>? rules = null)
    {
        int last = units.Length - 1;
        if (units.Arabic)
        {
            int u = units.Bases[index];
            // The second of two identical written letters (the article's l before l: ḥzbllh ~ Hezbollah): the second only, so
            // a letter written twice is one letter left out, not two nearly free ones (Hamas is not مسبب msbb).
            if (!other.Arabic && index > 0 && units.Bases[index - 1] == u && !info[u].ArabicVowel)
                return Param(rules, t.AdelRepeated, "adel-repeated");
            if (other.Arabic)
            {
                // A hamza inside a word comes and goes between two spellings (مسؤول مسئول); the seat that opens a word
                // carries its first sound, and an ʿayn is a consonant like any other (دبي is not الأدبي, اليمن not أيمن,
                // ظريف not تعريف, شيراز not عشرات).
                if (u == U.Hamza && (index > 0 || units.Length == 1))
                    return Param(rules, t.ArabicVowelDel, "arabic-vowel-del") * 0.5;
                return info[u].ArabicVowel ? Param(rules, t.ArabicVowelDel, "arabic-vowel-del") : Param(rules, t.DefaultConsonantDel, "default-consonant-del");
            }
            // An opening ʿayn is written in Latin by the vowel it carries (عباس Abbas, عمان Oman); a Latin form that
            // opens with a consonant has nothing for it (Syria is not عسيرية).
            if (index == 0 && u == U.Ayn && units.Length > 1 && other.Length > 0 && (other.Flags[0] & At.Vowel) == 0)
                return Param(rules, t.AdelInitialAyn, "adel-initial-ayn");
            // A closing ʿayn is written in Latin by a vowel or an h (ربيع Rabie, Rabih); a Latin form that closes with
            // another consonant has nothing for it (Yemen is not يمنع, Bush not بشع).
            if (index == last && index > 0 && u == U.Ayn && other.Length > 0 && (other.Flags[other.Length - 1] & At.Vowel) == 0 && other.Bases[other.Length - 1] != U.H)
                return Param(rules, t.AdelFinalAyn, "adel-final-ayn");
            // The yeh after alef and a yeh: ـائيـ is alef, hamza seat, long i (إسرائيل Israel, ميخائيل Mikhail, الطائي al-Tai),
            // which Latin writes with the one group it writes for the alef and the seat (ae, ai). At the end only against
            // a Latin form that ends with such a group: ـائي makes adjectives (ثنائي "bilateral" is not Sunni, غنائي
            // "lyrical" not Ghani).
            if (u == U.LongI && index > 0 && units.Bases[index - 1] == U.AlefYeh &&
                (index < last || (other.Length > 0 && info[other.Bases[other.Length - 1]] is { Vowel: true, Length: >= 2 })))
                return Param(rules, t.AdelYehAfterSeat, "adel-yeh-after-seat");
            // The alef of ـاعيـ and ـاعوـ inside a word, the two vowels one Latin group writes with the ʿayn between
            // them (إسماعيل Ismail, Esmaeil). Not in the endings ـاعي, ـاعية, ـاعات of adjectives and plurals (صناعي
            // "industrial" is not Sunni, ساعات "hours" not Assad).
            if (u == U.LongA && index > 0 && index + 3 <= last && units.Bases[index + 1] == U.Ayn &&
                units.Bases[index + 2] is var v && (v == U.LongI || v == U.LongU) &&
                units.Bases[index + 3] is var c && c != U.TehMarbuta && c != U.H && !info[c].ArabicVowel && HasVowelGroup(info, other))
                return Param(rules, t.AdelAlefBeforeAyn, "adel-alef-before-ayn");
            rules?.Add($"adel {info[u].Name}");
            double adel = t.ArabicDel(u);
            // A long vowel written inside a word with no vowel for it in the Latin form (خمینی is not Khamenei); in an
            // orthography that writes every vowel (Sorani, Uyghur) a vowel letter is a plain vowel, no stronger inside
            // the word than at its end (بەيرۇت Berut).
            if (index > 0 && index < last && info[u].ArabicVowel && info[u].Length == 1)
                adel *= vw && t.VowelLetter(u) >= 0
                    ? Param(rules, t.VowelWritingMedialDelFactor, "vowel-writing-medial-del-factor")
                    : Param(rules, t.CrossMedialVowelFactor, "cross-medial-vowel-factor");
            // The vowel an opening hamza or madda carries is the word's first sound (آنتالیا, ئانتالیا are Antalya,
            // not Natalya).
            if (index == 1 && units.Ids[0] == U.Hamza && info[u].ArabicVowel)
                adel *= Param(rules, t.SeatVowelDelFactor, "seat-vowel-del-factor");
            return adel;
        }
        int b = units.Bases[index];
        bool vowel = info[b].Vowel;
        if (other.Arabic)
        {
            if (vowel)
            {
                // Arabic script writes a word's first sound, a vowel too, with a letter (alef, hamza, ʿayn): a Latin
                // opening vowel with nothing for it is not a dropped short vowel (Iran is not رن), unless it is what
                // is left of an assimilated article before a doubled letter (Eddine ~ الدين). The article assimilates
                // to the sun letters only (articles.txt: ad, as, ash ...): Abbas is not باس, Amman not مان.
                if (index == 0 && units.Length > 1 && ((units.Flags[1] & At.Doubled) == 0 || !info[units.Bases[1]].Sun))
                    return Param(rules, t.XdelInitialVowel, "xdel-initial-vowel");
                // The i of i-consonant-e is long (English Biden, Mike; French Amine, Nadine), and Arabic script writes it
                // (بايدن, أمين): with nothing for it, it is not a dropped short vowel (Biden is not بدن, Amine not أمن).
                if ((units.Flags[index] & At.LongIE) != 0)
                    return Param(rules, t.XdelLongI, "xdel-long-i");
                if (info[b].Length == 1)
                {
                    double shortVowel = index == last && b != U.E
                        ? Param(rules, t.XdelShortVowelFinal, "xdel-short-vowel-final")
                        : Param(rules, t.XdelShortVowel, "xdel-short-vowel");
                    // An orthography that writes every vowel (Sorani, Uyghur) writes this one too (a, o; Sorani leaves
                    // only its short i unwritten, which Latin spellings give as i, e or u).
                    if (vw && t.WrittenVowel(b) && t.VowelWritingXdel > shortVowel)
                        shortVowel = Param(rules, t.VowelWritingXdel, "vowel-writing-xdel");
                    return shortVowel;
                }
                // A long vowel (ou, ee, ei) inside the Latin form where Arabic script writes none (Mahmoud is not محمد).
                double longVowel = Param(rules, t.XdelLongVowel, "xdel-long-vowel");
                if (index > 0 && index < last)
                    longVowel *= Param(rules, t.CrossMedialVowelFactor, "cross-medial-vowel-factor");
                return longVowel;
            }
            // A word's first consonant is written in both scripts, a weak one (h, w, y) too: Homs is not أمس "yesterday",
            // Yemen not الأمن "security", West not الأسد.
            if (index == 0 && units.Length > 1)
                return Param(rules, t.XdelInitialConsonant, "xdel-initial-consonant");
            // A y between two consonants is the word's vowel (Syria, Libya), which Arabic script writes (سوريا, ليبيا).
            if (b == U.Y && index > 0 && index < last && (units.Flags[index - 1] & At.Vowel) == 0 && (units.Flags[index + 1] & At.Vowel) == 0)
                return Param(rules, t.XdelVowelY, "xdel-vowel-y");
            // An h between two vowels is a consonant Arabic script writes (ه, ح: Doha is not دعا "called", Ibrahim not أبرم,
            // and Rouhani ranks روانی "psychological" far below روحانی); elsewhere it may only mark the letter before it.
            if (b == U.H && index > 0 && index < last && (units.Flags[index - 1] & At.Vowel) != 0 && (units.Flags[index + 1] & At.Vowel) != 0)
                return Param(rules, t.DefaultConsonantDel, "default-consonant-del");
            rules?.Add($"xdel {info[b].Name}");
            return t.LatinCrossDel(b);
        }
        if (vowel)
        {
            // A final mute e after a consonant (French Hocine, Slimane) is cheap; other final vowels are not
            // (Hussein/Husseini, Sheikh/Sheikha).
            if (index == last && b == U.E && index > 0 && (units.Flags[index - 1] & At.Vowel) == 0)
                return Param(rules, t.MuteEDelFinal, "mute-e-del-final");
            // An i added after a word's last consonant, before a plural s or not, is the nisba ending: another name
            // (Khomeyn/Khomeini, Hussein/Husseini, Yazd/Yazidis).
            if ((b == U.I || b == U.EE || b == U.IE || b == U.II) && index > 0 && (units.Flags[index - 1] & At.Vowel) == 0 &&
                (index == last || (index == last - 1 && units.Bases[last] == U.S)))
                return Param(rules, t.NisbaDelFinal, "nisba-del-final");
            if (index == last)
                return Param(rules, t.VowelDelFinal, "vowel-del-final");
            if (index == 0)
                return Param(rules, t.VowelDelInitial, "vowel-del-initial");
            // A vowel added beside another vowel in a short name makes another word (Sisi is not Suisse, Beirut not
            // Bayreuth); beside a glide (ay, ey) it is a spelling still (Aisha/Ayesha, Hüseyin/Hussein).
            if (Math.Max(units.Length, other.Length) <= t.VowelBesideVowelMaxUnits && PlainVowel(info, b) &&
                (PlainVowel(info, units.Bases[index - 1]) || PlainVowel(info, units.Bases[index + 1])))
                return Param(rules, t.VowelBesideVowelDel, "vowel-beside-vowel-del");
            rules?.Add($"del {info[b].Name}");
            return t.LatinDel(b);
        }
        // A word-final h after a vowel is a spelling of the ending, not a sound (Ghazzah/Ghazza, Jama'ah/Jema'a).
        if (b == U.H && index == last && index > 0 && (units.Flags[index - 1] & At.Vowel) != 0)
            return Param(rules, t.FinalHDel, "final-h-del");
        // A word-final s after an i or e is the English plural of a name that ends in that vowel (Houthis/Houthi,
        // Yazidis, Alawites); after an a it is not (Hamas is not Hama).
        if (b == U.S && index == last && index > 0 && units.Bases[index - 1] is var p && (p == U.I || p == U.E || p == U.EE || p == U.IE || p == U.Y))
            return Param(rules, t.FinalPluralSDel, "final-plural-s-del");
        rules?.Add($"del {info[b].Name}");
        double del = t.LatinDel(b);
        return (units.Flags[index] & At.Doubled) != 0 ? del + Param(rules, t.Doubling, "doubling") : del;
    }

    /// <summary>The Latin form has a vowel group of two letters or more (ai, ae, ee).</summary>
    private static bool HasVowelGroup(NameUnits.Info[] info, UnitForm latin)
    {
        for (int k = 0; k < latin.Length; k++)
            if (info[latin.Bases[k]] is { Vowel: true, Length: >= 2 })
                return true;
        return false;
    }

    private static bool PlainVowel(NameUnits.Info[] info, int u) => info[u].Vowel && info[u].Name.AsSpan().IndexOfAny('y', 'w') < 0;

    /// <summary><paramref name="value"/>, the value of <c>param <paramref name="name"/></c>, recorded as the rule applied when <paramref name="rules"/> is given.</summary>
    private static double Param(List<string>? rules, double value, string name)
    {
        rules?.Add("param " + name);
        return value;
    }

    // The costs that depend on the units only, by unit id; a rule names units as strings, so each entry is what the
    // string rules give (the listed cost, or the fallback).
    private double SubEntry(int x, int y)
    {
        string xs = NameUnits.Name(x), ys = NameUnits.Name(y);
        return costs.Sub(xs, ys) ?? SubDefault(xs, ys);
    }

    private double CrossEntry(int arabic, int latin)
    {
        string ls = NameUnits.Name(latin);
        return costs.Cross(NameUnits.Name(arabic), ls) ?? CrossDefault(ls);
    }

    private double ArabicSubEntry(int x, int y)
    {
        string xs = NameUnits.Name(x), ys = NameUnits.Name(y);
        if (costs.ArabicSub(xs, ys) is double a)
            return a;
        if (NameKeys.ClassOf(xs) is char cx && cx == NameKeys.ClassOf(ys))
            return costs.Param("arabic-same-class");
        return costs.Param("default-consonant-sub");
    }

    private double LatinDelEntry(int u)
    {
        string us = NameUnits.Name(u);
        return costs.LatinDelete(us) ?? (IsVowelUnit(us) ? costs.Param("default-vowel-del") : costs.Param("default-consonant-del"));
    }

    private double LatinCrossDelEntry(int u) => costs.LatinCrossDelete(NameUnits.Name(u)) ?? costs.Param("default-consonant-del");

    private double ArabicDelEntry(int u) => costs.ArabicDelete(NameUnits.Name(u)) ?? costs.Param("adel-default");

    /// <summary>
    /// The costs of one version of a <see cref="NameCosts"/> read into arrays and fields: the substitution and deletion
    /// costs by unit id (for the units the rule files and the letters give, <see cref="NameUnits.Seeded"/>; a unit seen
    /// later is looked up by its string), and every param.
    /// </summary>
    private sealed class CostTables
    {
        internal readonly int Version;
        private readonly NameSimilarity owner;
        private readonly int dim;
        private readonly double[] sub, cross, asub, del, xdel, adel;
        private readonly bool[] vowelWritingMark, writtenVowel;
        private readonly int[] vowelLetter;

        internal readonly double BudgetPerUnit, BudgetLongPerUnit, BudgetLongFrom, BudgetMin, BudgetMax, BudgetCrossArabicScale,
            BudgetCrossMax, BudgetCrossFactor, BudgetLengthMix, BudgetGrowthMax, GroupSplit, Transpose, GlideJ, SoftC, NasalAssimilation,
            FirstSyllableYehE, Doubling, FinalVowelSubFactor, FinalDevoicing, CrossMedialVowelFactor, AdelRepeated, ArabicVowelDel,
            DefaultConsonantDel, AdelInitialAyn, SeatVowelDelFactor, XdelInitialVowel, XdelShortVowelFinal, XdelShortVowel,
            XdelLongVowel, XdelInitialConsonant, XdelVowelY, MuteEDelFinal, NisbaDelFinal, VowelDelFinal, VowelDelInitial, VowelBesideVowelDel, VowelBesideVowelMaxUnits, FinalHDel, FinalPluralSDel,
            CrossInitialYehVowel, EnglishLongI, EnglishShortU, EnglishOw, AdelFinalAyn, XdelLongI, AdelYehAfterSeat, PleneYehE, PleneMinVowels, AdelAlefBeforeAyn,
            VowelWritingMedialFactor, VowelWritingMedialDelFactor, VowelWritingXdel;

        internal CostTables(NameSimilarity owner)
        {
            this.owner = owner;
            var c = owner.costs;
            Version = c.Version;
            dim = NameUnits.Seeded;
            sub = new double[dim * dim];
            cross = new double[dim * dim];
            asub = new double[dim * dim];
            del = new double[dim];
            xdel = new double[dim];
            adel = new double[dim];
            vowelWritingMark = new bool[dim];
            vowelLetter = new int[dim];
            writtenVowel = new bool[dim];
            for (int x = 0; x < dim; x++)
            {
                string name = NameUnits.Name(x);
                vowelWritingMark[x] = c.IsVowelWritingMark(name);
                writtenVowel[x] = c.IsWrittenVowel(name);
                vowelLetter[x] = c.VowelLetter(name) is { } l ? NameUnits.Intern(l) : -1;
                for (int y = 0; y < dim; y++)
                {
                    sub[x * dim + y] = owner.SubEntry(x, y);
                    cross[x * dim + y] = owner.CrossEntry(x, y);
                    asub[x * dim + y] = owner.ArabicSubEntry(x, y);
                }
                del[x] = owner.LatinDelEntry(x);
                xdel[x] = owner.LatinCrossDelEntry(x);
                adel[x] = owner.ArabicDelEntry(x);
            }
            BudgetPerUnit = c.Param("budget-per-unit");
            BudgetLongPerUnit = c.Param("budget-long-per-unit");
            BudgetLongFrom = c.Param("budget-long-from");
            BudgetMin = c.Param("budget-min");
            BudgetMax = c.Param("budget-max");
            BudgetCrossArabicScale = c.Param("budget-cross-arabic-scale");
            BudgetCrossMax = c.Param("budget-cross-max");
            BudgetCrossFactor = c.Param("budget-cross-factor");
            BudgetLengthMix = c.Param("budget-length-mix");
            BudgetGrowthMax = c.Param("budget-growth-max");
            GroupSplit = c.Param("group-split");
            Transpose = c.Param("transpose");
            GlideJ = c.Param("glide-j");
            SoftC = c.Param("soft-c");
            NasalAssimilation = c.Param("nasal-assimilation");
            FirstSyllableYehE = c.Param("first-syllable-yeh-e");
            Doubling = c.Param("doubling");
            FinalVowelSubFactor = c.Param("final-vowel-sub-factor");
            FinalDevoicing = c.Param("final-devoicing");
            CrossMedialVowelFactor = c.Param("cross-medial-vowel-factor");
            AdelRepeated = c.Param("adel-repeated");
            ArabicVowelDel = c.Param("arabic-vowel-del");
            DefaultConsonantDel = c.Param("default-consonant-del");
            AdelInitialAyn = c.Param("adel-initial-ayn");
            SeatVowelDelFactor = c.Param("seat-vowel-del-factor");
            XdelInitialVowel = c.Param("xdel-initial-vowel");
            XdelShortVowelFinal = c.Param("xdel-short-vowel-final");
            XdelShortVowel = c.Param("xdel-short-vowel");
            XdelLongVowel = c.Param("xdel-long-vowel");
            XdelInitialConsonant = c.Param("xdel-initial-consonant");
            CrossInitialYehVowel = c.Param("cross-initial-yeh-vowel");
            EnglishLongI = c.Param("english-long-i");
            EnglishShortU = c.Param("english-short-u");
            EnglishOw = c.Param("english-ow");
            AdelFinalAyn = c.Param("adel-final-ayn");
            XdelLongI = c.Param("xdel-long-i");
            AdelYehAfterSeat = c.Param("adel-yeh-after-seat");
            PleneYehE = c.Param("plene-yeh-e");
            PleneMinVowels = c.Param("plene-min-vowels");
            AdelAlefBeforeAyn = c.Param("adel-alef-before-ayn");
            XdelVowelY = c.Param("xdel-vowel-y");
            MuteEDelFinal = c.Param("mute-e-del-final");
            NisbaDelFinal = c.Param("nisba-del-final");
            VowelDelFinal = c.Param("vowel-del-final");
            VowelDelInitial = c.Param("vowel-del-initial");
            VowelBesideVowelDel = c.Param("vowel-beside-vowel-del");
            VowelBesideVowelMaxUnits = c.Param("vowel-beside-vowel-max-units");
            FinalHDel = c.Param("final-h-del");
            FinalPluralSDel = c.Param("final-plural-s-del");
            VowelWritingMedialFactor = c.Param("vowel-writing-medial-factor");
            VowelWritingMedialDelFactor = c.Param("vowel-writing-medial-del-factor");
            VowelWritingXdel = c.Param("vowel-writing-xdel");
            NonNegative = c.NoNegativeCost();
        }

        /// <summary>Every param and table cost is at least zero, so no edit, in any context, costs less than nothing.</summary>
        internal readonly bool NonNegative;

        /// <summary>A Latin substitution of two different units (the listed cost or the fallback), before context.</summary>
        internal double Sub(int x, int y) => (uint)x < (uint)dim && (uint)y < (uint)dim ? sub[x * dim + y] : owner.SubEntry(x, y);

        /// <summary>An Arabic-script letter against a Latin unit, before context.</summary>
        internal double Cross(int arabic, int latin) => (uint)arabic < (uint)dim && (uint)latin < (uint)dim ? cross[arabic * dim + latin] : owner.CrossEntry(arabic, latin);

        /// <summary>Two Arabic-script letters (listed, same key class, or the default).</summary>
        internal double ArabicSub(int x, int y) => (uint)x < (uint)dim && (uint)y < (uint)dim ? asub[x * dim + y] : owner.ArabicSubEntry(x, y);

        /// <summary>A Latin unit deleted against a Latin form, before context.</summary>
        internal double LatinDel(int u) => (uint)u < (uint)dim ? del[u] : owner.LatinDelEntry(u);

        /// <summary>A Latin consonant with nothing for it in Arabic script, before context.</summary>
        internal double LatinCrossDel(int u) => (uint)u < (uint)dim ? xdel[u] : owner.LatinCrossDelEntry(u);

        /// <summary>
        /// A form romanised from Arabic script is written in an orthography that writes every vowel (Kurdish Sorani,
        /// Uyghur): it holds a letter of a <c>vowel-writing</c> line.
        /// </summary>
        internal bool VowelWriting(UnitForm f)
        {
            if (!f.Arabic)
                return false;
            for (int k = 0; k < f.Length; k++)
            {
                int u = f.Bases[k];
                if ((uint)u < (uint)dim ? vowelWritingMark[u] : owner.costs.IsVowelWritingMark(NameUnits.Name(u)))
                    return true;
            }
            return false;
        }

        /// <summary>A Latin vowel that an orthography writing every vowel always writes (<c>vowel-writing-written</c> lines).</summary>
        internal bool WrittenVowel(int u) => (uint)u < (uint)dim ? writtenVowel[u] : owner.costs.IsWrittenVowel(NameUnits.Name(u));

        /// <summary>The id of the Latin vowel an Arabic-script vowel letter is in a vowel-writing word, or -1.</summary>
        internal int VowelLetter(int u) =>
            (uint)u < (uint)dim ? vowelLetter[u] : owner.costs.VowelLetter(NameUnits.Name(u)) is { } l ? NameUnits.Intern(l) : -1;

        /// <summary>An Arabic-script letter with nothing for it in the Latin form, before context.</summary>
        internal double ArabicDel(int u) => (uint)u < (uint)dim ? adel[u] : owner.ArabicDelEntry(u);
    }
}


/// <summary>The cost tables of <see cref="NameSimilarity"/>, read from <c>similarity-costs.txt</c> and <c>name-units.txt</c>.</summary>
internal sealed class NameCosts
{
    /// <summary>The Latin letter groups, longest first.</summary>
    internal static readonly string[] LatinGroups = RuleParsers.Lines("names/name-units.txt")
        .OrderByDescending(g => g.Length).ToArray();

    private readonly Dictionary<(string, string), double> sub = new();
    private readonly Dictionary<(string, string), double> cross = new();
    private readonly Dictionary<(string, string), double> asub = new();
    private readonly Dictionary<string, double> del = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> xdel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> adel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> vowelWriting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> vowelLetters = new(StringComparer.Ordinal);
    private readonly HashSet<string> writtenVowels = new(StringComparer.Ordinal);

    internal static NameCosts Load()
    {
        var costs = new NameCosts();
        foreach (var f in RuleParsers.Fields("names/similarity-costs.txt"))
        {
            switch (f[0])
            {
                case "sub":
                    costs.sub[(f[1], f[2])] = RuleParsers.Number(f[3]);
                    costs.sub[(f[2], f[1])] = RuleParsers.Number(f[3]);
                    break;
                case "cross": costs.cross[(f[1], f[2])] = RuleParsers.Number(f[3]); break;
                case "del": costs.del[f[1]] = RuleParsers.Number(f[2]); break;
                case "xdel": costs.xdel[f[1]] = RuleParsers.Number(f[2]); break;
                case "adel": costs.adel[f[1]] = RuleParsers.Number(f[2]); break;
                case "asub":
                    costs.asub[(f[1], f[2])] = RuleParsers.Number(f[3]);
                    costs.asub[(f[2], f[1])] = RuleParsers.Number(f[3]);
                    break;
                case "param": costs.parameters[f[1]] = RuleParsers.Number(f[2]); break;
                case "vowel-writing": costs.vowelWriting.Add(f[1]); break;
                case "vowel-letter": costs.vowelLetters[f[1]] = f[2]; break;
                case "vowel-writing-written": costs.writtenVowels.Add(f[1]); break;
                default: throw new FormatException($"similarity-costs.txt: unknown rule '{f[0]}'");
            }
        }
        return costs;
    }

    /// <summary>A copy with some params replaced (for tuning).</summary>
    internal NameCosts With(IReadOnlyDictionary<string, double> overrides)
    {
        var copy = new NameCosts();
        foreach (var kv in sub) copy.sub[kv.Key] = kv.Value;
        foreach (var kv in cross) copy.cross[kv.Key] = kv.Value;
        foreach (var kv in asub) copy.asub[kv.Key] = kv.Value;
        foreach (var kv in del) copy.del[kv.Key] = kv.Value;
        foreach (var kv in xdel) copy.xdel[kv.Key] = kv.Value;
        foreach (var kv in adel) copy.adel[kv.Key] = kv.Value;
        foreach (var kv in parameters) copy.parameters[kv.Key] = kv.Value;
        foreach (var kv in overrides) copy.parameters[kv.Key] = kv.Value;
        copy.vowelWriting.UnionWith(vowelWriting);
        copy.writtenVowels.UnionWith(writtenVowels);
        foreach (var kv in vowelLetters) copy.vowelLetters[kv.Key] = kv.Value;
        return copy;
    }

    internal IReadOnlyDictionary<string, double> Parameters => parameters;

    /// <summary>
    /// True when every rule and param is at least zero (a negative <c>group-split</c> or <c>transpose</c> switches
    /// that edit off), so that no edit of the similarity, in any context, costs less than nothing.
    /// </summary>
    internal bool NoNegativeCost() =>
        parameters.All(p => p.Value >= 0 || p.Key is "group-split" or "transpose") &&
        new[] { sub.Values, cross.Values, asub.Values }.All(t => t.All(v => v >= 0)) &&
        new[] { del.Values, xdel.Values, adel.Values }.All(t => t.All(v => v >= 0));

    /// <summary>A copy of every table.</summary>
    internal NameCosts Clone() => With(new Dictionary<string, double>());

    private Dictionary<string, double>? Single(string kind) => kind switch
    {
        "del" => del,
        "xdel" => xdel,
        "adel" => adel,
        "param" => parameters,
        _ => null,
    };

    private Dictionary<(string, string), double>? Pair(string kind) => kind switch
    {
        "sub" => sub,
        "cross" => cross,
        "asub" => asub,
        _ => null,
    };

    /// <summary>The cost a rule line (<c>sub e i</c>, <c>param doubling</c>) sets, or null when the file does not list it.</summary>
    internal double? Get(string rule)
    {
        var f = rule.Split(' ');
        if (f.Length == 2 && Single(f[0]) is { } one)
            return one.TryGetValue(f[1], out var v) ? v : null;
        if (f.Length == 3 && Pair(f[0]) is { } two)
            return two.TryGetValue((f[1], f[2]), out var v) ? v : null;
        throw new FormatException($"not a cost rule: '{rule}'");
    }

    /// <summary>Counts the changes made through <see cref="Set"/> (a <see cref="NameSimilarity"/> reads its tables again after one).</summary>
    internal int Version { get; private set; }

    /// <summary>Sets the cost of a rule line, adding it when the file does not list it (sub and asub both ways).</summary>
    internal void Set(string rule, double value)
    {
        Version++;
        var f = rule.Split(' ');
        if (f.Length == 2 && Single(f[0]) is { } one)
        {
            one[f[1]] = value;
            return;
        }
        if (f.Length == 3 && Pair(f[0]) is { } two)
        {
            two[(f[1], f[2])] = value;
            if (f[0] != "cross")
                two[(f[2], f[1])] = value;
            return;
        }
        throw new FormatException($"not a cost rule: '{rule}'");
    }

    /// <summary>
    /// The cost file with these costs: every rule line of <paramref name="original"/> (comments kept) carries its
    /// current value, and the rules it does not list are appended under <paramref name="newSection"/>.
    /// </summary>
    internal string ToText(string original, string newSection)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var sb = new System.Text.StringBuilder();
        foreach (var line in original.Replace("\r\n", "\n").Split('\n'))
        {
            var body = line.Split('#')[0].Trim();
            var f = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && (Single(f[0]) != null || Pair(f[0]) != null))
            {
                var rule = string.Join(' ', f[..^1]);
                var rev = f.Length == 4 && f[0] != "cross" ? $"{f[0]} {f[2]} {f[1]}" : null;
                if (written.Contains(rule) || (rev != null && written.Contains(rev)))
                    continue;
                written.Add(rule);
                sb.Append(rule).Append(' ').AppendLine(Format(Get(rule) ?? RuleParsers.Number(f[^1])));
                continue;
            }
            sb.AppendLine(line);
        }
        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1]))
            sb.Length--;
        sb.AppendLine();
        var added = new List<string>();
        void Add(string rule, double v)
        {
            if (written.Add(rule))
                added.Add(rule + " " + Format(v));
        }
        foreach (var kv in sub.OrderBy(k => k.Key.Item1, StringComparer.Ordinal).ThenBy(k => k.Key.Item2, StringComparer.Ordinal))
            if (!written.Contains($"sub {kv.Key.Item2} {kv.Key.Item1}"))
                Add($"sub {kv.Key.Item1} {kv.Key.Item2}", kv.Value);
        foreach (var kv in asub.OrderBy(k => k.Key.Item1, StringComparer.Ordinal).ThenBy(k => k.Key.Item2, StringComparer.Ordinal))
            if (!written.Contains($"asub {kv.Key.Item2} {kv.Key.Item1}"))
                Add($"asub {kv.Key.Item1} {kv.Key.Item2}", kv.Value);
        foreach (var kv in cross.OrderBy(k => k.Key.Item1, StringComparer.Ordinal).ThenBy(k => k.Key.Item2, StringComparer.Ordinal))
            Add($"cross {kv.Key.Item1} {kv.Key.Item2}", kv.Value);
        foreach (var (kind, table) in new[] { ("del", del), ("xdel", xdel), ("adel", adel), ("param", parameters) })
            foreach (var kv in table.OrderBy(k => k.Key, StringComparer.Ordinal))
                Add($"{kind} {kv.Key}", kv.Value);
        if (added.Count > 0)
        {
            sb.AppendLine().AppendLine(newSection);
            foreach (var line in added)
                sb.AppendLine(line);
        }
        return sb.ToString();
    }

    private static string Format(double v) => Math.Round(v, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    internal double Param(string name) => parameters.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"similarity-costs.txt: no 'param {name}'");

    internal double? Sub(string a, string b) => sub.TryGetValue((a, b), out var v) ? v : null;
    internal double? ArabicSub(string a, string b) => asub.TryGetValue((a, b), out var v) ? v : null;
    internal double? Cross(string arabic, string latin) => cross.TryGetValue((arabic, latin), out var v) ? v : null;
    internal double? LatinDelete(string u) => del.TryGetValue(u, out var v) ? v : null;
    internal double? LatinCrossDelete(string u) => xdel.TryGetValue(u, out var v) ? v : null;
    internal double? ArabicDelete(string u) => adel.TryGetValue(u, out var v) ? v : null;

    /// <summary>An Arabic-script letter (romanised) that marks a word of an orthography writing every vowel (<c>vowel-writing</c> lines).</summary>
    internal bool IsVowelWritingMark(string u) => vowelWriting.Contains(u);

    /// <summary>A Latin vowel that such an orthography always writes (<c>vowel-writing-written</c> lines).</summary>
    internal bool IsWrittenVowel(string u) => writtenVowels.Contains(u);

    /// <summary>The plain Latin vowel an Arabic-script vowel letter stands for in such a word (<c>vowel-letter</c> lines), or null.</summary>
    internal string? VowelLetter(string u) => vowelLetters.TryGetValue(u, out var v) ? v : null;
}
