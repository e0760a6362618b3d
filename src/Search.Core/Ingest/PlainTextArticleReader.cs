using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Search.Ingest;

/// <summary>
/// Reads one article in the plain-text form of the project's seed: line 1 <c> date YYYY-MM-DD SOURCE / SECTION</c>,
/// a blank line, the headline (possibly wrapped over several lines), a blank line, then the body in paragraphs
/// separated by blank lines. The id is the file name without its extensions; the section is not kept.
/// </summary>
internal static partial class PlainTextArticleReader
{
    private const string ExpectedFirstLine = "expected ' date YYYY-MM-DD SOURCE / SECTION' on line 1";

    [GeneratedRegex(@"^\s*date\s+(?<date>\S+)\s+(?<rest>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FirstLine();

    /// <summary>Reads the article in <paramref name="stream"/> (disposed at the end) as one record.</summary>
    public static IEnumerable<IngestRecord> Read(Stream stream, string file, string id, CancellationToken cancellationToken)
    {
        using (stream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadArticle(stream, file, id);
        }
    }

    private static IngestRecord ReadArticle(Stream stream, string file, string id)
    {
        using var lines = new Utf8LineReader(stream, DocumentReader.MaxLineBytes);
        try
        {
            return Parse(lines, file, id);
        }
        catch (Exception e) when (DocumentReader.IsReadError(e))
        {
            return IngestRecord.Rejected(file, lines.LineNumber + 1, DocumentReader.DescribeReadError(e));
        }
    }

    /// <summary>Reads the next line, decoded; <c>null</c> at the end, or with <paramref name="error"/> set.</summary>
    private static string? NextLine(Utf8LineReader lines, ref long length, out string? error)
    {
        error = null;
        if (!lines.ReadLine(out ReadOnlyMemory<byte> bytes, out long tooLong))
        {
            return null;
        }

        length += bytes.Length + 1;
        if (tooLong > 0 || length > DocumentReader.MaxLineBytes)
        {
            error = $"article is longer than the limit of {DocumentReader.MaxLineBytes:N0} bytes";
            return null;
        }

        // Decoded strictly: a mis-encoded article is rejected rather than indexed with U+FFFD in it.
        if (!Utf8.IsValid(bytes.Span))
        {
            error = "invalid UTF-8";
            return null;
        }

        return Encoding.UTF8.GetString(bytes.Span);
    }

    private static IngestRecord Parse(Utf8LineReader lines, string file, string id)
    {
        long length = 0;
        string? first = NextLine(lines, ref length, out string? error);
        if (error is not null)
        {
            return IngestRecord.Rejected(file, lines.LineNumber, error);
        }

        Match header = first is null ? Match.Empty : FirstLine().Match(first);
        if (!header.Success)
        {
            return IngestRecord.Rejected(file, 1, ExpectedFirstLine);
        }

        string dateText = header.Groups["date"].Value;
        if (!DateParsing.TryParse(dateText, out DateTime date))
        {
            return IngestRecord.Rejected(file, 1, DateParsing.InvalidDate(dateText));
        }

        string rest = header.Groups["rest"].Value;
        int slash = rest.IndexOf(" / ", StringComparison.Ordinal);
        string source = (slash >= 0 ? rest[..slash] : rest).Trim();

        var title = new StringBuilder();
        var body = new StringBuilder();
        int blankRun = 0;
        bool inBody = false;
        while (NextLine(lines, ref length, out error) is { } raw)
        {
            string line = raw.TrimEnd();
            if (line.Length == 0)
            {
                blankRun++;
                inBody |= title.Length > 0;
                continue;
            }

            if (!inBody)
            {
                // A headline wrapped over several lines is one title.
                title.Append(title.Length > 0 ? " " : "").Append(line.Trim());
            }
            else
            {
                // Keep the author's line breaks inside a paragraph; any run of blank lines is one paragraph break.
                body.Append(body.Length == 0 ? "" : blankRun > 0 ? "\n\n" : "\n").Append(line);
            }

            blankRun = 0;
        }

        if (error is not null)
        {
            return IngestRecord.Rejected(file, lines.LineNumber, error);
        }

        string? invalid = DocumentReader.CreateDocument(id, title.ToString(), body.ToString(), date,
            source.Length > 0 ? source : null, null, out NewsDocument? document, requireText: true);
        return invalid is null ? IngestRecord.Ok(file, 1, document!) : IngestRecord.Rejected(file, 1, invalid);
    }
}
