using System.Collections.Concurrent;
using System.Diagnostics;

namespace Search.Results;

/// <summary>
/// The threads that help a sliced search (<see cref="SlicedSearch"/>): thread-pool threads that, once their slice is done,
/// watch for the next search's slices for a short while (<see cref="Linger"/>, 1 ms for <see cref="Shared"/>) before they
/// go back to the pool.
/// </summary>
/// <remarks>
/// <para>
/// Why: a thread-pool thread that went idle sleeps, and waking it took 170 µs on average on the two-core benchmark machine
/// (a virtual machine: the idle core is halted; counted with timestamps in <see cref="SlicedSearch"/> over 2,300 searches,
/// not kept), while a sliced search of a 128,000-document index takes 0.15 to 0.5 ms.
/// Half the helpers arrived after the caller had done their slice too, and two threads per search were hardly faster than
/// one. A helper that lingers picks the next search's slice up at once when searches follow one another (a busy server, a
/// user paging, a benchmark), and costs at most <see cref="Linger"/> of one core after the last of them.
/// </para>
/// <para>
/// A lingering helper spins with <see cref="SpinWait"/>, which yields its core to any other thread ready to run, so it
/// does not hold back other searches or the writer. No search waits for a helper that has not started: a search's caller
/// takes its slices in turn with its helpers (<see cref="SlicedSearch"/>), so a job nobody picks up in time only finds its
/// search done, and the caller waits (<see cref="Wait"/>) only for helpers already at a slice.
/// </para>
/// </remarks>
internal sealed class SliceHelpers(TimeSpan linger)
{
    /// <summary>The helpers of every sliced search in the process.</summary>
    public static SliceHelpers Shared { get; } = new(TimeSpan.FromMilliseconds(1));

    /// <summary>How long a helper watches for more work after its last job before it returns to the thread pool.</summary>
    public TimeSpan Linger { get; } = linger;

    private readonly long lingerTicks = (long)(linger.TotalSeconds * Stopwatch.Frequency);
    private readonly ConcurrentQueue<Action> jobs = new();
    private int idle;
    private int started;

    /// <summary>Helpers looking for work right now (lingering, not running a job); for tests.</summary>
    internal int Idle => Volatile.Read(ref idle);

    /// <summary>Thread-pool threads asked to help since this instance was made; for tests.</summary>
    internal int Started => Volatile.Read(ref started);

    /// <summary>Hands each of <paramref name="work"/> to a helper: one lingering, or a thread-pool thread asked for it.</summary>
    public void Run(IReadOnlyList<Action> work)
    {
        // Counted before the jobs are queued: a lingering helper takes a job the moment it is queued, and would no longer
        // count as idle. Idle helpers may be taking other searches' jobs at the same moment: then this search's caller
        // does more of its own slices, never waits longer.
        int missing = work.Count - Volatile.Read(ref idle);
        foreach (var job in work)
            jobs.Enqueue(job);
        for (int i = 0; i < missing; i++)
            StartHelper();
    }

    /// <summary>
    /// Waits until <paramref name="done"/> is set: watching it for up to <see cref="Linger"/> first, then asleep. A helper
    /// still at its slice usually ends within that time, and a caller put to sleep would wait as long to be woken as a
    /// sleeping helper to start. A small gain: the 16× p50 of the scale benchmark 0.138 and 0.145 ms against 0.145 and
    /// 0.152 without the watch, the p99 the same (docs/benchmarks.md, run [S10]).
    /// </summary>
    public void Wait(CountdownEvent done)
    {
        long until = Stopwatch.GetTimestamp() + lingerTicks;
        var spinner = new SpinWait();
        while (!done.IsSet && Stopwatch.GetTimestamp() < until)
            spinner.SpinOnce(sleep1Threshold: -1);
        done.Wait();
    }

    private void StartHelper()
    {
        Interlocked.Increment(ref started);
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Help(), this, preferLocal: false);
    }

    private void Help()
    {
        Interlocked.Increment(ref idle);
        try
        {
            long until = Stopwatch.GetTimestamp() + lingerTicks;
            var spinner = new SpinWait();
            while (true)
            {
                if (jobs.TryDequeue(out var job))
                {
                    Interlocked.Decrement(ref idle);
                    try
                    {
                        job();
                    }
                    finally
                    {
                        Interlocked.Increment(ref idle);
                    }
                    until = Stopwatch.GetTimestamp() + lingerTicks;
                    spinner.Reset();
                    continue;
                }
                if (Stopwatch.GetTimestamp() > until)
                    break;
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        finally
        {
            Interlocked.Decrement(ref idle);
        }
        // A job queued while this helper still counted as idle would otherwise wait for the next search's helpers.
        if (!jobs.IsEmpty)
            StartHelper();
    }
}
