using System.Collections.Concurrent;
using System.Diagnostics;

namespace Search.Ingest;

/// <summary>What an ingest run did.</summary>
/// <param name="Indexed">Documents added that were not in the index.</param>
/// <param name="Replaced">Documents that replaced one with the same id.</param>
/// <param name="Rejected">Records rejected (each reported with its file and line).</param>
/// <param name="Elapsed">Wall time of the run, commits included.</param>
public sealed record IngestSummary(long Indexed, long Replaced, long Rejected, TimeSpan Elapsed)
{
    /// <summary>Documents indexed or replaced per second.</summary>
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? (Indexed + Replaced) / Elapsed.TotalSeconds : 0;
}

/// <summary>Options of an ingest run.</summary>
public sealed class IngestOptions
{
    /// <summary>
    /// Commit after this many documents (and at the end). Default 100,000 (<see cref="DefaultCommitEvery"/>); 0 commits only
    /// at the end.
    /// </summary>
    public int CommitEvery { get; init; } = DefaultCommitEvery;

    /// <summary>
    /// The default <see cref="CommitEvery"/>: 100,000 documents, about a minute of loading on two cores. Every commit writes
    /// each indexing thread's buffer as a segment of its own, and every segment adds to each search's cost: a commit every
    /// 10,000 documents left the whole benchmark corpus in 19 segments instead of 3, and its searches took 1.7× as long
    /// (docs/benchmarks.md, run [Z5]). A crash loses what was added since the last commit; the same command run again
    /// replaces what was committed and adds the rest.
    /// </summary>
    public const int DefaultCommitEvery = 100_000;

    /// <summary>Threads that analyse documents into the one writer. Default: the processor count, at most 4.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Called for each rejected record (file, line, reason), on the reading thread.</summary>
    public Action<IngestRecord>? OnRejected { get; init; }

    /// <summary>Called now and then with the documents done so far and the time taken.</summary>
    public Action<long, TimeSpan>? OnProgress { get; init; }

    /// <summary>Where <c>-</c> reads from (standard input when <c>null</c>).</summary>
    public TextReader? StandardInput { get; init; }
}

/// <summary>
/// Reads documents from files, folders or standard input (see <see cref="DocumentReader"/>) into an index:
/// bad records are reported and skipped, every good one is indexed, and the index is committed every
/// <see cref="IngestOptions.CommitEvery"/> documents and at the end.
/// </summary>
public static class Ingestor
{
    /// <summary>Ingests every path into <paramref name="index"/> and commits.</summary>
    public static async Task<IngestSummary> RunAsync(SearchIndex index, IEnumerable<string> paths, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new IngestOptions();
        var started = Stopwatch.StartNew();
        long indexed = 0, replaced = 0, rejected = 0, sinceCommit = 0;
        int threads = Math.Max(1, options.Threads);

        // Each id always goes to the same worker, so two records with one id are applied in input order.
        var queues = Enumerable.Range(0, threads).Select(_ => new BlockingCollection<NewsDocument>(boundedCapacity: 256)).ToArray();
        var failures = new ConcurrentQueue<Exception>();
        var workers = queues.Select(queue => Task.Factory.StartNew(() =>
        {
            foreach (var doc in queue.GetConsumingEnumerable())
            {
                try
                {
                    if (index.AddOrUpdate(doc) == AddOutcome.Replaced)
                        Interlocked.Increment(ref replaced);
                    else
                        Interlocked.Increment(ref indexed);
                }
                catch (ArgumentException e)
                {
                    Interlocked.Increment(ref rejected);
                    options.OnRejected?.Invoke(IngestRecord.Rejected(doc.Id, 0, e.Message));
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    return;
                }
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        long lastProgress = 0;
        try
        {
            foreach (var path in paths)
            {
                foreach (var record in DocumentReader.Read(path, options.StandardInput, cancellationToken))
                {
                    if (!failures.IsEmpty)
                        break;
                    if (record.Document is null)
                    {
                        rejected++;
                        options.OnRejected?.Invoke(record);
                        continue;
                    }
                    queues[(int)((uint)StringComparer.Ordinal.GetHashCode(record.Document.Id) % (uint)threads)].Add(record.Document, cancellationToken);
                    if (options.CommitEvery > 0 && ++sinceCommit >= options.CommitEvery)
                    {
                        sinceCommit = 0;
                        await index.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    if (options.OnProgress is not null && started.ElapsedMilliseconds - lastProgress >= 250)
                    {
                        lastProgress = started.ElapsedMilliseconds;
                        options.OnProgress(Interlocked.Read(ref indexed) + Interlocked.Read(ref replaced), started.Elapsed);
                    }
                }
            }
        }
        finally
        {
            foreach (var q in queues)
                q.CompleteAdding();
            await Task.WhenAll(workers).ConfigureAwait(false);
            foreach (var q in queues)
                q.Dispose();
        }
        if (!failures.IsEmpty)
            throw new SearchException($"Indexing failed: {failures.First().Message}", failures.First());
        await index.CommitAsync(cancellationToken).ConfigureAwait(false);
        options.OnProgress?.Invoke(indexed + replaced, started.Elapsed);
        return new IngestSummary(indexed, replaced, rejected, started.Elapsed);
    }
}
