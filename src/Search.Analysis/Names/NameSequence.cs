using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Search.Analysis.Names;

/// <summary>
/// A word as the tokenizer gave it, and the whitespace-delimited chunk of the text it stands in
/// (<c>Tel-Aviv</c> for both <c>Tel</c> and <c>Aviv</c>), when the tokenizer knows it.
/// </summary>
internal readonly record struct RawWord(string Text, int Start, int End, string? Chunk = null, int ChunkStart = -1, int PositionIncrement = 1, string? Type = null);

/// <summary>What a name token stands for.</summary>
internal enum NameTokenKind
{
    /// <summary>A word's bare form (article removed): what variants are matched on.</summary>
    Main,

    /// <summary>The same word with its article (<c>alqaeda</c>), at the position of the bare form.</summary>
    Article,

    /// <summary>Two neighbouring words joined (<c>gholamali</c>, <c>ḥzbllh</c>), at the position of the second.</summary>
    Joined,

    /// <summary>
    /// A whitespace-delimited chunk exactly as written, punctuation and case kept, prefixed with
    /// <see cref="NameSequence.RawPrefix"/> (<c>=U.S.</c>, <c>=Iran's</c>): the exact spelling of a name down to
    /// its punctuation, so it can rank first; only for a chunk the exact field does not hold as one word.
    /// </summary>
    Raw,
}

/// <summary>One token of the name field.</summary>
/// <param name="Form">The folded or romanised form.</param>
/// <param name="Arabic">True when romanised from Arabic script.</param>
/// <param name="Start">Start offset.</param>
/// <param name="End">End offset.</param>
/// <param name="PositionIncrement">Position increment.</param>
/// <param name="Kind">What the token stands for.</param>
/// <param name="Hyphenated">A joined token of two parts of one hyphenated word (<c>Shang-hai</c>, <c>Kuang-chou</c>): one word spelled in syllables, matched like a word.</param>
/// <param name="Written">
/// A Latin main or hyphenated token's letters as typed, when they hold a sign the fold takes off that an orthography reads
/// (<c>Teerã</c>, <c>Meşhed</c>, <c>Pei-ching</c>; <see cref="NameOrthographies.WrittenOf"/>); else null.
/// </param>
internal readonly record struct NameToken(string Form, bool Arabic, int Start, int End, int PositionIncrement, NameTokenKind Kind, bool Hyphenated = false,
    string? Written = null);

/// <summary>
/// Turns the words of a text into name tokens: Latin words folded, Arabic-script words normalised and
/// romanised; articles (<c>al-</c>, <c>ash-</c>, <c>ال</c>) and ezafe connectors taken off and kept as a
/// scored form; <c>abd al-</c> compounds and ZWNJ-joined Persian words split; neighbouring words joined into
/// one more token when one of them is short, so <c>Gholam Ali</c> also holds <c>gholamali</c>.
/// Rules: <c>Rules/names/articles.txt</c>. Pure logic on strings, no Lucene.
/// </summary>
internal static class NameSequence
{
    private static readonly HashSet<string> LatinArticles = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Ezafe = new(StringComparer.Ordinal);
    private static readonly HashSet<string> RomanceArticles = new(StringComparer.Ordinal);
    private static readonly List<string> LatinCompounds = new();
    private static readonly List<string> ArabicCompounds = new();

    /// <summary>Arabic-script words that make a compound name with a neighbour written apart (<c>articles.txt</c>, kind <c>join</c>), normalised.</summary>
    private static readonly HashSet<string> ArabicJoinWords = new(StringComparer.Ordinal);
    private static readonly List<string> ArabicArticles = new();

    /// <summary>The Arabic-script article prefixes (<c>articles.txt</c>, kind <c>arabic</c>), normalised.</summary>
    internal static IReadOnlyList<string> ArabicArticlePrefixes => ArabicArticles;
    private static readonly Regex LatinCompound;
    /// <summary>The lines of <c>function-words.txt</c>: Latin words, Arabic-script words, and Arabic-script words compared as written (a leading <c>=</c>).</summary>
    private static readonly string[] FunctionWordLines = RuleParsers.Lines("names/function-words.txt").ToArray();

    private static readonly HashSet<string> FunctionWords = new(FunctionWordLines.Where(w => !NameForms.IsArabic(w)), StringComparer.Ordinal);

    /// <summary>The Arabic-script function words of <c>function-words.txt</c>, normalised: compared with a normalised word before its article is taken off.</summary>
    private static readonly HashSet<string> ArabicFunctionWords = new(FunctionWordLines
        .Where(w => w[0] != '=' && NameForms.IsArabic(w)).Select(NameForms.NormalizeArabic), StringComparer.Ordinal);

    /// <summary>The Arabic-script function words of <c>function-words.txt</c> written with a leading <c>=</c>: compared with the word as written (<c>على</c>, not the name <c>علي</c> it normalises to).</summary>
    private static readonly HashSet<string> ArabicFunctionWordsAsWritten = new(FunctionWordLines
        .Where(w => w.Length > 1 && w[0] == '=' && NameForms.IsArabic(w.AsSpan(1))).Select(w => w[1..]), StringComparer.Ordinal);

    /// <summary>Lower-case words indexed in the name layers next to a name word: <c>Rules/names/particles.txt</c>, and the Latin articles, ezafe words and compound heads of <c>articles.txt</c>.</summary>
    private static readonly HashSet<string> Particles = new(RuleParsers.Lines("names/particles.txt"), StringComparer.Ordinal);

