using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Search.Analysis;
using Search.Analysis.Names;
using Search.Indexing;
using Search.Querying;
using Search.Results;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search;

/// <summary>
/// A news search index: open one on a folder or in memory, add, replace and delete documents, commit, and
/// search. Thread-safe: many searches may run while one thread writes. Adds and deletes are searchable after
/// the next refresh (automatic every <see cref="SearchIndexOptions.RefreshInterval"/>, or <see cref="Refresh"/>)
/// and durable after <see cref="CommitAsync"/>. Disposing commits what is pending.
/// </summary>
/// <example>
/// <code>
/// using var index = SearchIndex.Open("news-index");
/// await index.AddOrUpdateAsync(new NewsDocument("1", "Talks in Tehran", "…", new DateTime(2025, 3, 31), "AP"));
/// await index.CommitAsync();
/// var result = await index.SearchAsync(new SearchRequest { Query = "Teheran" });
/// </code>
/// </example>
public sealed partial class SearchIndex : IDisposable
{
    private readonly LuceneDirectory directory;
    private readonly IndexWriter? writer;
    private readonly SearcherManager manager;
    private readonly SearchIndexOptions options;
    // The query planner behind a cache of recent plans per reader.
    private readonly PlanCache plans;

    /// <summary>How many query plans this index has made (not found kept); for tests.</summary>
    internal long PlansMade => plans.Planned;
    private readonly Timer? refreshTimer;
    private static readonly ISet<string> HitFieldsWithoutBody = new HashSet<string>(StringComparer.Ordinal)
    {
        Schema.Id, Schema.Title, Schema.Date, Schema.Source, Schema.Url,
    };

    private readonly object pendingLock = new();
    private readonly object commitLock = new();
    private HashSet<string> pendingIds = new(StringComparer.Ordinal);
    // The pending ids of refreshes under way: their documents are not certain to be in the searcher yet.
    private readonly List<HashSet<string>> refreshingIds = [];
    // Adds hold it shared from the id check to the write, Refresh exclusively while it takes the pending ids:
    // so every document whose id left pendingIds is in the writer before the refresh that makes it visible,
    // and an id being made visible is still found (AddOrUpdate's Added/Replaced is exact under refreshes).
    private readonly ReaderWriterLockSlim addLock = new(LockRecursionPolicy.NoRecursion);
    private int changesSinceRefresh;
    private int disposed;
    // The lexicon terms of added documents, written once each in lexicon documents (LexiconDocuments).
    private readonly LexiconDocuments lexicon = new();

