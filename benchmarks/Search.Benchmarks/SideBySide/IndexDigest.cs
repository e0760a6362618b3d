using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Benchmarks.Data;
using Search.Indexing;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// <c>index-digest</c>: builds Search's index of the documents (every field, through the writer as
/// <c>indexing-profile</c> does) and prints one digest per field of everything indexed in it: every term, and for each
/// term every document (by id, so segment sizes and merges do not matter) with its frequency, positions and offsets,
/// and every document's norm (a lexicon document, which has no id, counts with an empty one). Two builds of the code with equal digests index the same thing; a change meant to
/// make indexing cheaper without changing the index is checked by comparing them.
/// <c>--corpus PATH</c> (repeatable), <c>--mix N</c>.
/// </summary>
internal static class IndexDigest
{
    public static int Run(IReadOnlyList<string> args)
    {
        var corpusPaths = new List<string>();
        int? maxDocs = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--corpus" && i + 1 < args.Count) corpusPaths.Add(args[++i]);
            else if (args[i] == "--mix" && i + 1 < args.Count) maxDocs = int.Parse(args[++i]);
            else { Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: index-digest [--corpus PATH]... [--mix N]"); return 2; }
        }
        if (corpusPaths.Count == 0)
            corpusPaths.Add(BenchData.SharedCorpus ?? BenchData.SampleCorpus);
        var all = BenchData.LoadCorpus(corpusPaths).Documents;
        var docs = BenchData.EvenMix(all, maxDocs);
        var folder = BenchData.TempFolder("digest");
        try
        {
            using (var dir = new NIOFSDirectory(folder))
            using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, Schema.IndexAnalyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = new BM25Similarity(),
            }))
            {
                var lexicon = new LexiconDocuments();
                foreach (var d in docs)
                {
                    writer.UpdateDocument(new Term(Schema.Id, d.Id), DocumentMapper.ToLucene(d, lexicon));
                    if (lexicon.TakeIfFull() is { } terms)
                        writer.AddDocument(terms);
                }
                if (lexicon.Take() is { } rest)
                    writer.AddDocument(rest);
                writer.Commit();
            }
            using var dir2 = new NIOFSDirectory(folder);
            using var reader = DirectoryReader.Open(dir2);
            var ids = new string[reader.MaxDoc];
            var live = MultiFields.GetLiveDocs(reader);
            for (int doc = 0; doc < reader.MaxDoc; doc++)
                if (live == null || live.Get(doc))
                    ids[doc] = reader.Document(doc).Get(Schema.Id);
            Console.WriteLine($"{docs.Count:N0} documents, {reader.NumDocs:N0} in the index, {reader.Leaves.Count} segments");
            var fields = MultiFields.GetFields(reader);
            foreach (var field in fields.OrderBy(f => f, StringComparer.Ordinal))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long terms = 0, postings = 0;
                var te = fields.GetTerms(field).GetEnumerator();
                var rows = new List<string>();
                var sb = new StringBuilder();
                DocsAndPositionsEnum? pe = null;
                DocsEnum? de = null;
                while (te.MoveNext())
                {
                    terms++;
                    sha.AppendData(Encoding.UTF8.GetBytes(te.Term.Utf8ToString() + "\u0001"));
                    rows.Clear();
                    pe = te.DocsAndPositions(live, pe, DocsAndPositionsFlags.OFFSETS);
                    if (pe != null)
                    {
                        while (pe.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                        {
                            sb.Clear().Append(ids[pe.DocID]).Append(':').Append(pe.Freq);
                            for (int k = 0; k < pe.Freq; k++)
                                sb.Append(' ').Append(pe.NextPosition()).Append('/').Append(pe.StartOffset).Append('-').Append(pe.EndOffset);
                            rows.Add(sb.ToString());
                        }
                    }
                    else
                    {
                        de = te.Docs(live, de, DocsFlags.FREQS);
                        while (de.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                            rows.Add(ids[de.DocID] + ":" + de.Freq);
                    }
                    postings += rows.Count;
                    rows.Sort(StringComparer.Ordinal);
                    foreach (var r in rows)
                        sha.AppendData(Encoding.UTF8.GetBytes(r + "\n"));
                }
                var norms = new List<string>();
                foreach (var leaf in reader.Leaves)
                {
                    var n = leaf.AtomicReader.GetNormValues(field);
                    if (n == null)
                        continue;
                    var leafLive = leaf.AtomicReader.LiveDocs;
                    for (int doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                        if (leafLive == null || leafLive.Get(doc))
                            norms.Add(ids[leaf.DocBase + doc] + "=" + n.Get(doc));
                }
                norms.Sort(StringComparer.Ordinal);
                foreach (var r in norms)
                    sha.AppendData(Encoding.UTF8.GetBytes(r + "\n"));
                Console.WriteLine($"{field,-10} terms {terms,10:N0} postings {postings,12:N0} norms {norms.Count,8:N0} {Convert.ToHexStringLower(sha.GetHashAndReset())[..16]}");
            }
            return 0;
        }
        finally
        {
            BenchData.TryDelete(folder);
        }
    }
}
