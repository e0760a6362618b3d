using System.Globalization;
using System.Runtime;
using Search.Ingest;

namespace Search.Cli;

/// <summary>
/// Where the command writes: data to stdout, messages to stderr. Progress is drawn on stderr only when it
/// is a terminal, so redirected output stays clean.
/// </summary>
internal sealed class Console2(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    public static Console2 System { get; } = new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public void Message(string message) => Error.WriteLine(message);

    public void Progress(long documents, TimeSpan elapsed)
    {
        if (!ErrorIsTerminal)
            return;
        var rate = elapsed.TotalSeconds > 0 ? documents / elapsed.TotalSeconds : 0;
        Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {documents:N0} documents ({rate:N0} docs/s)   "));
    }

    public void EndProgress()
    {
        if (ErrorIsTerminal)
            Error.Write("\r" + new string(' ', 60) + "\r");
    }

    private static readonly object BatchGate = new();
    private static int batchIngests;
    private static GCLatencyMode latencyBeforeBatch;

    // Ingests may overlap (tests, an embedding program): the first sets batch mode, the last puts back what was there.
    private static void EnterBatchCollection()
    {
        lock (BatchGate)
        {
            if (batchIngests++ == 0)
            {
                latencyBeforeBatch = GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
            }
        }
    }

    private static void LeaveBatchCollection()
    {
        lock (BatchGate)
        {
            if (--batchIngests == 0)
                GCSettings.LatencyMode = latencyBeforeBatch;
        }
    }

    /// <summary>
    /// Runs an ingest with progress and rejections reported, and prints its summary. The garbage collector runs in batch
    /// mode meanwhile (no background collections), then as before, so a server that built its index first serves with
    /// short pauses again.
    /// </summary>
    public async Task<IngestSummary> IngestAsync(SearchIndex index, IReadOnlyList<string> paths, int commitEvery, CancellationToken ct)
    {
        IngestSummary summary;
        // A bulk build wants throughput, not short pauses: on two cores, the background collector took CPU from the two
        // indexing threads (whole corpus, `search index`, alternating: 49-50 s wall and 87-90 user CPU s in batch mode,
        // 52-54 s and 95-96 without it; docs/benchmarks.md, run [Y]).
        EnterBatchCollection();
        try
        {
            summary = await Ingestor.RunAsync(index, paths, new IngestOptions
            {
                CommitEvery = commitEvery,
                OnRejected = r => { EndProgress(); Message($"rejected: {r}"); },
                OnProgress = Progress,
            }, ct);
        }
        finally
        {
            LeaveBatchCollection();
        }
        EndProgress();
        Message(string.Create(CultureInfo.InvariantCulture,
            $"indexed {summary.Indexed:N0}, replaced {summary.Replaced:N0}, rejected {summary.Rejected:N0} in {summary.Elapsed.TotalSeconds:N1} s ({summary.DocumentsPerSecond:N0} docs/s)"));
        return summary;
    }
}
