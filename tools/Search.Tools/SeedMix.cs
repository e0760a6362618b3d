namespace Search.Tools;

/// <summary>Deterministic seed mixing (<see cref="HashCode"/> is randomised per process, so it cannot be used).</summary>
internal static class SeedMix
{
    /// <summary>SplitMix64 of (seed, n), folded to a non-negative int.</summary>
    public static int Of(int seed, long n)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)n + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
