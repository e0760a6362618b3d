using System.Reflection;

namespace Search.Analysis;

/// <summary>
/// The rule files (character maps, articles, letter classes, costs, aliases) embedded in this assembly
/// from <c>Rules/</c>. Rules are data, not code: change a file, and the fingerprint changes with it.
/// </summary>
public static class RuleFiles
{
    private const string Prefix = "Search.Analysis.Rules.";

    /// <summary>The names of all embedded rule files, e.g. <c>names/arabic-latin.txt</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(RuleFiles).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Opens one embedded rule file by its name (as listed in <see cref="Names"/>).</summary>
    /// <exception cref="FileNotFoundException">No such rule file.</exception>
    public static TextReader Open(string name)
    {
        var stream = typeof(RuleFiles).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new FileNotFoundException($"No embedded rule file '{name}'. Known: {string.Join(", ", Names)}.");
        return new StreamReader(stream);
    }

    /// <summary>Reads one embedded rule file whole.</summary>
    public static string Read(string name)
    {
        using var reader = Open(name);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The rule files only a query reads: the edit costs of name matching, the aliases, the exonyms and translated names,
    /// and the proclitics written on to them. No indexed term depends on them, so the analysis fingerprint leaves them out
    /// and an index built before a change to one of them stays current.
    /// (Indexing loads <c>similarity-costs.txt</c> only to number the units it names, which changes no term.)
    /// </summary>
    internal static IReadOnlyList<string> QueryTimeOnly { get; } =
        ["names/aliases.txt", "names/exonyms.txt", "names/proclitics.txt", "names/similarity-costs.txt", "names/translated-names.txt"];

    internal static IEnumerable<(string Name, string Text)> All() => Names.Select(n => (n, Read(n)));
}
