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

    internal static IEnumerable<(string Name, string Text)> All() => Names.Select(n => (n, Read(n)));
}
