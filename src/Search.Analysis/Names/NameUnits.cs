using System.Collections.Concurrent;

namespace Search.Analysis.Names;

/// <summary>
/// The units of <see cref="NameSimilarity"/> (Latin letter groups, romanised Arabic letters, doubled units) interned as
/// small ints, once per process, with the properties of each unit the similarity reads, so that its alignment compares
/// ints and reads arrays instead of comparing strings and looking them up in dictionaries. An id stands for one unit
/// string and a unit string has one id: comparing ids is comparing the strings. The units of the rule files get the
/// lowest ids (the dimension of the similarity's cost tables); a unit first seen in a form (a digit, a letter of another
/// alphabet) gets the next id when it is first seen. Thread-safe: ids are added under a lock and read without one.
/// </summary>
internal static class NameUnits
{
    /// <summary>Marks a doubled unit (<c>dː</c> for <c>dd</c>).</summary>
    internal const char DoubledMark = '\u02D0';

    /// <summary>What the similarity reads of a unit.</summary>
    internal struct Info
    {
        /// <summary>The unit.</summary>
        internal string Name;

        /// <summary>The id of the unit without its doubled mark (its own id when it has none).</summary>
        internal int Base;

        /// <summary>Its first and second letter when it is two letters and not doubled (a group that can split); else -1.</summary>
        internal int Split0, Split1;

        /// <summary>Its length in chars.</summary>
        internal int Length;

        /// <summary>The id + 1 of this unit doubled, once known (0 before).</summary>
        internal int DoubledId;

        /// <summary>Ends in the doubled mark.</summary>
        internal bool Doubled;

        /// <summary>Starts with a Latin vowel letter.</summary>
        internal bool Vowel;

        /// <summary>A long vowel of Arabic script (<c>ā ū ī āī īī ūū ė ë ê ô</c>).</summary>
        internal bool ArabicVowel;

        /// <summary>One Latin vowel letter.</summary>
        internal bool SingleVowel;

        /// <summary>
        /// A Latin consonant that the Arabic article assimilates to, doubling it (<c>ad-Din</c>, <c>as-Sadr</c>): the
        /// consonant of a Latin article of <c>articles.txt</c> that opens with a vowel.
        /// </summary>
        internal bool Sun;

        /// <summary>The flags of <see cref="UnitForm.At"/> that depend on the unit alone.</summary>
        internal UnitForm.At Static;
    }

    // The consonants of the Latin articles of articles.txt that open with a vowel (al, ad, ash, ez ...).
    private static readonly HashSet<string> SunLetters = RuleParsers.Fields("names/articles.txt")
        .Where(f => f[0] == "article" && f[1].Length >= 2 && IsVowelChar(f[1][0]) && !IsVowelChar(f[1][1]))
        .Select(f => f[1][1..])
        .ToHashSet(StringComparer.Ordinal);

    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static Info[] infos = new Info[512];
    private static int count;

    // The id + 1 of each one-char unit, once known.
    private static readonly int[] CharIds = new int[char.MaxValue + 1];

    // The Latin groups (name-units.txt) in the order Units tries them, their ids, and which start with each char.
    private static readonly string[] Groups;
    private static readonly int[] GroupIds;
    private static readonly Dictionary<char, int[]> GroupsByFirst;
    private static readonly int[]?[] GroupsByAscii = new int[]?[128];

    internal static readonly int Hamza, Ayn, TehMarbuta, AlefYeh, YehYeh, WawWaw, TehSheen, LongI, LongA, LongU, ShortU, O, C, K, S, H, W, Y, R, E, I, J, L, N, M, B, P, D, T, G, Z, EE, IE, II;

    /// <summary>The number of ids the rule files and the letters give, taken before any form is read: the cost tables' dimension.</summary>
    internal static readonly int Seeded;

