namespace Search;

/// <summary>
/// One news document: the unit that is indexed, replaced and deleted. <see cref="Id"/> is the key:
/// adding a document whose id is already in the index replaces the old one.
/// </summary>
/// <param name="Id">Stable unique identifier (required, non-empty).</param>
/// <param name="Title">Headline, or <c>null</c> when the source has none.</param>
/// <param name="Body">Article text, paragraphs separated by blank lines, or <c>null</c>.</param>
/// <param name="Date">Publication date (and time when known), or <c>null</c> when unknown.</param>
/// <param name="Source">The outlet or agency, or <c>null</c>.</param>
/// <param name="Url">The article's address, or <c>null</c>.</param>
public sealed record NewsDocument(
    string Id,
    string? Title,
    string? Body,
    DateTime? Date = null,
    string? Source = null,
    string? Url = null)
{
    /// <summary>The longest <see cref="Id"/> accepted, in characters.</summary>
    public const int MaxIdLength = 512;

    /// <summary>
    /// The longest <see cref="Source"/> accepted, in characters: a source is a filter term and a facet value, which
    /// Lucene caps at 32,766 bytes; a real outlet's name is far shorter.
    /// </summary>
    public const int MaxSourceLength = 1_000;
}
