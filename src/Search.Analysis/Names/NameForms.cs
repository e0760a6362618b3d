using System.Globalization;
using System.Text;

namespace Search.Analysis.Names;

/// <summary>
/// The character logic of the name field: folding a Latin word to its lossy form, and normalising and
/// romanising an Arabic-script word (rules in <c>Rules/names/latin-fold.txt</c>,
/// <c>arabic-normalize.txt</c>, <c>arabic-latin.txt</c>). Pure functions on strings, no Lucene.
/// </summary>
internal static class NameForms
{
    /// <summary>Zero-width non-joiner: inside a Persian word it is a join point between two parts.</summary>
    internal const char Zwnj = '\u200C';

    private static readonly Dictionary<char, string> LatinFold = ToCharMap("names/latin-fold.txt");
    private static readonly Dictionary<char, string> ArabicNormal = ToCharMap("names/arabic-normalize.txt");
    private static readonly Dictionary<char, string> ArabicLatin = ToCharMap("names/arabic-latin.txt");

    /// <summary>True when <see cref="FoldLatin"/> gives every word of lower-case ASCII letters and digits back as it is (no rule maps one of them).</summary>
    internal static readonly bool FoldsPlainAsciiAsItself =
        !LatinFold.Keys.Any(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    /// <summary>True when the character is a letter of the Arabic script (Arabic, Persian, Urdu, ... forms).</summary>
    internal static bool IsArabicLetter(char c) =>
        (c >= '\u0620' && c <= '\u064A') || (c >= '\u066E' && c <= '\u06D3') || c == '\u06D5' ||
        (c >= '\u06FA' && c <= '\u06FC') || (c >= '\u0750' && c <= '\u077F') || (c >= '\uFB50' && c <= '\uFDFF') ||
        (c >= '\uFE70' && c <= '\uFEFF' && c != '\uFEFF');

    /// <summary>True when the word holds an Arabic-script letter.</summary>
    internal static bool IsArabic(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (IsArabicLetter(c))
                return true;
        return false;
    }

    /// <summary>True when <paramref name="text"/> has no unpaired surrogate (what Unicode normalisation requires).</summary>
    internal static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The folded Latin form: compatibility-decomposed, combining marks removed, lower case, ʿayn/hamza
    /// marks, apostrophes and hyphens removed, the letters NFKD keeps folded to ASCII
    /// (<c>Khamene'i</c> → <c>khamenei</c>, <c>Ḥūthī</c> → <c>huthi</c>).
    /// </summary>
    internal static string FoldLatin(string word)
    {
        // Normalisation refuses an unpaired surrogate (a malformed text, a word cut between the two halves of a pair):
        // it is folded as U+FFFD.
        if (!IsWellFormed(word))
            word = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(word));   // the encoder's fallback writes U+FFFD for each
        // The map goes first, on composed letters (š -> sh, ı -> i), then NFKD takes the other accents off.
        var mappedFirst = new StringBuilder(word.Length + 4);
        foreach (var ch in word.Normalize(NormalizationForm.FormC))
        {
            var c = char.ToLowerInvariant(ch);
            if (LatinFold.TryGetValue(c, out var mapped))
                mappedFirst.Append(mapped);
            else
                mappedFirst.Append(c);
        }
        var decomposed = mappedFirst.ToString().Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format)
                continue;
            if (LatinFold.TryGetValue(c, out var mapped))
                sb.Append(mapped);
            else if (char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private const char HamzaSeatYeh = '\u0626';
    private const char Hamza = '\u0621';

    /// <summary>
    /// Arabic-script orthographic normalisation: NFKC (presentation forms, ligatures), then alef/hamza seats,
    /// yeh and kaf forms, harakat and tatweel (<c>arabic-normalize.txt</c>), a hamza seat opening the word as
    /// hamza. Keeps ZWNJ; drops other format and non-letter characters.
    /// </summary>
    internal static string NormalizeArabic(string word)
    {
        var composed = word.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(composed.Length);
        for (int i = 0; i < composed.Length; i++)
        {
            char c = composed[i];
            // A hamza seat that opens a word is the glottal onset of Kurdish and Uyghur spellings (ئاممان Amman),
            // not the yeh it is inside a word (ممبئی).
            if (i == 0 && c == HamzaSeatYeh)
            {
                sb.Append(Hamza);
                continue;
            }
            if (ArabicNormal.TryGetValue(c, out var mapped))
                sb.Append(mapped);
            else if (c == Zwnj || IsArabicLetter(c) || char.IsLetterOrDigit(c))
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The romanisation of a normalised Arabic-script word, one Latin letter per Arabic letter, long vowels
    /// kept (<c>تهران</c> → <c>thrān</c>, <c>خامنه</c> → <c>ḫāmnh</c>). Letters outside the table are
    /// kept lower-cased when they are Latin letters or digits, dropped otherwise.
    /// </summary>
    internal static string RomanizeArabic(string normalized)
    {
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (ArabicLatin.TryGetValue(c, out var mapped))
                sb.Append(mapped);
            else if (c < 128 && char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>True when a name form was romanised from Arabic script (it holds a letter of the romanisation table that plain Latin forms never hold).</summary>
    internal static bool IsRomanizedArabic(string form)
    {
        foreach (var c in form)
            if (c > 127)
                return true;
        return false;
    }

    private static Dictionary<char, string> ToCharMap(string ruleFile)
    {
        var map = new Dictionary<char, string>();
        foreach (var (from, to) in RuleParsers.ReadMappings(ruleFile))
        {
            if (from.Length != 1)
                throw new FormatException($"{ruleFile}: only single characters can be mapped: \"{from}\"");
            map[from[0]] = to;
        }
        return map;
    }
}
