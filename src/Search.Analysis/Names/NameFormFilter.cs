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
    private List<NameToken>? pending;
    private readonly bool nameWordsOnly;

    /// <summary>At most this many words of one field value are turned into name tokens.</summary>
    internal const int MaxWords = 100_000;
    private int next;

    /// <summary>Wraps <paramref name="input"/>; with <paramref name="nameWordsOnly"/>, only the words that can be part of a name give tokens, as documents are indexed (<see cref="NameSequence.NameWords"/>).</summary>
    public NameFormFilter(TokenStream input, bool nameWordsOnly = false) : base(input)
    {
        this.nameWordsOnly = nameWordsOnly;
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        posIncAtt = AddAttribute<IPositionIncrementAttribute>();
        typeAtt = AddAttribute<ITypeAttribute>();
    }

    /// <summary>The token type of a name token.</summary>
    internal static string TypeOf(NameToken t) =>
        (t.Kind, t.Arabic) switch
        {
            (NameTokenKind.Main, false) => "name/main/latn",
            (NameTokenKind.Main, true) => "name/main/arab",
            (NameTokenKind.Article, false) => "name/article/latn",
            (NameTokenKind.Article, true) => "name/article/arab",
            (NameTokenKind.Raw, false) => "name/raw/latn",
            (NameTokenKind.Raw, true) => "name/raw/arab",
            (_, false) => "name/joined/latn",
            (_, true) => "name/joined/arab",
        };

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (pending == null)
        {
            var words = new List<RawWord>();
            ReadWords(m_input, words);
            pending = NameSequence.Process(words, nameWordsOnly);
            next = 0;
        }
        if (next >= pending.Count)
            return false;
        ClearAttributes();
        Current = pending[next++];
        SetToken(Current, termAtt, offsetAtt, posIncAtt, typeAtt);
        return true;
    }

    /// <summary>The name token just emitted (what <see cref="LexiconTermFilter"/> reads the rewritten forms of).</summary>
    internal NameToken Current { get; private set; }

    /// <summary>
    /// Reads the words of one field value from <paramref name="input"/> (reset, not yet read), with their
    /// chunks when the input gives them. A field value is read whole (articles and joins look ahead), up to
    /// <see cref="MaxWords"/>: a huge document's name forms are not worth unbounded memory (the index keeps
    /// the first 100,000 tokens anyway).
    /// </summary>
    internal static void ReadWords(TokenStream input, List<RawWord> words)
    {
        var term = input.GetAttribute<ICharTermAttribute>();
        var offset = input.GetAttribute<IOffsetAttribute>();
        var raw = input.HasAttribute<IRawWordAttribute>() ? input.GetAttribute<IRawWordAttribute>() : null;
        while (words.Count < MaxWords && input.IncrementToken())
            words.Add(new RawWord(term.ToString(), offset.StartOffset, offset.EndOffset, raw?.Chunk, raw?.ChunkStart ?? -1));
    }

    /// <summary>Sets the attributes of one name token (after <c>ClearAttributes</c>).</summary>
    internal static void SetToken(NameToken t, ICharTermAttribute termAtt, IOffsetAttribute offsetAtt, IPositionIncrementAttribute posIncAtt, ITypeAttribute typeAtt)
    {
        termAtt.SetEmpty().Append(t.Form);
        offsetAtt.SetOffset(t.Start, t.End);
        posIncAtt.PositionIncrement = t.PositionIncrement;
        typeAtt.Type = TypeOf(t);
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        pending = null;
        next = 0;
        Current = default;
    }
}

/// <summary>
/// Token filter of the lexicon field: turns each main or joined name token into its lexicon term
/// (candidate key, separator, script, form; see <see cref="NameKeys"/>), followed by the rewritten terms of its forms in
/// other orthographies that only its letters as typed give (<see cref="NameIndexing.RewrittenTerms"/>), and drops article
/// forms and raw chunks.
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

    // The rewritten lexicon terms of the token just emitted, emitted after it at the same position.
    private readonly Queue<string> rewritten = new();

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        rewritten.Clear();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (rewritten.Count > 0)
        {
            termAtt.SetEmpty().Append(rewritten.Dequeue());
            posIncAtt.PositionIncrement = 0;
            return true;
        }
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
            if (m_input is NameFormFilter names && names.Current.Written != null)
                foreach (var r in NameIndexing.RewrittenTerms(names.Current))
                    rewritten.Enqueue(r);
            return true;
        }
        return false;
    }
}
