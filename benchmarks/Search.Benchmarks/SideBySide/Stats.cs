namespace Search.Benchmarks.SideBySide;

/// <summary>Latency samples of one engine, query by query, and the percentiles over them.</summary>
internal sealed class LatencySamples
{
    private readonly List<(string Type, string? Query, double Ms)> samples = [];

    /// <summary>A time of a query of class <paramref name="type"/>; <paramref name="query"/> (its id) for <see cref="QueryPercentile"/>.</summary>
    public void Add(string type, double ms, string? query = null) => samples.Add((type, query, ms));

    public int Count => samples.Count;

    public double Percentile(double p, string? type = null) => Percentile(Select(type), p);

    /// <summary>The percentile of the times of one query (by id); NaN when it has none.</summary>
    public double QueryPercentile(string query, double p) =>
        Percentile(samples.Where(s => s.Query == query).Select(s => s.Ms).ToList(), p);

    public IEnumerable<string> Types => samples.Select(s => s.Type).Distinct();

    private List<double> Select(string? type) => samples.Where(s => type is null || s.Type == type).Select(s => s.Ms).ToList();

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        values.Sort();
        int rank = (int)Math.Ceiling(p / 100.0 * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