    static NameUnits()
    {
        // Single letters first, then the groups, then every unit the cost file names, then the doubled consonants.
        for (char c = 'a'; c <= 'z'; c++)
            Intern(c.ToString());
        Groups = NameCosts.LatinGroups;
        GroupIds = Groups.Select(Intern).ToArray();
        GroupsByFirst = Enumerable.Range(0, Groups.Length).GroupBy(k => Groups[k][0]).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (first, groups) in GroupsByFirst)
            if (first < GroupsByAscii.Length)
                GroupsByAscii[first] = groups;
        Hamza = Intern("ʾ");
        Ayn = Intern("ʿ");
        TehMarbuta = Intern("ẗ");
        AlefYeh = Intern("āī");
        YehYeh = Intern("īī");
        WawWaw = Intern("ūū");
        TehSheen = Intern("tš");
        LongI = Intern("ī");
        LongA = Intern("ā");
        LongU = Intern("ū");
        Intern("ė");
        O = Intern("o");
        ShortU = Intern("u");
        foreach (var (_, to) in RuleParsers.ReadMappings("names/arabic-latin.txt"))
            foreach (var ch in to)
                Intern(ch.ToString());
        foreach (var f in RuleParsers.Fields("names/similarity-costs.txt"))
            if (f[0] != "param")
                foreach (var u in f.Skip(1).Take(f.Length - 2))
                    Intern(u);
        C = Intern("c");
        K = Intern("k");
        S = Intern("s");
        H = Intern("h");
        W = Intern("w");
        Y = Intern("y");
        R = Intern("r");
        E = Intern("e");
        I = Intern("i");
        J = Intern("j");
        L = Intern("l");
        N = Intern("n");
        M = Intern("m");
        B = Intern("b");
        P = Intern("p");
        D = Intern("d");
        T = Intern("t");
        G = Intern("g");
        Z = Intern("z");
        EE = Intern("ee");
        IE = Intern("ie");
        II = Intern("ii");
        for (char c = '0'; c <= '9'; c++)
            Intern(c.ToString());
        Seeded = count;
        foreach (var id in Enumerable.Range(0, Seeded).Where(id => !infos[id].Doubled && !IsVowelChar(infos[id].Name[0]) && infos[id].Name.Length <= 2).ToArray())
            Doubled(id);
    }

    /// <summary>The infos by id (an array that holds at least every id handed out before the call).</summary>
    internal static Info[] Infos => Volatile.Read(ref infos);

    /// <summary>The unit of an id.</summary>
    internal static string Name(int id) => Infos[id].Name;

    private static bool IsVowelChar(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>The id of a unit.</summary>
    internal static int Intern(string unit)
    {
        if (Ids.TryGetValue(unit, out int id))
            return id;
        lock (Gate)
        {
            if (Ids.TryGetValue(unit, out id))
                return id;
            bool doubled = unit.Length >= 2 && unit[^1] == DoubledMark;
            int baseId = doubled ? Intern(unit[..^1]) : -1;
            int split0 = -1, split1 = -1;
            if (unit.Length == 2 && !doubled)
            {
                split0 = Intern(unit[..1]);
                split1 = Intern(unit[1..]);
            }
            id = count;
            if (id == infos.Length)
            {
                var bigger = new Info[infos.Length * 2];
                Array.Copy(infos, bigger, infos.Length);
                Volatile.Write(ref infos, bigger);
            }
            string baseName = doubled ? unit[..^1] : unit;
            var flags = UnitForm.At.None;
            if (baseName.Length > 0 && IsVowelChar(baseName[0])) flags |= UnitForm.At.Vowel;
            if (doubled) flags |= UnitForm.At.Doubled;
            if (unit.Length == 2 && !doubled) flags |= UnitForm.At.Splittable;
            if (baseName is "i" or "y") flags |= UnitForm.At.IY;
            if (baseName == "s") flags |= UnitForm.At.S;
            if (baseName == "n") flags |= UnitForm.At.N;
            if (baseName == "m") flags |= UnitForm.At.M;
            if (baseName == "j") flags |= UnitForm.At.BaseJ;
            if (baseName is "l" or "n") flags |= UnitForm.At.BaseLN;
            if (baseName is "b" or "p") flags |= UnitForm.At.BaseBP;
            if (unit == "c") flags |= UnitForm.At.IsC;
            if (baseName.Length > 0 && baseName[0] is 'e' or 'i' or 'y') flags |= UnitForm.At.FirstEIY;
            infos[id] = new Info
            {
                Static = flags,
                Name = unit,
                Base = doubled ? baseId : id,
                Split0 = split0,
                Split1 = split1,
                Length = unit.Length,
                Doubled = doubled,
                Vowel = unit.Length > 0 && IsVowelChar(unit[0]),
                ArabicVowel = unit is "ā" or "ū" or "ī" or "āī" or "īī" or "ūū" or "ė" or "ë" or "ê" or "ô",
                SingleVowel = unit.Length == 1 && IsVowelChar(unit[0]),
                Sun = SunLetters.Contains(unit),
            };
            if (doubled)
                infos[baseId].DoubledId = id + 1;
            count = id + 1;
            Ids[unit] = id;
            if (unit.Length == 1)
                Volatile.Write(ref CharIds[unit[0]], id + 1);
            return id;
        }
    }

    /// <summary>The id of a one-char unit.</summary>
    private static int OneChar(char c)
    {
        int id = Volatile.Read(ref CharIds[c]);
        return id > 0 ? id - 1 : Intern(c.ToString());
    }

    /// <summary>The id of the unit doubled (<c>k</c> → <c>kː</c>).</summary>
    internal static int Doubled(int id)
    {
        int d = Infos[id].DoubledId;
        return d > 0 ? d - 1 : Intern(Name(id) + DoubledMark);
    }

    /// <summary>The ids of units given as strings.</summary>
    internal static int[] Of(string[] units)
    {
        var ids = new int[units.Length];
        for (int k = 0; k < units.Length; k++)
            ids[k] = Intern(units[k]);
        return ids;
    }

    /// <summary>
    /// Splits a form into units, as ids. Arabic-script romanisations: one letter a unit, except the groups
    /// <c>āī īī ūū tš</c>, and a word-initial alef read as a vowel seat; Latin forms: the groups of
    /// <c>name-units.txt</c> (the longest first), a doubled consonant or consonant group as one doubled unit,
    /// <c>ck</c> as a doubled k, an <c>x</c> inside a word as k + s.
    /// </summary>
    internal static int[] Split(string form, bool arabic)
    {
        var units = new int[2 * form.Length];
        return units[..Split(form, arabic, units)];
    }

    /// <summary>
    /// <see cref="Split(string, bool)"/> into <paramref name="units"/> (at least twice the form's length: x gives two
    /// units); returns the number of units.
    /// </summary>
    internal static int Split(ReadOnlySpan<char> form, bool arabic, Span<int> units)
    {
        int n = 0;
        int i = 0;
        while (i < form.Length)
        {
            if (arabic)
            {
                // An alef that starts a word only carries its vowel (Ibrahim, Ahmad, Urmia): a vowel seat, like hamza.
                if (i == 0 && form[0] == 'ā' && form.Length > 1)
                {
                    units[n++] = Hamza;
                    i++;
                    continue;
                }
                if (i + 1 < form.Length)
                {
                    char c0 = form[i], c1 = form[i + 1];
                    int group = c0 == 'ā' && c1 == 'ī' ? AlefYeh
                        : c0 == 'ī' && c1 == 'ī' ? YehYeh
                        : c0 == 'ū' && c1 == 'ū' ? WawWaw
                        // Arabic script writes "ch" of foreign names as t + sh (كراتشي Karachi).
                        : c0 == 't' && c1 == 'š' ? TehSheen
                        : -1;
                    if (group >= 0)
                    {
                        units[n++] = group;
                        i += 2;
                        continue;
                    }
                }
                units[n++] = OneChar(form[i]);
                i++;
                continue;
            }
            int matched = -1;
            if (GroupsStarting(form[i]) is { } candidates)
            {
                foreach (int k in candidates)
                {
                    var g = Groups[k];
                    if (i + g.Length <= form.Length && form.Slice(i, g.Length).SequenceEqual(g))
                    {
                        matched = k;
                        break;
                    }
                }
            }
            if (matched >= 0)
            {
                var g = Groups[matched];
                // A doubled digraph (Qadhdhafi) is one doubled unit.
                bool doubled = g.Length == 2 && !IsVowelChar(g[0]) && i + 4 <= form.Length && form[i + 2] == g[0] && form[i + 3] == g[1];
                units[n++] = doubled ? Doubled(GroupIds[matched]) : GroupIds[matched];
                i += doubled ? 4 : g.Length;
                continue;
            }
            char c = form[i];
            // ck is a doubled k (Mekka, Mecka ~ Mecca).
            if (c == 'c' && i + 1 < form.Length && form[i + 1] == 'k')
            {
                units[n++] = Doubled(K);
                i += 2;
                continue;
            }
            // x inside a word is k + s (Rosoboronexport ~ Rosoboroneksport).
            if (c == 'x' && i > 0)
            {
                units[n++] = K;
                units[n++] = S;
                i++;
                continue;
            }
            if (i + 1 < form.Length && form[i + 1] == c && !IsVowelChar(c))
            {
                units[n++] = Doubled(OneChar(c));
                i += 2;
                continue;
            }
            units[n++] = OneChar(c);
            i++;
        }
        return n;
    }

    /// <summary>The indexes of the Latin groups that start with <paramref name="c"/>, in the order they are tried; null when none does.</summary>
    private static int[]? GroupsStarting(char c) =>
        c < GroupsByAscii.Length ? GroupsByAscii[c] : GroupsByFirst.TryGetValue(c, out var groups) ? groups : null;
}

