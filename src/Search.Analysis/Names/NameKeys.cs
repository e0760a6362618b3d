using System.Text;

namespace Search.Analysis.Names;

/// <summary>
/// The candidate key of a name form (the cheap first stage): the letter classes of its consonants
/// (<c>Rules/names/letter-classes.txt</c>), vowels skipped, a class repeated in a row written once.
/// <c>Gaddafi</c>, <c>Qadhafi</c>, <c>Kadhafi</c> and <c>القذافي</c> all have the key <c>KTF</c>.
/// The lexicon field holds <c>key + U+001F + script + form</c> terms, so a TermsEnum seek on a key prefix
/// lists the attested forms that may be the same name.
/// </summary>
internal static class NameKeys
{
    /// <summary>Separates the key from the form in a lexicon term.</summary>
    internal const char Separator = '\u001F';

    /// <summary>Script mark in a lexicon term: a Latin form.</summary>
    internal const char LatinMark = 'L';

    /// <summary>Script mark in a lexicon term: a form romanised from Arabic script.</summary>
    internal const char ArabicMark = 'A';

    private static readonly Dictionary<string, char> Classes = LoadClasses();

    /// <summary>The class of the weak consonants that do not enter the key at the start of a word (the <c>~</c> line).</summary>
    private const char WeakLine = '~';

    /// <summary>
    /// How many class edits (insertion, deletion, substitution, transposition) a candidate key may be from a
    /// query key of <paramref name="keyLength"/> classes: one for keys of one or two classes, two beyond.
    /// Two edits keep nearly every word pair of the development set that the similarity accepts; the few lost
    /// have a consonant changed and two dropped (Kermanshahan/Kermansah).
    /// </summary>
    internal static int MaxKeyEdits(int keyLength) => keyLength <= 2 ? 1 : 2;

    /// <summary>The edit distance of two keys (optimal string alignment: adjacent transpositions count one).</summary>
    internal static int KeyDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }

    private static readonly HashSet<string> WeakInitial = RuleParsers.Fields("names/letter-classes.txt")
        .Where(f => f[0] == WeakLine.ToString()).SelectMany(f => f.Skip(1)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The class letter of a unit, or null for units that do not enter the key (vowels, ʿ, ʾ).</summary>
    internal static char? ClassOf(string unit)
    {
        var u = unit.Length >= 2 && unit[^1] == '\u02D0' ? unit[..^1] : unit;
        return Classes.TryGetValue(u, out var c) ? c : null;
    }

    /// <summary>The key of a form.</summary>
    internal static string Key(string[] units, bool arabic)
    {
        var key = Key(units, arabic, skipWeak: true);
        // A word of weak consonants only (Aviv, Wahy) keeps them, and its w or waw inside the word counts as a
        // consonant (Awiw, آویو ~ Aviv): an empty key would find nothing.
        return key.Length > 0 ? key : Key(units, arabic, skipWeak: false);
    }

    private static string Key(string[] units, bool arabic, bool skipWeak)
    {
        var sb = new StringBuilder(units.Length);
        bool leading = true;
        for (int i = 0; i < units.Length; i++)
        {
            var u = units[i];
            if (u.Length >= 2 && u[^1] == '\u02D0')
                u = u[..^1];
            // Weak consonants before the first strong one are written by some spellings and not others
            // (Wahran/Oran, Halab/Aleppo, ئانتالیا/Antalya): they stay out of the key.
            if (skipWeak && leading && WeakInitial.Contains(u))
                continue;
            char? c;
            if (arabic)
            {
                // Waw and yeh are consonants at the start of a word (Waziristan, Yazd), vowels elsewhere;
                // a final heh is most often a vowel (Persian -eh), so it does not enter the key.
                if (u == "ū") c = i == 0 || !skipWeak ? 'W' : null;
                else if (u == "ī") c = i == 0 ? 'Y' : null;
                else if (u == "h" && i == units.Length - 1 && i > 0) c = null;
                else c = ClassOf(u);
            }
            else
            {
                c = u == "y" && i > 0 ? null : ClassOf(u);
                if (u == "w" && i > 0 && skipWeak) c = null;
                if (u == "h" && i == units.Length - 1 && i > 0) c = null;
            }
            if (c is char k && (sb.Length == 0 || sb[^1] != k))
            {
                sb.Append(k);
                leading = false;
            }
        }
        return sb.ToString();
    }

    /// <summary>The lexicon term of a form: key, separator, script mark, form.</summary>
    internal static string LexiconTerm(string form, bool arabic) =>
        Key(NameSimilarity.Units(form, arabic), arabic) + Separator + (arabic ? ArabicMark : LatinMark) + form;

    /// <summary>In a rewritten lexicon term, separates the rewritten form (scored) from the form the name field holds (matched).</summary>
    internal const char RewriteMark = '>';

    /// <summary>
    /// The lexicon term of a Latin form as another orthography reads it (<see cref="NameOrthographies"/>: <c>Teerã</c>, folded
    /// <c>teera</c>, read as <c>teeran</c>): the key and form of <paramref name="rewritten"/>, <see cref="RewriteMark"/>, then
    /// <paramref name="form"/>, so a query near the rewritten form finds the word the name field holds.
    /// </summary>
    internal static string RewrittenLexiconTerm(string rewritten, string form) =>
        LexiconTerm(rewritten, false) + RewriteMark + form;

    /// <summary>
    /// Splits a lexicon term into its key length, form and script; false when it is not one. Over a span, so a term read
    /// into a reused buffer is parsed without a string.
    /// </summary>
    internal static bool TryParseLexiconTerm(ReadOnlySpan<char> term, out int keyLength, out ReadOnlySpan<char> form, out bool arabic)
    {
        keyLength = term.IndexOf(Separator);
        if (keyLength < 0 || keyLength + 1 >= term.Length)
        {
            form = default;
            arabic = false;
            return false;
        }
        arabic = term[keyLength + 1] == ArabicMark;
        form = term[(keyLength + 2)..];
        return true;
    }

    private static Dictionary<string, char> LoadClasses()
    {
        var map = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var f in RuleParsers.Fields("names/letter-classes.txt").Where(f => f[0] != WeakLine.ToString()))
            foreach (var unit in f.Skip(1))
                map[unit] = f[0][0];
        return map;
    }
}
