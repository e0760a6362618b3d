using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexing;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Core.Tests.Indexing;

/// <summary>
/// The flush helper writes a second thread's buffer while the writer flushes, and a buffer it failed to write is thrown
/// after the flush. The writer is given two buffers of 1,000 documents or more for sure: one thread holds its buffer
/// (an add blocked inside its token stream) while the other adds, so Lucene gives the other a buffer of its own.
/// </summary>
public sealed class FlushHelperTests : IDisposable
{
    private const int PerThread = FlushHelper.MinBufferedDocuments / 2;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-flush-helper-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_helper_writes_the_other_threads_buffer_during_the_flush()
    {
        using var dir = new HelperWatchDirectory(FSDirectory.Open(folder));
        using var writer = NewWriter(dir);
        AddFromTwoThreads(writer);

        // The flushing thread waits at its first file until the helper writes one: they write at the same time.
        dir.WaitForHelper = true;
        FlushHelper.FlushBuffers(writer, processors: 2);
        Assert.Equal(0, writer.NumRamDocs());
        Assert.True(dir.HelperWrote.IsSet, "the helper wrote no file");
        Assert.False(dir.FlushingThreadTimedOut, "the flushing thread waited in vain for the helper");

        dir.WaitForHelper = false;
        writer.Commit();
        using var reader = DirectoryReader.Open(dir);
        Assert.Equal(2 * PerThread + 1, reader.NumDocs);
        Assert.Equal(2, reader.Leaves.Count);
        Assert.Equal(PerThread + 1, reader.DocFreq(new Term("thread", "a")));
        Assert.Equal(PerThread, reader.DocFreq(new Term("thread", "b")));
    }

    [Fact]
    public void A_buffer_the_helper_failed_to_write_is_thrown_and_a_commit_after_it_would_lack_it()
    {
        using var dir = new HelperWatchDirectory(FSDirectory.Open(folder));
        using var writer = NewWriter(dir);
        AddFromTwoThreads(writer);

        dir.WaitForHelper = true;
        dir.FailHelper = true;
        var e = Assert.Throws<IOException>(() => FlushHelper.FlushBuffers(writer, processors: 2));
        Assert.Equal("No space left on device", e.Message);
        Assert.True(dir.HelperWrote.IsSet);

        // Why SearchIndex stops at the exception and the helper never runs around a commit: Lucene dropped the buffer the
        // helper failed to write, and a commit now holds the other thread's documents only.
        dir.WaitForHelper = false;
        writer.Commit();
        using var reader = DirectoryReader.Open(dir);
        Assert.Contains(reader.NumDocs, new[] { PerThread, PerThread + 1 });
    }

    [Fact]
    public void Without_a_second_processor_or_for_a_small_buffer_the_commit_is_left_to_write_the_buffers()
    {
        using var dir = FSDirectory.Open(folder);
        using var writer = NewWriter(dir);
        for (int i = 0; i < 10; i++)
            writer.AddDocument(Doc("a", i));
        FlushHelper.FlushBuffers(writer, processors: 2);
        Assert.Equal(10, writer.NumRamDocs());
        AddFromTwoThreads(writer);
        FlushHelper.FlushBuffers(writer, processors: 1);
        Assert.Equal(2 * PerThread + 11, writer.NumRamDocs());
        FlushHelper.FlushBuffers(writer, processors: 2);
        Assert.Equal(0, writer.NumRamDocs());
    }

    private static IndexWriter NewWriter(LuceneDirectory dir) =>
        new(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { RAMBufferSizeMB = 64 });

    private static Document Doc(string thread, int i) =>
    [
        new StringField("thread", thread, Field.Store.NO),
        new TextField("body", $"document {i} of thread {thread} words to index", Field.Store.YES),
    ];

    /// <summary>
    /// Thread a adds a document that blocks inside the writer, holding its buffer; thread b then adds its documents into a
    /// buffer of its own; a is let go and adds the rest of its documents to its first buffer.
    /// </summary>
    private static void AddFromTwoThreads(IndexWriter writer)
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var a = new Thread(() =>
        {
            writer.AddDocument([new StringField("thread", "a", Field.Store.NO), new TextField("body", new BlockingTokens(entered, release))]);
            for (int i = 0; i < PerThread; i++)
                writer.AddDocument(Doc("a", i));
        });
        a.Start();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        for (int i = 0; i < PerThread; i++)
            writer.AddDocument(Doc("b", i));
        release.Set();
        a.Join();
    }

    /// <summary>One token, given only once <c>release</c> is set; sets <c>entered</c> when the writer asks for it.</summary>
    private sealed class BlockingTokens : TokenStream
    {
        private readonly ICharTermAttribute term;
        private readonly ManualResetEventSlim entered;
        private readonly ManualResetEventSlim release;
        private bool done;

        public BlockingTokens(ManualResetEventSlim entered, ManualResetEventSlim release)
        {
            this.entered = entered;
            this.release = release;
            term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (done)
                return false;
            ClearAttributes();
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            term.Append("blocked");
            done = true;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            done = false;
        }
    }

    /// <summary>
    /// Sees which thread creates files: the helper's first file sets <see cref="HelperWrote"/> (and fails with
    /// <see cref="FailHelper"/>); with <see cref="WaitForHelper"/>, any other thread waits for that when it creates a file (20 s at most, once).
    /// </summary>
    private sealed class HelperWatchDirectory(LuceneDirectory inner) : FilterDirectory(inner)
    {
        public ManualResetEventSlim HelperWrote { get; } = new();

        public volatile bool WaitForHelper;
        public volatile bool FailHelper;
        public volatile bool FlushingThreadTimedOut;

        public override IndexOutput CreateOutput(string name, IOContext context)
        {
            if (Thread.CurrentThread.Name == FlushHelper.ThreadName)
            {
                HelperWrote.Set();
                if (FailHelper)
                    throw new IOException("No space left on device");
            }
            else if (WaitForHelper && !FlushingThreadTimedOut && !HelperWrote.Wait(TimeSpan.FromSeconds(20)))
                FlushingThreadTimedOut = true; // once: a flush creates a dozen files
            return base.CreateOutput(name, context);
        }
    }
}
