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
    internal static NameAliases Default { get; } = Load(withArticle: false, "names/aliases.txt");

    /// <summary>
    /// The names of one place or body in other languages that are no transliterations, from two embedded rule files in the
    /// same format: <c>Rules/names/exonyms.txt</c> (places: Egypt, مصر) and <c>Rules/names/translated-names.txt</c>
    /// (organisations: United Nations, الأمم المتحدة). Each is matched as its own spelling only (<see cref="NameMatcher.BuildOwn"/>).
    /// Terms are compared with their Arabic article (<c>الخليل</c>, Hebron, is not <c>خليل</c>, Khalil).
    /// </summary>
    internal static NameAliases Translations { get; } = Load(withArticle: true, "names/exonyms.txt", "names/translated-names.txt");

    private readonly Dictionary<string, List<string>> byKey = new(StringComparer.Ordinal);

    /// <summary>Compare terms with their Arabic-script article (else by their bare forms: al-Quds is Quds).</summary>
    private readonly bool withArticle;

    private NameAliases(bool withArticle) => this.withArticle = withArticle;

    internal static NameAliases Load(bool withArticle, params string[] ruleFiles)
    {
        var aliases = new NameAliases(withArticle);
        foreach (var (ruleFile, line) in ruleFiles.SelectMany(f => RuleParsers.Lines(f).Select(l => (f, l))))
        {
            if (line.Contains("=>", StringComparison.Ordinal))
                throw new FormatException($"{ruleFile}: only equivalence groups (a, b, c) are supported: {line}");
            var terms = line.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
            foreach (var term in terms)
            {
                var key = aliases.Key(term);
                if (key.Length == 0)
                    continue;
                if (!aliases.byKey.TryGetValue(key, out var list))
                    aliases.byKey[key] = list = new List<string>();
                list.AddRange(terms.Where(t => aliases.Key(t) != key));
            }
        }
        return aliases;
    }

    /// <summary>The other names of the entity <paramref name="text"/> names, or none.</summary>
    internal IReadOnlyList<string> Lookup(string text) =>
        byKey.TryGetValue(Key(text), out var list) ? list : [];

    // The main name forms, in order: "al-Quds" and "Quds" and "القدس" all give their bare forms; with withArticle, an
    // Arabic-script word keeps its article ("الخليل" gives its article form, "خليل" its bare form).
    private string Key(string text)
    {
        var forms = new List<string>();
        foreach (var t in NameSequence.Process(NameMatcher.Tokenize(text)))
        {
            if (t.Kind == NameTokenKind.Main)
                forms.Add(t.Form);
            else if (t.Kind == NameTokenKind.Article && withArticle && t.Arabic && forms.Count > 0)
                forms[^1] = t.Form;
        }
        return string.Join(" ", forms);
    }
}
