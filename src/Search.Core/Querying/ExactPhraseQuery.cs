using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Search.Querying;

/// <summary>
/// A <see cref="PhraseQuery"/> of two terms or more with no slop, found and scored as Lucene finds and scores it, over term
/// states the plan already has (<see cref="TermStates"/>). Lucene's phrase weight looks every term up in the terms
/// dictionary of every segment on every search (<see cref="TermContext.Build"/>) and cannot be given the states; for the
/// phrases of the query set that was about a third of a phrase's search (<c>name-profile</c>'s weight phase, 63 of 218 µs
/// through the search box), and it grows with the number of segments.
/// </summary>
/// <remarks>
/// The weight is Lucene's: the similarity's weight over the statistics of every term (from the same states, so the same
/// figures). The scorer walks the documents of every term, the rarest leading, and counts in each document the phrase
/// starts <c>s ≥ 0</c> at which every term <c>i</c> is at <c>s + position(i)</c>: what Lucene's exact phrase scorer counts
/// (a term's repeated position counts once, and a start below 0 not at all). The score is the
/// similarity's for that count, as Lucene's.
/// </remarks>
internal sealed class ExactPhraseQuery : Query
{
    private readonly PhraseQuery phrase;
    private readonly Term[] terms;
    private readonly int[] positions;
    private readonly TermContext[] states;

    /// <summary>True when <paramref name="phrase"/> can be an <see cref="ExactPhraseQuery"/>: a plain phrase of two terms or more, no slop.</summary>
    public static bool Takes(PhraseQuery phrase) =>
        phrase.GetType() == typeof(PhraseQuery) && phrase.Slop == 0 && phrase.GetTerms().Length >= 2;

    /// <param name="phrase">The phrase (see <see cref="Takes"/>); its boost is this query's.</param>
    /// <param name="stateOf">The states of a term in the reader the query will search (a state for another reader is looked up again).</param>
    public ExactPhraseQuery(PhraseQuery phrase, Func<Term, TermContext> stateOf)
    {
        if (!Takes(phrase))
            throw new ArgumentException("An exact phrase query takes a plain phrase of two terms or more with no slop.", nameof(phrase));
        this.phrase = phrase;
        terms = phrase.GetTerms();
        positions = phrase.GetPositions();
        states = terms.Select(stateOf).ToArray();
        Boost = phrase.Boost;
    }

    /// <summary>The field of every term.</summary>
    public string Field => terms[0].Field;