    /// <summary>Lower-case titles and name parts indexed in the name layers wherever they stand: <c>Rules/names/name-parts.txt</c>.</summary>
    private static readonly HashSet<string> NameParts = new(RuleParsers.Lines("names/name-parts.txt"), StringComparer.Ordinal);

    private static readonly HashSet<string> GenericWords = new(RuleParsers.Lines("names/generic-words.txt")
        .Select(w => NameForms.IsArabic(w) ? NameForms.NormalizeArabic(w) : w), StringComparer.Ordinal);

    /// <summary>Prefix of raw-chunk terms in the name field (no folded or romanised form starts with it).</summary>
    internal const string RawPrefix = "=";

    /// <summary>Join two neighbouring words into one more token only when one of them has at most this many letters.</summary>
    internal const int JoinShortWord = 4;

    /// <summary>
    /// Two neighbouring Arabic-script words join when one of them has at most this many letters romanised (<c>تل</c>,
    /// <c>ام</c>, a letter split off <c>د مشق</c>) or is a compound word of <c>articles.txt</c> (<c>ابو</c>, <c>الله</c>,
    /// <c>آباد</c>). Romanised Arabic script writes no short vowels, so nearly every word has at most
    /// <see cref="JoinShortWord"/> letters: joining on that joined almost every pair of running Arabic text, each pair a term
    /// of its own in the name and lexicon fields (two fifths of an Arabic-script document's indexing cost, docs/names.md).
    /// </summary>
    internal const int ArabicJoinShortWord = 2;

    /// <summary>A joined token is at most this long.</summary>
    internal const int JoinMaxLength = 16;

    static NameSequence()
    {
        foreach (var f in RuleParsers.Fields("names/articles.txt"))
        {
            switch (f[0])
            {
                case "article": LatinArticles.Add(f[1]); break;
                case "romance": LatinArticles.Add(f[1]); RomanceArticles.Add(f[1]); break;
                case "ezafe": Ezafe.Add(f[1]); break;
                case "compound":
                    if (NameForms.IsArabic(f[1])) ArabicCompounds.Add(NameForms.NormalizeArabic(f[1]));
                    else LatinCompounds.Add(f[1]);
                    break;
                case "arabic": ArabicArticles.Add(NameForms.NormalizeArabic(f[1])); break;
                case "join": ArabicJoinWords.Add(NameForms.NormalizeArabic(f[1])); break;
                default: throw new FormatException($"articles.txt: unknown kind '{f[0]}'");
            }
        }
        Particles.UnionWith(LatinArticles);
        Particles.UnionWith(Ezafe);
        Particles.UnionWith(LatinCompounds);
        AddRuleWords(NameParts, WordKind.NamePart);
        AddRuleWords(Particles, WordKind.Particle);
        AddRuleWords(GenericWords, WordKind.Special);
        AddRuleWords(LatinArticles, WordKind.Special);
        AddRuleWords(Ezafe, WordKind.Special);
        // abd + a linking vowel (u, e, o, ou) + optional l + the rest: Abdulrahman, Abdurrahman, Abdelaziz, Abdollah.
        LatinCompound = new Regex("^(" + string.Join("|", LatinCompounds.Select(Regex.Escape)) + ")([aeiou]{1,2}l?)(.*)$",
            RegexOptions.CultureInvariant);
    }

    private sealed class Part
    {
        public Part Clone() => (Part)MemberwiseClone();

        public string Form = "";
        public bool Arabic;
        public bool Capitalized;
        public int Start, End;
        public bool HasArticle;
        public bool ForceJoin;
        public bool IsArticleWord;
        public string ArticleSound = "";
        public string ArticleText = "";
        public string? JoinedForm;
        /// <summary>This part's form as the first half of a join, when it differs (a heh before ZWNJ is the vowel e).</summary>
        public string? JoinStem;
        public int ChunkStart = -1;
        public string? Chunk;
        public bool IsEzafe;
        /// <summary>An Arabic-script function word (<c>function-words.txt</c>): it never joins a neighbour unless a ZWNJ forces it.</summary>
        public bool FunctionWord;
        /// <summary>An Arabic-script word that makes compound names (<see cref="ArabicJoinWords"/>): it joins a neighbour of any length.</summary>
        public bool JoinWord;
        /// <summary>
        /// The part of a word that is not indexed in the name layers (<see cref="NameWords"/>): it only takes its position.
        /// Cached shapes are marked so and shared, read only; the placed copy of an indexed word is not.
        /// </summary>
        public bool Skip;
    }

    /// <summary>
    /// The name tokens of a sequence of words. With <paramref name="nameWordsOnly"/> (how documents are indexed),
    /// only the words that can be part of a name (<see cref="NameWords"/>) give tokens; the others still take
    /// their positions, so every token is where it would be without the cut and phrases of names still line up.
    /// </summary>
    internal static List<NameToken> Process(IReadOnlyList<RawWord> words, bool nameWordsOnly = false)
    {
        var scratch = Scratch.Get();
        try
        {
            var kinds = scratch.Kinds(words.Count);
            for (int i = 0; i < words.Count; i++)
                kinds[i] = Classify(words[i].Text);
            var keep = nameWordsOnly ? KeptWords(words, kinds) : null;
            return ProcessWords(words, keep, kinds, scratch);
        }
        finally
        {
            scratch.Release();
        }
    }

