using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Analysis.Names;

/// <summary>
/// The name and lexicon fields of a document from one analysis of each text value. The two pipelines
/// (<see cref="Pipelines.Name"/>, <see cref="Pipelines.Lexicon"/>) share their tokenizer and
/// <see cref="NameFormFilter"/>, so analysing a text for both through the analyzers did the costly part twice;
/// here the name tokens are computed once (<see cref="Analyze(string)"/>, exactly what the name pipeline gives), the
/// name field replays them (<see cref="NameStream"/>), and the lexicon field gets each distinct lexicon term
/// of the document once (<see cref="AddLexiconTerms"/>, <see cref="LexiconStream"/>): the lexicon is indexed
/// without frequencies or positions, so the index holds the same postings as with the lexicon pipeline.
/// Queries and snippets still use the pipelines themselves. Only the words that can be part of a name are indexed
/// in the two fields (<see cref="NameSequence.NameWords"/>: capitals, accents, Arabic script, signs inside a word,
/// particles next to them), each at the position the pipeline gives it: plain lower-case running text is left to the
/// english and exact fields, and the name fields hold about a fifth of the tokens they would.
/// </summary>
internal static class NameIndexing
{
    [ThreadStatic] private static NameWordTokenizer? tokenizer;
    [ThreadStatic] private static List<RawWord>? words;

    /// <summary>The name tokens of the name words of one text value, exactly as the <see cref="Pipelines.Name"/> pipeline gives them for those words (<see cref="NameFormFilter"/> with <c>nameWordsOnly</c>).</summary>
    internal static List<NameToken> Analyze(string text)
    {
        var t = tokenizer ??= new NameWordTokenizer(new StringReader(""));
        var w = words ??= new List<RawWord>();
        w.Clear();
        t.ReadWords(text, w, NameFormFilter.MaxWords);   // what NameFormFilter.ReadWords reads from the tokenizer over the text
        var tokens = Analyze(w);
        if (w.Capacity > 4096)
            words = null;   // do not keep a huge document's words alive on the thread
        return tokens;
    }

    /// <summary>The name tokens of the name words among <paramref name="words"/>, the words of one text value as <see cref="NameWordTokenizer.ReadWords(string, List{RawWord}, int)"/> reads them.</summary>
    internal static List<NameToken> Analyze(List<RawWord> words) => NameSequence.Process(words, nameWordsOnly: true);

    /// <summary>A token stream of <paramref name="tokens"/> for the name field, cut after <paramref name="maxTokens"/> tokens.</summary>
    internal static TokenStream NameStream(List<NameToken> tokens, int textLength, int maxTokens) =>
        Rent(ref freeReplays)?.Start(tokens, textLength, maxTokens) ?? new Replay().Start(tokens, textLength, maxTokens);

    /// <summary>Adds the lexicon term of every main and joined token (what <see cref="LexiconTermFilter"/> gives), the first <paramref name="maxTokens"/> of them.</summary>
    internal static void AddLexiconTerms(List<NameToken> tokens, ISet<string> terms, int maxTokens)
    {
        // The writer's token limit counts what LexiconTermFilter emits: main and joined tokens.
        int emitted = 0;
        foreach (var t in tokens)
        {
            if (t.Kind is not (NameTokenKind.Main or NameTokenKind.Joined))
                continue;
            if (emitted++ >= maxTokens)
                break;
            terms.Add(LexiconTerm(t.Form, t.Arabic));
            if (t.Written != null)
            {
                foreach (var term in RewrittenTerms(t))
                {
                    if (emitted++ >= maxTokens)
                        return;
                    terms.Add(term);
                }
            }
        }
    }

    /// <summary>
    /// The lexicon terms of a Latin token's forms that only its letters as typed give in another orthography
    /// (<see cref="NameKeys.RewrittenLexiconTerm"/>): <c>Teerã</c> is also found as <c>teeran</c>, <c>Pei-ching</c> as
    /// <c>beijing</c>. What <see cref="LexiconTermFilter"/> emits after the token's own term.
    /// </summary>
    internal static IEnumerable<string> RewrittenTerms(NameToken t) =>
        t.Written == null || t.Arabic ? [] : NameOrthographies.Default.WrittenOnlyAlternatives(t.Written, t.Form).Select(alt => NameKeys.RewrittenLexiconTerm(alt, t.Form));

    /// <summary>A token stream of the distinct lexicon terms of a document, for the lexicon field (no positions).</summary>
    internal static TokenStream LexiconStream(IEnumerable<string> terms) => (Rent(ref freeTerms) ?? new Terms()).Start(terms, ownsSet: false);

    /// <summary>A token stream of the lexicon terms in <paramref name="set"/> (from <see cref="NewLexiconSet"/>), which the stream empties and reuses once the writer has disposed it.</summary>
    internal static TokenStream LexiconStreamOwning(HashSet<string> set) => (Rent(ref freeTerms) ?? new Terms()).Start(set, ownsSet: true);

    // A new token stream costs more than its tokens for short texts: each attribute is looked up in Lucene's
    // shared, locked attribute tables (3 % of a build). The writer disposes a field's stream once it has read
    // it, and Dispose puts the stream back here, so a thread indexing documents one after another reuses a
    // few; a stream is handed out again only after it was disposed, so documents built before they are
    // indexed still get streams of their own.
    [ThreadStatic] private static Stack<Replay>? freeReplays;
    [ThreadStatic] private static Stack<Terms>? freeTerms;
    private const int MaxFreeStreams = 4;

