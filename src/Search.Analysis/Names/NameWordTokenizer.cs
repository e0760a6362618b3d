using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis.Names;

/// <summary>
/// The tokenizer of the name chains: the words of <see cref="StandardTokenizer"/> (so the name field splits
/// words exactly as the exact field does), each with the whitespace-delimited chunk it stands in
/// (<see cref="IRawWordAttribute"/>), which the StandardTokenizer alone loses with the punctuation.
/// It reads the field value whole.
/// </summary>
internal sealed class NameWordTokenizer : Tokenizer
{
    private readonly StandardTokenizer words;
    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly IPositionIncrementAttribute posIncAtt;
    private readonly ITypeAttribute typeAtt;
    private readonly IRawWordAttribute rawAtt;
    private readonly ICharTermAttribute wordTerm;
    private readonly IOffsetAttribute wordOffset;
    private readonly IPositionIncrementAttribute wordPosInc;
    private readonly ITypeAttribute wordType;
    private string text = "";
    private int lastChunkStart, lastChunkEnd;
    private string? lastChunk;

    /// <summary>Chunks longer than this get no raw token.</summary>
    internal const int MaxChunkLength = 64;

    /// <summary>Reads from <paramref name="input"/>.</summary>
    public NameWordTokenizer(TextReader input) : base(input)
    {
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        posIncAtt = AddAttribute<IPositionIncrementAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
        rawAtt = AddAttribute<IRawWordAttribute>();
        words = new StandardTokenizer(EnglishChain.Version, new StringReader(""));
        wordTerm = words.AddAttribute<ICharTermAttribute>();
        wordOffset = words.AddAttribute<IOffsetAttribute>();
        wordPosInc = words.AddAttribute<IPositionIncrementAttribute>();
        wordType = words.AddAttribute<ITypeAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (!words.IncrementToken())
            return false;
        ClearAttributes();
        termAtt.CopyBuffer(wordTerm.Buffer, 0, wordTerm.Length);
        int start = wordOffset.StartOffset, end = wordOffset.EndOffset;
        offsetAtt.SetOffset(CorrectOffset(start), CorrectOffset(end));
        posIncAtt.PositionIncrement = wordPosInc.PositionIncrement;
        typeAtt.Type = wordType.Type;
        MoveToChunkOf(start, end);
        // A chunk longer than any name (a URL, a run without spaces) gets no raw token.
        if (lastChunkEnd - lastChunkStart <= MaxChunkLength)
        {
            rawAtt.Chunk = lastChunk ??= text[lastChunkStart..lastChunkEnd];   // one string per chunk, not per word
            rawAtt.ChunkStart = CorrectOffset(lastChunkStart);
        }
        return true;
    }

    /// <summary>
    /// Makes the whitespace chunk around the word at <paramref name="start"/>..<paramref name="end"/> of the text the last
    /// chunk, unless the word is inside it: words come in order, so each character is scanned once (a text without
    /// spaces must not cost the square of its length).
    /// </summary>
    private void MoveToChunkOf(int start, int end)
    {
        if (start < lastChunkEnd)
            return;
        int chunkStart = start, chunkEnd = end;
        while (chunkStart > lastChunkEnd && !char.IsWhiteSpace(text[chunkStart - 1]))
            chunkStart--;
        while (chunkEnd < text.Length && !char.IsWhiteSpace(text[chunkEnd]))
            chunkEnd++;
        (lastChunkStart, lastChunkEnd) = (chunkStart, chunkEnd);
        lastChunk = null;
    }

    /// <summary>
    /// Reads the words of <paramref name="value"/>, with their chunks, into <paramref name="into"/> (at most
    /// <paramref name="maxWords"/>): what <see cref="NameFormFilter.ReadWords"/> reads from this tokenizer over that text,
    /// taken straight from the word tokenizer without setting this tokenizer's attributes word by word. Leaves this
    /// tokenizer's own stream untouched.
    /// </summary>
    internal bool ReadWords(string value, List<RawWord> into, int maxWords) => ReadWords(value, into, maxWords, out _, out _);

    /// <summary>
    /// <see cref="ReadWords(string, List{RawWord}, int)"/>, each word with the word tokenizer's position increment and type too;
    /// true when the text was read to its end, and then what the word tokenizer's <c>End</c> gives: the final offset and
    /// the position increment of the words skipped after the last one (longer than its maximum token length).
    /// </summary>
    internal bool ReadWords(string value, List<RawWord> into, int maxWords, out int finalOffset, out int endPositionIncrement)
    {
        bool ended = false;
        finalOffset = 0;
        endPositionIncrement = 0;
        text = value;
        lastChunkStart = lastChunkEnd = 0;
        lastChunk = null;
        words.Dispose();   // closes the previous reader, as the Tokenizer contract requires before SetReader
        words.SetReader(new StringReader(value));
        try
        {
            words.Reset();
            while (true)
            {
                if (into.Count >= maxWords)
                    break;
                if (!words.IncrementToken())
                {
                    ended = true;
                    break;
                }
                int start = wordOffset.StartOffset, end = wordOffset.EndOffset;
                // The chunk as IncrementToken finds it (no char filter here, so offsets need no correction).
                MoveToChunkOf(start, end);
                string? chunk = null;
                int chunkAt = -1;
                if (lastChunkEnd - lastChunkStart <= MaxChunkLength)
                {
                    chunk = lastChunk ??= value[lastChunkStart..lastChunkEnd];
                    chunkAt = lastChunkStart;
                }
                into.Add(new RawWord(new string(wordTerm.Buffer, 0, wordTerm.Length), start, end, chunk, chunkAt, wordPosInc.PositionIncrement, wordType.Type));
            }
            words.End();
            finalOffset = wordOffset.EndOffset;
            endPositionIncrement = wordPosInc.PositionIncrement;
        }
        finally
        {
            words.Dispose();
            text = "";
            lastChunk = null;
        }
        return ended;
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        // Lucene.Net's char-filter readers return null, not "", for empty text.
        text = m_input.ReadToEnd() ?? "";
        lastChunkStart = lastChunkEnd = 0;
        lastChunk = null;
        words.Dispose();   // closes the previous reader, as the Tokenizer contract requires before SetReader
        words.SetReader(new StringReader(text));
        words.Reset();
    }

    /// <inheritdoc />
    public override void End()
    {
        base.End();
        words.End();
        int final = CorrectOffset(text.Length);
        offsetAtt.SetOffset(final, final);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            words.Dispose();
    }
}
