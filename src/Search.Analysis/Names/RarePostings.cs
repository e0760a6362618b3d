using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Analysis.Names;

/// <summary>
/// The postings (documents, frequencies and positions) of the rare name-field terms of a segment, read once and kept
/// with the term's state. The spellings of a name are mostly rare, and a hundred of them are read on every query: each
/// read of a term in a segment was a seek and a buffer refill of the postings file (with <c>NIOFSDirectory</c>, three
/// system calls), about a quarter of a name query's time. Postings are index data of one segment and never change
/// (deletions are applied when reading them, from the live documents the query is given), so they are kept keyed by
/// the term state of the segment, which <see cref="NameMatcher"/> caches per segment core: an entry lives as long as
/// that term state does. Only terms in at most <see cref="MaxDocFreq"/> documents with at most
/// <see cref="MaxPositions"/> positions are kept, and at most <see cref="MaxCachedValues"/> values in all, each term
/// counted with <see cref="EntryOverhead"/> more for its arrays (then the cache starts again): about 32 MB at most.
/// </summary>
internal sealed class RarePostings
{
    /// <summary>A term in more documents of a segment than this is not kept.</summary>
    internal const int MaxDocFreq = 64;

    /// <summary>A term with more positions in a segment than this is not kept.</summary>
    internal const int MaxPositions = 512;

    /// <summary>At most this many values (documents, frequencies and positions, four bytes each) are kept in all; then the cache starts again.</summary>
    internal const long MaxCachedValues = 8_000_000;

    /// <summary>What one kept term costs beyond its values, in values (its four arrays and the object holding them, about 160 bytes).</summary>
    internal const int EntryOverhead = 40;

    private ConditionalWeakTable<TermState, Postings> table = new();
    private long stored;
    private readonly long maxValues;

    /// <param name="maxValues">At most this many values kept in all (<see cref="MaxCachedValues"/> unless a test says otherwise).</param>
    internal RarePostings(long maxValues = MaxCachedValues) => this.maxValues = maxValues;

    /// <summary>The postings of one term in one segment, without deletions applied.</summary>
    internal sealed class Postings(int[] docs, int[] freqs, int[]? positions)
    {
        /// <summary>The documents, in order.</summary>
        internal readonly int[] Docs = docs;

        /// <summary>The term's frequency in each document.</summary>
        internal readonly int[] Freqs = freqs;

        /// <summary>The positions of each document in turn (<see cref="Freqs"/> of them each), or null when the field has none.</summary>
        internal readonly int[]? Positions = positions;

        /// <summary>Where each document's positions start in <see cref="Positions"/> (one more entry than documents).</summary>
        internal readonly int[] Starts = StartsOf(freqs);

        private static int[] StartsOf(int[] freqs)
        {
            var starts = new int[freqs.Length + 1];
            for (int k = 0; k < freqs.Length; k++)
                starts[k + 1] = starts[k] + freqs[k];
            return starts;
        }
    }

    /// <summary>The kept postings of the term whose state is <paramref name="state"/>, or null when they are not kept (yet).</summary>
    internal Postings? Find(TermState state) => table.TryGetValue(state, out var kept) ? kept : null;

    /// <summary>
    /// The kept postings of the term <paramref name="terms"/> is positioned on (whose state is <paramref name="state"/>), read
    /// and kept now if the term is rare; null when it is not rare.
    /// </summary>
    internal Postings? Get(TermState state, TermsEnum terms)
    {
        var current = table;
        if (current.TryGetValue(state, out var kept))
            return kept;
        int docFreq = terms.DocFreq;
        long totalFreq = terms.TotalTermFreq;
        if (docFreq > MaxDocFreq || totalFreq < 0 || totalFreq > MaxPositions)
            return null;
        var read = Read(terms, docFreq, (int)totalFreq);
        long size = read.Docs.Length + read.Freqs.Length + read.Starts.Length + (read.Positions?.Length ?? 0) + EntryOverhead;
        if (Interlocked.Add(ref stored, size) > maxValues)
        {
            table = new ConditionalWeakTable<TermState, Postings>();
            Interlocked.Exchange(ref stored, size);
            current = table;
        }
        current.AddOrUpdate(state, read);
        return read;
    }

    private ConditionalWeakTable<object, object> merged = new();
    private long mergedStored;

    /// <summary>
    /// What was kept for <paramref name="slot"/> by <see cref="KeepMerged"/> (a query's merged postings of one segment), or
    /// null when nothing is kept (yet, or any more: the merged postings share a budget of <see cref="MaxCachedValues"/>
    /// values of their own, and start again when it is spent).
    /// </summary>
    internal T? FindMerged<T>(object slot) where T : class => merged.TryGetValue(slot, out var kept) ? kept as T : null;

    /// <summary>Keeps <paramref name="value"/> for <paramref name="slot"/> (as long as the slot lives), counting <paramref name="size"/> values against the budget.</summary>
    internal void KeepMerged(object slot, object value, long size)
    {
        var current = merged;
        size += EntryOverhead;
        if (Interlocked.Add(ref mergedStored, size) > maxValues)
        {
            merged = new ConditionalWeakTable<object, object>();
            Interlocked.Exchange(ref mergedStored, size);
            current = merged;
        }
        current.AddOrUpdate(slot, value);
    }

    /// <summary>
    /// The first index at or after <paramref name="from"/> of <paramref name="keys"/> (sorted, the document in the high
    /// 32 bits) whose document is <paramref name="target"/> or beyond; <c>keys.Length</c> when none is.
    /// </summary>
    internal static int FirstAtOrAfter(long[] keys, int from, int target)
    {
        int lo = from, hi = keys.Length;
        long key = (long)target << 32;
        // Mostly the next key is at the target or beyond: no search then.
        if (lo < hi && keys[lo] >= key)
            return lo;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static Postings Read(TermsEnum terms, int docFreq, int totalFreq)
    {
        var docs = new List<int>(docFreq);
        var freqs = new List<int>(docFreq);
        var withPositions = terms.DocsAndPositions(null, null, DocsAndPositionsFlags.NONE);
        if (withPositions is null)
        {
            var plain = terms.Docs(null, null, DocsFlags.FREQS);
            while (plain.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                docs.Add(plain.DocID);
                freqs.Add(plain.Freq);
            }
            return new Postings(docs.ToArray(), freqs.ToArray(), null);
        }
        var positions = new List<int>(totalFreq);
        while (withPositions.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
        {
            int freq = withPositions.Freq;
            docs.Add(withPositions.DocID);
            freqs.Add(freq);
            for (int k = 0; k < freq; k++)
                positions.Add(withPositions.NextPosition());
        }
        return new Postings(docs.ToArray(), freqs.ToArray(), positions.ToArray());
    }
}
