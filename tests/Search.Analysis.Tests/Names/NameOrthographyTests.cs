using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>
/// Other languages' orthographies of a Latin name word (<c>Rules/names/orthographies.txt</c>): the rewrites they give, and
/// what a word written in one finds in a small index of name forms built as documents are (the name and lexicon fields
/// of <see cref="NameIndexing"/>), both ways; look-alikes stay apart.
/// </summary>
public class NameOrthographyTests
{
    private static readonly NameFields Fields = new("exact", "name", "lex");

    // One document per name form, as a news text would hold it.
    private static readonly string[] Names =
    [
        "Damascus", "Damaszkusz", "Hangzhou", "Hanczou", "Tehran", "Tirana", "Iran", "Iraq", "Beijing", "Mashhad",
        "Teerã", "Kuang-chou", "Meşhed",
        "Bangkok", "بانك", "Warsaw", "Shanghai", "Erdogan", "اردن", "Amman", "Oman", "Sudan",
    ];

    private static readonly Lazy<DirectoryReader> Reader = new(() =>
    {
        var dir = new RAMDirectory();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            foreach (var text in Names)
            {
                var tokens = NameIndexing.Analyze(text);
                var lexicon = new HashSet<string>(StringComparer.Ordinal);
                NameIndexing.AddLexiconTerms(tokens, lexicon, int.MaxValue);
                writer.AddDocument(new Document
                {
                    new Field("name", NameIndexing.NameStream(tokens, text.Length, int.MaxValue), TextField.TYPE_NOT_STORED),
                    new Field("lex", NameIndexing.LexiconStream(lexicon), TextField.TYPE_NOT_STORED),
                });
            }
        }
        return DirectoryReader.Open(dir);
    });

    /// <summary>The spellings a query word is matched through (its own form first), as the search box gets them.</summary>
    private static string[] Spellings(string query)
    {
        // A word in hyphenated syllables is matched as its joined token (Pei-ching as peiching).
        var tokens = NameSequence.Process(NameMatcher.Tokenize(query)).ToList();
        var token = tokens.Any(t => t.Hyphenated) ? tokens.First(t => t.Hyphenated) : tokens.Last(t => t.Kind == NameTokenKind.Main);
        return new NameMatcher(Fields).Variants(token, Reader.Value, query, null).Select(v => v.Form).ToArray();
    }

    [Theory]
    [InlineData("damaszkusz", "damaskus")]   // Hungarian sz is s
    [InlineData("hangcsou", "hangchou")]     // Hungarian cs is ch
    [InlineData("guanczou", "guanchou")]     // Polish cz is ch
    [InlineData("peszawar", "peshavar")]     // Polish sz is sh, w is v
    [InlineData("hanchzhou", "hanzhou")]     // Russian-mediated Chinese: chzh (чж) is zh
    [InlineData("hangzhou", "hanzhou")]      // ... and a final ng may be written n
    [InlineData("moembaai", "mumbaai")]      // Dutch oe is u
    [InlineData("schanghai", "shanghai")]    // German sch is sh
    [InlineData("njala", "nyala")]           // Serbo-Croatian nj is ny
    public void A_folded_form_is_rewritten_by_the_orthography_its_letters_show(string form, string rewritten) =>
        Assert.Contains(rewritten, NameOrthographies.Default.Alternatives(form.AsSpan()));

    [Theory]
    [InlineData("Teerã", "teeran")]          // Portuguese ã is a nasal vowel: the fold drops the tilde, the typed word keeps it
    [InlineData("Irã", "iran")]
    [InlineData("Meşhed", "meshhed")]        // Turkish ş is sh (folded to s, as for the emphatic ṣ of romanised Arabic)
    [InlineData("Pei-ching", "beijing")]     // Wade-Giles, in hyphenated lower-case syllables
    [InlineData("Kuang-chou", "guangzhou")]
    [InlineData("Pei-p'ing", "beiping")]     // an aspirated p' is pinyin p
    [InlineData("Kouang-chou", "gouangzhou")] // the French ou for u
    [InlineData("Hang-chiu-chhi", "hangjiuzhhi")] // an older aspirate chh
    public void A_word_as_typed_is_rewritten_by_the_orthography_only_it_shows(string written, string rewritten) =>
        Assert.Contains(rewritten, NameOrthographies.Default.Alternatives(written, NameForms.FoldLatin(written)));

    [Theory]
    [InlineData("washington")]   // ng before t is English
    [InlineData("kingston")]
    [InlineData("england")]
    [InlineData("joe")]          // oe at the end of a word is English
    [InlineData("shoes")]
    [InlineData("china")]        // ch opening a word is not read as kh
    [InlineData("cheney")]
    [InlineData("jordan")]
    public void English_words_are_not_rewritten(string form) =>
        Assert.Empty(NameOrthographies.Default.Alternatives(form.AsSpan()));

    [Theory]
    [InlineData("Tel-Aviv")]     // a capital after the hyphen: not Wade-Giles
    [InlineData("Erdoğan")]      // the soft ğ stays the g the name field folds it to
    [InlineData("Britain-based")] // English compounds: a part that is no Chinese syllable is not Wade-Giles
    [InlineData("long-term")]
    [InlineData("right-wing")]
    [InlineData("one-time")]     // nor a part of two syllables
    [InlineData("anti-government")]
    [InlineData("yearÃ")]        // a capital after a lower-case letter: UTF-8 read as Latin-1, not Portuguese
    [InlineData("ObamaÃ")]
    public void Words_typed_outside_an_orthography_are_not_rewritten(string written) =>
        Assert.Empty(NameOrthographies.Default.Alternatives(written, NameForms.FoldLatin(written)));

    [Theory]
    [InlineData("Damaszkusz", "damascus")]   // the query word rewritten
    [InlineData("Damascus", "damaszkusz")]   // the candidate spelling rewritten
    [InlineData("Hanczou", "hangzhou")]      // both: hanchou ~ hanzhou
    [InlineData("Hangzhou", "hanczou")]
    [InlineData("Teerã", "tehran")]          // the word as typed
    [InlineData("Irã", "iran")]
    [InlineData("Pei-ching", "beijing")]
    [InlineData("Meşhed", "mashhad")]
    [InlineData("Tehran", "teera")]          // the word as typed, read at indexing: the lexicon holds teeran for Teerã
    [InlineData("Guangzhou", "kuangchou")]   // ... guangzhou for Kuang-chou
    [InlineData("Mashhad", "meshed")]        // ... meshhed for Meşhed
    public void A_spelling_in_another_orthography_finds_the_name(string query, string spelling) =>
        Assert.Contains(spelling, Spellings(query));

    [Theory]
    [InlineData("Irã", "iraq")]              // Portuguese Iran is not Iraq
    [InlineData("Teerã", "tirana")]          // nor Tehran Tirana
    [InlineData("Bangkok", "بانك")]          // bankok is a guess: across scripts it must come near (bank)
    [InlineData("Erdoğan", "اردن")]          // nor a Turkish ğ as silent
    [InlineData("Amã", "oman")]              // Portuguese Amman is not Oman
    [InlineData("Damaszkusz", "sudan")]
    public void A_rewritten_spelling_keeps_look_alikes_apart(string query, string other)
    {
        var otherForm = NameSequence.Process(NameMatcher.Tokenize(other)).First(t => t.Kind == NameTokenKind.Main).Form;
        Assert.DoesNotContain(otherForm, Spellings(query));
    }

    [Fact]
    public void The_lexicon_holds_the_rewritten_form_of_a_word_as_typed_and_the_word()
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        NameIndexing.AddLexiconTerms(NameIndexing.Analyze("Teerã"), terms, int.MaxValue);
        Assert.Contains(NameKeys.LexiconTerm("teera", false), terms);
        Assert.Contains(NameKeys.LexiconTerm("teeran", false) + NameKeys.RewriteMark + "teera", terms);
        terms.Clear();
        NameIndexing.AddLexiconTerms(NameIndexing.Analyze("Tehran Washington Damaszkusz"), terms, int.MaxValue);
        Assert.DoesNotContain(terms, t => t.Contains(NameKeys.RewriteMark));   // plain letters, or folded ones the matcher reads itself
    }

    [Fact]
    public void Every_orthography_has_a_trigger_and_rules_parse()
    {
        var parsed = NameOrthographies.Parse("test", ["xx trigger \"ab\" \"^c\" \"d$\"", "xx \"ab\" => \"b\"", "xx \"^c\" => \"k\"", "xx \"d$\" => \"t\""]);
        Assert.Equal(["bkt"], parsed.Alternatives("abkd".AsSpan()));
        Assert.Equal(["kbt"], parsed.Alternatives("cabd".AsSpan()));   // each anchored rule only at its end of the word
        Assert.Empty(parsed.Alternatives("xcdx".AsSpan()));             // no trigger: ^c not at the start, d$ not at the end
        Assert.Throws<FormatException>(() => NameOrthographies.Parse("test", ["yy \"a\" => \"b\""]));
    }
}
