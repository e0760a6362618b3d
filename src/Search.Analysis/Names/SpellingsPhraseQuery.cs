using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Search.Analysis.Names;

/// <summary>
/// A sloppy phrase over the spellings of each word of a name, found and scored exactly as a
/// <see cref="MultiPhraseQuery"/> with the same term arrays (positions 0, 1, 2…) and slop finds and scores it, but over
/// the term states the name matcher caches (<see cref="NameMatcher.NameTermContext"/>): Lucene's phrase builds the
/// state of every spelling anew, seeking it in the terms dictionary of every segment on every query, and that was most
/// of a quoted name's time (a hundred spellings or more per word). The postings of rare spellings come from
/// <see cref="RarePostings"/>. Only for phrases where no term comes twice (in two words, or twice in one): Lucene
/// handles repeated terms with rules of their own, and <see cref="Takes"/> tells the caller to use its query then.
/// </summary>
internal sealed class SpellingsPhraseQuery : Query
{
    private readonly string field;
    private readonly Term[][] terms;
    private readonly TermContext?[][] contexts;
    private readonly int slop;
    private readonly RarePostings? rare;

    /// <param name="field">The field of every term.</param>
    /// <param name="words">For each word of the phrase in turn, its spellings and, when known, their states.</param>
    /// <param name="slop">As <see cref="MultiPhraseQuery.Slop"/>; at least 1 (an exact phrase is scored by another scorer).</param>
    /// <param name="rare">Where the postings of rare terms are kept (for the states given), or null to read them every time.</param>
    internal SpellingsPhraseQuery(string field, IReadOnlyList<IReadOnlyList<(string Text, TermContext? Context)>> words, int slop, RarePostings? rare = null)
    {
        if (!Takes(words.Select(w => w.Select(t => t.Text))) || slop < 1)
            throw new ArgumentException("A spellings phrase needs two words or more, no term twice and a slop of at least 1.", nameof(words));
        this.field = field;
        this.slop = slop;
        this.rare = rare;
        terms = words.Select(w => w.Select(t => new Term(field, t.Text)).ToArray()).ToArray();
        contexts = words.Select(w => w.Select(t => t.Context).ToArray()).ToArray();
    }

