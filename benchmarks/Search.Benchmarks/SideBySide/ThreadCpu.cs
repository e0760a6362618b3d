using System.Runtime.InteropServices;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// The CPU time of the calling thread, in nanoseconds (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; elsewhere
/// not available). On a machine shared with other work, a query's wall time includes the time it waited for a core;
/// its CPU time does not, which makes CPU-time percentiles the steadier comparison there.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool Available { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    private const int ClockProcessCpuTimeId = 2;

    /// <summary>Nanoseconds of CPU the current thread has used, or 0 when not available.</summary>
    public static long Nanoseconds() => Available && TryRead(out var ns) ? ns : 0;

    /// <summary>
    /// Nanoseconds of CPU every thread of the process has used, or 0 when not available: the cost of a search that hands
    /// slices of a large index to other threads (<c>SearchIndexOptions.SearchThreads</c>), which the calling thread's
    /// clock would leave out.
    /// </summary>
    public static long ProcessNanoseconds() => Available && TryRead(out var ns, ClockProcessCpuTimeId) ? ns : 0;

    private static bool TryRead(out long ns, int clock = ClockThreadCpuTimeId)
    {
        ns = 0;
        try
        {
            if (clock_gettime(clock, out var ts) != 0)
                return false;
            ns = ts.Seconds * 1_000_000_000L + ts.Nanoseconds;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
