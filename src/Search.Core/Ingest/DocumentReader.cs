using System.IO.Compression;

namespace Search.Ingest;

/// <summary>
/// Reads news documents from files, folders or standard input, in JSON Lines, CSV or the plain-text article form.
/// Bad input never stops reading: each bad line, record or file becomes a rejected <see cref="IngestRecord"/> that
/// names the file and line, and reading goes on with the next one.
/// </summary>
/// <remarks>
/// <para>Formats, chosen by extension (case-insensitive, each also as <c>NAME.EXT.gz</c>, decompressed on the fly):</para>
/// <list type="bullet">
/// <item><c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>: JSON Lines, one object per line with the keys <c>id</c>,
/// <c>title</c>, <c>body</c>, <c>date</c>, <c>source</c>, <c>url</c> (null values allowed, other keys ignored,
/// blank lines skipped). A <c>.json</c> file is read as JSON Lines too.</item>
/// <item><c>.csv</c>: a header row naming some of those columns (any case); <c>id</c> is required.</item>
/// <item><c>.txt</c>: one article, line 1 <c> date YYYY-MM-DD SOURCE / SECTION</c>, a blank line, the headline,
/// a blank line, then the body; the id is the file name without its extensions.</item>
/// </list>
/// <para>Dates are <c>YYYY-MM-DD</c> or <c>YYYY-MM-DDThh:mm:ss</c> with an optional fraction and <c>Z</c> or
/// <c>±hh:mm</c> offset; all are returned as UTC (values without an offset are taken as UTC as written).
/// Empty or blank text fields become <c>null</c>; a document with neither title nor body is rejected.</para>
/// <para>Limits: a JSON Lines line and a plain-text article may each be at most <see cref="MaxLineBytes"/> (16 MiB)
/// long. A longer JSON line is rejected and skipped without being held in memory whole; a longer article is rejected.
/// A CSV record still incomplete after 16 MiB (typically an unclosed quote) rejects the rest of its file.</para>
/// </remarks>
public static class DocumentReader
{
    /// <summary>
    /// The longest JSON Lines line (in UTF-8 bytes, without its line break), CSV record or plain-text article accepted:
    /// 16 MiB. It bounds the memory one bad or hostile input can take.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>The path that means standard input.</summary>
    public const string StandardInputPath = "-";

    /// <summary>
    /// Reads the documents at <paramref name="path"/>, lazily: nothing is opened until the result is enumerated, and
    /// files are read one record at a time.
    /// </summary>
    /// <param name="path">
    /// A file; a folder, read recursively in ordinal order of the files' relative paths, skipping hidden files and
    /// folders and files of other types (such as README.md); or <c>-</c> for JSON Lines on standard input.
    /// </param>
    /// <param name="standardInput">What <c>-</c> reads; <see cref="Console.In"/> when <c>null</c>. Not closed.</param>
    /// <param name="cancellationToken">Stops the enumeration with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>One record per document or rejection, in input order. A missing path gives one rejection.</returns>
    public static IEnumerable<IngestRecord> Read(string path, TextReader? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadLazily(path, standardInput, cancellationToken);
    }

    private static IEnumerable<IngestRecord> ReadLazily(string path, TextReader? standardInput,
        CancellationToken cancellationToken)
    {
        IEnumerable<IngestRecord> records;
        if (path == StandardInputPath)
        {
            records = JsonLinesReader.Read(new TextReaderStream(standardInput ?? Console.In), path, cancellationToken);
        }
        else if (Directory.Exists(path))
        {
            records = ReadFolder(path, cancellationToken);
        }
        else if (File.Exists(path))
        {
            records = Format.Of(path) is { } format
                ? ReadFile(path, format, cancellationToken)
                : [IngestRecord.Rejected(path, 0,
                    "unsupported file type (expected .jsonl, .ndjson, .json, .csv or .txt, optionally .gz)")];
        }
        else
        {
            records = [IngestRecord.Rejected(path, 0, "no such file or folder")];
        }

        foreach (IngestRecord record in records)
        {
            yield return record;
        }
    }

    private static IEnumerable<IngestRecord> ReadFolder(string folder, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };

        // Sorted by relative path with '/' so that the order is the same on every machine and file system.
        var files = new List<(string Relative, Format Format)>();
        foreach (string file in Directory.EnumerateFiles(folder, "*", options))
        {
            string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            if (Format.Of(file) is { } format)
            {
                files.Add((relative, format));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        foreach ((string relative, Format format) in files)
        {
            string file = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
            foreach (IngestRecord record in ReadFile(file, format, cancellationToken))
            {
                yield return record;
            }
        }
    }

    private static IEnumerable<IngestRecord> ReadFile(string file, Format format, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Stream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.SequentialScan);
            if (format.Compressed)
            {
                stream = new GZipStream(stream, CompressionMode.Decompress);
            }
        }
        catch (Exception e) when (IsReadError(e))
        {
            return [IngestRecord.Rejected(file, 0, $"cannot open: {e.Message}")];
        }

        return format.Kind switch
        {
            FormatKind.JsonLines => JsonLinesReader.Read(stream, file, cancellationToken),
            FormatKind.Csv => CsvDocumentReader.Read(stream, file, cancellationToken),
            _ => PlainTextArticleReader.Read(stream, file, format.BaseName, cancellationToken),
        };
    }

    /// <summary>Exceptions that mean the input cannot be read further, as opposed to bugs.</summary>
    internal static bool IsReadError(Exception e) =>
        e is IOException or InvalidDataException or UnauthorizedAccessException;

    internal static string DescribeReadError(Exception e) => e switch
    {
        InvalidDataException => $"cannot decompress: {e.Message}",
        _ => $"cannot read: {e.Message}",
    };

    /// <summary>
    /// Builds a document from fields every reader has already checked for type and id; blank text becomes
    /// <c>null</c>. Returns why the document is rejected, or <c>null</c>. Structured records (JSON Lines, CSV)
    /// may have no text at all — the corpus has such records, still findable by date and source — while a
    /// plain-text article without headline and body is a broken file (<paramref name="requireText"/>).
    /// </summary>
    internal static string? CreateDocument(string id, string? title, string? body, DateTime? date, string? source,
        string? url, out NewsDocument? document, bool requireText = false)
    {
        document = null;
        title = NullIfBlank(title);
        body = NullIfBlank(body);
        if (requireText && title is null && body is null)
        {
            return "document has no title and no body";
        }

        document = new NewsDocument(id, title, body, date, NullIfBlank(source), NullIfBlank(url));
        return null;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private enum FormatKind
    {
        JsonLines,
        Csv,
        PlainText,
    }

    private readonly record struct Format(FormatKind Kind, bool Compressed, string BaseName)
    {
        /// <summary>The format a file name says, or <c>null</c> for files this reader does not take.</summary>
        public static Format? Of(string path)
        {
            string name = Path.GetFileName(path);
            bool compressed = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            string inner = compressed ? name[..^3] : name;
            FormatKind? kind = Path.GetExtension(inner).ToLowerInvariant() switch
            {
                ".jsonl" or ".ndjson" or ".json" => FormatKind.JsonLines,
                ".csv" => FormatKind.Csv,
                ".txt" => FormatKind.PlainText,
                _ => null,
            };
            return kind is { } k ? new Format(k, compressed, Path.GetFileNameWithoutExtension(inner)) : null;
        }
    }
}
