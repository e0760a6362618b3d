using System.Diagnostics;

namespace Search.Analysis.Names;

/// <summary>
/// The time budget of the search running on this thread. The collector checks it as it collects; work a query does
/// before it hands out its first hit checks it too (<see cref="KeptScoresQuery"/>'s first pass over a segment, which
/// walks every hit of the name layers there), and so does planning a name query (<see cref="NameMatcher"/>'s candidate
/// scan), so a search stops at its budget wherever its time goes.
/// </summary>
internal static class SearchBudget
{
    /// <summary>Thrown inside a search when its budget is spent; the caller keeps what was collected and says the result is partial.</summary>
    internal sealed class ExceededException : Exception
    {
        public ExceededException() : base("The search took longer than its time budget.") { }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the search on this thread must stop; 0 for none.</summary>
    [ThreadStatic] private static long deadline;

    /// <summary>This thread's deadline (0 for none): a search that hands work to other threads gives them the same one.</summary>
    internal static long Deadline => deadline;

    /// <summary>The timestamp <paramref name="budget"/> from now.</summary>
    internal static long DeadlineAfter(TimeSpan budget) => Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Makes <paramref name="at"/> (a <see cref="DeadlineAfter"/> value) this thread's deadline until the scope is disposed.</summary>
    internal static Scope Until(long at) => new(at);

    /// <summary>Throws <see cref="ExceededException"/> when this thread's search has passed its deadline.</summary>
    internal static void Check()
    {
        long at = deadline;
        if (at != 0 && Stopwatch.GetTimestamp() > at)
            throw new ExceededException();
    }

    /// <summary>A deadline set on this thread; disposing it puts back the one before.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly long previous;

        internal Scope(long at)
        {
            previous = deadline;
            deadline = at;
        }

        public void Dispose() => deadline = previous;
    }
}
