namespace Search.Analysis.Names;

/// <summary>
/// The similarities of the lexicon terms one expansion has scored, over all the index's segments, looked up by a term's
/// characters: a term held by two segments (written by two writers) is scored once (<c>NameMatcher.ExpandIn</c>).
/// </summary>
/// <remarks>
/// An open-addressing table over one character buffer, reused by its thread: no allocation per term. A cold expansion
/// scores tens of thousands of terms, and a <see cref="Dictionary{TKey, TValue}"/> keyed by a string per term made a third
/// of a cold plan's time in allocations and garbage collection (docs/benchmarks.md, the cold plans of the fifteenth session).
/// Entries are marked with the table's current stamp, so emptying it for the next expansion touches no entry.
/// </remarks>
internal sealed class ScoredTerms
{
    /// <summary>A thread keeps its table for the next expansion while it has at most this many slots (about 6 MB).</summary>
    internal const int MaxKeptSlots = 1 << 18;

    [ThreadStatic] private static ScoredTerms? spare;

    private struct Entry
    {
        public int Stamp, Hash, Start, Length;
        public double Value;
    }

    private Entry[] entries = new Entry[1 << 10];
    private char[] chars = new char[1 << 14];
    private int stamp = 1, count, used;

    /// <summary>The terms held.</summary>
    public int Count => count;

    /// <summary>An empty table: the one this thread used last, or a new one.</summary>
    public static ScoredTerms Rent()
    {
        var table = spare ?? new ScoredTerms();
        spare = null;
        table.Clear();
        return table;
    }

    /// <summary>Gives <paramref name="table"/> back to this thread for its next expansion (unless it grew very large).</summary>
    public static void Return(ScoredTerms table)
    {
        if (table.entries.Length <= MaxKeptSlots)
            spare = table;
    }

    private void Clear()
    {
        count = used = 0;
        if (++stamp == int.MaxValue)
        {
            Array.Clear(entries);
            stamp = 1;
        }
    }

    /// <summary>
    /// The value held for <paramref name="term"/> (<paramref name="found"/> true), or a new entry for it whose value the caller
    /// sets (0 until then). The reference is good until the next call.
    /// </summary>
    public ref double Slot(ReadOnlySpan<char> term, out bool found)
    {
        if (2 * (count + 1) > entries.Length)
            Grow();
        int hash = string.GetHashCode(term);
        int mask = entries.Length - 1;
        int i = hash & mask;
        while (entries[i].Stamp == stamp)
        {
            ref var e = ref entries[i];
            if (e.Hash == hash && chars.AsSpan(e.Start, e.Length).SequenceEqual(term))
            {
                found = true;
                return ref e.Value;
            }
            i = (i + 1) & mask;
        }
        if (used + term.Length > chars.Length)
            Array.Resize(ref chars, Math.Max(2 * chars.Length, used + term.Length));
        term.CopyTo(chars.AsSpan(used));
        entries[i] = new Entry { Stamp = stamp, Hash = hash, Start = used, Length = term.Length };
        used += term.Length;
        count++;
        found = false;
        return ref entries[i].Value;
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[2 * old.Length];
        int mask = entries.Length - 1;
        foreach (var e in old)
        {
            if (e.Stamp != stamp)
                continue;
            int i = e.Hash & mask;
            while (entries[i].Stamp == stamp)
                i = (i + 1) & mask;
            entries[i] = e;
        }
    }
}