    private static List<NameToken> ProcessWords(IReadOnlyList<RawWord> words, bool[]? keep, WordKind[] kinds, Scratch scratch)
    {
        var parts = scratch.Parts;
        for (int wi = 0; wi < words.Count; wi++)
        {
            var w = words[wi];
            bool skip = keep != null && !keep[wi];
            if ((kinds[wi] & WordKind.Trivial) != 0)
            {
                // Most of running text: a lower-case ASCII word that is no article, compound or generic word is one
                // part, its own form (what Shapes gives it), so it is placed without a look-up in the shared cache.
                if (skip)
                {
                    parts.Add(scratch.Placeholder(w.Text));
                    continue;
                }
                parts.Add(new Part { Form = w.Text, Start = w.Start, End = w.End, Chunk = w.Chunk, ChunkStart = w.ChunkStart });
                continue;
            }
            foreach (var shape in Shapes(w.Text))
            {
                if (skip)
                {
                    // A word left out only takes its positions: the shared shape itself stands for it (never
                    // changed: it is marked Skip, and nothing below writes to a part left out).
                    parts.Add(shape);
                    continue;
                }
                // A shape is the word's parts at offsets 0 (word start) and 1 (word end); place them on this word.
                var p = shape.Clone();
                p.Start = shape.Start == 0 ? w.Start : w.End;
                p.End = shape.End == 0 ? w.Start : w.End;
                p.Chunk = w.Chunk;
                p.ChunkStart = w.ChunkStart;
                p.Skip = false;
                parts.Add(p);
            }
        }

        // Articles and ezafe words attach to the next word.
        var kept = scratch.Kept;
        int indexed = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            var next = i + 1 < parts.Count ? parts[i + 1] : null;
            if (next != null && next.Arabic == p.Arabic && p.IsArticleWord && !next.IsArticleWord &&
                (p.ArticleSound.Length == 0 || next.Form.StartsWith(p.ArticleSound, StringComparison.Ordinal)) &&
                next.Form.Length >= 2)
            {
                // An article left out (the tail of a lower-case "abdul") does not reach into an indexed word, nor an
                // indexed one into a word left out; it takes no position either way.
                if (p.Skip || next.Skip)
                    continue;
                next.HasArticle = true;
                next.ArticleText = p.Form;
                next.Start = p.Start;
                next.ForceJoin |= p.ForceJoin;
                continue;
            }
            if (p.IsEzafe && next != null && kept.Count > 0 && !next.IsEzafe)
                continue;
            if (p.IsArticleWord && p.Start == p.End)
                continue;
            kept.Add(p);
            if (!p.Skip)
                indexed++;
        }

        // Raw chunks: each is emitted with the first main token at or after it (a chunk without a main
        // token, such as "AL" or "CO.", with the next one; trailing ones with the last), and every position's
        // tokens are ordered by start offset so offsets never go backwards.
        // Where a chunk ends in sentence punctuation ("Tehran." / "Gaza,"), two words are in different
        // phrases: never join across it ("Tehran. He" is not "tehranhe").
        // A chunk of plain lower-case ASCII (said, "war", 1970s.) spells nothing the exact field does not: only
        // chunks with a capital, an accent, another script, an apostrophe or an inner hyphen or dot get a raw
        // token. Plain words are most of running text, so this keeps the name field about a third smaller. Nor does
        // a chunk that is one word of the exact field as it stands (Tehran, al-Qaeda, تهران): the exact layer holds
        // that spelling; only the signs the exact field splits at or drops (U.S., 9/11, Iran's) need a raw token.
        // With nameWordsOnly, a chunk none of whose words is indexed (a number such as 1,000 or $5) gets none either.
        var chunks = scratch.Chunks;
        var stops = scratch.Stops;
        int lastChunk = -1;
        for (int wi = 0; wi < words.Count; wi++)
        {
            var w = words[wi];
            if (w.Chunk == null || w.ChunkStart < 0 || w.ChunkStart == lastChunk)
                continue;
            lastChunk = w.ChunkStart;
            var text = w.Chunk;
            if (text.Length > 0 && text[^1] is '.' or ',' or ';' or ':' or '!' or '?' or '،' or '؛' or '؟')
                stops.Add(w.ChunkStart + text.Length);
            // The words of one chunk are kept or left out together (NameWords): its first word decides.
            if ((keep == null || keep[wi]) && !IsPlainChunk(text) && !IsOneExactWord(text))
                chunks.Add((w.ChunkStart, w.ChunkStart + text.Length, text));
        }
        int nextChunk = 0;
        bool Separated(Part a, Part b)
        {
            // Chunk ends come in order: the first stop at or after a's end decides (a binary search, so a long
            // Arabic text, where every neighbouring pair is a join candidate, does not cost words × stops).
            int at = stops.BinarySearch(a.End);
            if (at < 0)
                at = ~at;
            return at < stops.Count && stops[at] <= b.Start;
        }

