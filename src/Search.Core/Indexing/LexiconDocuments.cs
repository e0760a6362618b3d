using System.IO.Hashing;
using System.Runtime.InteropServices;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Analysis.Names;

namespace Search.Indexing;

/// <summary>
/// Writes each lexicon term once, in lexicon documents of their own, instead of into every content document that holds
/// the spelling. Name queries only enumerate the lexicon's terms (<c>NameMatcher.ExpandIn</c>) and never read which
/// documents hold them, so a document's copy of a term it shares with earlier documents was inverted for nothing. (Measured,
/// docs/benchmarks.md run [Y]: a one-thread build is no cheaper for it; two threads, the index's size and cold name plans
/// gained a little.)
/// </summary>
/// <remarks>
/// <para>
/// A content document hands its lexicon terms to <see cref="Collect"/>; the terms not written since the writer opened wait
/// in a batch, which becomes one lexicon document when it is full (<see cref="TakeIfFull"/>) and before every refresh and
/// commit (<see cref="Take"/>), so a document is never visible without its spellings' terms. A lexicon document has no id:
/// replacing or deleting content documents (by id) never deletes it, so a merge never drops a term that a live document's
/// name field still holds. Searches leave lexicon documents out (<see cref="ContentOnly"/>, <see cref="Count"/>).
/// </para>
/// <para>
/// The writer remembers written terms by a 64-bit hash (a collision among a million terms has a chance of about
/// 10⁻⁷, and would only keep one spelling out of the variant search until the writer reopens), and forgets them all past
/// <see cref="MaxRemembered"/>: a term written again is only a duplicate. A new writer starts with none, so an index
/// reopened for more documents writes again the terms of their spellings, at most once per writer.
/// </para>
/// <para>
/// A failed write (a full disk) may throw away a segment holding lexicon documents, and the user is told to add the
/// articles since the last commit again; their terms are already remembered as written. So the terms given to lexicon
/// documents since the last commit are kept (<see cref="WriteFailed"/> puts them back in the batch, <see cref="Committed"/>
/// forgets them).
/// </para>
/// </remarks>
internal sealed class LexiconDocuments
{
    /// <summary>The field that marks a lexicon document.</summary>
    public const string KindField = "kind";

    /// <summary>The value of <see cref="KindField"/> in a lexicon document.</summary>
    public const string LexiconKind = "lexicon";

    /// <summary>A lexicon document is written once this many terms wait (about 1.5 MB of term text), besides at every refresh and commit.</summary>
    public const int BatchTerms = 50_000;

    /// <summary>Written terms remembered at most (about 40 MB of hashes); past it the memory is cleared.</summary>
    public const int MaxRemembered = 2_000_000;

    private readonly object gate = new();
    private readonly HashSet<ulong> written = [];
    private List<string> pending = [];
    // The terms handed to lexicon documents since the last commit that succeeded: a failed write may have lost them.
    private List<string> uncommitted = [];

    /// <summary>The term that marks lexicon documents.</summary>
    public static Term KindTerm { get; } = new(KindField, LexiconKind);

    /// <summary>Keeps the terms of <paramref name="terms"/> that were not written since the writer opened, for the next lexicon document.</summary>
    public void Collect(IReadOnlyCollection<string> terms)
    {
        if (terms.Count == 0)
            return;
        // Hashed outside the lock: two threads indexing only meet over the set.
        Span<ulong> hashes = terms.Count <= 256 ? stackalloc ulong[terms.Count] : new ulong[terms.Count];
        int i = 0;
        foreach (var term in terms)
            hashes[i++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(term.AsSpan()));
        lock (gate)
        {
            if (written.Count + terms.Count > MaxRemembered)
                written.Clear();
            i = 0;
            foreach (var term in terms)
                if (written.Add(hashes[i++]))
                    pending.Add(term);
        }
    }

    /// <summary>A lexicon document of the waiting terms once there are <see cref="BatchTerms"/> of them; else null.</summary>
    public Document? TakeIfFull() => TakeAtLeast(BatchTerms);

    /// <summary>A lexicon document of every waiting term, or null when none waits.</summary>
    public Document? Take() => TakeAtLeast(1);

    /// <summary>
    /// After a write failed: the terms of the lexicon documents since the last commit wait again, since the failure may have
    /// thrown away the segment that held them while their documents are added again (a failed commit says to).
    /// </summary>
    public void WriteFailed()
    {
        lock (gate)
        {
            pending.AddRange(uncommitted);
            uncommitted = [];
        }
    }

    /// <summary>After a commit succeeded: the lexicon documents written before it are safe.</summary>
    public void Committed()
    {
        lock (gate)
            uncommitted = [];
    }

    private Document? TakeAtLeast(int atLeast)
    {
        List<string> terms;
        lock (gate)
        {
            if (pending.Count < atLeast)
                return null;
            terms = pending;
            pending = [];
            // Remembered until the next commit, unless that grows past the remembered terms' bound: then a failed write
            // may lose spellings until their documents come again to a new writer.
            if (uncommitted.Count + terms.Count <= MaxRemembered)
                uncommitted.AddRange(terms);
        }
        return new Document
        {
            new StringField(KindField, LexiconKind, Field.Store.NO),
            new Field(Schema.Lexicon, NameIndexing.LexiconStream(terms), LexiconType),
        };
    }

    /// <summary>Every content document: what a query without a positive clause matches.</summary>
    public static Query ContentOnly() => new BooleanQuery
    {
        { new MatchAllDocsQuery(), Occur.MUST },
        { new TermQuery(KindTerm), Occur.MUST_NOT },
    };

    /// <summary>The lexicon documents in <paramref name="reader"/> (they are never deleted, so their document frequency counts them).</summary>
    public static int Count(IndexReader reader) => reader.DocFreq(KindTerm);

    /// <summary>The lexicon field's type: only which terms exist matters, so no frequencies, positions or norms.</summary>
    public static readonly FieldType LexiconType = CreateLexiconType();

    private static FieldType CreateLexiconType()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED)
        {
            IndexOptions = IndexOptions.DOCS_ONLY,
            OmitNorms = true,
        };
        type.Freeze();
        return type;
    }
}