    private static T? Rent<T>(ref Stack<T>? free) where T : class => free is { Count: > 0 } f ? f.Pop() : null;

    private static void Return<T>(ref Stack<T>? free, T stream)
    {
        free ??= new Stack<T>(MaxFreeStreams);
        if (free.Count < MaxFreeStreams)
            free.Push(stream);
    }

    /// <summary>At most this many forms have their lexicon term cached (the frequent ones come early).</summary>
    internal const int MaxCachedTerms = 200_000;

    // One cache per script, keyed by the form alone: an ordinal string key is hashed without randomisation,
    // a (string, bool) tuple with the randomised default string hash.
    private static readonly ConcurrentDictionary<string, string> LatinTermCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> ArabicTermCache = new(StringComparer.Ordinal);
    private static int cachedTerms;

    private static string LexiconTerm(string form, bool arabic)
    {
        var cache = arabic ? ArabicTermCache : LatinTermCache;
        if (cache.TryGetValue(form, out var term))
            return term;
        term = NameKeys.LexiconTerm(form, arabic);
        if (Volatile.Read(ref cachedTerms) < MaxCachedTerms && cache.TryAdd(form, term))
            Interlocked.Increment(ref cachedTerms);
        return term;
    }

    /// <summary>
    /// An empty set for the lexicon terms of one document, to be given to <see cref="LexiconStream"/>: the stream
    /// empties it and keeps it for the thread's next document once the writer has disposed it.
    /// </summary>
    internal static HashSet<string> NewLexiconSet() =>
        freeSets is { Count: > 0 } f ? f.Pop() : new HashSet<string>(StringComparer.Ordinal);

    [ThreadStatic] private static Stack<HashSet<string>>? freeSets;

    /// <summary>Gives back a set from <see cref="NewLexiconSet"/> that no stream owns, for the thread's next document.</summary>
    internal static void ReturnLexiconSet(HashSet<string> set) => ReturnSet(set);

    private static void ReturnSet(HashSet<string> set)
    {
        // A huge document's set is not kept alive on the thread.
        if (set.Count > 4096)
            return;
        set.Clear();
        freeSets ??= new Stack<HashSet<string>>(MaxFreeStreams);
        if (freeSets.Count < MaxFreeStreams)
            freeSets.Push(set);
    }

    /// <summary>A stream handed out by <see cref="Rent{T}"/>: the writer's Dispose drops the document's data and returns it to the pool.</summary>
    private abstract class PooledStream : TokenStream
    {
        private bool rented;

        protected void MarkRented() => rented = true;

        /// <summary>Forgets the document's data, so the pool keeps none of it alive.</summary>
        protected abstract void Forget();

        /// <summary>Puts this stream back in its thread's pool.</summary>
        protected abstract void ReturnToPool();

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (!disposing || !rented)
                return;
            rented = false;
            Forget();
            ClearAttributes();
            ReturnToPool();
        }
    }

    private sealed class Replay : PooledStream
    {
        private List<NameToken> tokens = [];
        private int textLength;
        private int count;
        private readonly ICharTermAttribute termAtt;
        private readonly IOffsetAttribute offsetAtt;
        private readonly IPositionIncrementAttribute posIncAtt;
        private readonly ITypeAttribute typeAtt;
        private int next;

        public Replay()
        {
            termAtt = AddAttribute<ICharTermAttribute>();
            offsetAtt = AddAttribute<IOffsetAttribute>();
            posIncAtt = AddAttribute<IPositionIncrementAttribute>();
            typeAtt = AddAttribute<ITypeAttribute>();
        }

        public Replay Start(List<NameToken> tokens, int textLength, int maxTokens)
        {
            this.tokens = tokens;
            this.textLength = textLength;
            count = Math.Min(tokens.Count, maxTokens);
            next = 0;
            MarkRented();
            return this;
        }

        protected override void Forget() => tokens = [];

        protected override void ReturnToPool() => Return(ref freeReplays, this);

        public override bool IncrementToken()
        {
            if (next >= count)
                return false;
            ClearAttributes();
            NameFormFilter.SetToken(tokens[next++], termAtt, offsetAtt, posIncAtt, typeAtt);
            return true;
        }

        public override void End()
        {
            base.End();
            offsetAtt.SetOffset(textLength, textLength);
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
        }
    }

    private sealed class Terms : PooledStream
    {
        private IEnumerable<string> terms = [];
        private readonly ICharTermAttribute termAtt;
        private IEnumerator<string>? e;

        public Terms() => termAtt = AddAttribute<ICharTermAttribute>();

        public Terms Start(IEnumerable<string> terms, bool ownsSet)
        {
            this.terms = terms;
            this.ownsSet = ownsSet;
            e = null;
            MarkRented();
            return this;
        }

        protected override void Forget()
        {
            // A set from NewLexiconSet goes back to the thread's pool (the writer has read it).
            if (ownsSet && terms is HashSet<string> set)
                ReturnSet(set);
            terms = [];
            e = null;
            ownsSet = false;
        }

        private bool ownsSet;

        protected override void ReturnToPool() => Return(ref freeTerms, this);

        public override bool IncrementToken()
        {
            e ??= terms.GetEnumerator();
            if (!e.MoveNext())
                return false;
            ClearAttributes();
            termAtt.SetEmpty().Append(e.Current);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            e = null;
        }
    }
}
