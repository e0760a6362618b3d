using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis.Names;

/// <summary>
/// Token filter of the name field: replaces the tokenizer's words by name tokens (see
/// <see cref="NameSequence"/>): folded Latin and romanised Arabic-script forms, the article form at the same
/// position, joined neighbours. It reads the words of one field value before emitting, because articles and
/// joins look at the next word. The token type says the kind and script (<c>name/main/latn</c> ...). When the
/// tokenizer gives the whitespace chunk of each word (<see cref="IRawWordAttribute"/>), each chunk is also
/// emitted exactly as written (<c>=Tel-Aviv</c>), so the exact spelling down to punctuation can rank first.
/// </summary>
internal sealed class NameFormFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly IPositionIncrementAttribute posIncAtt;
    private readonly ITypeAttribute typeAtt;
    private readonly IRawWordAttribute? rawAtt;
    private List<NameToken>? pending;

    /// <summary>At most this many words of one field value are turned into name tokens.</summary>
    internal const int MaxWords = 100_000;
    private int next;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public NameFormFilter(TokenStream input) : base(input)
    {
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        posIncAtt = AddAttribute<IPositionIncrementAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
        rawAtt = HasAttribute<IRawWordAttribute>() ? GetAttribute<IRawWordAttribute>() : null;
    }

    /// <summary>The token type of a name token.</summary>
    internal static string TypeOf(NameToken t) =>
        t.Kind switch
        {
            NameTokenKind.Main => "name/main/",
            NameTokenKind.Article => "name/article/",
            NameTokenKind.Raw => "name/raw/",
            _ => "name/joined/",
        } +
        (t.Arabic ? "arab" : "latn");

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (pending == null)
        {
            var words = new List<RawWord>();
            // A field value is read whole (articles and joins look ahead), up to MaxWords: a huge document's
            // name forms are not worth unbounded memory (the index keeps the first 100,000 tokens anyway).
            while (words.Count < MaxWords && m_input.IncrementToken())
                words.Add(new RawWord(termAtt.ToString(), offsetAtt.StartOffset, offsetAtt.EndOffset, rawAtt?.Chunk, rawAtt?.ChunkStart ?? -1));
            pending = NameSequence.Process(words);
            next = 0;
        }
        if (next >= pending.Count)
            return false;
        var t = pending[next++];
        ClearAttributes();
        termAtt.SetEmpty().Append(t.Form);
        offsetAtt.SetOffset(t.Start, t.End);
        posIncAtt.PositionIncrement = t.PositionIncrement;
        typeAtt.Type = TypeOf(t);
        return true;
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        pending = null;
        next = 0;
    }
}

/// <summary>
/// Token filter of the lexicon field: turns each main or joined name token into its lexicon term
/// (candidate key, separator, script, form; see <see cref="NameKeys"/>) and drops article forms and raw chunks.
/// </summary>
internal sealed class LexiconTermFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;
    private readonly IPositionIncrementAttribute posIncAtt;
    private readonly ITypeAttribute typeAtt;

    /// <summary>Wraps a <see cref="NameFormFilter"/>.</summary>
    public LexiconTermFilter(TokenStream input) : base(input)
    {
        termAtt = AddAttribute<ICharTermAttribute>();
        posIncAtt = AddAttribute<IPositionIncrementAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        int skipped = 0;
        while (m_input.IncrementToken())
        {
            var type = typeAtt.Type;
            if (type.StartsWith("name/article/", StringComparison.Ordinal) || type.StartsWith("name/raw/", StringComparison.Ordinal))
            {
                skipped += posIncAtt.PositionIncrement;
                continue;
            }
            var term = NameKeys.LexiconTerm(termAtt.ToString(), type.EndsWith("/arab", StringComparison.Ordinal));
            termAtt.SetEmpty().Append(term);
            posIncAtt.PositionIncrement += skipped;
            return true;
        }
        return false;
    }
}
