using System.Text;

namespace Search.Querying;

/// <summary>One part of a search-box query.</summary>
/// <param name="Words">The words, as typed (one for a word, several for a quoted phrase).</param>
/// <param name="Quoted">Written in quotes: the words must occur together, in order.</param>
/// <param name="Excluded">Written with a leading <c>-</c>: documents containing it are left out.</param>
/// <param name="Exact">Written with a leading <c>=</c> (or the whole query was): exact spelling only.</param>
/// <param name="OrWithNext">Followed by <c>OR</c>: either this or the next clause will do.</param>
/// <param name="Prefix">Written with a trailing <c>*</c> (<c>Khamen*</c>): any word that begins so.</param>
internal sealed record LenientClause(IReadOnlyList<string> Words, bool Quoted, bool Excluded, bool Exact, bool OrWithNext, bool Prefix = false);

/// <summary>
/// The search-box grammar. It never fails: whatever is typed becomes words, "quoted phrases" (an
/// unclosed quote runs to the end), <c>-excluded</c> words, <c>=exact</c> words and <c>OR</c> between
/// two clauses, and <c>word*</c> for the words that begin with <c>word</c> (at least <see cref="MinPrefixLength"/>
/// letters or digits before the star; a shorter one is the plain word). A leading <c>=</c> asks for exact spelling
/// throughout. Everything else is text.
/// </summary>
internal static class LenientQueryParser
{
    /// <summary>
    /// The fewest letters or digits a prefix may have: <c>a*</c> would gather every word that begins with a, a search as
    /// costly as the whole index for a result no one can read.
    /// </summary>
    public const int MinPrefixLength = 2;

    public static IReadOnlyList<LenientClause> Parse(string text, bool exactSpelling = false)
    {
        var clauses = new List<LenientClause>();
        text = text.Trim();
        if (text.StartsWith('=') && (text.Length == 1 || char.IsWhiteSpace(text[1]) || text[1] == '"'))
        {
            exactSpelling = true;
            text = text[1..];
        }

        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            bool excluded = false, exact = exactSpelling;
            while (i < text.Length && (text[i] is '-' or '+' or '=' or '!'))
            {
                if (text[i] is '-' or '!') excluded = true;
                if (text[i] == '=') exact = true;
                i++;
            }
            if (i >= text.Length) break;

            if (text[i] == '"')
            {
                int close = text.IndexOf('"', i + 1);
                var inner = close < 0 ? text[(i + 1)..] : text[(i + 1)..close];
                i = close < 0 ? text.Length : close + 1;
                var words = SplitWords(inner);
                if (words.Count > 0)
                    clauses.Add(new LenientClause(words, Quoted: true, excluded, exact, OrWithNext: false));
                continue;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            var raw = text[start..i];
            var word = Clean(raw);
            if (word.Length == 0) continue;
            bool prefix = raw.TrimEnd('.', ',', ';').EndsWith('*') && word.Count(char.IsLetterOrDigit) >= MinPrefixLength;
            if (word == "OR" && clauses.Count > 0 && !excluded)
            {
                clauses[^1] = clauses[^1] with { OrWithNext = true };
                continue;
            }
            if (word is "AND" or "&&" && !excluded) continue;
            clauses.Add(new LenientClause([word], Quoted: false, excluded, exact, OrWithNext: false, prefix));
        }
        // An OR with nothing after it joins nothing.
        if (clauses.Count > 0 && clauses[^1].OrWithNext)
            clauses[^1] = clauses[^1] with { OrWithNext = false };
        return clauses;
    }

    private static List<string> SplitWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Clean).Where(w => w.Length > 0).ToList();

    // Drops the syntax characters of the strict grammar, so "Iran:" or "(Tehran)" are plain words, and
    // control characters. Letters, digits, marks, apostrophes and hyphens inside a word are kept.
    private static string Clean(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (char.IsControl(c) || c is '(' or ')' or '[' or ']' or '{' or '}' or '^' or '~' or '*' or '?' or ':' or '\\' or '/' or '"')
                continue;
            sb.Append(c);
        }
        return sb.ToString().Trim('-', '+', '=', '!', '.', ',', ';');
    }
}