    /// <summary>True when this query can stand for the phrase of <paramref name="words"/>: two words or more, each with a spelling, and no term twice.</summary>
    internal static bool Takes(IEnumerable<IEnumerable<string>> words)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        foreach (var word in words)
        {
            bool any = false;
            foreach (var t in word)
            {
                if (!seen.Add(t))
                    return false;
                any = true;
            }
            if (!any)
                return false;
            count++;
        }
        return count >= 2;
    }

    /// <summary>The spellings of each word, in order (as <see cref="MultiPhraseQuery.GetTermArrays"/>).</summary>
    internal IReadOnlyList<Term[]> TermArrays => terms;

    /// <summary>The number of terms over all words.</summary>
    internal int Count => terms.Sum(t => t.Length);

    /// <summary>The slop.</summary>
    internal int Slop => slop;

    public override Weight CreateWeight(IndexSearcher searcher) => new PhraseWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var word in this.terms)
            foreach (var t in word)
                terms.Add(t);
    }

    public override string ToString(string field)
    {
        var b = new StringBuilder();
        if (this.field != field)
            b.Append(this.field).Append(':');
        b.Append('"');
        b.Append(string.Join(" ", terms.Select(w => w.Length == 1 ? w[0].Text : "(" + string.Join(" ", w.Select(t => t.Text)) + ")")));
        b.Append("\"~").Append(slop.ToString(CultureInfo.InvariantCulture));
        if (Boost != 1f)
            b.Append('^').Append(Boost.ToString(CultureInfo.InvariantCulture));
        return b.ToString();
    }

    public override bool Equals(object? obj) =>
        obj is SpellingsPhraseQuery other && Boost == other.Boost && field == other.field && slop == other.slop &&
        terms.Length == other.terms.Length && terms.Zip(other.terms).All(p => p.First.SequenceEqual(p.Second));

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Boost);
        h.Add(field);
        h.Add(slop);
        foreach (var word in terms)
        {
            h.Add(word.Length);
            foreach (var t in word)
                h.Add(t);
        }
        return h.ToHashCode();
    }

    private sealed class PhraseWeight : Weight
    {
        private readonly SpellingsPhraseQuery query;
        private readonly Similarity similarity;
        private readonly Similarity.SimWeight stats;
        private readonly TermContext[][] states;
        private readonly bool[][] given;

        public PhraseWeight(SpellingsPhraseQuery query, IndexSearcher searcher)
        {
            this.query = query;
            similarity = searcher.Similarity;
            var top = searcher.TopReaderContext;
            states = new TermContext[query.terms.Length][];
            given = new bool[query.terms.Length][];
            // As MultiPhraseQuery: one weight over the statistics of every term, word by word, spelling by spelling.
            var all = new List<TermStatistics>();
            for (int w = 0; w < query.terms.Length; w++)
            {
                var word = query.terms[w];
                states[w] = new TermContext[word.Length];
                given[w] = new bool[word.Length];
                for (int i = 0; i < word.Length; i++)
                {
                    var context = query.contexts[w][i];
                    given[w][i] = context is not null && context.TopReaderContext == top;
                    states[w][i] = given[w][i] ? context! : TermContext.Build(top, word[i]);
                    all.Add(searcher.TermStatistics(word[i], states[w][i]));
                }
            }
            stats = similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.field), all.ToArray());
        }

        public override Query Query => query;

        public override float GetValueForNormalization() => stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => stats.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var fieldTerms = context.AtomicReader.GetTerms(query.field);
            if (fieldTerms is null)
                return null;
            var te = fieldTerms.GetEnumerator();
            var words = new WordPostings[query.terms.Length];
            for (int w = 0; w < words.Length; w++)
            {
                var kept = new List<RarePostings.Postings>();
                var read = new List<DocsAndPositionsEnum>();
                for (int i = 0; i < query.terms[w].Length; i++)
                {
                    var state = states[w][i].Get(context.Ord);
                    if (state is null)
                        continue;
                    var term = query.terms[w][i];
                    var postings = given[w][i] && query.rare is not null ? query.rare.Find(state) : null;
                    if (postings is null)
                    {
                        te.SeekExact(term.Bytes, state);
                        postings = given[w][i] && query.rare is not null ? query.rare.Get(state, te) : null;
                    }
                    if (postings is not null && postings.Positions is not null)
                    {
                        kept.Add(postings);
                        continue;
                    }
                    te.SeekExact(term.Bytes, state);
                    var positions = te.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
                        ?? throw new InvalidOperationException($"field \"{term.Field}\" was indexed without position data; cannot run a phrase (term={term.Text})");
                    read.Add(positions);
                }
                if (kept.Count == 0 && read.Count == 0)
                    return null; // no spelling of this word in the segment
                words[w] = new WordPostings(kept, read, acceptDocs);
            }
            return new PhraseScorer(this, words, query.slop, similarity.GetSimScorer(stats, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is PhraseScorer scorer && scorer.Advance(doc) == doc)
            {
                var docScorer = similarity.GetSimScorer(stats, context);
                var result = new ComplexExplanation { Description = $"weight({query} in {doc}) [{similarity.GetType().Name}], result of:" };
                var detail = docScorer.Explain(doc, new Explanation(scorer.SloppyFreq, "phraseFreq=" + scorer.SloppyFreq.ToString(CultureInfo.InvariantCulture)));
                result.AddDetail(detail);
                result.Value = detail.Value;
                result.Match = true;
                return result;
            }
            return new ComplexExplanation(false, 0f, "no matching term");
        }
    }

    /// <summary>
    /// The documents and positions of one word in one segment: the union of its spellings' postings, the kept ones
    /// merged by document at once, the others read as they go.
    /// </summary>
    private sealed class WordPostings
    {
        private readonly RarePostings.Postings[] kept;
        private readonly long[] keys; // document << 32 | index into entries, sorted
        private readonly (int Source, int Index)[] entries;
        private readonly DocsAndPositionsEnum[] read;
        private int next;
        private int[] positions = new int[16];

        public WordPostings(List<RarePostings.Postings> kept, List<DocsAndPositionsEnum> read, IBits? acceptDocs)
        {
            this.kept = kept.ToArray();
            this.read = read.ToArray();
            var keyList = new List<long>();
            var entryList = new List<(int, int)>();
            for (int s = 0; s < this.kept.Length; s++)
            {
                var docs = this.kept[s].Docs;
                for (int k = 0; k < docs.Length; k++)
                {
                    if (acceptDocs is not null && !acceptDocs.Get(docs[k]))
                        continue;
                    keyList.Add(((long)docs[k] << 32) | (uint)entryList.Count);
                    entryList.Add((s, k));
                }
            }
            keys = keyList.ToArray();
            Array.Sort(keys);
            entries = entryList.ToArray();
            // As Lucene's union of postings counts it (each spelling's document frequency, deletions not applied).
            foreach (var p in this.kept)
                Cost += p.Docs.Length;
            foreach (var r in this.read)
                Cost += r.GetCost();
        }

        /// <summary>The current document (-1 before the first).</summary>
        public int Doc { get; private set; } = -1;

        /// <summary>An estimate of the number of documents.</summary>
        public long Cost { get; }

        /// <summary>Moves to the first document at or after <paramref name="target"/>.</summary>
        public int Advance(int target)
        {
            next = RarePostings.FirstAtOrAfter(keys, next, target);
            int doc = next < keys.Length ? (int)(keys[next] >> 32) : DocIdSetIterator.NO_MORE_DOCS;
            foreach (var r in read)
            {
                if (r.DocID < target)
                    r.Advance(target);
                doc = Math.Min(doc, r.DocID);
            }
            return Doc = doc;
        }

        /// <summary>
        /// Reads the positions of every spelling in the current document into <see cref="PositionBuffer"/>, sorted (a position
        /// twice if two spellings have it), and returns how many there are.
        /// </summary>
        public int ReadPositions()
        {
            int n = 0, sources = 0;
            for (int k = next; k < keys.Length && (int)(keys[k] >> 32) == Doc; k++)
            {
                sources++;
                var (s, index) = entries[(int)(uint)keys[k]];
                var p = kept[s];
                int from = p.Starts[index], to = p.Starts[index + 1];
                Ensure(n + to - from);
                Array.Copy(p.Positions!, from, positions, n, to - from);
                n += to - from;
            }
            foreach (var r in read)
            {
                if (r.DocID != Doc)
                    continue;
                int freq = r.Freq;
                Ensure(n + freq);
                for (int i = 0; i < freq; i++)
                    positions[n++] = r.NextPosition();
                sources++;
            }
            // One spelling's positions are in order already.
            if (sources > 1)
                Array.Sort(positions, 0, n);
            return n;
        }

        /// <summary>The positions <see cref="ReadPositions"/> read last (valid until it reads again).</summary>
        public int[] PositionBuffer => positions;

        private void Ensure(int size)
        {
            if (positions.Length < size)
                Array.Resize(ref positions, Math.Max(size, positions.Length * 2));
        }
    }

    /// <summary>
    /// Finds the documents where every word has a spelling, and counts the phrase in each as Lucene's sloppy phrase
    /// scorer counts it when no term repeats: the word at the least phrase position moves on, each match no longer
    /// than the slop adds <see cref="Similarity.SimScorer.ComputeSlopFactor"/> of its length.
    /// </summary>
    private sealed class PhraseScorer : Scorer
    {
        private readonly WordPostings[] words;
        private readonly WordPostings[] byCost;
        private readonly int slop;
        private readonly Similarity.SimScorer docScorer;
        private readonly int[][] wordPositions;
        private readonly int[] remaining;
        private readonly int[] read;
        private readonly int[] position;
        private readonly bool[] queued;
        private int doc = -1;
        private int matches;

        public PhraseScorer(Weight weight, WordPostings[] words, int slop, Similarity.SimScorer docScorer)
            : base(weight)
        {
            this.words = words;
            this.slop = slop;
            this.docScorer = docScorer;
            byCost = words.OrderBy(w => w.Cost).ToArray();
            wordPositions = new int[words.Length][];
            remaining = new int[words.Length];
            read = new int[words.Length];
            position = new int[words.Length];
            queued = new bool[words.Length];
        }

        /// <summary>The phrase frequency (the sum of the slop factors of the matches) in the current document.</summary>
        public float SloppyFreq { get; private set; }

        public override int DocID => doc;

        public override int Freq => matches;

        public override float GetScore() => docScorer.Score(doc, SloppyFreq);

        public override int NextDoc() => Advance(doc + 1);

        public override int Advance(int target)
        {
            while (true)
            {
                // Every word at one document: the rarest leads.
                int candidate = target;
                bool agreed;
                do
                {
                    agreed = true;
                    foreach (var w in byCost)
                    {
                        if (w.Doc < candidate)
                            w.Advance(candidate);
                        if (w.Doc == NO_MORE_DOCS)
                            return doc = NO_MORE_DOCS;
                        if (w.Doc > candidate)
                        {
                            candidate = w.Doc;
                            agreed = false;
                            break;
                        }
                    }
                }
                while (!agreed);
                SloppyFreq = PhraseFreq();
                if (SloppyFreq != 0f)
                    return doc = candidate;
                target = candidate + 1;
            }
        }

        private float PhraseFreq()
        {
            int n = words.Length;
            int end = int.MinValue;
            for (int w = 0; w < n; w++)
            {
                remaining[w] = words[w].ReadPositions();
                wordPositions[w] = words[w].PositionBuffer;
                read[w] = 0;
                NextPosition(w);
                if (position[w] > end)
                    end = position[w];
                queued[w] = true;
            }
            float freq = 0f;
            matches = 0;
            int pp = Pop();
            int matchLength = end - position[pp];
            int next = position[Top()];
            while (NextPosition(pp))
            {
                if (position[pp] > end)
                    end = position[pp];
                if (position[pp] > next)
                {
                    // Done with the shortest match of this start.
                    if (matchLength <= slop)
                    {
                        freq += docScorer.ComputeSlopFactor(matchLength);
                        matches++;
                    }
                    queued[pp] = true;
                    pp = Pop();
                    next = position[Top()];
                    matchLength = end - position[pp];
                }
                else
                {
                    int shorter = end - position[pp];
                    if (shorter < matchLength)
                        matchLength = shorter;
                }
            }
            if (matchLength <= slop)
            {
                freq += docScorer.ComputeSlopFactor(matchLength);
                matches++;
            }
            return freq;
        }

        // The word's next position, as a phrase position (the position less the word's place in the phrase).
        private bool NextPosition(int w)
        {
            if (remaining[w]-- <= 0)
                return false;
            position[w] = wordPositions[w][read[w]++] - w;
            return true;
        }

        // The queued word with the least phrase position (then the least place in the phrase), as Lucene's queue orders them.
        private int Top()
        {
            int best = -1;
            for (int w = 0; w < words.Length; w++)
                if (queued[w] && (best < 0 || position[w] < position[best]))
                    best = w;
            return best;
        }

        private int Pop()
        {
            int best = Top();
            queued[best] = false;
            return best;
        }

        // As Lucene's sloppy phrase scorer: the cost of the first word.
        public override long GetCost() => words[0].Cost;
    }
}
