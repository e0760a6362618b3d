using System.Text;

namespace Search.Results;

/// <summary>HTML escaping for document text shown in snippets and pages.</summary>
public static class Html
{
    /// <summary>
    /// Appends <paramref name="text"/> to <paramref name="sb"/> escaped for HTML element content and attribute
    /// values: <c>&amp; &lt; &gt; " '</c> become entities; bidirectional embedding, override and isolate
    /// controls (U+202A–U+202E, U+2066–U+2069) are dropped so a document cannot reorder the page around it;
    /// other control characters except tab and newline are dropped.
    /// </summary>
    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case >= '\u202A' and <= '\u202E':
                case >= '\u2066' and <= '\u2069':
                    break;
                case '\t' or '\n':
                    sb.Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                        sb.Append(c);
                    break;
            }
        }
    }

    /// <summary>Returns <paramref name="text"/> escaped as by <see cref="AppendEscaped"/>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length + 16);
        AppendEscaped(sb, text);
        return sb.ToString();
    }
}
