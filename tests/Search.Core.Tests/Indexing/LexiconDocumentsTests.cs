using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Core.Tests.Indexing;

/// <summary>
/// The lexicon terms live in lexicon documents, each term written once per writer: what the name queries read of them
/// (the terms) is the same as when every content document held its own, and no content document holds any.
/// </summary>
public sealed class LexiconDocumentsTests : IDisposable
{
    private static readonly SearchIndexOptions NoTimer = new() { RefreshInterval = TimeSpan.Zero };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "search-lexicon-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
            System.IO.Directory.Delete(folder, recursive: true);
    }

    private static NewsDocument Doc(string id, string text) => new(id, text, text + " The talks went on.", new DateTime(2025, 3, 1), "AP");

    /// <summary>Every document of the index's lexicon field, with the number of lexicon terms each holds.</summary>
    private Dictionary<int, int> LexiconHolders(out DirectoryReader reader, out Lucene.Net.Store.Directory dir)
    {
        dir = new NIOFSDirectory(folder);
        reader = DirectoryReader.Open(dir);
        var holders = new Dictionary<int, int>();
        var terms = MultiFields.GetTerms(reader, Schema.Lexicon);
        var te = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (te.MoveNext())
        {
            docs = te.Docs(null, docs, DocsFlags.NONE);
            for (int d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc())
                holders[d] = holders.GetValueOrDefault(d) + 1;
        }
        return holders;
    }

    [Fact]
    public async Task Each_lexicon_term_is_written_once_and_only_lexicon_documents_hold_terms()
    {
        using (var index = SearchIndex.Open(folder, NoTimer))
        {
            for (int i = 0; i < 20; i++)
                index.AddOrUpdate(Doc($"d{i}", $"Khamenei met Gaddafi in Teheran, report {i}"));
            await index.CommitAsync();
        }
        var holders = LexiconHolders(out var reader, out var dir);
        using (dir)
        using (reader)
        {
            // One lexicon document, marked as one, holding every term; the twenty articles hold none.
            var holder = Assert.Single(holders);
            Assert.Equal(1, reader.DocFreq(LexiconDocuments.KindTerm));
            var kinds = MultiFields.GetTermDocsEnum(reader, MultiFields.GetLiveDocs(reader), LexiconDocuments.KindField, new BytesRef(LexiconDocuments.LexiconKind));
            Assert.Equal(holder.Key, kinds.NextDoc());
            Assert.Null(reader.Document(holder.Key).Get(Schema.Id));
            foreach (var form in new[] { "khamenei", "gaddafi", "teheran" })
                Assert.Equal(1, reader.DocFreq(new Term(Schema.Lexicon, global::Search.Analysis.Names.NameKeys.LexiconTerm(form, arabic: false))));
            Assert.Equal(21, reader.NumDocs);
        }
    }

    [Fact]
    public async Task A_spelling_stays_findable_after_the_document_that_brought_it_is_deleted_and_merged_away()
    {
        using (var index = SearchIndex.Open(folder, NoTimer))
        {
            index.AddOrUpdate(Doc("first", "Talks in Teheran"));
            await index.CommitAsync();
            // The second document's spelling was written with the first: it brings no lexicon term of its own.
            index.AddOrUpdate(Doc("second", "Teheran answers"));
            index.Delete("first");
            index.AddOrUpdate(Doc("second", "Teheran answers again"));
            await index.CommitAsync();
            index.ForceMerge(1);
            await index.CommitAsync();
        }
        using var reopened = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        var result = reopened.Search(new SearchRequest { Query = "Tehran" });
        Assert.Equal(["second"], result.Hits.Select(h => h.Id));
        Assert.Contains(result.Expanded, e => e.Form == "teheran");
    }

    [Fact]
    public async Task Every_committed_articles_lexicon_terms_are_committed_while_threads_add_refresh_and_commit()
    {
        var names = new[] { "Khamenei", "Khamene'i", "Gaddafi", "Qadhafi", "Teheran", "Houthis", "al-Quds", "Kadhafi", "Tabriz", "Mashhad" };
        var texts = Enumerable.Range(0, 400)
            .Select(i => $"{names[i % names.Length]} met {names[(i * 7 + 3) % names.Length]} in Zorvan{i} and Ostrava{i % 37}")
            .ToArray();
        var termsOf = texts.Select(text =>
        {
            var terms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in new[] { text, text + " The talks went on." })
                global::Search.Analysis.Names.NameIndexing.AddLexiconTerms(global::Search.Analysis.Names.NameIndexing.Analyze(value), terms, Schema.MaxTokensPerField);
            return terms;
        }).ToArray();
        Assert.True(termsOf.Select(t => t.Count).Min() >= 2, "each text should give lexicon terms");

        // Each commit, read as it is on disk while the adds go on: every article in it has every lexicon term of its own.
        var failures = new List<string>();
        int commitsChecked = 0;
        void CheckLastCommit()
        {
            using var dir = new NIOFSDirectory(folder);
            using var reader = DirectoryReader.Open(dir);
            var actual = new HashSet<string>(StringComparer.Ordinal);
            var te = MultiFields.GetTerms(reader, Schema.Lexicon)?.GetEnumerator();
            while (te?.MoveNext() == true)
                actual.Add(te.Term.Utf8ToString());
            var live = MultiFields.GetLiveDocs(reader);
            for (int d = 0; d < reader.MaxDoc; d++)
            {
                if (live != null && !live.Get(d) || reader.Document(d).Get(Schema.Id) is not { } id)
                    continue;
                var missing = termsOf[int.Parse(id[1..])].Except(actual).ToList();
                if (missing.Count > 0)
                    failures.Add($"{id} is committed without {string.Join(", ", missing)}");
            }
            commitsChecked++;
        }

        using (var index = SearchIndex.Open(folder, new SearchIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(5) }))
        {
            using var stop = new CancellationTokenSource();
            var committer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await index.CommitAsync();
                    CheckLastCommit();
                }
            });
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (int i = t; i < texts.Length; i += 4)
                    index.AddOrUpdate(Doc($"d{i}", texts[i]));
            })));
            stop.Cancel();
            await committer;
            await index.CommitAsync();
        }
        CheckLastCommit();
        Assert.Empty(failures);
        Assert.True(commitsChecked >= 2);
        using var check = SearchIndex.Open(folder, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(400, check.GetStats().Documents);
    }

    [Fact]
    public async Task Counts_and_queries_without_a_positive_clause_leave_lexicon_documents_out()
    {
        using var index = SearchIndex.Open(folder, NoTimer);
        index.AddOrUpdate(Doc("a", "Houthi rebels in Sanaa"));
        index.AddOrUpdate(Doc("b", "Qaddafi in Tripoli"));
        await index.CommitAsync();
        index.AddOrUpdate(Doc("c", "Kadhafi and the Huthis"));
        index.Refresh();
        Assert.Equal(3, index.GetStats().Documents);
        Assert.Equal(3, index.Search(new SearchRequest { Query = "" }).Total);
        Assert.Equal(3, index.Search(new SearchRequest { Query = "", Syntax = QuerySyntax.Lucene }).Total);
        Assert.Equal(2, index.Search(new SearchRequest { Query = "-Tripoli" }).Total);
        var ids = index.Search(new SearchRequest { Query = "", Size = 10 }).Hits.Select(h => h.Id).Order();
        Assert.Equal(["a", "b", "c"], ids);
        // The spellings came in two lexicon documents (the commit's and the refresh's): a name query reads both.
        Assert.Equal(2, index.Search(new SearchRequest { Query = "Gaddafi" }).Total);
    }
}
