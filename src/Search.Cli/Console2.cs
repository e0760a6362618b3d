using System.Globalization;
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

    /// <summary>Runs an ingest with progress and rejections reported, and prints its summary.</summary>
    public async Task<IngestSummary> IngestAsync(SearchIndex index, IReadOnlyList<string> paths, int commitEvery, CancellationToken ct)
    {
        var summary = await Ingestor.RunAsync(index, paths, new IngestOptions
        {
            CommitEvery = commitEvery,
            OnRejected = r => { EndProgress(); Message($"rejected: {r}"); },
            OnProgress = Progress,
        }, ct);
        EndProgress();
        Message(string.Create(CultureInfo.InvariantCulture,
            $"indexed {summary.Indexed:N0}, replaced {summary.Replaced:N0}, rejected {summary.Rejected:N0} in {summary.Elapsed.TotalSeconds:N1} s ({summary.DocumentsPerSecond:N0} docs/s)"));
        return summary;
    }
}
