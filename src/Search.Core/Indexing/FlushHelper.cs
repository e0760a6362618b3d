using System.Runtime.ExceptionServices;
using Lucene.Net.Index;

namespace Search.Indexing;

/// <summary>
/// A second thread that writes buffered segments while the writer flushes everything (before a commit). Each thread that
/// added documents fills a buffer of its own in Lucene's writer, and a full flush writes those buffers one after the other
/// on the calling thread, while the other cores wait: a load of 20,000 documents on two threads was 1.54–1.65× as fast as
/// on one without the helper, 1.79–1.88× with it (docs/benchmarks.md, run [Z5]). Lucene lets a thread that adds documents
/// take a queued buffer off a full flush and write it itself; this helper adds an empty batch
/// (<see cref="IndexWriter.AddDocuments(IEnumerable{IEnumerable{IIndexableField}})"/> with no document) every
/// millisecond until disposed, which takes such a buffer and adds nothing, so two buffers are written at once.
/// </summary>
/// <remarks>
/// <para>
/// It runs around <see cref="IndexWriter.Flush(bool, bool)"/> (<see cref="FlushBuffers"/>), never around a commit: a buffer
/// the helper failed to write (a full disk) is lost to the writer, and the exception is thrown after the flush. Thrown
/// before the commit, it fails the commit as a failure of the flush on the committing thread would: the index on disk
/// stays at its last commit. Around the commit itself, Lucene would commit the other buffers without the lost one.
/// </para>
/// <para>
/// Only when there are at least <see cref="MinBufferedDocuments"/> buffered documents and more than one processor: a small
/// flush has one buffer worth a thread at most. The empty batch leaves the writer as it was (no document, nothing to
/// commit); at most it gives the helper's thread a buffer of its own, empty, which the next flush drops.
/// </para>
/// </remarks>
internal sealed class FlushHelper : IDisposable
{
    /// <summary>The fewest buffered documents for which a flush gets a helper.</summary>
    public const int MinBufferedDocuments = 2_000;

    /// <summary>The name of the helper's thread (tests tell its writes by it).</summary>
    public const string ThreadName = "search-flush-helper";

    private static readonly IEnumerable<IEnumerable<IIndexableField>> NoDocuments = [];

    private readonly IndexWriter writer;
    private readonly Thread thread;
    private volatile bool stop;
    private Exception? failure;

    private FlushHelper(IndexWriter writer)
    {
        this.writer = writer;
        thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        thread.Start();
    }

    /// <summary>
    /// Writes every buffer of <paramref name="writer"/> with a helper, before a commit; does nothing when a helper would not
    /// help (one processor, fewer than <see cref="MinBufferedDocuments"/> buffered documents): the commit writes them then.
    /// Throws what failed on either thread.
    /// </summary>
    public static void FlushBuffers(IndexWriter writer, int processors)
    {
        if (processors <= 1 || writer.NumRamDocs() < MinBufferedDocuments)
            return;
        using var helper = new FlushHelper(writer);
        writer.Flush(triggerMerge: true, applyAllDeletes: false);
    }

    private void Run()
    {
        try
        {
            while (!stop)
            {
                writer.AddDocuments(NoDocuments);
                Thread.Sleep(1);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
    }

    /// <summary>Stops the helper once the flush is done, and throws what failed in a buffer it wrote.</summary>
    public void Dispose()
    {
        stop = true;
        thread.Join();
        if (failure is not null)
            ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