/// <summary>
/// A form split into units for <see cref="NameSimilarity"/>: the unit ids, their bases, and per unit the properties of
/// it and of its neighbours that the costs ask about (made once per form, so the alignment only reads them).
/// </summary>
internal sealed class UnitForm
{
    [Flags]
    internal enum At : ushort
    {
        None = 0,
        /// <summary>The unit's base starts with a vowel letter.</summary>
        Vowel = 1,
        /// <summary>The unit is doubled.</summary>
        Doubled = 2,
        /// <summary>The unit is two letters and not doubled (a group that may align letter by letter).</summary>
        Splittable = 4,
        /// <summary>A j that is the glide i/y (see NameSimilarity.IsGlideJ).</summary>
        GlideJ = 8,
        /// <summary>A c said s (before e, i or y).</summary>
        SoftC = 16,
        /// <summary>The next unit's base is b or p.</summary>
        NextBP = 32,
        /// <summary>The base is i or y.</summary>
        IY = 64,
        /// <summary>The base is s.</summary>
        S = 128,
        /// <summary>The base is n.</summary>
        N = 256,
        /// <summary>The base is m.</summary>
        M = 512,
        /// <summary>The base is j.</summary>
        BaseJ = 1024,
        /// <summary>The base is l or n.</summary>
        BaseLN = 2048,
        /// <summary>The base is b or p.</summary>
        BaseBP = 4096,
        /// <summary>The unit is c.</summary>
        IsC = 8192,
        /// <summary>The base starts with e, i or y.</summary>
        FirstEIY = 16384,
        /// <summary>
        /// An i between a consonant and one plain consonant (not doubled, not h, w or y) followed by an e: the long i of
        /// English (Biden, Mike) and French (Amine) spellings. See NameSimilarity.SubstituteAt and Delete.
        /// </summary>
        LongIE = 32768,
    }

