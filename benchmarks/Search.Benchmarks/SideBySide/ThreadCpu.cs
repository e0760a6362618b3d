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

    /// <summary>Nanoseconds of CPU the current thread has used, or 0 when not available.</summary>
    public static long Nanoseconds() => Available && TryRead(out var ns) ? ns : 0;

    private static bool TryRead(out long ns)
    {
        ns = 0;
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, out var ts) != 0)
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
