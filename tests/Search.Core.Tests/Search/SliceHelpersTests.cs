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
}
