namespace Search.Ingest;

/// <summary>
/// One item read from an input: either a document or a rejection that names where the bad input is.
/// Exactly one of <see cref="Document"/> and <see cref="Error"/> is set.
/// </summary>
/// <param name="File">The input's path as given (or <c>-</c> for standard input).</param>
/// <param name="Line">1-based line number where the record starts (0 when the whole file is rejected).</param>
/// <param name="Document">The document read, when the record is good.</param>
/// <param name="Error">Why the record was rejected, when it is bad.</param>
public sealed record IngestRecord(string File, long Line, NewsDocument? Document, string? Error)
{
    /// <summary>A good record.</summary>
    public static IngestRecord Ok(string file, long line, NewsDocument document) => new(file, line, document, null);

    /// <summary>A rejected record.</summary>
    public static IngestRecord Rejected(string file, long line, string error) => new(file, line, null, error);

    /// <summary>"file:line: error", the form printed to the user.</summary>
    public override string ToString() => Error is null
        ? $"{File}:{Line}: {Document?.Id}"
        : Line > 0 ? $"{File}:{Line}: {Error}" : $"{File}: {Error}";
}
