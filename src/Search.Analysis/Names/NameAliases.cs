namespace Search.Analysis.Names;

/// <summary>
/// Aliases that are not transliterations (<c>Rules/names/aliases.txt</c>, Solr synonym format): groups of
/// names of one entity. A query word or quoted name that is, as a whole, one term of a group also searches
/// the other terms. Terms are compared by their name forms (folded or romanised), so the spelling of the
/// query need not be the one in the file.
/// </summary>
internal sealed class NameAliases
{
    /// <summary>The aliases of the embedded rule file.</summary>
    internal static NameAliases Default { get; } = Load("names/aliases.txt");

    /// <summary>
    /// The names of one place or body in other languages that are no transliterations, from two embedded rule files in the
    /// same format: <c>Rules/names/exonyms.txt</c> (places: Egypt, مصر) and <c>Rules/names/translated-names.txt</c>
    /// (organisations: United Nations, الأمم المتحدة). Each is matched as its own spelling only (<see cref="NameMatcher.BuildOwn"/>).
    /// </summary>
    internal static NameAliases Translations { get; } = Load("names/exonyms.txt", "names/translated-names.txt");

    private readonly Dictionary<string, List<string>> byKey = new(StringComparer.Ordinal);

    internal static NameAliases Load(params string[] ruleFiles)
    {
        var aliases = new NameAliases();
        foreach (var (ruleFile, line) in ruleFiles.SelectMany(f => RuleParsers.Lines(f).Select(l => (f, l))))
        {
            if (line.Contains("=>", StringComparison.Ordinal))
                throw new FormatException($"{ruleFile}: only equivalence groups (a, b, c) are supported: {line}");
            var terms = line.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
            foreach (var term in terms)
            {
                var key = Key(term);
                if (key.Length == 0)
                    continue;
                if (!aliases.byKey.TryGetValue(key, out var list))
                    aliases.byKey[key] = list = new List<string>();
                list.AddRange(terms.Where(t => Key(t) != key));
            }
        }
        return aliases;
    }

    /// <summary>The other names of the entity <paramref name="text"/> names, or none.</summary>
    internal IReadOnlyList<string> Lookup(string text) =>
        byKey.TryGetValue(Key(text), out var list) ? list : [];

    // The main name forms, in order: "al-Quds" and "Quds" and "القدس" all give their bare forms.
    private static string Key(string text) => string.Join(" ", NameSequence.Process(NameMatcher.Tokenize(text))
        .Where(t => t.Kind == NameTokenKind.Main).Select(t => t.Form));
}