    /// <summary>The unit ids (the first <see cref="Length"/>).</summary>
    internal int[] Ids = [];

    /// <summary>The ids of the units without their doubled marks.</summary>
    internal int[] Bases = [];

    /// <summary>Per unit: <see cref="At"/>.</summary>
    internal At[] Flags = [];

    /// <summary>Romanised from Arabic script.</summary>
    internal bool Arabic;

    /// <summary>The number of units.</summary>
    internal int Length;

    private UnitForm()
    {
    }

    /// <summary>An empty form to fill with <see cref="Set"/> again and again (one per thread: it is not thread-safe while being set).</summary>
    internal static UnitForm Scratch() => new();

    /// <summary>Makes this the units of <paramref name="form"/>, reusing the arrays.</summary>
    internal UnitForm Set(ReadOnlySpan<char> form, bool arabic)
    {
        if (Ids.Length < 2 * form.Length)
            Ids = new int[Math.Max(16, 2 * form.Length)];
        int n = NameUnits.Split(form, arabic, Ids);
        SetContext(n, arabic);
        return this;
    }

    private UnitForm SetIds(int[] ids, bool arabic)
    {
        Ids = ids;
        SetContext(ids.Length, arabic);
        return this;
    }

    private void SetContext(int n, bool arabic)
    {
        Length = n;
        Arabic = arabic;
        var ids = Ids;
        var info = NameUnits.Infos;
        if (Bases.Length < n)
        {
            Bases = new int[ids.Length];
            Flags = new At[ids.Length];
        }
        for (int k = 0; k < n; k++)
        {
            ref readonly var u = ref info[ids[k]];
            Bases[k] = u.Base;
            Flags[k] = u.Static;
        }
        // The flags that depend on the neighbours.
        for (int k = 0; k < n; k++)
        {
            var f = Flags[k];
            // A j after a vowel and before none is the glide i/y; so are the palatal lj and nj of Slavic and
            // Scandinavian spellings (Antalja, Konja, Njala); not rj (Sharjah). See NameSimilarity.SubstituteAt.
            if ((f & At.BaseJ) != 0 && k > 0 &&
                ((Flags[k - 1] & At.Vowel) != 0 && (k == n - 1 || (Flags[k + 1] & At.Vowel) == 0) ||
                 (Flags[k - 1] & At.BaseLN) != 0 && k + 1 < n && (Flags[k + 1] & At.Vowel) != 0))
                f |= At.GlideJ;
            // A c before e, i or y.
            if ((f & At.IsC) != 0 && k + 1 < n && (Flags[k + 1] & At.FirstEIY) != 0)
                f |= At.SoftC;
            if (k + 1 < n && (Flags[k + 1] & At.BaseBP) != 0)
                f |= At.NextBP;
            if (ids[k] == NameUnits.I && k > 0 && k + 2 < n && (Flags[k - 1] & At.Vowel) == 0 &&
                (Flags[k + 1] & (At.Vowel | At.Doubled)) == 0 && Bases[k + 1] != NameUnits.H && Bases[k + 1] != NameUnits.W &&
                Bases[k + 1] != NameUnits.Y && Bases[k + 2] == NameUnits.E)
                f |= At.LongIE;
            Flags[k] = f;
        }
    }

    /// <summary>The form's units.</summary>
    internal static UnitForm Of(string form, bool arabic) => new UnitForm().Set(form, arabic);

    /// <summary>Units given as strings (as <see cref="NameSimilarity.Units"/> splits a form).</summary>
    internal static UnitForm Of(string[] units, bool arabic) => new UnitForm().SetIds(NameUnits.Of(units), arabic);

    /// <summary>The units as strings.</summary>
    internal string[] Units()
    {
        var info = NameUnits.Infos;
        var units = new string[Length];
        for (int k = 0; k < units.Length; k++)
            units[k] = info[Ids[k]].Name;
        return units;
    }
}
