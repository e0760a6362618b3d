using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Indexing;

/// <summary>
/// Every document's date and source of one segment, in memory: what the date filter, the facets and the date sort read
/// for each matching document.
/// </summary>
/// <remarks>
/// Lucene.Net 4.8's doc values are read from the file on each access (a seek and a read through the directory's buffer
/// per document, most of them a system call at random positions): a date filter, the facets or the date sort over a
/// word's matches cost several plain searches (docs/benchmarks.md [BDN-F14], [BDN-F14b]). A segment's values never change,
/// so they are read once, in document order, and kept with the segment's core (a refresh keeps the segments it shares,
/// a merge brings new ones): 12 bytes a document and the source names, under 1 MB for the 63,762 documents of the
/// shared corpus.
/// </remarks>
internal sealed class SegmentValues
{
    private static readonly ConditionalWeakTable<object, SegmentValues> Cache = new();

    private SegmentValues(long[] dates, int[] sourceOrds, string[] sourceNames)
    {
        Dates = dates;
        SourceOrds = sourceOrds;
        SourceNames = sourceNames;
        FirstYear = int.MaxValue;
        LastYear = int.MinValue;
        foreach (long date in dates)
        {
            if (date <= 0)
                continue;
            int year = DateValues.Year(date);
            FirstYear = Math.Min(FirstYear, year);
            LastYear = Math.Max(LastYear, year);
        }
    }

    /// <summary>Each document's <see cref="Schema.DateValue"/> (<c>yyyyMMddHHmmss</c>, positive), 0 when it has none.</summary>
    public long[] Dates { get; }

    /// <summary>Each document's ordinal in the segment's <see cref="Schema.SourceFacet"/> values, -1 when it has none.</summary>
    public int[] SourceOrds { get; }

    /// <summary>The segment's sources by ordinal, as written.</summary>
    public string[] SourceNames { get; }

    /// <summary>The year of the segment's oldest dated document (<see cref="int.MaxValue"/> when none is dated).</summary>
    public int FirstYear { get; }

    /// <summary>The year of the segment's newest dated document (<see cref="int.MinValue"/> when none is dated).</summary>
    public int LastYear { get; }

    /// <summary>The values of <paramref name="reader"/>'s segment, read now if no search read them before.</summary>
    public static SegmentValues Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    private static SegmentValues Read(AtomicReader reader)
    {
        int maxDoc = reader.MaxDoc;
        var dates = new long[maxDoc];
        if (reader.GetNumericDocValues(Schema.DateValue) is { } values)
            for (int doc = 0; doc < maxDoc; doc++)
                dates[doc] = values.Get(doc);
        var ords = new int[maxDoc];
        string[] names = [];
        if (reader.GetSortedDocValues(Schema.SourceFacet) is { } sources)
        {
            for (int doc = 0; doc < maxDoc; doc++)
                ords[doc] = sources.GetOrd(doc);
            names = new string[sources.ValueCount];
            var bytes = new Lucene.Net.Util.BytesRef();
            for (int ord = 0; ord < names.Length; ord++)
            {
                sources.LookupOrd(ord, bytes);
                names[ord] = bytes.Utf8ToString();
            }
        }
        else
            Array.Fill(ords, -1);
        return new SegmentValues(dates, ords, names);
    }
}

/// <summary>
/// Sorts by the date of <see cref="SegmentValues"/> as Lucene's long comparator sorts by the date's doc values (same order,
/// same sort values, ties in document order), without reading the doc values for each match.
/// </summary>
/// <param name="missing">The value an undated document sorts as: 0 (last when newest come first), <see cref="long.MaxValue"/> (last when oldest come first).</param>
internal sealed class DateComparerSource(long missing) : FieldComparerSource
{
    public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new DateComparer(numHits, missing);

    private sealed class DateComparer(int numHits, long missing) : FieldComparer<J2N.Numerics.Int64>
    {
        private readonly long[] values = new long[numHits];
        private long[] dates = [];
        private long bottom, top;

        private long Value(int doc) => dates[doc] is var v && v != 0 ? v : missing;

        public override int Compare(int slot1, int slot2) => values[slot1].CompareTo(values[slot2]);

        public override void SetBottom(int slot) => bottom = values[slot];

        public override void SetTopValue(J2N.Numerics.Int64 value) => top = value.ToInt64();

        public override int CompareBottom(int doc) => bottom.CompareTo(Value(doc));

        public override int CompareTop(int doc) => top.CompareTo(Value(doc));

        public override void Copy(int slot, int doc) => values[slot] = Value(doc);

        public override FieldComparer SetNextReader(AtomicReaderContext context)
        {
            dates = SegmentValues.Of(context.AtomicReader).Dates;
            return this;
        }

        // Boxed as Lucene's long comparator boxes its values, so pages merged across slices compare alike.
        public override J2N.Numerics.Int64 this[int slot] => J2N.Numerics.Int64.GetInstance(values[slot]);
    }
}
