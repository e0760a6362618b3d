using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Search.Analysis;

/// <summary>
/// The threads that help a search do its parts at once (the slices of a sliced search, <c>SlicedSearch</c>; the segments of
/// a name word's first expansion, <c>NameMatcher</c>): thread-pool threads that, once their part is done,
/// watch for the next search's slices for a short while (<see cref="Linger"/>, 1 ms for <see cref="Shared"/>) before they
/// go back to the pool.
/// </summary>
/// <remarks>
/// <para>
/// Why: a thread-pool thread that went idle sleeps, and waking it took 170 µs on average on the two-core benchmark machine
/// (a virtual machine: the idle core is halted; counted with timestamps in <c>SlicedSearch</c> over 2,300 searches,
/// not kept), while a sliced search of a 128,000-document index takes 0.15 to 0.5 ms.
/// Half the helpers arrived after the caller had done their slice too, and two threads per search were hardly faster than
/// one. A helper that lingers picks the next search's slice up at once when searches follow one another (a busy server, a
/// user paging, a benchmark), and costs at most <see cref="Linger"/> of one core after the last of them.
/// </para>
/// <para>
/// A lingering helper spins with <see cref="SpinWait"/>, which yields its core to any other thread ready to run, so it
/// does not hold back other searches or the writer. No search waits for a helper that has not started: a search's caller
/// takes its slices in turn with its helpers (<c>SlicedSearch</c>), so a job nobody picks up in time only finds its
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

    // Searches running in the process now (counted from their planning to their last snippet).
    private static int active;

    /// <summary>Searches running in the process now, the caller's included when it has entered.</summary>
    public static int Running => Volatile.Read(ref active);

    /// <summary>
    /// Counts a search as running until disposed: each of its phases that can use several threads (the plan's cold
    /// expansions, the sliced search, the snippets) takes its share of the cores by the searches running then
    /// (<see cref="ThreadsFor"/>). Counted only while collecting hits, four searchers beside a writer each took every core
    /// for their plans and snippets and starved the writer (docs/benchmarks.md, run [BDN-F15]).
    /// </summary>
    public static IDisposable Enter()
    {
        Interlocked.Increment(ref active);
        return new Finished();
    }

    private sealed class Finished : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
                Interlocked.Decrement(ref active);
        }
    }

    /// <summary>
    /// The threads one of <paramref name="running"/> searches may use, out of <paramref name="threads"/> allowed: all of
    /// them when it runs alone, else the processors shared among the searches, at least one. When searches already keep
    /// every core busy, a part handed to another thread only waits for a core, and the handing over costs: on the two-core
    /// machine, two clients searching the 128,000-document benchmark index without pause got 14 % fewer searches a second
    /// with two threads per search than with one before this rule, and 6 % fewer to 2 % more with it (docs/benchmarks.md,
    /// run [S9], `search-load`).
    /// </summary>
    public static int ThreadsFor(int threads, int running, int processors) =>
        running <= 1 ? threads : Math.Max(1, Math.Min(threads, processors / running));

    /// <summary>
    /// The threads the search on this thread may use for its parts (1 unless a scope set by <see cref="Allow"/> says more): the
    /// caller knows how many the index's options allow and how many other searches run.
    /// </summary>
    public static int AllowedThreads => allowed > 1 ? allowed : 1;

    [ThreadStatic] private static int allowed;

    /// <summary>Lets the search on this thread use <paramref name="threads"/> threads until the scope is disposed.</summary>
    public static AllowedScope Allow(int threads) => new(threads);

    /// <summary>A number of threads allowed on this thread; disposing it puts back the one before.</summary>
    public readonly struct AllowedScope : IDisposable
    {
        private readonly int previous;

        internal AllowedScope(int threads)
        {
            previous = allowed;
            allowed = threads;
        }

        /// <summary>Puts back the number allowed before.</summary>
        public void Dispose() => allowed = previous;
    }

    /// <summary>
    /// Runs <paramref name="job"/> for 0 to <paramref name="count"/> − 1 on the calling thread and up to <paramref name="count"/>
    /// − 1 helpers, which take the parts in turn: a helper that starts late (a busy server) finds the work done and leaves,
    /// and the caller never waits for a thread that has not started. Returns when every part is done; an exception of a
    /// part (the first) is thrown again on the calling thread, and its thread takes no further part. At most
    /// <paramref name="threads"/> threads take parts, the caller included. The parts are the caller's search: a helper
    /// keeps to the caller's deadline (<see cref="Names.SearchBudget"/>).
    /// </summary>
    public void RunTogether(int count, Action<int> job, int threads = int.MaxValue)
    {
        int next = 0;
        long deadline = Names.SearchBudget.Deadline;
        Exception? failed = null;
        void Take()
        {
            try
            {
                for (int i; (i = Interlocked.Increment(ref next) - 1) < count;)
                    job(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failed, e, null);
            }
        }
        int helping = Math.Min(count, threads) - 1;
        if (helping > 0)
        {
            // A helper's state: 0 not started, 1 taking parts, 2 not needed (the caller found it unstarted when done).
            var helpers = new int[helping];
            using var done = new CountdownEvent(helpers.Length);
            var jobs = new Action[helpers.Length];
            for (int k = 0; k < helpers.Length; k++)
            {
                int helper = k;
                jobs[k] = () =>
                {
                    if (Interlocked.CompareExchange(ref helpers[helper], 1, 0) != 0)
                        return;
                    try
                    {
                        using (Names.SearchBudget.Until(deadline))
                            Take();
                    }
                    finally
                    {
                        done.Signal();
                    }
                };
            }
            Run(jobs);
            Take();
            for (int k = 0; k < helpers.Length; k++)
                if (Interlocked.CompareExchange(ref helpers[k], 2, 0) == 0)
                    done.Signal();
            // Every part ends before the caller goes on (and releases what the parts read), whatever happened.
            Wait(done);
        }
        else
            Take();
        if (failed is not null)
            ExceptionDispatchInfo.Capture(failed).Throw();
    }

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
