using Search.Analysis;
using Search.Results;

namespace Search.Core.Tests.Search;

/// <summary>
/// The helpers of sliced searches: every job handed over runs exactly once, however many searches hand jobs over at once,
/// and a helper that finished waits a while for the next search's job instead of going back to the thread pool (its
/// wake-up cost a sliced search most of its gain).
/// </summary>
public sealed class SliceHelpersTests
{
    private static void WaitUntil(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(20)), what);

    [Fact]
    public void Every_job_runs_once_when_many_searches_hand_jobs_over_at_once()
    {
        // A short linger, so helpers come and go while jobs keep arriving: a job queued just as its helper leaves must
        // still run.
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(0.05));
        const int Producers = 6, Rounds = 300, JobsPerRound = 3;
        var runs = new int[Producers * Rounds * JobsPerRound];
        Parallel.For(0, Producers, new ParallelOptions { MaxDegreeOfParallelism = Producers }, p =>
        {
            for (int r = 0; r < Rounds; r++)
            {
                var jobs = new Action[JobsPerRound];
                for (int j = 0; j < JobsPerRound; j++)
                {
                    int slot = (p * Rounds + r) * JobsPerRound + j;
                    jobs[j] = () => Interlocked.Increment(ref runs[slot]);
                }
                helpers.Run(jobs);
                if (r % 50 == 0)
                    Thread.Sleep(1); // let every helper leave now and then
            }
        });
        WaitUntil(() => runs.All(n => n > 0), "every job ran");
        Thread.Sleep(50);
        Assert.All(runs, n => Assert.Equal(1, n));
    }

    [Fact]
    public void A_helper_that_finished_takes_the_next_job_itself()
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(500));
        int firstThread = 0, secondThread = 0;
        helpers.Run([() => Volatile.Write(ref firstThread, Environment.CurrentManagedThreadId)]);
        WaitUntil(() => Volatile.Read(ref firstThread) != 0, "the first job ran");
        // The helper is back to watching for work: the next job needs no other thread.
        WaitUntil(() => helpers.Idle == 1, "the helper lingers");
        helpers.Run([() => Volatile.Write(ref secondThread, Environment.CurrentManagedThreadId)]);
        WaitUntil(() => Volatile.Read(ref secondThread) != 0, "the second job ran");
        Assert.Equal(1, helpers.Started);
        Assert.Equal(firstThread, secondThread);
    }

    [Theory]
    [InlineData(0)]     // set before the wait
    [InlineData(5)]     // while the caller watches
    [InlineData(200)]   // after the watch, while the caller sleeps
    public void The_caller_waits_until_its_helpers_are_done(int afterMs)
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(20));
        using var done = new CountdownEvent(1);
        int signalled = 0;
        var helper = new Thread(() =>
        {
            Thread.Sleep(afterMs);
            Volatile.Write(ref signalled, 1);
            done.Signal();
        });
        helper.Start();
        helpers.Wait(done);
        Assert.True(done.IsSet);
        Assert.Equal(1, Volatile.Read(ref signalled));
        helper.Join();
    }

    [Fact]
    public void A_helper_leaves_after_its_linger()
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(20));
        int ran = 0;
        helpers.Run([() => Interlocked.Increment(ref ran)]);
        WaitUntil(() => Volatile.Read(ref ran) == 1, "the job ran");
        WaitUntil(() => helpers.Idle == 0, "the helper left");
        // The next job asks the thread pool for a thread again.
        helpers.Run([() => Interlocked.Increment(ref ran)]);
        WaitUntil(() => Volatile.Read(ref ran) == 2, "the second job ran");
        // Two, or three when the leaving helper saw the job queued too (it then asks for one more thread; harmless).
        Assert.InRange(helpers.Started, 2, 3);
    }

    [Fact]
    public void Run_together_runs_every_part_once_on_at_most_the_threads_allowed()
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(1));
        for (int round = 0; round < 200; round++)
        {
            var ran = new int[7];
            var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
            helpers.RunTogether(ran.Length, i =>
            {
                Interlocked.Increment(ref ran[i]);
                threads[Environment.CurrentManagedThreadId] = true;
            }, threads: 2);
            Assert.All(ran, n => Assert.Equal(1, n));
            Assert.InRange(threads.Count, 1, 2);
        }
        // One thread allowed: the caller does every part.
        int caller = Environment.CurrentManagedThreadId;
        helpers.RunTogether(5, _ => Assert.Equal(caller, Environment.CurrentManagedThreadId), threads: 1);
    }

    [Fact]
    public void Run_together_throws_a_parts_exception_on_the_caller_after_every_started_part_ended()
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(1));
        int running = 0, ended = 0;
        var e = Assert.Throws<InvalidOperationException>(() => helpers.RunTogether(4, i =>
        {
            Interlocked.Increment(ref running);
            try
            {
                Thread.Sleep(5);
                if (i == 1)
                    throw new InvalidOperationException("part 1");
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        }));
        Assert.Equal("part 1", e.Message);
        Assert.Equal(Volatile.Read(ref running), Volatile.Read(ref ended));
    }

    [Fact]
    public void Run_together_keeps_every_part_to_the_callers_deadline()
    {
        var helpers = new SliceHelpers(TimeSpan.FromMilliseconds(1));
        long deadline = global::Search.Analysis.Names.SearchBudget.DeadlineAfter(TimeSpan.FromMinutes(5));
        for (int round = 0; round < 50; round++)
        {
            var seen = new long[4];
            var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
            using (global::Search.Analysis.Names.SearchBudget.Until(deadline))
                helpers.RunTogether(seen.Length, i =>
                {
                    Thread.Sleep(2);
                    threads[Environment.CurrentManagedThreadId] = true;
                    seen[i] = global::Search.Analysis.Names.SearchBudget.Deadline;
                });
            Assert.All(seen, d => Assert.Equal(deadline, d));
            if (threads.Count > 1)
                return;   // a helper took a part and kept the deadline
        }
        Assert.Fail("no helper ever took a part");
    }
}
