using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis.Names;

/// <summary>
/// One pass of the StandardTokenizer over a title or body for both the english field and the name layers. The english
/// chain (<see cref="EnglishChain"/>) and the name chain (<see cref="NameWordTokenizer"/>) split a text into the same
/// StandardTokenizer words; indexing read each text twice, once per chain. Here the words are read once
/// (<see cref="NameWordTokenizer.ReadWords(string, List{RawWord}, int, out int, out int)"/>), the name tokens are
/// computed from them (<see cref="NameIndexing.Analyze(List{RawWord})"/>), and <see cref="Stream"/> replays them, with
/// the tokenizer's offsets, position increments and types, into the english chain's filters, cut after as many tokens
/// as the writer's analyzer would keep: the english field gets the tokens the analyzer gives it.
/// </summary>
internal sealed class SharedWords
{
    [ThreadStatic] private static NameWordTokenizer? tokenizer;
    [ThreadStatic] private static Stack<SharedWords>? free;
    private const int MaxFree = 4;

    private readonly Replay head;
    private readonly TokenStream top;
    private bool rented;

    /// <summary>The StandardTokenizer's words of the text, with their chunks.</summary>
    public List<RawWord> Words { get; } = new();

    private SharedWords(int maxTokens)
    {
        head = new Replay(this);
        top = new LimitTokenCountFilter(EnglishChain.Filters(head), maxTokens);
        MaxTokens = maxTokens;
    }

    private int MaxTokens { get; }

    /// <summary>
    /// The words of <paramref name="text"/>, read once; null when the text has more words than the name chain reads
    /// (<see cref="NameFormFilter.MaxWords"/>): such a text is analysed by each chain as before.
    /// </summary>
    internal static SharedWords? Read(string text, int maxTokens)
    {
        var shared = free is { Count: > 0 } f && f.Peek().MaxTokens == maxTokens ? f.Pop() : new SharedWords(maxTokens);
        var t = tokenizer ??= new NameWordTokenizer(new StringReader(""));
        shared.Words.Clear();
        if (!t.ReadWords(text, shared.Words, NameFormFilter.MaxWords, out var finalOffset, out var endIncrement))
        {
            shared.Words.Clear();
            shared.Return();
            return null;
        }
        shared.head.Start(finalOffset, endIncrement);
        shared.rented = true;
        return shared;
    }

    /// <summary>The english chain's tokens of the words; the writer's Dispose of it gives this back to the thread's pool.</summary>
    public TokenStream Stream => top;

    private void Return()
    {
        rented = false;
        if (Words.Capacity > 1 << 14)
            return;   // a huge text's words are not kept alive on the thread
        Words.Clear();
        free ??= new Stack<SharedWords>(MaxFree);
        if (free.Count < MaxFree)
            free.Push(this);
    }

    /// <summary>The head of the english chain: the words as the StandardTokenizer gave them.</summary>
    private sealed class Replay : TokenStream
    {
        private readonly SharedWords owner;
        private readonly ICharTermAttribute termAtt;
        private readonly IOffsetAttribute offsetAtt;
        private readonly IPositionIncrementAttribute posIncAtt;
        private readonly ITypeAttribute typeAtt;
        private int next, finalOffset, endIncrement;
        private bool exhausted;

        public Replay(SharedWords owner)
        {
            this.owner = owner;
            termAtt = AddAttribute<ICharTermAttribute>();
            offsetAtt = AddAttribute<IOffsetAttribute>();
            posIncAtt = AddAttribute<IPositionIncrementAttribute>();
            typeAtt = AddAttribute<ITypeAttribute>();
        }

        public void Start(int finalOffset, int endIncrement)
        {
            this.finalOffset = finalOffset;
            this.endIncrement = endIncrement;
            next = 0;
            exhausted = false;
        }

        public override bool IncrementToken()
        {
            var words = owner.Words;
            if (next >= words.Count)
            {
                exhausted = true;
                return false;
            }
            ClearAttributes();
            var w = words[next++];
            termAtt.SetEmpty().Append(w.Text);
            offsetAtt.SetOffset(w.Start, w.End);
            posIncAtt.PositionIncrement = w.PositionIncrement;
            typeAtt.Type = w.Type ?? TypeAttribute.DEFAULT_TYPE;
            return true;
        }

        public override void End()
        {
            base.End();
            if (exhausted)
            {
                offsetAtt.SetOffset(finalOffset, finalOffset);
                posIncAtt.PositionIncrement += endIncrement;
            }
            else if (next > 0)
            {
                // Cut before the end (the token limit): the StandardTokenizer ends where its last word ended, with the
                // positions it skipped before that word (what its End gives when it was not read to the end).
                var last = owner.Words[next - 1];
                offsetAtt.SetOffset(last.End, last.End);
                posIncAtt.PositionIncrement += last.PositionIncrement - 1;
            }
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
            exhausted = false;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && owner.rented)
                owner.Return();
        }
    }
}
