using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Analysis;
using Search.Benchmarks.Data;
using Search.Benchmarks.Engines;
using Search.Indexing;

namespace Search.Benchmarks.SideBySide;

/// <summary>
/// <c>indexing-profile</c>: where Search's indexing time goes, by building the same documents several ways and
/// timing each (CPU and wall): analysis alone per pipeline (and the name and lexicon fields' shared analysis), then an
/// index with only the English title/body fields, adding the exact layer, then the name and lexicon layers, then through <see cref="SearchIndex.AddOrUpdate"/>, against
/// plain StandardAnalyzer. <c>--corpus PATH</c> (repeatable), <c>--mix N</c> (N documents spread evenly over the corpus),
/// <c>--repeat K</c> (each step K times, the least CPU shown, with every round's CPU seconds in brackets). Every step first
/// runs once untimed, so the runtime's warm-up is not in its figure; that run's CPU seconds are printed as <c>first</c>.
/// </summary>
internal static class IndexingProfile
{
    public static int Run(IReadOnlyList<string> args)
    {
        var corpusPaths = new List<string>();
        int? maxDocs = null;
        var only = new List<string>();
        string? infoStream = null;
        int repeat = 1;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--corpus" && i + 1 < args.Count) corpusPaths.Add(args[++i]);
            else if (args[i] is "--max-docs" or "--mix" && i + 1 < args.Count) maxDocs = int.Parse(args[++i]);
            else if (args[i] == "--only" && i + 1 < args.Count) only.Add(args[++i]);
            else if (args[i] == "--infostream" && i + 1 < args.Count) infoStream = args[++i];
            else if (args[i] == "--repeat" && i + 1 < args.Count) repeat = int.Parse(args[++i]);
            else { Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: indexing-profile [--corpus PATH]... [--mix N] [--only STEP-TEXT]... [--infostream FILE] [--repeat K]"); return 2; }
        }
        if (corpusPaths.Count == 0)
            corpusPaths.Add(BenchData.SharedCorpus ?? BenchData.SampleCorpus);
        var all = BenchData.LoadCorpus(corpusPaths).Documents;
        var docs = BenchData.EvenMix(all, maxDocs);
        long bytes = docs.Sum(BenchData.TextBytes);
        Console.WriteLine($"{docs.Count:N0} documents, {bytes / 1e6:F1} MB of text; CPU seconds (wall seconds), docs per CPU second, ratio to StandardAnalyzer's docs per CPU second, allocated KB per document; each step after an untimed first run (its CPU seconds: first)");

        // Warm up every path on a slice, so JIT and ICU's data loading are not in the figures.
        var warm = docs.Take(Math.Min(500, docs.Count)).ToList();
        var standard = new StandardAnalyzer(LuceneVersion.LUCENE_48);
        foreach (var a in new[] { standard }.Concat(AnalyzerRegistry.Default.Chains.Select(c => c.Analyzer)))
            Tokens(a, warm);
        Index(warm, _ => null, standard);

        var rows = new List<(string Name, double Cpu, double Wall)>();
        void Measure(string name, Action action)
        {
            // The StandardAnalyzer build is always measured: it is the baseline of the ratios.
            if (rows.Count > 0 && only.Count > 0 && !only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase)))
                return;
            // Every step first runs once untimed: the 500-document warm-up above does not bring the code a step runs to the
            // runtime's optimised tier. The baseline's first full build took twice the CPU of its second (3.66 against 1.79 s
            // for 10,000 documents, `--repeat 2`), which made every ratio below look twice as good; the first Search step of
            // a process (any step alone with --only) took about 2 CPU s more than its later runs (8.6-8.9 against 6.1-6.6 s
            // for AddOrUpdate on 10,000 documents), a cost that does not grow with the documents (22.6 against 20.1-21.7 s
            // for 30,000) and that clearing Search's per-word caches between runs does not bring back: the runtime's warm-up.
            // That first run's CPU is printed as "first", what a one-off build in a new process pays.
            // With --repeat K the step then runs K times and the least CPU counts (the run least disturbed by other load).
            double first = 0, bestCpu = double.MaxValue, bestWall = 0;
            long allocated = 0;
            var all = new List<double>();
            for (int k = 0; k <= repeat; k++)
            {
                GC.Collect();
                var p = Process.GetCurrentProcess();
                var cpu0 = p.TotalProcessorTime;
                long alloc0 = GC.GetTotalAllocatedBytes(precise: false);
                var sw = Stopwatch.StartNew();
                action();
                sw.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: false) - alloc0;
                p.Refresh();
                double cpu = (p.TotalProcessorTime - cpu0).TotalSeconds;
                if (k == 0)
                {
                    first = cpu;
                    continue;
                }
                all.Add(cpu);
                if (cpu < bestCpu)
                    (bestCpu, bestWall) = (cpu, sw.Elapsed.TotalSeconds);
            }
            rows.Add((name, bestCpu, bestWall));
            var r = rows[^1];
            Console.WriteLine($"{name,-44} {r.Cpu,7:F2} ({r.Wall,6:F1}) {docs.Count / r.Cpu,8:N0} {rows[0].Cpu / r.Cpu,6:F2}x {allocated / 1024.0 / docs.Count,8:F1} KB/doc" +
                (repeat > 1 ? "  [" + string.Join(" ", all.Select(c => c.ToString("F2"))) + "]" : "") + $"  first {first:F2}");
        }

        Measure("index: StandardAnalyzer (title, body)", () => Index(docs, _ => null, standard));
        // The baseline on Search's directory: what the positional reads are worth to any index, not to Search's analysis.
        Measure("index: StandardAnalyzer, Search's directory", () => Index(docs, standard, false, false, standard: true, positionalReads: true));
        Measure("analysis only: StandardAnalyzer", () => Tokens(standard, docs));
        foreach (var chain in AnalyzerRegistry.Default.Chains)
            Measure($"analysis only: {chain.Name}", () => Tokens(chain.Analyzer, docs));
        (long Name, long Raw, long Lexicon) counts = default;
        Measure("analysis only: name + lexicon, once (as indexed)", () => counts = NameTokens(docs));
        if (counts.Name > 0)
            Console.WriteLine($"  tokens as indexed: name {counts.Name:N0} ({counts.Raw:N0} of them raw chunks), lexicon terms {counts.Lexicon:N0} (distinct per document); " +
                $"per document {counts.Name / (double)docs.Count:F1} and {counts.Lexicon / (double)docs.Count:F1}");
        if (counts.Name > 0)
        {
            // Untimed: the joined tokens by script (each a spelling the name and lexicon fields hold), and how many distinct;
            // the Latin main tokens.
            var (latin, latinForms, arabic, arabicForms, latinMain, lowerCased) = UntimedTokenCounts(docs);
            Console.WriteLine($"  joined tokens: Latin {latin:N0} ({latinForms:N0} distinct), Arabic script {arabic:N0} ({arabicForms:N0} distinct)");
            // What a lower-cased exact field would already hold at the same position: a name layer without these tokens is one design to weigh.
            Console.WriteLine($"  Latin main tokens: {latinMain:N0}, of them {lowerCased:N0} the word as written, lower-cased");
        }
        (bool Exact, bool Names, bool Lexicon, string Name)[] layers =
        [
            (false, false, false, "index: Search english fields only"),
            (true, false, false, "index: + exact"),
            (true, true, false, "index: + name (no lexicon)"),
            (true, false, true, "index: + lexicon (no name)"),
            (true, true, true, "index: + name and lexicon (raw IndexWriter)"),
        ];
        foreach (var (exact, names, lexicon, name) in layers)
            Measure(name, () => Index(docs, Schema.Analyzer, exact, names, lexicon: lexicon, infoStream: names && lexicon ? infoStream : null));
        // Two designs with one indexed layer fewer, to weigh them: no exact field; title and body stored only (no english fields).
        Measure("index: all but the exact field", () => Index(docs, Schema.Analyzer, false, true, lexicon: true));
        Measure("index: all but the english fields (stored only)", () => Index(docs, Schema.Analyzer, true, true, lexicon: true, english: false));
        Measure("index: all fields, lexicon in every document", () => Index(docs, Schema.Analyzer, true, true, lexiconPerDocument: true));
        Measure("index: all fields, AddDocument (no id lookup)", () => Index(docs, Schema.Analyzer, true, true, update: false));
        Measure("index: all fields, no compound files", () => Index(docs, Schema.Analyzer, true, true, compound: false));
        Measure("index: all fields, 256 MB buffer", () => Index(docs, Schema.Analyzer, true, true, ramMB: 256));
        foreach (int threads in new[] { 1, 2 })
            Measure($"index: SearchIndex.AddOrUpdate ({threads} thread{(threads == 1 ? "" : "s")})", () =>
            {
                var dir = BenchData.TempFolder("profile");
                try
                {
                    using var e = new SearchEngine(dir);
                    e.Build(docs, threads);
                }
                finally
                {
                    BenchData.TryDelete(dir);
                }
            });
        return 0;
    }

    private static long Tokens(Analyzer analyzer, IEnumerable<NewsDocument> docs)
    {
        long n = 0;
        foreach (var d in docs)
            foreach (var text in new[] { d.Title, d.Body })
            {
                if (text is null)
                    continue;
                using var ts = analyzer.GetTokenStream("body", text);
                var term = ts.AddAttribute<ICharTermAttribute>();
                ts.Reset();
                while (ts.IncrementToken())
                    n++;
                ts.End();
            }
        return n;
    }

    private static (long Name, long Raw, long Lexicon) NameTokens(IEnumerable<NewsDocument> docs)
    {
        long n = 0, raw = 0, lex = 0;
        foreach (var d in docs)
        {
            var lexicon = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in new[] { d.Title, d.Body })
            {
                if (string.IsNullOrEmpty(text))
                    continue;
                var tokens = Search.Analysis.Names.NameIndexing.Analyze(text);
                Search.Analysis.Names.NameIndexing.AddLexiconTerms(tokens, lexicon, Schema.MaxTokensPerField);
                n += tokens.Count;
                raw += tokens.Count(t => t.Kind == Search.Analysis.Names.NameTokenKind.Raw);
            }
            lex += lexicon.Count;
        }
        return (n, raw, lex);
    }

    private static (long Latin, int LatinForms, long Arabic, int ArabicForms, long LatinMain, long LowerCased) UntimedTokenCounts(IEnumerable<NewsDocument> docs)
    {
        long latin = 0, arabic = 0, latinMain = 0, lowerCased = 0;
        var latinForms = new HashSet<string>(StringComparer.Ordinal);
        var arabicForms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var text in new[] { d.Title, d.Body })
            {
                if (string.IsNullOrEmpty(text))
                    continue;
                foreach (var t in Search.Analysis.Names.NameIndexing.Analyze(text))
                {
                    if (t.Kind == Search.Analysis.Names.NameTokenKind.Main && !t.Arabic)
                    {
                        latinMain++;
                        if (t.End <= text.Length && text.AsSpan(t.Start, t.End - t.Start).Equals(t.Form, StringComparison.OrdinalIgnoreCase))
                            lowerCased++;
                    }
                    if (t.Kind != Search.Analysis.Names.NameTokenKind.Joined)
                        continue;
                    if (t.Arabic)
                    {
                        arabic++;
                        arabicForms.Add(t.Form);
                    }
                    else
                    {
                        latin++;
                        latinForms.Add(t.Form);
                    }
                }
            }
        return (latin, latinForms.Count, arabic, arabicForms.Count, latinMain, lowerCased);
    }

    private static void Index(IReadOnlyList<NewsDocument> docs, Func<NewsDocument, string[]?> _, Analyzer analyzer) =>
        Index(docs, analyzer, false, false, standard: true);

    /// <summary>Indexes with the schema's documents with or without the exact and name layers, or StandardAnalyzer's id/title/body.</summary>
    private static void Index(IReadOnlyList<NewsDocument> docs, Analyzer analyzer, bool exact, bool names, bool update = true, bool standard = false, bool? lexicon = null, string? infoStream = null, bool compound = true, double? ramMB = null, bool lexiconPerDocument = false, bool positionalReads = false, bool english = true)
    {
        // With --infostream, the writer's own log (flush and merge times per segment, "DWPT", "SM", "IW") goes to a file.
        using var log = infoStream is null ? null : new StreamWriter(infoStream);
        var folder = BenchData.TempFolder("profile");
        try
        {
            if (standard)
            {
                using var e = new StandardLuceneEngine(folder, positionalReads);
                e.Build(docs, 1);
                return;
            }
            // Search's own directory, as SearchIndex opens it (the StandardAnalyzer rows say which they use).
            using var dir = new PositionalReadDirectory(folder);
            using var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = new BM25Similarity(),
                RAMBufferSizeMB = ramMB ?? new SearchIndexOptions().RamBufferMB,
                UseCompoundFile = compound,
            }.SetInfoStream(log is null ? InfoStream.NO_OUTPUT : new TextWriterInfoStream(log)));
            // The lexicon terms go to lexicon documents, each term once, as SearchIndex writes them; or, to compare, into
            // every document that holds them (the layout before lexicon documents).
            var lexiconDocuments = (lexicon ?? names) && !lexiconPerDocument ? new LexiconDocuments() : null;
            foreach (var d in docs)
            {
                var doc = DocumentMapper.ToLucene(d, exact, names, lexiconPerDocument, lexiconDocuments, english);
                if (update)
                    writer.UpdateDocument(new Term(Schema.Id, d.Id), doc);
                else
                    writer.AddDocument(doc);
                if (lexiconDocuments?.TakeIfFull() is { } terms)
                    writer.AddDocument(terms);
            }
            if (lexiconDocuments?.Take() is { } rest)
                writer.AddDocument(rest);
            writer.Commit();
        }
        finally
        {
            BenchData.TryDelete(folder);
        }
    }
}
