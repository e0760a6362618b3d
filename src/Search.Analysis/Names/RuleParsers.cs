using System.Globalization;
using System.Text;

namespace Search.Analysis.Names;

/// <summary>Readers for the rule-file formats used by the name rules (see <c>Rules/names/</c>).</summary>
internal static class RuleParsers
{
    /// <summary>
    /// Reads <c>"from" =&gt; "to"</c> mapping lines as Lucene's MappingCharFilterFactory does
    /// (<c>\uXXXX</c>, <c>\"</c>, <c>\\</c> escapes; <c>#</c> comments).
    /// </summary>
    internal static IReadOnlyList<(string From, string To)> ReadMappings(string ruleFile)
    {
        var result = new List<(string, string)>();
        foreach (var raw in Lines(ruleFile))
        {
            int arrow = raw.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0)
                throw new FormatException($"{ruleFile}: not a mapping line: {raw}");
            result.Add((Unquote(raw[..arrow].Trim(), ruleFile), Unquote(raw[(arrow + 2)..].Trim(), ruleFile)));
        }
        return result;
    }

    /// <summary>The non-empty, non-comment lines of a rule file, trimmed.</summary>
    internal static IEnumerable<string> Lines(string ruleFile)
    {
        using var reader = RuleFiles.Open(ruleFile);
        foreach (var line in Lines(reader))
            yield return line;
    }

    /// <summary>The non-empty, non-comment lines a reader gives, trimmed: all that analysis reads of a rule file.</summary>
    internal static IEnumerable<string> Lines(TextReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            var t = line.Trim();
            if (t.Length == 0 || t[0] == '#')
                continue;
            yield return t;
        }
    }

    /// <summary>The whole text of a rule file, comments included.</summary>
    internal static string Text(string ruleFile)
    {
        using var reader = RuleFiles.Open(ruleFile);
        return reader.ReadToEnd();
    }

    /// <summary>The whitespace-separated fields of each line.</summary>
    internal static IEnumerable<string[]> Fields(string ruleFile) =>
        Lines(ruleFile).Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal static string Unquote(string s, string ruleFile)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
            throw new FormatException($"{ruleFile}: expected a quoted string: {s}");
        var sb = new StringBuilder();
        for (int i = 1; i < s.Length - 1; i++)
        {
            char c = s[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            char n = s[++i];
            switch (n)
            {
                case 'u':
                    sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                default: sb.Append(n); break;
            }
        }
        return sb.ToString();
    }
}