    private SearchIndex(LuceneDirectory directory, string? path, SearchIndexOptions options)
    {
        this.directory = directory;
        this.options = options;
        Path = path;
        plans = new PlanCache(new QueryPlanner(options.MaxClauseCount));
        var factory = new Bm25SearcherFactory();
        try
        {
            bool exists = DirectoryReader.IndexExists(directory);
            if (!exists)
            {
                if (options.ReadOnly && directory.ListAll().All(IsIgnorable))
                    throw new IndexUnavailableException($"No index at '{path}'. Build one with: search index [PATH...] --index {path}");
                CheckNoForeignFiles(directory, path);
            }
            if (options.ReadOnly)
            {
                CheckStamp(directory, path);
                manager = new SearcherManager(directory, factory);
            }
            else
            {
                if (exists)
                    CheckStamp(directory, path);
                var config = new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, Schema.IndexAnalyzer)
                {
                    OpenMode = OpenMode.CREATE_OR_APPEND,
                    Similarity = new ExactLengthSimilarity(),
                    RAMBufferSizeMB = options.RamBufferMB,
                    // A flush because the buffer is full writes a large segment: not packed. A refresh or a commit decides
                    // for its own flush (PackSmallFlush); a merge packs only a segment of at most CompoundFileMaxMB.
                    UseCompoundFile = false,
                    MergePolicy = new TieredMergePolicy { MaxCFSSegmentSizeMB = options.CompoundFileMaxMB },
                };
                writer = OpenWriter(directory, config, path);
                WriteWriterInfo();
                if (!exists)
                    CommitCore();
                manager = new SearcherManager(writer, applyAllDeletes: true, factory);
                if (options.RefreshInterval > TimeSpan.Zero)
                    refreshTimer = new Timer(_ => BackgroundRefresh(), null, options.RefreshInterval, options.RefreshInterval);
            }
        }
        catch (Exception e)
        {
            if (writer is not null)
            {
                DeleteWriterInfo();
                try
                {
                    writer.Rollback();
                }
                catch (Exception)
                {
                    // Already failing; the first error is the one to report.
                }
            }
            directory.Dispose();
            if (e is SearchException or OutOfMemoryException)
                throw;
            // Whatever else Lucene throws while reading a damaged or foreign index (corrupt, truncated,
            // other format, unexpected values in garbage bytes) is "cannot be read: rebuild", never a crash.
            throw Unreadable(e, path);
        }
    }

    /// <summary>The folder of the index, or <c>null</c> in memory.</summary>
    public string? Path { get; }

    /// <summary>Whether the index was opened without a writer.</summary>
    public bool IsReadOnly => writer is null;

    /// <summary>
    /// Opens the index in <paramref name="path"/>, creating it when missing (unless read-only or
    /// <see cref="SearchIndexOptions.CreateIfMissing"/> is off).
    /// </summary>
    /// <exception cref="IndexUnavailableException">Missing, locked by another writer, unreadable, or built with other analysis rules.</exception>
    public static SearchIndex Open(string path, SearchIndexOptions? options = null)
    {
        options ??= new SearchIndexOptions();
        var full = System.IO.Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(full))
        {
            if (options.ReadOnly || !options.CreateIfMissing)
                throw new IndexUnavailableException($"No index at '{path}'. Build one with: search index [PATH...] --index {path}");
            System.IO.Directory.CreateDirectory(full);
        }
        // Positional reads, not FSDirectory.Open: MMapDirectory in Lucene.Net beta00017 grows slower the longer it serves
        // (apache/lucenenet#1151), and NIOFSDirectory reads one thread at a time per file (PositionalReadDirectory).
        return new SearchIndex(new PositionalReadDirectory(full), path, options);
    }

    /// <summary>Creates an empty index in memory (for tests, evaluations and short-lived use).</summary>
    public static SearchIndex CreateInMemory(SearchIndexOptions? options = null) =>
        new(new RAMDirectory(), null, (options ?? new SearchIndexOptions()) is { ReadOnly: false } o ? o : throw new ArgumentException("An in-memory index cannot be read-only."));

    /// <summary>Whether <paramref name="path"/> holds an index.</summary>
    public static bool Exists(string path)
    {
        if (!System.IO.Directory.Exists(path))
            return false;
        using var dir = new PositionalReadDirectory(path);
        return DirectoryReader.IndexExists(dir);
    }

    /// <summary>Adds a document, or replaces the one with the same id. Searchable after the next refresh.</summary>
    /// <returns>Whether a document was added or replaced.</returns>
    public AddOutcome AddOrUpdate(NewsDocument document)
    {
        var w = Writer();
        DocumentMapper.Validate(document);
        var doc = DocumentMapper.ToLucene(document, lexicon);
        bool existed;
        addLock.EnterReadLock();
        try
        {
            existed = ContainsId(document.Id);
            // Always UpdateDocument, even for an id the check says is new: AddDocument for new ids was measured
            // (the delete terms are about 1 % of a build, docs/benchmarks.md [E]) and gained nothing, while a wrong check
            // would then leave two documents with one id instead of a miscounted outcome.
            WriteGuarded(() => w.UpdateDocument(new Term(Schema.Id, document.Id), doc));
            if (lexicon.TakeIfFull() is { } terms)
                WriteGuarded(() => w.AddDocument(terms));
        }
        finally
        {
            addLock.ExitReadLock();
        }
        Interlocked.Increment(ref changesSinceRefresh);
        return existed ? AddOutcome.Replaced : AddOutcome.Added;
    }

    /// <inheritdoc cref="AddOrUpdate"/>
    public Task<AddOutcome> AddOrUpdateAsync(NewsDocument document, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AddOrUpdate(document));
    }

    /// <summary>Deletes the document with this id. Takes effect at the next refresh.</summary>
    /// <returns>Whether a document with this id was there.</returns>
    public bool Delete(string id)
    {
        var w = Writer();
        ArgumentException.ThrowIfNullOrEmpty(id);
        bool existed = ContainsId(id);
        WriteGuarded(() => w.DeleteDocuments(new Term(Schema.Id, id)));
        lock (pendingLock)
            pendingIds.Remove(id);
        Interlocked.Increment(ref changesSinceRefresh);
        return existed;
    }

    /// <inheritdoc cref="Delete"/>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Delete(id));
    }

    /// <summary>Makes every add and delete so far durable (the durability point), then refreshes.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        Writer();
        CommitCore();
        Refresh();
    }, cancellationToken);

    /// <summary>Makes every add and delete so far visible to searches (near-real-time, no commit needed).</summary>
    public void Refresh()
    {
        HashSet<string> refreshing;
        // Wait for the adds under way, so that every id taken out of pendingIds has its document in the writer
        // and is in the searcher this refresh opens; until then ContainsId still finds it in refreshingIds.
        addLock.EnterWriteLock();
        try
        {
            lock (pendingLock)
            {
                refreshing = pendingIds;
                refreshingIds.Add(refreshing);
                pendingIds = new HashSet<string>(StringComparer.Ordinal);
                Interlocked.Exchange(ref changesSinceRefresh, 0);
            }
            // Every document added so far is in the writer: so are its spellings' lexicon terms now.
            WriteLexicon();
        }
        finally
        {
            addLock.ExitWriteLock();
        }
        try
        {
            PackSmallFlush();
            manager.MaybeRefreshBlocking();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Opening the reader flushes: a failed flush may have lost the waiting lexicon documents.
            lexicon.WriteFailed();
            throw;
        }
        finally
        {
            EndPackSmallFlush();
            lock (pendingLock)
                refreshingIds.Remove(refreshing);
        }
    }

    /// <summary>Runs a search. Completes synchronously: the work is CPU-bound and short, and bounded by the time budget.</summary>
    /// <exception cref="QueryException">A syntax error in the strict grammar, or a parameter out of bounds.</exception>
    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Search(request, cancellationToken));
        }
        catch (Exception e)
        {
            return Task.FromException<SearchResult>(e);
        }
    }

    /// <inheritdoc cref="SearchAsync"/>
    public SearchResult Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var started = Stopwatch.GetTimestamp();
        // Counted as running from the plan to the last snippet: each phase that can use several threads takes its share.
        using var running = SliceHelpers.Enter();
        var searcher = manager.Acquire();
        try
        {
            // One deadline for the whole search, planning included: a name word's first expansion after a refresh reads
            // the lexicon of every segment (a second or two on a cold process over a large index). Out of time there, the
            // words keep their own spelling only (the result partial), and that cheap query gets a quarter of the budget.
            long deadline = SearchBudget.DeadlineAfter(options.SearchTimeout);
            PlannedQuery planned;
            // A name word's first expansion scans the segments on the threads a search may use now (SliceHelpers).
            using (SearchBudget.Until(deadline))
            using (SliceHelpers.Allow(Threads()))
                planned = plans.Plan(request, searcher.IndexReader);
            if (planned.Plan.SpellingsCut)
                deadline = SearchBudget.DeadlineAfter(options.SearchTimeout / 4);
            var query = Filters.Apply(planned.Query, request);

            var sort = request.Sort switch
            {
                SortOrder.Date => new Sort(new SortField(Schema.DateValue, new DateComparerSource(missing: 0), true)),
                SortOrder.DateAscending => new Sort(DateAscending()),
                _ => null,
            };
            // The same deadline for the collectors and for the work the query does before it hands out hits (the first
            // pass of the name layers over a segment): both check the one set on the searching thread (SearchBudget).
            // A large index is searched in slices on several threads (SlicedSearch).
            var outcome = SlicedSearch.Run(searcher, query, sort, request.From, request.Size,
                request.IncludeFacets, Threads(), options.MinSliceDocuments, deadline, cancellationToken);
            bool partial = planned.Plan.SpellingsCut || outcome.OutOfTime;
            var topDocs = outcome.Page;
            var leaves = searcher.IndexReader.Leaves;
            var scoreDocs = topDocs.ScoreDocs;
            var hits = new SearchHit[scoreDocs.Length];
            var hitValue = new Lucene.Net.Util.BytesRef();
            void MakeHit(int k)
            {
                var sd = scoreDocs[k];
                // Without snippets the body is not needed: the hit's fields come from its doc value (HitFields),
                // or, without one, from the stored fields minus the body (the largest by far).
                NewsDocument doc;
                if (request.IncludeSnippets)
                    doc = DocumentMapper.FromLucene(searcher.Doc(sd.Doc));
                else
                {
                    var leaf = leaves[ReaderUtil.SubIndex(sd.Doc, leaves)];
                    var values = leaf.AtomicReader.GetBinaryDocValues(Schema.Hit);
                    hitValue.Length = 0;
                    values?.Get(sd.Doc - leaf.DocBase, hitValue);
                    if (!HitFields.TryUnpack(hitValue, out doc))
                        doc = DocumentMapper.FromLucene(searcher.Doc(sd.Doc, HitFieldsWithoutBody));
                }
                string? titleHtml = null, snippet = null;
                IReadOnlyList<MatchExplanation> matched = [];
                if (request.IncludeSnippets)
                    (titleHtml, snippet, matched) = SnippetBuilder.Build(doc.Title, doc.Body, planned.Plan, request.SnippetLength);
                hits[k] = new SearchHit
                {
                    Id = doc.Id,
                    Title = doc.Title,
                    TitleHtml = titleHtml,
                    Date = doc.Date,
                    Source = doc.Source,
                    Url = doc.Url,
                    Score = float.IsNaN(sd.Score) ? 0 : sd.Score,
                    Snippet = snippet,
                    Matched = matched,
                };
            }
            // A page's snippets (re-analysing each hit's title and body) cost about 50 searches: the hits are shared out
            // among the threads the search may use, the caller taking its turn (SliceHelpers). Without snippets a hit is
            // a doc value read, not worth handing over.
            int threads = Threads();
            LastSnippetThreads = request.IncludeSnippets && scoreDocs.Length > 1 ? threads : 1;
            if (LastSnippetThreads > 1)
                SliceHelpers.Shared.RunTogether(scoreDocs.Length, MakeHit, threads);
            else
                for (int k = 0; k < scoreDocs.Length; k++)
                    MakeHit(k);
            return new SearchResult
            {
                Total = outcome.Total,
                Hits = hits,
                Facets = request.IncludeFacets ? SearchCollector.Facets(outcome.Collectors, Math.Clamp(request.FacetSize, 1, 1000)) : new Dictionary<string, IReadOnlyList<FacetValue>>(),
                // A copy: the plan may be kept and shared by other searches (PlanCache); the written forms are looked
                // up once per plan.
                Expanded = planned.Plan.ExpansionsWritten(searcher.IndexReader),
                Took = Stopwatch.GetElapsedTime(started),
                Partial = partial,
            };
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>How many threads the last search on this thread could share its hits' snippets among; for tests.</summary>
    [ThreadStatic] internal static int LastSnippetThreads;

    /// <summary>
    /// The threads a phase of a search may use now: the options' <see cref="SearchIndexOptions.SearchThreads"/>, shared
    /// among the searches running (<see cref="SliceHelpers.ThreadsFor"/>) unless the options say otherwise.
    /// </summary>
    private int Threads() => options.ShareCores
        ? SliceHelpers.ThreadsFor(options.SearchThreads, SliceHelpers.Running, Environment.ProcessorCount)
        : options.SearchThreads;

    /// <summary>The document with this id, or <c>null</c>.</summary>
    public Task<NewsDocument?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(id));
    }

    /// <summary><paramref name="read"/> of the current point-in-time reader (for tests and tools inside the assembly's friends).</summary>
    internal T Read<T>(Func<IndexReader, T> read)
    {
        var searcher = manager.Acquire();
        try
        {
            return read(searcher.IndexReader);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <inheritdoc cref="GetAsync"/>
    public NewsDocument? Get(string id)
    {
        var searcher = manager.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(Schema.Id, id)), 1);
            return top.TotalHits == 0 ? null : DocumentMapper.FromLucene(searcher.Doc(top.ScoreDocs[0].Doc));
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>
    /// The document with this id with its whole title and body highlighted for <paramref name="request"/>'s
    /// query, or <c>null</c> when there is no such document.
    /// </summary>
    public HighlightedDocument? GetHighlighted(string id, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var searcher = manager.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(Schema.Id, id)), 1);
            if (top.TotalHits == 0)
                return null;
            var doc = DocumentMapper.FromLucene(searcher.Doc(top.ScoreDocs[0].Doc));
            var plan = string.IsNullOrWhiteSpace(request.Query) ? new MatchPlan() : plans.Plan(request, searcher.IndexReader).Plan;
            var (titleHtml, bodyHtml, matched) = SnippetBuilder.Build(doc.Title, doc.Body, plan, int.MaxValue);
            return new HighlightedDocument(doc, titleHtml, bodyHtml, matched);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>Document count, segments, size on disk and last commit.</summary>
    public IndexStats GetStats()
    {
        var searcher = manager.Acquire();
        try
        {
            // A writer may commit (and delete the files of older commits and merged segments) while this reads: the
            // last commit is read the way Lucene opens a reader, retrying when the commit it found is superseded, and
            // a file deleted while the folder is summed no longer counts.
            var commit = LastCommit();
            long size = 0;
            if (Path is not null)
            {
                foreach (var f in new DirectoryInfo(System.IO.Path.GetFullPath(Path)).EnumerateFiles())
                {
                    try
                    {
                        size += f.Length;
                    }
                    catch (FileNotFoundException)
                    {
                        // Deleted since it was listed.
                    }
                }
            }
            var userData = commit?.UserData;
            DateTimeOffset? last = userData?.TryGetValue(Schema.CommitTime, out var t) == true
                && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
            return new IndexStats
            {
                Documents = searcher.IndexReader.NumDocs - LexiconDocuments.Count(searcher.IndexReader),
                Segments = commit?.Count ?? 0,
                SizeBytes = size,
                LastCommit = last,
                AnalysisFingerprint = userData?.TryGetValue(Schema.CommitAnalysis, out var fp) == true ? fp : null,
            };
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    // The newest commit, or null when there is none yet (an in-memory index before its first commit).
    private SegmentInfos? LastCommit()
    {
        if (DirectoryReader.IndexExists(directory) == false)
            return null;
        var infos = new SegmentInfos();
        infos.Read(directory); // Lucene's FindSegmentsFile: retries while commits come and go
        return infos;
    }

    /// <summary>Commits what is pending (unless read-only) and releases the index.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        refreshTimer?.Dispose();
        manager.Dispose();
        Exception? failure = null;
        if (writer is not null)
        {
            // Before the lock is released: after it, the file may already be the next writer's.
            DeleteWriterInfo();
            try
            {
                // Not WriteGuarded: a failed write must reach the rollback below.
                if (lexicon.Take() is { } terms)
                    writer.AddDocument(terms);
                SetCommitData(writer);
                PackSmallFlush();
                writer.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A writer whose closing commit failed still holds the lock: roll back to release it.
                failure = e;
                writer.Rollback();
            }
        }
        directory.Dispose();
        if (failure is not null)
            throw new SearchException(
                $"Closing the index at '{Path}' failed: {failure.Message}. The index on disk is intact at its last commit; changes since then are not saved.", failure);
    }

    private void Validate(SearchRequest r)
    {
        if (r.Query is null)
            throw new QueryException("The query must not be null.");
        if (r.Query.Length > options.MaxQueryLength)
            throw new QueryException($"The query is {r.Query.Length} characters long; the limit is {options.MaxQueryLength}.");
        if (r.Size < 0 || r.Size > options.MaxPageSize)
            throw new QueryException($"size must be between 0 and {options.MaxPageSize} (was {r.Size}).");
        if (r.From < 0)
            throw new QueryException($"from must not be negative (was {r.From}).");
        if ((long)r.From + r.Size > options.MaxResultWindow)
            throw new QueryException($"from + size must be at most {options.MaxResultWindow} (was {(long)r.From + r.Size}); narrow the query instead of paging this deep.");
        if (r.FromDate is { } f && r.ToDate is { } t && f > t)
            throw new QueryException($"from_date {f:yyyy-MM-dd} is after to_date {t:yyyy-MM-dd}.");
        if (r.Years.Any(y => y is < 1 or > 9999))
            throw new QueryException("A year must be between 1 and 9999.");
    }

    private IndexWriter Writer()
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        return writer ?? throw new InvalidOperationException("The index was opened read-only.");
    }

    // A document is there if the current searcher sees it, or it was added since the last refresh (or before a
    // refresh that has not finished).
    private bool ContainsId(string id)
    {
        lock (pendingLock)
        {
            if (!pendingIds.Add(id))
                return true;
            foreach (var ids in refreshingIds)
                if (ids.Contains(id))
                    return true;
        }
        var searcher = manager.Acquire();
        try
        {
            var term = new Term(Schema.Id, id);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var docs = leaf.AtomicReader.GetTermDocsEnum(term);
                if (docs is null)
                    continue;
                var live = leaf.AtomicReader.LiveDocs;
                for (int d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc())
                    if (live is null || live.Get(d))
                        return true;
            }
            return false;
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    private void BackgroundRefresh()
    {
        if (Volatile.Read(ref changesSinceRefresh) == 0 || disposed != 0)
            return;
        try
        {
            Refresh();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the refresh.
        }
    }

    private void CommitCore()
    {
        // Not lock (writer): Lucene.Net's IndexWriter locks on itself inside, so holding its monitor while
        // Commit waits for the flush lock deadlocks with a refresh that holds the flush lock and waits for
        // the writer's monitor (it hung "many searches while one writer indexes" on two cores).
        lock (commitLock)
        {
            // Adds wait while the commit takes the waiting lexicon terms and flushes: a committed document's spellings
            // are always committed with it. Adds hold no Lucene lock while they wait (so a flush never waits for them).
            addLock.EnterWriteLock();
            try
            {
                WriteLexicon();
                SetCommitData(writer!);
                // After a bulk load the buffers of the adding threads are written first, two at a time (FlushHelper), and the
                // commit finds them written; a buffer that failed fails the commit before it starts.
                PackSmallFlush();
                WriteGuarded(() => FlushHelper.FlushBuffers(writer!, Environment.ProcessorCount));
                WriteGuarded(writer!.Commit);
                lexicon.Committed();
            }
            finally
            {
                EndPackSmallFlush();
                addLock.ExitWriteLock();
            }
        }
    }

    /// <summary>
    /// Before a refresh's or a commit's flush: its segments are packed into compound files when the buffer is small
    /// (<see cref="SearchIndexOptions.CompoundFileMaxMB"/>), as a writer that refreshes every second makes many small segments;
    /// a large buffer's are not, as packing copies every byte once more (pure overhead for a large segment, though too small
    /// to show in a whole-corpus build, docs/benchmarks.md run [Z6]). The writer reads the setting when it seals each
    /// flushed segment; a flush of a full buffer on an adding thread in between may be packed too, which costs time only.
    /// </summary>
    private void PackSmallFlush()
    {
        if (writer is { } w && options.CompoundFileMaxMB > 0)
            w.Config.UseCompoundFile = w.RamSizeInBytes() <= options.CompoundFileMaxMB * (1 << 20);
    }

    /// <summary>After the flush of <see cref="PackSmallFlush"/>: a buffer flushed because it is full is not packed.</summary>
    private void EndPackSmallFlush()
    {
        if (writer is { } w)
            w.Config.UseCompoundFile = false;
    }

    /// <summary>Adds the lexicon document of the terms waiting (<see cref="LexiconDocuments"/>), if any.</summary>
    private void WriteLexicon()
    {
        if (writer is { } w && lexicon.Take() is { } terms)
            WriteGuarded(() => w.AddDocument(terms));
    }

    private static void SetCommitData(IndexWriter w) => w.SetCommitData(new Dictionary<string, string>
    {
        [Schema.CommitAnalysis] = Schema.Fingerprint,
        [Schema.CommitSchema] = Schema.Version,
        [Schema.CommitTime] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
    });

    private static IndexWriter OpenWriter(LuceneDirectory directory, IndexWriterConfig config, string? path)
    {
        try
        {
            return new IndexWriter(directory, config);
        }
        catch (LockObtainFailedException e)
        {
            throw new IndexUnavailableException(
                $"The index at '{path}' is locked by another writer: {DescribeHolder(path)}. Stop it (another 'search index', or 'search serve' with writes on), or open the index read-only; readers are not blocked.", e);
        }
    }

    private static void CheckStamp(LuceneDirectory directory, string? path)
    {
        IDictionary<string, string> data;
        try
        {
            var commits = DirectoryReader.ListCommits(directory);
            data = commits[^1].UserData;
        }
        catch (Exception e) when (e is IOException or IndexFormatTooOldException or IndexFormatTooNewException or CorruptIndexException)
        {
            throw new IndexUnavailableException($"The index at '{path}' cannot be read ({e.Message}). Rebuild it: delete the folder and run search index.", e);
        }
        if (StampOf(data) is not { } stamp)
            throw new IndexUnavailableException($"The folder '{path}' holds a Lucene index that Search did not build. Rebuild it: delete the folder and run search index.");
        if (!stamp.IsCurrent)
            throw new IndexUnavailableException(
                $"The index at '{path}' was built with other analysis rules or schema (analysis {stamp.Fingerprint}, schema {stamp.Schema}; this version: analysis {Schema.Fingerprint}, schema {Schema.Version}). Rebuild it: search index --rebuild --index {path}");
    }

    /// <summary>The analysis fingerprint and schema a commit was stamped with; null when Search did not stamp it.</summary>
    private static Stamp? StampOf(IDictionary<string, string> commitData) =>
        commitData.TryGetValue(Schema.CommitAnalysis, out var fingerprint) && commitData.TryGetValue(Schema.CommitSchema, out var schema)
            ? new Stamp(fingerprint, schema)
            : null;

    private readonly record struct Stamp(string Fingerprint, string Schema)
    {
        /// <summary>Whether this version of Search indexes the way the stamped one did.</summary>
        public bool IsCurrent => Schema == Indexing.Schema.Version && Fingerprint == Indexing.Schema.Fingerprint;
    }

    // Oldest first, with undated documents (no doc value) sorted after every dated one.
    private static SortField DateAscending()
    {
        return new SortField(Schema.DateValue, new DateComparerSource(missing: long.MaxValue), false);
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new StatisticsCachingSearcher(reader) { Similarity = new ExactLengthSimilarity() };
    }
}

/// <summary>A whole document with its title and body as HTML, matches of a query marked.</summary>
/// <param name="Document">The document.</param>
/// <param name="TitleHtml">The title, escaped, matches in <c>&lt;mark&gt;</c> (null when there is none).</param>
/// <param name="BodyHtml">The body, escaped, matches in <c>&lt;mark&gt;</c> (null when there is none).</param>
/// <param name="Matched">Which query word matched which spelling, through which layer.</param>
public sealed record HighlightedDocument(NewsDocument Document, string? TitleHtml, string? BodyHtml, IReadOnlyList<MatchExplanation> Matched);
