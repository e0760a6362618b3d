using Lucene.Net.Search.Similarities;

namespace Search.Indexing;

/// <summary>
/// BM25 with a finer length norm. Lucene 4.8 keeps a field's length in one byte as <c>1/√length</c> with a
/// three-bit mantissa, so 3 and 4 words (or 40 and 45) decode to the same length and a title that is exactly
/// the query ties with one that adds a word. Here the byte holds lengths up to 127 exactly and longer ones
/// in steps of 4.25 % (up to about 25,000 tokens). Index-time boosts are not used by the schema and are
/// ignored. Changing the norm changes every score of an existing index: <see cref="Schema.Version"/> says so.
/// </summary>
internal sealed class ExactLengthSimilarity : BM25Similarity
{
    private const int ExactUpTo = 127;
    private const double Step = 1.0425;
    private static readonly float[] Lengths = BuildLengths();

    private static float[] BuildLengths()
    {
        var lengths = new float[256];
        for (int b = 0; b < 256; b++)
            lengths[b] = b <= ExactUpTo ? b : (float)((ExactUpTo + 1) * Math.Pow(Step, b - ExactUpTo - 1));
        return lengths;
    }

    /// <summary>The byte of a field length.</summary>
    internal static byte Encode(int fieldLength)
    {
        if (fieldLength <= ExactUpTo)
            return (byte)Math.Max(fieldLength, 0);
        double steps = Math.Log(fieldLength / (double)(ExactUpTo + 1)) / Math.Log(Step);
        return (byte)Math.Min(255, ExactUpTo + 1 + (int)Math.Round(steps));
    }

    /// <summary>The field length a byte stands for.</summary>
    internal static float Decode(byte b) => Lengths[b];

    /// <inheritdoc />
    protected override byte EncodeNormValue(float boost, int fieldLength) => Encode(fieldLength);

    /// <inheritdoc />
    protected override float DecodeNormValue(byte b) => Decode(b);
}