        var tokens = new List<NameToken>(indexed * 2 + 4);
        var group = scratch.Group;
        void Flush(int increment)
        {
            // A stable sort by start (joined, main, article, raw at one start); an insertion sort, as a group
            // holds a handful of tokens.
            for (int g = 1; g < group.Count; g++)
            {
                var t = group[g];
                int h = g - 1;
                for (; h >= 0 && group[h].Start > t.Start; h--)
                    group[h + 1] = group[h];
                group[h + 1] = t;
            }
            for (int g = 0; g < group.Count; g++)
                tokens.Add(group[g] with { PositionIncrement = g == 0 ? increment : 0 });
            group.Clear();
        }
        int skipped = 0;   // positions of words left out since the last token
        for (int i = 0; i < kept.Count; i++)
        {
            var p = kept[i];
            if (p.Skip)
            {
                skipped++;
                continue;
            }
            var prev = i > 0 ? kept[i - 1] : null;
            if (prev != null && !prev.Skip && prev.Arabic == p.Arabic)
            {
                bool both = p.Arabic || (prev.Capitalized && p.Capitalized);
                bool shortOne = p.Arabic
                    ? prev.JoinWord || p.JoinWord || Math.Min(prev.Form.Length, p.Form.Length) <= ArabicJoinShortWord
                    : Math.Min(prev.Form.Length, p.Form.Length) <= JoinShortWord;
                bool hyphenated = !p.ForceJoin && Hyphenated(prev, p);
                bool functionWord = p.Arabic ? prev.FunctionWord || p.FunctionWord : FunctionWords.Contains(prev.Form) || FunctionWords.Contains(p.Form);
                if (p.ForceJoin || hyphenated || (both && shortOne && !functionWord && prev.Form.Length + p.Form.Length <= JoinMaxLength && !Separated(prev, p)))
                {
                    var article = p.HasArticle ? (p.Arabic ? "l" : p.ArticleText.Length > 0 ? p.ArticleText : "al") : "";
                    group.Add(new NameToken(p.JoinedForm ?? (prev.JoinStem ?? prev.Form) + article + p.Form, p.Arabic, prev.Start, p.End, 0, NameTokenKind.Joined, hyphenated,
                        hyphenated && !p.Arabic ? NameOrthographies.WrittenOf(p.Chunk, p.ChunkStart, prev.Start, p.End) : null));
                }
            }
            group.Add(new NameToken(p.Form, p.Arabic, p.Start, p.End, 0, NameTokenKind.Main, false,
                p.Arabic ? null : NameOrthographies.WrittenOf(p.Chunk, p.ChunkStart, p.Start, p.End)));
            if (p.HasArticle)
                group.Add(new NameToken((p.Arabic ? "āl" : "al") + p.Form, p.Arabic, p.Start, p.End, 0, NameTokenKind.Article));
            while (nextChunk < chunks.Count && chunks[nextChunk].Start <= p.End)
            {
                var c = chunks[nextChunk++];
                // A chunk with no word of its own that ends before this word, after words left out: the whole pipeline
                // puts it at the first of those (its next word), which has no position here, so it is not indexed at all
                // rather than at the wrong position.
                if (skipped > 0 && c.End <= p.Start)
                    continue;
                group.Add(new NameToken(RawPrefix + c.Text, false, c.Start, c.End, 0, NameTokenKind.Raw));
            }
            Flush(1 + skipped);
            skipped = 0;
        }
        // Chunks after the last indexed word, when words were left out after it: the whole pipeline puts them at one of
        // those words (a chunk whose first word makes no part, CO., goes to the next word; a trailing one to the last),
        // which have no position here, so they are not indexed at all rather than at the wrong position (as above).
        if (nextChunk < chunks.Count && skipped == 0)
        {
            bool none = tokens.Count == 0;
            int increment = 1 + skipped;
            if (!none)
            {
                // Trailing chunks join the last position: move its tokens back into the group.
                int last = tokens.FindLastIndex(t => t.PositionIncrement > 0);
                increment = tokens[last].PositionIncrement;
                group.AddRange(tokens.Skip(last));
                tokens.RemoveRange(last, tokens.Count - last);
            }
            while (nextChunk < chunks.Count)
            {
                var c = chunks[nextChunk++];
                group.Add(new NameToken(RawPrefix + c.Text, false, c.Start, c.End, 0, NameTokenKind.Raw));
            }
            Flush(increment);
        }
        // A joined or article token reaches back to an earlier word; clamp so offsets never go backwards.
        int lastStart = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Start < lastStart)
                tokens[i] = t = t with { Start = lastStart, End = Math.Max(t.End, lastStart) };
            lastStart = t.Start;
        }
        return tokens;
    }

    /// <summary>
    /// Which words of a text can be part of a name and are indexed in the name layers: a word with a letter that is
    /// not lower-case ASCII (a capital, an accent, Arabic or Persian script) or with an apostrophe, hyphen or other
    /// sign inside; a word with a letter whose whitespace chunk is not plain (<see cref="IsPlainChunk"/>)
    /// (<c>al-Qaeda</c>, <c>d'Estaing</c>, <c>U.S.</c>); a lower-case title or name part (<c>Rules/names/name-parts.txt</c>:
    /// <c>sheikh</c>, <c>ayatollah</c>); and a lower-case particle (<c>Rules/names/particles.txt</c>,
    /// the articles of <c>articles.txt</c>) next to such a word, across other particles (<c>Osama bin Laden</c>,
    /// <c>Abu Bakr</c>, <c>Charles de Gaulle</c>). Plain lower-case words and words without a letter (numbers; most of English news) are not, unless their
    /// chunk holds a name word.
    /// </summary>
    internal static bool[] NameWords(IReadOnlyList<RawWord> words) => KeptWords(words, words.Select(w => Classify(w.Text)).ToArray());

    private static bool[] KeptWords(IReadOnlyList<RawWord> words, WordKind[] kinds)
    {
        var keep = new bool[words.Count];
        var particle = new bool[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var kind = kinds[i];
            if ((kind & WordKind.HasLetter) == 0)
                continue;   // a number (1,000, 12.5)
            if ((kind & WordKind.Plain) == 0 && IsArabicFunctionWord(w.Text))
                continue;   // as a plain word; its chunk is kept when another word of it is
            if ((kind & WordKind.Plain) == 0 || (kind & WordKind.NamePart) != 0)
                keep[i] = true;
            else if (w.Chunk != null && w.ChunkStart >= 0 && !IsPlainChunk(w.Chunk))
                keep[i] = true;
            else
                particle[i] = (kind & WordKind.Particle) != 0;
        }
        // The words of one chunk go together (0-Qaddafi, 9/11-Iraq): a raw chunk is emitted with its first word.
        for (int i = 0; i < words.Count;)
        {
            int end = i + 1;
            while (end < words.Count && words[i].ChunkStart >= 0 && words[end].ChunkStart == words[i].ChunkStart)
                end++;
            if (end - i > 1 && keep.AsSpan(i, end - i).Contains(true))
                keep.AsSpan(i, end - i).Fill(true);
            i = end;
        }
        // A run of particles is kept when a name word stands right before or after it.
        for (int i = 0; i < words.Count;)
        {
            if (!particle[i])
            {
                i++;
                continue;
            }
            int end = i;
            while (end < words.Count && particle[end])
                end++;
            bool named = (i > 0 && keep[i - 1]) || (end < words.Count && keep[end]);
            for (int k = i; k < end; k++)
                keep[k] |= named;
            i = end;
        }
        return keep;
    }

    /// <summary>
    /// True for an Arabic-script function word of <c>function-words.txt</c> (<c>في</c>, <c>از</c>, <c>که</c>): like a plain
    /// lower-case Latin word it is no name word, so the name layers do not index it (its position is kept) and a name
    /// query leaves it out (<see cref="NameMatcher"/>; the name phrase's slop spans it).
    /// </summary>
    internal static bool IsArabicFunctionWord(string word)
    {
        if (word.Length == 0 || !NameForms.IsArabic(word))
            return false;
        var shapes = Shapes(word);
        if (shapes.Length == 0)
            return false;
        foreach (var p in shapes)
            if (!p.FunctionWord)
                return false;
        return true;
    }

    /// <summary>
    /// True when a word as written, in its whitespace chunk, is plain running text: lower-case ASCII letters and digits, no
    /// particle, article or name part, in a plain chunk (<see cref="IsPlainChunk"/>: not the kuan of Tung-kuan). The index
    /// holds such a word in the name layers only where it is written otherwise (capitalised).
    /// </summary>
    internal static bool IsPlainRunningWord(string word, string chunk)
    {
        var kind = Classify(word);
        return (kind & WordKind.Plain) != 0 && (kind & (WordKind.Particle | WordKind.NamePart)) == 0 && IsPlainChunk(chunk);
    }

    /// <summary>True when a word is lower-case ASCII letters and digits only.</summary>
    private static bool IsPlainWord(string word)
    {
        foreach (var c in word)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
                return false;
        return true;
    }

    /// <summary>What <see cref="NameWords"/> and <see cref="ProcessWords"/> need to know of a word, from one pass over it and at most one look-up.</summary>
    [Flags]
    private enum WordKind : byte
    {
        None = 0,
        /// <summary>A letter (<see cref="HasLetter"/>).</summary>
        HasLetter = 1,
        /// <summary>Lower-case ASCII letters and digits only (<see cref="IsPlainWord"/>).</summary>
        Plain = 2,
        /// <summary>In <c>name-parts.txt</c>.</summary>
        NamePart = 4,
        /// <summary>A particle (<c>particles.txt</c>, and the Latin articles, ezafe words and compound heads of <c>articles.txt</c>).</summary>
        Particle = 8,
        /// <summary>A generic word, Latin article or ezafe word: <see cref="Split"/> gives it no part or a part of its own kind.</summary>
        Special = 16,
        /// <summary>
        /// A plain word whose one part is the word itself, as <see cref="Split"/> gives it: folding leaves it as it is,
        /// it is not <see cref="Special"/>, and it cannot be a nisba plural (-un, -in, -en, -on), an Allah compound (-lah)
        /// or an abd compound (a compound head first).
        /// </summary>
        Trivial = 32,
    }

    /// <summary>The rule-file words among plain words, with what they are.</summary>
    private static readonly Dictionary<string, WordKind> PlainRuleWords = new(StringComparer.Ordinal);

    private static void AddRuleWords(IEnumerable<string> words, WordKind kind)
    {
        foreach (var w in words)
            PlainRuleWords[w] = (PlainRuleWords.TryGetValue(w, out var k) ? k : WordKind.None) | kind;
    }

    private static WordKind Classify(string word)
    {
        bool plain = word.Length > 0, letter = false;
        foreach (var c in word)
        {
            if (c is >= 'a' and <= 'z')
                letter = true;
            else if (c is not (>= '0' and <= '9'))
            {
                plain = false;
                break;
            }
        }
        if (!plain)
            return HasLetter(word) ? WordKind.HasLetter : WordKind.None;
        var kind = WordKind.Plain | (letter ? WordKind.HasLetter : WordKind.None);
        if (PlainRuleWords.TryGetValue(word, out var rule))
            kind |= rule;
        if ((kind & WordKind.Special) == 0 && NameForms.FoldsPlainAsciiAsItself && !MayBeCompoundOrPlural(word))
            kind |= WordKind.Trivial;
        return kind;
    }

    private static bool MayBeCompoundOrPlural(string word)
    {
        int n = word.Length;
        if (n >= 2 && word[n - 1] == 'n' && word[n - 2] is 'u' or 'i' or 'e' or 'o')
            return true;
        if (n >= 3 && word[n - 3] == 'l' && word[n - 2] == 'a' && word[n - 1] == 'h')
            return true;
        foreach (var head in LatinCompounds)
            if (word.StartsWith(head, StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>The lists of one <see cref="Process"/> call, kept per thread (a call allocates only what it returns and the placed parts of indexed words).</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? current;

        public readonly List<Part> Parts = new();
        public readonly List<Part> Kept = new();
        public readonly List<(int Start, int End, string Text)> Chunks = new();
        public readonly List<int> Stops = new();
        public readonly List<NameToken> Group = new(4);
        private readonly List<Part> placeholders = new();
        private WordKind[] kinds = new WordKind[256];

        /// <summary>An array of at least <paramref name="count"/> word kinds.</summary>
        public WordKind[] Kinds(int count) => kinds.Length >= count ? kinds : kinds = new WordKind[Math.Max(count, kinds.Length * 2)];
        private int usedPlaceholders;
        private bool inUse;

        public static Scratch Get()
        {
            var s = current ??= new Scratch();
            if (s.inUse)
                return new Scratch();   // not re-entered today; a nested call gets lists of its own
            s.inUse = true;
            return s;
        }

        /// <summary>A part standing for a trivial plain word left out: read only, like the cached shapes of words left out.</summary>
        public Part Placeholder(string form)
        {
            Part p;
            if (usedPlaceholders < placeholders.Count)
                p = placeholders[usedPlaceholders];
            else
                placeholders.Add(p = new Part { Start = 0, End = 1, Skip = true });
            usedPlaceholders++;
            p.Form = form;
            return p;
        }

        public void Release()
        {
            // A huge text's lists are not kept alive on the thread.
            if (Parts.Capacity > 1 << 14 || placeholders.Count > 1 << 14 || kinds.Length > 1 << 14)
            {
                if (ReferenceEquals(current, this))
                    current = null;
                inUse = false;
                return;
            }
            Parts.Clear();
            Kept.Clear();
            Chunks.Clear();
            Stops.Clear();
            Group.Clear();
            for (int i = 0; i < usedPlaceholders; i++)
                placeholders[i].Form = "";
            usedPlaceholders = 0;
            inUse = false;
        }
    }

    private static bool HasLetter(string word)
    {
        foreach (var c in word)
            if (char.IsLetter(c))
                return true;
        return false;
    }

    /// <summary>
    /// True when two Latin parts are one word written in hyphenated syllables (<c>Shang-hai</c>, <c>Pei-ching</c>,
    /// <c>Gazi-Ayintap</c>): a hyphen between them inside one chunk, the second not capitalised or both short.
    /// A grave or acute accent or an opening quote standing for ʿayn or hamza (<c>San`a'</c>, <c>Şan‘ā’</c>) splits the
    /// word in the tokenizer as a hyphen does, and joins it the same way.
    /// </summary>
    private static bool Hyphenated(Part prev, Part p)
    {
        if (prev.Arabic || p.Arabic || prev.Chunk == null || prev.ChunkStart < 0)
            return false;
        // An elision mark before the article's l opening the next chunk (Ḥizbu 'llāh, Abu 'l-Fadl) ties it to the
        // word before; a quotation mark before a word ('Tehran ..., 'let them ...) does not.
        if (p.Chunk is { Length: > 2 } c && p.ChunkStart != prev.ChunkStart && p.Start == p.ChunkStart + 1 &&
            WordMarks.IsApostrophe(c[0]) && c[1] == 'l' && (c[2] == 'l' || WordMarks.IsHyphen(c[2])))
            return true;
        if (prev.ChunkStart != p.ChunkStart || p.Start != prev.End + 1)
            return false;
        // Inside one chunk, the sign between the two parts: a hyphen, or an apostrophe-like sign the word tokenizer
        // splits at (a grave or acute accent or an opening quote for ʿayn).
        int at = prev.End - prev.ChunkStart;
        if (at < 0 || at >= prev.Chunk.Length || !(WordMarks.IsHyphen(prev.Chunk[at]) || WordMarks.IsApostrophe(prev.Chunk[at])))
            return false;
        return !p.Capitalized || Math.Max(prev.Form.Length, p.Form.Length) <= JoinShortWord + 1;
    }

    /// <summary>The bounds of a chunk without the sentence punctuation around it (start == end when nothing is left).</summary>
    private static (int Start, int End) TrimSentencePunctuation(string chunk)
    {
        int start = 0, end = chunk.Length;
        while (start < end && IsSentencePunctuation(chunk[start]))
            start++;
        while (end > start && IsSentencePunctuation(chunk[end - 1]))
            end--;
        return (start, end);
    }

    /// <summary>
    /// True when a whitespace chunk is lower-case ASCII letters and digits, with sentence punctuation only around
    /// them and hyphens only between them (<c>privately-held</c>): its raw token would say nothing the exact field's token
    /// does not, and its words are no name words. A lower-case English compound was a name word through its hyphen: it
    /// gave the name and lexicon fields both parts and their join (<c>privatelyheld</c>); on the whole corpus the Latin
    /// joined tokens fell from 682,354 to 550,853 without them (docs/names.md).
    /// </summary>
    internal static bool IsPlainChunk(string chunk)
    {
        var (start, end) = TrimSentencePunctuation(chunk);
        if (start == end)
            return false;
        for (int i = start; i < end; i++)
        {
            // A hyphen only between two plain parts: an English compound in lower case (privately-held), no name.
            if (!IsPlain(chunk[i]) && !(WordMarks.IsHyphen(chunk[i]) && i > start && i + 1 < end && IsPlain(chunk[i - 1]) && IsPlain(chunk[i + 1])))
                return false;
        }
        return true;

        static bool IsPlain(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
    }

    /// <summary>
    /// True when a whitespace chunk is one word of the exact field as it stands, sentence punctuation around it
    /// aside (<c>Tehran,</c> <c>al-Qaeda</c> <c>'Amman</c> <c>تهران</c>): its raw token would only repeat the exact
    /// field's token. A chunk with a sign the exact field splits at (<c>U.S.</c>, <c>9/11</c>) or ends a possessive
    /// with (<c>Iran's</c>) is not.
    /// </summary>
    internal static bool IsOneExactWord(string chunk)
    {
        var (start, end) = TrimSentencePunctuation(chunk);
        if (start == end)
            return false;
        var word = chunk.AsSpan(start, end - start);
        if (word.Length >= 2 && (word[^1] is 's' or 'S') && WordMarks.IsApostrophe(word[^2]))
            return false;
        foreach (var r in word.EnumerateRunes())
            if (!ExactTokenizer.IsWordChar(r.Value))
                return false;
        return true;
    }

    /// <summary>
    /// A sign around a word that spells nothing: sentence punctuation (Latin and Arabic), quotation marks and guillemets,
    /// brackets, and the <c>&gt;</c> and <c>*</c> of quoted and emphasised mail text. Apostrophes are not among them:
    /// one opening a word can be an ʿayn (<c>'Amman</c>).
    /// </summary>
    private static bool IsSentencePunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '"' or '(' or ')' or '[' or ']'
        or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' or '\u2026'
        or '\u060C' or '\u061B' or '\u061F' or '{' or '}' or '<' or '>' or '*';

    /// <summary>At most this many distinct words have their parts cached (the most frequent words come early).</summary>
    internal const int MaxCachedWords = 200_000;

    private static readonly ConcurrentDictionary<string, Part[]> ShapeCache = new(StringComparer.Ordinal);
    private static int cachedWords;

    /// <summary>
    /// The parts of a word, at offsets 0 (the word's start) and 1 (its end), with empty forms left out. They
    /// depend on the word's text alone, and news repeats its words (and names) enormously, so they are
    /// computed once per distinct word (folding, the rule regexes) and cloned for each occurrence.
    /// </summary>
    private static Part[] Shapes(string word)
    {
        if (ShapeCache.TryGetValue(word, out var cached))
            return cached;
        var parts = new List<Part>(2);
        Split(new RawWord(word, 0, 1), parts);
        parts.RemoveAll(p => p.Form.Length == 0);
        var shapes = parts.ToArray();
        foreach (var shape in shapes)
            shape.Skip = true;   // a shape as cached stands for a word left out; a placed copy is not (Process)
        if (Volatile.Read(ref cachedWords) < MaxCachedWords && ShapeCache.TryAdd(word, shapes))
            Interlocked.Increment(ref cachedWords);
        return shapes;
    }

    private static void Split(RawWord w, List<Part> parts)
    {
        if (NameForms.IsArabic(w.Text))
        {
            var normalized = NameForms.NormalizeArabic(w.Text);
            bool first = true;
            var pieces = normalized.Split(NameForms.Zwnj, StringSplitOptions.RemoveEmptyEntries);
            for (int k = 0; k < pieces.Length; k++)
            {
                var piece = pieces[k];
                if (GenericWords.Contains(piece))
                    continue;
                int added = parts.Count;
                AddArabic(piece, w, parts, forceJoin: !first);
                if (ArabicFunctionWords.Contains(piece) || (pieces.Length == 1 && ArabicFunctionWordsAsWritten.Contains(w.Text)))
                    for (int a = added; a < parts.Count; a++)
                        parts[a].FunctionWord = true;
                else if (ArabicJoinWords.Contains(piece))
                    for (int a = added; a < parts.Count; a++)
                        parts[a].JoinWord = true;
                first = false;
                // A heh before ZWNJ writes the vowel e (Persian خامنه‌ای Khamene-i, Kurdish كه‌ركووك Kerkuk): in the
                // joined word it is that vowel, not a consonant.
                if (k + 1 < pieces.Length && piece[^1] == '\u0647' && parts.Count > 0 && parts[^1].Arabic && parts[^1].Form.EndsWith('h'))
                    parts[^1].JoinStem = parts[^1].Form[..^1] + "ė";
            }
            return;
        }
        var folded = NameForms.FoldLatin(WithoutPossessive(w.Text));
        if (folded.Length == 0 || GenericWords.Contains(folded))
            return;
        bool capitalized = char.IsUpper(w.Text[0]);
        if (LatinArticles.Contains(folded))
        {
            parts.Add(new Part { Form = folded, Capitalized = capitalized, Start = w.Start, End = w.End, IsArticleWord = true, ArticleSound = folded.EndsWith('l') || RomanceArticles.Contains(folded) ? "" : folded[1..] });
            return;
        }
        if (Ezafe.Contains(folded))
        {
            parts.Add(new Part { Form = folded, Capitalized = capitalized, Start = w.Start, End = w.End, IsEzafe = true });
            return;
        }
        // The nisba plural -iyyun/-iyin (al-Huthiyyun) is matched as its singular -i; a name that only ends like
        // one (Hüseyin) is not.
        var plural = NisbaPlural.Match(folded);
        if (plural.Success && plural.Groups[1].Length >= 3)
            folded = plural.Groups[1].Value + "i";
        if (folded == "allah")
        {
            // "Allah" written apart (Hizb Allah, Abd Allah): the article and "lah", as in Arabic script.
            parts.Add(new Part { Form = "al", Capitalized = capitalized, Start = w.Start, End = w.Start, IsArticleWord = true });
            parts.Add(new Part { Form = "lah", Capitalized = capitalized, Start = w.Start, End = w.End });
            return;
        }
        var m = LatinCompound.Match(folded);
        if (m.Success && (m.Groups[3].Length >= 3 || m.Groups[3].Length == 0))
        {
            var head = m.Groups[1].Value;
            var rest = m.Groups[3].Value;
            if (rest.Length == 0)
            {
                // "Abdul", "Abdel" written apart: the head, and an article for the next word.
                parts.Add(new Part { Form = head, Capitalized = capitalized, Start = w.Start, End = w.End });
                parts.Add(new Part { Form = m.Groups[2].Value, Capitalized = capitalized, Start = w.End, End = w.End, IsArticleWord = true });
                return;
            }
            // Sun-letter assimilation doubles the next consonant (Abdurrahman): the stem starts with one.
            if (rest.Length > 1 && rest[0] == rest[1])
                rest = rest[1..];
            parts.Add(new Part { Form = head, Capitalized = capitalized, Start = w.Start, End = w.End });
            parts.Add(new Part { Form = rest, Capitalized = capitalized, Start = w.Start, End = w.End, HasArticle = true, ForceJoin = true, ArticleText = m.Groups[2].Value, JoinedForm = folded });
            return;
        }
        var tail = AllahTail.Match(folded);
        if (tail.Success)
        {
            // X-ullah written as one word (Hezbollah, Nasrallah, Waliullah): X, and the article + "lah". The double l
            // is required: Jamilah and Silsilah are not compounds.
            parts.Add(new Part { Form = tail.Groups[1].Value, Capitalized = capitalized, Start = w.Start, End = w.End });
            parts.Add(new Part { Form = "lah", Capitalized = capitalized, Start = w.Start, End = w.End, HasArticle = true, ForceJoin = true, ArticleText = tail.Groups[2].Value, JoinedForm = folded });
            return;
        }
        parts.Add(new Part { Form = folded, Capitalized = capitalized, Start = w.Start, End = w.End });
    }

    /// <summary>
    /// A Latin word without the English possessive <c>'s</c> (<c>Obama's</c> → <c>Obama</c>, <c>IRAN’S</c> → <c>IRAN</c>), as the
    /// english and exact fields take it off: it is grammar, not spelling, and left on it made the name form <c>obamas</c>, which
    /// the name phrase of <c>"President Obama"</c> did not take. Only after three letters or more, so <c>Ra's</c> (رأس, a cape,
    /// <c>Ra's al-Khaimah</c>) keeps its s; the raw chunk (<c>=Obama's</c>) still holds the word as written.
    /// </summary>
    internal static string WithoutPossessive(string word)
    {
        int n = word.Length;
        if (n < 5 || word[n - 1] is not ('s' or 'S') || word[n - 2] is not ('\'' or '\u2019'))
            return word;
        int letters = 0;
        for (int i = 0; i < n - 2 && letters < 3; i++)
            if (char.IsLetter(word[i]))
                letters++;
        return letters >= 3 ? word[..^2] : word;
    }

    private static readonly Regex AllahTail = new("^([a-z]{3,}?)([aeiou]l)lah$", RegexOptions.CultureInvariant);
    private static readonly Regex NisbaPlural = new("^([a-z]+?)(?:iy{1,2}|yy)(?:un|oun|in|een|oon)$", RegexOptions.CultureInvariant);

    private static void AddArabic(string piece, RawWord w, List<Part> parts, bool forceJoin)
    {
        // The article written apart (جمات ال احرار) attaches to the next word.
        if (ArabicArticles.Contains(piece))
        {
            parts.Add(new Part { Form = "āl", Arabic = true, Capitalized = true, Start = w.Start, End = w.End, IsArticleWord = true });
            return;
        }
        // The nisba plural -iyyun/-iyin (الحوثيون) is matched as its singular -i.
        if (piece.Length >= 5 && (piece.EndsWith("\u064A\u0648\u0646", StringComparison.Ordinal) || piece.EndsWith("\u064A\u064A\u0646", StringComparison.Ordinal)))
            piece = piece[..^2];
        foreach (var head in ArabicCompounds)
        {
            foreach (var article in ArabicArticles)
            {
                if (piece.Length >= head.Length + article.Length + 2 && piece.StartsWith(head + article, StringComparison.Ordinal))
                {
                    parts.Add(ArabicPart(head, w, forceJoin, false));
                    parts.Add(ArabicPart(piece[(head.Length + article.Length)..], w, true, true));
                    return;
                }
            }
        }
        foreach (var article in ArabicArticles)
        {
            // The article, also after the conjunction wa- (والجهاد): kept when the rest is two letters or more.
            if (piece.Length >= article.Length + 2 && piece.StartsWith(article, StringComparison.Ordinal))
            {
                parts.Add(ArabicPart(piece[article.Length..], w, forceJoin, true));
                return;
            }
            if (piece.Length >= article.Length + 4 && piece[0] == '\u0648' && piece.AsSpan(1).StartsWith(article, StringComparison.Ordinal))
            {
                parts.Add(ArabicPart(piece[(article.Length + 1)..], w, forceJoin, true));
                return;
            }
            // li- + the article contracts to لل (للدعوة).
            if (piece.Length >= 5 && piece[0] == '\u0644' && piece[1] == '\u0644')
            {
                parts.Add(ArabicPart(piece[2..], w, forceJoin, true));
                return;
            }
        }
        parts.Add(ArabicPart(piece, w, forceJoin, false));
    }

    private static Part ArabicPart(string normalized, RawWord w, bool forceJoin, bool article) => new()
    {
        Form = NameForms.RomanizeArabic(normalized),
        Arabic = true,
        Capitalized = true,
        Start = w.Start,
        End = w.End,
        ForceJoin = forceJoin,
        HasArticle = article,
    };
}
