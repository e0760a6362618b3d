namespace Search.Analysis.Names;

/// <summary>
/// The one-letter words Arabic writes on to the next word (<c>Rules/names/proclitics.txt</c>): a conjunction (و, ف), a
/// preposition (ب, ك, ل), or a conjunction then a preposition. The index keeps such a word whole (only the article is
/// stripped, also after و and as لل), so a query that must find a place's name as written alone (an exonym) asks for
/// these written forms too.
/// </summary>
internal sealed class ArabicProclitics
{
    /// <summary>The proclitics of the embedded rule file.</summary>
    internal static ArabicProclitics Default { get; } = Load("names/proclitics.txt");

    private const char Lam = '\u0644';

    private readonly List<string> conjunctions = new();
    private readonly List<string> prepositions = new();

    internal static ArabicProclitics Load(string ruleFile)
    {
        var proclitics = new ArabicProclitics();
        foreach (var f in RuleParsers.Fields(ruleFile))
        {
            if (f.Length != 2)
                throw new FormatException($"{ruleFile}: expected \"<kind> <letter>\": {string.Join(' ', f)}");
            var letter = NameForms.NormalizeArabic(f[1]);
            switch (f[0])
            {
                case "conjunction": proclitics.conjunctions.Add(letter); break;
                case "preposition": proclitics.prepositions.Add(letter); break;
                default: throw new FormatException($"{ruleFile}: unknown kind '{f[0]}' (conjunction, preposition)");
            }
        }
        return proclitics;
    }

    /// <summary>
    /// <paramref name="word"/> (one Arabic-script word, as written) with every proclitic and every conjunction-then-preposition
    /// written on to it; ل before the article writes لل (للصين). Not the word itself. Empty for a word not in Arabic script.
    /// </summary>
    internal IEnumerable<string> WrittenOn(string word)
    {
        if (word.Length == 0 || !word.All(NameForms.IsArabicLetter))
            yield break;
        var normalised = NameForms.NormalizeArabic(word);
        // The article's alef, dropped after ل; normalised, the word begins as the article does.
        bool article = NameSequence.ArabicArticlePrefixes.Any(a => normalised.Length > a.Length + 1 && normalised.StartsWith(a, StringComparison.Ordinal) && a[0] == word[0]);
        foreach (var conjunction in conjunctions.Prepend(""))
        {
            if (conjunction.Length > 0)
                yield return conjunction + word;
            foreach (var preposition in prepositions)
                yield return conjunction + (article && preposition[0] == Lam ? preposition + word[1..] : preposition + word);
        }
    }
}
