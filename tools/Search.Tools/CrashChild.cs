using System.Globalization;

namespace Search.Tools;

/// <summary>
/// The process the crash test kills: it adds documents c0, c1, … in batches, commits each batch, merges now and
/// then, and appends <c>committed N</c> to the log only after <see cref="SearchIndex.CommitAsync"/> returned
/// (documents c0..c(N-1) are acknowledged). It prints a marker before each phase so that the parent can aim
/// its kill at a batch, a commit or a merge. It runs until it is killed.
/// </summary>
internal static class CrashChild
{
    public static async Task<int> RunAsync(string indexPath, int seed, string logPath, string? corpus, int maxBatch)
    {
        var docs = new CrashDocuments(seed, corpus);
        // A small RAM buffer: segments are flushed inside batches too, so kills land in flushes as well.
        using var index = SearchIndex.Open(indexPath, new SearchIndexOptions { RefreshInterval = TimeSpan.Zero, RamBufferMB = 1 });
        long next = index.GetStats().Documents;
        var rng = new Random(SeedMix.Of(seed, next));
        using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var stdout = Console.Out;
        stdout.WriteLine($"start {next}");
        for (int round = 1; ; round++)
        {
            int batch = rng.Next(1, maxBatch + 1);
            stdout.WriteLine("batch");
            for (int i = 0; i < batch; i++)
                index.AddOrUpdate(docs.Get(next + i));
            stdout.WriteLine("commit");
            await index.CommitAsync();
            next += batch;
            var line = System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"committed {next}\n"));
            log.Write(line);
            log.Flush(flushToDisk: true);
            stdout.WriteLine("committed");
            if (round % 3 == 0)
            {
                stdout.WriteLine("merge");
                index.ForceMerge(rng.Next(1, 3));
                stdout.WriteLine("commit");
                await index.CommitAsync();
                stdout.WriteLine("committed");
            }
        }
    }
}
