using System.Diagnostics;
using Search.Benchmarks.Data;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// Times several phases of the same queries for the profile modes: each query runs through every phase in
/// turn (the order rotating from pass to pass), so a burst of load on a shared machine falls on all phases alike.
/// </summary>
internal static class PhaseSamples
{
    /// <summary>
    /// Runs every phase on every query <paramref name="warmups"/> times untimed, then <paramref name="passes"/>
    /// times timed; per phase, the samples of each query id in µs (thread CPU time where available: on a crowded
    /// machine wall time mostly measures waiting for a core).
    /// </summary>
    internal static Dictionary<string, List<double>>[] Measure(IReadOnlyList<BenchQuery> queries,
        IReadOnlyList<(string Name, Func<BenchQuery, long> Run)> phases, int warmups, int passes)
    {
        for (int w = 0; w < warmups; w++)
            foreach (var q in queries)
                foreach (var (_, run) in phases)
                    run(q);
        var samples = phases.Select(_ => queries.ToDictionary(q => q.Id, _ => new List<double>())).ToArray();
        for (int p = 0; p < passes; p++)
            foreach (var q in queries)
                for (int i = 0; i < phases.Count; i++)
                {
                    int k = (i + p) % phases.Count;
                    long c0 = ThreadCpu.Nanoseconds();
                    long t0 = Stopwatch.GetTimestamp();
                    phases[k].Run(q);
                    samples[k][q.Id].Add(ThreadCpu.Available ? (ThreadCpu.Nanoseconds() - c0) / 1e3 : Stopwatch.GetElapsedTime(t0).TotalMilliseconds * 1000);
                }
        return samples;
    }
}
