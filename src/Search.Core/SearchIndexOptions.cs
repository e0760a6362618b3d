namespace Search;

/// <summary>How a <see cref="SearchIndex"/> is opened and what it allows. Every limit has a safe default.</summary>
public sealed class SearchIndexOptions
{
    /// <summary>Open without a writer: no lock is taken, adds and deletes throw. Default <c>false</c>.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Create the folder and an empty index when none exists. Default <c>true</c> (ignored when read-only).</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>The largest <see cref="SearchRequest.Size"/> accepted. Default 100.</summary>
    public int MaxPageSize { get; init; } = 100;

    /// <summary>The deepest result window (<c>From + Size</c>) accepted. Default 10,000.</summary>
    public int MaxResultWindow { get; init; } = 10_000;

    /// <summary>The longest query text accepted, in characters. Default 1,000.</summary>
    public int MaxQueryLength { get; init; } = 1_000;

    /// <summary>The most clauses one query may expand to (words, variants, wildcard terms). Default 1,024.</summary>
    public int MaxClauseCount { get; init; } = 1_024;

    /// <summary>
    /// The time one search may take before it stops and returns what it found, flagged partial. Default 5 s. It covers
    /// planning the query (finding a name's spellings): out of time there, names are searched as written, with a quarter
    /// of the budget more for that.
    /// </summary>
    public TimeSpan SearchTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most threads one search may use. An index of at least twice 32,768 documents (a slice's least) is cut into that many slices of
    /// consecutive segments, searched side by side and merged: the same page, total and facets as one thread finds, sooner.
    /// Default: the number of processors, at most 4; 1 (or less) searches on the calling thread only. While other searches
    /// run, a search takes only its share of the processors (at least one thread): slices handed to other threads would
    /// only wait for a core.
    /// </summary>
    public int SearchThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The fewest documents a slice of a search on several threads holds (<see cref="Results.SlicedSearch"/>); lower only in tests.</summary>
    internal int MinSliceDocuments { get; init; } = Results.SlicedSearch.MinSliceDocuments;

    /// <summary>Whether a search uses fewer threads while other searches run (<see cref="Search.Analysis.SliceHelpers.ThreadsFor"/>); off only in tests that count slices.</summary>
    internal bool ShareCores { get; init; } = true;

    /// <summary>
    /// The time a suggestion (<see cref="SearchIndex.Suggest"/>) may take before it stops scanning: 40 ms, so it can run on
    /// every keystroke; longer only in tests of what a suggestion finds, which must not depend on the machine's load.
    /// </summary>
    internal TimeSpan SuggestBudget { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// The largest segment packed into a compound file, in MB (for a flush: the most buffered in the writer's RAM); 0 packs
    /// none. Default 16: a writer that refreshes often writes many small segments, and a compound file keeps each to 3
    /// files; packing copies every byte of a segment once more, so a refresh's or commit's flush of a buffer that small and
    /// a merge into a segment that small are packed, and a buffer flushed because it is full never is. A bulk load
    /// (<c>search index</c>) packs none.
    /// </summary>
    internal double CompoundFileMaxMB { get; init; } = 16;

    /// <summary>How often a background task makes recent adds and deletes searchable. Default 1 s; zero turns it off.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// RAM the writer buffers before it flushes a segment, in MB. Default: a sixteenth of the memory the process may use
    /// (the machine's, or the container's or the heap's limit), from 32 to 256 MB.
    /// </summary>
    /// <remarks>
    /// A bulk load without refreshes writes a segment per buffer, and every segment adds to each search's cost: the whole
    /// benchmark corpus loads into 2 segments instead of 5 at 256 MB (64 MB before the tenth session), and 16 copies of
    /// its 8,000-document mix into 2 instead of 9, in the same build time (docs/benchmarks.md, runs [Z3] and [S9]). The
    /// writer holds the buffer only while it indexes.
    /// </remarks>
    public double RamBufferMB { get; init; } = DefaultRamBufferMB(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The default <see cref="RamBufferMB"/> for a process that may use <paramref name="availableBytes"/> of memory.</summary>
    internal static double DefaultRamBufferMB(long availableBytes) => Math.Clamp(availableBytes / 16.0 / (1 << 20), 32, 256);
}