    public override Weight CreateWeight(IndexSearcher searcher) => new PhraseWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var t in this.terms)
            terms.Add(t);
    }

    /// <summary>As the phrase's (<c>field:"a b"^boost</c>), with this query's boost.</summary>
    public override string ToString(string field)
    {
        var copy = (PhraseQuery)phrase.Clone();
        copy.Boost = Boost;
        return copy.ToString(field);
    }

    public override bool Equals(object? obj) =>
        obj is ExactPhraseQuery other && Boost == other.Boost && terms.SequenceEqual(other.terms) && positions.SequenceEqual(other.positions);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Boost);
        foreach (var t in terms)
            h.Add(t);
        foreach (var p in positions)
            h.Add(p);
        return h.ToHashCode();
    }

    private sealed class PhraseWeight : Weight
    {
        private readonly ExactPhraseQuery query;
        private readonly Similarity similarity;
        private readonly Similarity.SimWeight stats;
        private readonly TermContext[] states;

        public PhraseWeight(ExactPhraseQuery query, IndexSearcher searcher)
        {
            this.query = query;
            similarity = searcher.Similarity;
            var top = searcher.TopReaderContext;
            states = new TermContext[query.terms.Length];
            var termStats = new TermStatistics[query.terms.Length];
            for (int i = 0; i < states.Length; i++)
            {
                var given = query.states[i];
                states[i] = given.TopReaderContext == top ? given : TermContext.Build(top, query.terms[i]);
                termStats[i] = searcher.TermStatistics(query.terms[i], states[i]);
            }
            stats = similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Field), termStats);
        }

        public override Query Query => query;

        public override float GetValueForNormalization() => stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => stats.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var fieldTerms = context.AtomicReader.GetTerms(query.Field);
            if (fieldTerms is null)
                return null;
            var te = fieldTerms.GetEnumerator();
            var postings = new (DocsAndPositionsEnum Enum, int DocFreq, int Position)[query.terms.Length];
            for (int i = 0; i < postings.Length; i++)
            {
                var state = states[i].Get(context.Ord);
                if (state is null)
                    return null; // a term not in this segment
                var term = query.terms[i];
                te.SeekExact(term.Bytes, state);
                var positions = te.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
                    ?? throw new InvalidOperationException($"field \"{term.Field}\" was indexed without position data; cannot run a phrase (term={term.Text})");
                postings[i] = (positions, te.DocFreq, query.positions[i]);
            }
            // The rarest term leads (a stable sort: terms as frequent keep the phrase's order).
            var ordered = postings.OrderBy(p => p.DocFreq).ToArray();
            return new PhraseScorer(this, ordered, similarity.GetSimScorer(stats, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
            {
                float freq = scorer.Freq;
                var docScorer = similarity.GetSimScorer(stats, context);
                var result = new ComplexExplanation { Description = $"weight({query} in {doc}) [{similarity.GetType().Name}], result of:" };
                var detail = docScorer.Explain(doc, new Explanation(freq, "phraseFreq=" + freq.ToString(CultureInfo.InvariantCulture)));
                result.AddDetail(detail);
                result.Value = detail.Value;
                result.Match = true;
                return result;
            }
            return new ComplexExplanation(false, 0f, "no matching term");
        }
    }

    /// <summary>The documents where the phrase occurs, scored by how often it does.</summary>
    private sealed class PhraseScorer : Scorer
    {
        // A term at most this many times as frequent as the leading one is stepped document by document (as Lucene does):
        // advancing costs more than a few steps.
        private const int StepRatio = 5, MaxSteps = 50;

        private readonly DocsAndPositionsEnum[] postings;
        private readonly int[] offsets;
        private readonly bool[] step;
        private readonly Similarity.SimScorer docScorer;
        private int[] starts = new int[16];
        private int doc = -1;
        private int freq;

        public PhraseScorer(Weight weight, (DocsAndPositionsEnum Enum, int DocFreq, int Position)[] postings, Similarity.SimScorer docScorer)
            : base(weight)
        {
            this.postings = postings.Select(p => p.Enum).ToArray();
            offsets = postings.Select(p => p.Position).ToArray();
            step = postings.Select(p => p.DocFreq <= StepRatio * (long)postings[0].DocFreq).ToArray();
            this.docScorer = docScorer;
        }

        public override int DocID => doc;

        public override int Freq => freq;

        public override float GetScore() => docScorer.Score(doc, freq);

        public override long GetCost() => postings[0].GetCost();

        public override int NextDoc() => doc == NO_MORE_DOCS ? doc : Agree(postings[0].NextDoc());

        public override int Advance(int target) => doc == NO_MORE_DOCS ? doc : Agree(postings[0].Advance(target));

        // From the leading term's document on, the first where every term is and the phrase occurs.
        private int Agree(int candidate)
        {
            while (candidate != NO_MORE_DOCS)
            {
                int i = 1;
                for (; i < postings.Length; i++)
                {
                    var p = postings[i];
                    int at = p.DocID;
                    if (at < candidate)
                    {
                        if (step[i])
                        {
                            for (int steps = 0; at < candidate; )
                                at = ++steps == MaxSteps ? p.Advance(candidate) : p.NextDoc();
                        }
                        else
                            at = p.Advance(candidate);
                    }
                    if (at > candidate)
                        break;
                }
                if (i == postings.Length)
                {
                    doc = candidate;
                    freq = PhraseFreq();
                    if (freq != 0)
                        return doc;
                }
                candidate = postings[0].NextDoc();
            }
            freq = 0;
            return doc = NO_MORE_DOCS;
        }

        /// <summary>
        /// The phrase starts in the current document: those of the term with the fewest positions here, kept while each other
        /// term's positions, read in order, have them too.
        /// </summary>
        private int PhraseFreq()
        {
            int first = 0;
            for (int i = 1; i < postings.Length; i++)
                if (postings[i].Freq < postings[first].Freq)
                    first = i;
            int n = ReadStarts(postings[first], offsets[first]);
            for (int i = 0; i < postings.Length && n > 0; i++)
                if (i != first)
                    n = Keep(postings[i], offsets[i], n);
            return n;
        }

        // The term's starts (positions less its place in the phrase), at least 0, each once, in order.
        private int ReadStarts(DocsAndPositionsEnum p, int offset)
        {
            int count = p.Freq;
            if (starts.Length < count)
                starts = new int[Math.Max(count, starts.Length * 2)];
            int n = 0, last = -1;
            for (int k = 0; k < count; k++)
            {
                int s = p.NextPosition() - offset;
                if (s > last)
                    starts[n++] = last = s;
            }
            return n;
        }

        // Keeps the first n starts that the term has too; returns how many.
        private int Keep(DocsAndPositionsEnum p, int offset, int n)
        {
            int left = p.Freq, kept = 0;
            if (left == 0)
                return 0;
            int s = p.NextPosition() - offset;
            left--;
            for (int a = 0; a < n; a++)
            {
                int want = starts[a];
                while (s < want && left > 0)
                {
                    s = p.NextPosition() - offset;
                    left--;
                }
                if (s < want)
                    break; // the term has no position left
                if (s == want)
                    starts[kept++] = want;
            }
            return kept;
        }
    }
}
