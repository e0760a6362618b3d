using System.CommandLine;
using System.Globalization;
using Search.Tools;

return await ToolsCommand.Build().Parse(args).InvokeAsync();

namespace Search.Tools
{
    /// <summary>The <c>search-tools</c> command: <c>crash</c>, <c>fuzz</c>, <c>load</c>, and the hidden <c>crash-child</c>.</summary>
    internal static class ToolsCommand
    {
        public static RootCommand Build()
        {
            var root = new RootCommand("Attack tools for Search: crash an indexing process and verify what it committed; fuzz the parsers, readers and HTTP API; load the server while it writes.");
            root.Subcommands.Add(Crash());
            root.Subcommands.Add(CrashChildCommand());
            root.Subcommands.Add(Fuzz());
            root.Subcommands.Add(Load());
            return root;
        }

        private static Command Crash()
        {
            var index = new Option<string>("--index") { Description = "The index folder to build and crash (deleted first).", Required = true };
            var kills = new Option<int>("--kills") { Description = "How many SIGKILLs.", DefaultValueFactory = _ => 20 };
            var seed = new Option<int>("--seed") { Description = "Seeds documents, batches and the kill schedule.", DefaultValueFactory = _ => 1 };
            var corpus = new Option<string?>("--corpus") { Description = "Documents to index (JSON Lines, CSV, text; generated text when absent)." };
            var maxBatch = new Option<int>("--max-batch") { Description = "The largest batch between two commits.", DefaultValueFactory = _ => 500 };
            var command = new Command("crash", "Kill an indexing process with SIGKILL again and again; after each kill, check the index and every acknowledged document.")
            {
                index, kills, seed, corpus, maxBatch,
            };
            command.SetAction(async (r, ct) =>
            {
                var report = await CrashTest.RunAsync(new CrashOptions(r.GetValue(index)!, r.GetValue(kills), r.GetValue(seed), r.GetValue(corpus), r.GetValue(maxBatch)), Console.Out, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{report.Kills} kills survived ({string.Join(", ", report.KilledIn.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} in {kv.Key}"))}); {report.DocumentsVerified:N0} document checks byte-equal; last acknowledged {report.LastAcknowledged:N0}, in index {report.LastInIndex:N0}; {report.Elapsed.TotalSeconds:N1} s; seed {r.GetValue(seed)}"));
                foreach (var f in report.Failures)
                    Console.Error.WriteLine("FAILED: " + f);
                return report.Ok ? 0 : 1;
            });
            return command;
        }

        private static Command CrashChildCommand()
        {
            var index = new Option<string>("--index") { Required = true };
            var seed = new Option<int>("--seed") { Required = true };
            var log = new Option<string>("--log") { Required = true };
            var corpus = new Option<string?>("--corpus");
            var maxBatch = new Option<int>("--max-batch") { DefaultValueFactory = _ => 500 };
            var command = new Command("crash-child", "The indexing process the crash test kills (runs until killed).") { index, seed, log, corpus, maxBatch };
            command.Hidden = true;
            command.SetAction(async (r, ct) => await CrashChild.RunAsync(r.GetValue(index)!, r.GetValue(seed), r.GetValue(log)!, r.GetValue(corpus), r.GetValue(maxBatch)));
            return command;
        }

        private static Command Fuzz()
        {
            var cases = new Option<int>("--cases") { Description = "How many cases in all, spread over the targets.", DefaultValueFactory = _ => 100_000 };
            var seed = new Option<int>("--seed") { Description = "The seed; a failure prints the seed and case that reproduce it.", DefaultValueFactory = _ => 1 };
            var target = new Option<string>("--target")
            {
                Description = "core: the search-box parser, the strict parser and every ingest reader; http: every endpoint and parameter of the web host.",
                DefaultValueFactory = _ => "core",
            };
            target.AcceptOnlyFromAmong("core", "http");
            var command = new Command("fuzz", "Seeded hostile input for the parsers and ingest readers (--target core) or the HTTP API and pages (--target http).") { cases, seed, target };
            command.SetAction(async (r, ct) =>
            {
                var failures = r.GetValue(target) == "http"
                    ? (await HttpFuzzer.RunAsync(r.GetValue(seed), r.GetValue(cases), Console.Out, ct)).Failures
                    : Fuzzer.Run(r.GetValue(seed), r.GetValue(cases), Console.Out, ct).Failures;
                foreach (var f in failures.Take(50))
                    Console.Error.WriteLine("FAILED: " + f);
                return failures.Count == 0 ? 0 : 1;
            });
            return command;
        }

        private static Command Load()
        {
            var corpus = new Option<string?>("--corpus") { Description = "Documents to build the index from when --index holds none (default: ../shared/corpus).", DefaultValueFactory = _ => SearchCli.InRepository("..", "shared", "corpus") };
            var sample = new Option<int>("--sample") { Description = "Index only the first N documents of the corpus (0: all)." };
            var index = new Option<string?>("--index") { Description = "The index folder: used as it is when it holds an index, else built from --corpus (default: a temporary folder, deleted after)." };
            var queries = new Option<string?>("--queries") { Description = "The query set, tab-separated id, type, query (default: ../shared/bench/queries.tsv, else the copy in benchmarks/).", DefaultValueFactory = _ => SearchCli.InRepository("..", "shared", "bench", "queries.tsv") ?? SearchCli.InRepository("benchmarks", "Search.Benchmarks", "Data", "queries.tsv") };
            var clients = new Option<int>("--clients") { Description = "Concurrent read clients.", DefaultValueFactory = _ => 8 };
            var requests = new Option<int>("--requests") { Description = "Read requests in all.", DefaultValueFactory = _ => 20_000 };
            var seconds = new Option<int>("--seconds") { Description = "The cap on the read phase, in seconds: it stops there whatever is left.", DefaultValueFactory = _ => 300 };
            var batch = new Option<int>("--write-batch") { Description = "Documents per add request of the writer.", DefaultValueFactory = _ => 20 };
            var commitEvery = new Option<int>("--commit-every") { Description = "The writer commits after this many batches, and at the end.", DefaultValueFactory = _ => 10 };
            var seed = new Option<int>("--seed") { Description = "Seeds the request mix and the written text.", DefaultValueFactory = _ => 1 };
            var report = new Option<string?>("--report") { Description = "Write the report as JSON to this file.", DefaultValueFactory = _ => "load-report.json" };
            var search = new Option<string?>("--search") { Description = "The search CLI to run (search.dll or an installed search; default: the one built in this clone)." };
            var command = new Command("load", "A bounded load test of search serve on loopback: concurrent clients over the query classes while a writer adds and commits through the API; no error response and no lost write allowed.")
            {
                corpus, sample, index, queries, clients, requests, seconds, batch, commitEvery, seed, report, search,
            };
            command.SetAction(async (r, ct) =>
            {
                if (r.GetValue(queries) is not { } q)
                {
                    Console.Error.WriteLine("error: no query set found; pass --queries FILE.");
                    return 2;
                }
                var result = await LoadTest.RunAsync(new LoadOptions
                {
                    Corpus = r.GetValue(corpus), Sample = r.GetValue(sample), Index = r.GetValue(index), Queries = q,
                    Clients = r.GetValue(clients), Requests = r.GetValue(requests), MaxDuration = TimeSpan.FromSeconds(r.GetValue(seconds)),
                    WriteBatch = r.GetValue(batch), CommitEvery = r.GetValue(commitEvery), Seed = r.GetValue(seed),
                    Report = r.GetValue(report), Cli = r.GetValue(search),
                }, Console.Out, ct);
                foreach (var f in result.Failures.Take(50))
                    Console.Error.WriteLine("FAILED: " + f);
                return result.Ok ? 0 : 1;
            });
            return command;
        }
    }
}
