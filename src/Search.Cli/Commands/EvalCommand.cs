using System.CommandLine;
using System.Text.Json;
using Search.Evaluation;

namespace Search.Cli.Commands;

/// <summary><c>search eval names --variants FILE --negatives FILE [--json]</c>: the name-retrieval evaluation of <c>EVAL.md</c>.</summary>
internal static class EvalCommand
{
    public static Command Build(Console2 console)
    {
        var command = new Command("eval", "Evaluate the engine on gold data.");
        command.Subcommands.Add(BuildNames(console));
        return command;
    }

    private static Command BuildNames(Console2 console)
    {
        var variants = new Option<FileInfo>("--variants")
        {
            Description = "Variant file (TSV: group_id, variant, script, ...), e.g. ../shared/names/dev.tsv.",
            Required = true,
            HelpName = "FILE",
        };
        var negatives = new Option<FileInfo>("--negatives")
        {
            Description = "Negatives file (TSV: a, b, note), e.g. ../shared/names/dev-negatives.tsv.",
            Required = true,
            HelpName = "FILE",
        };
        var worst = new Option<int>("--worst")
        {
            Description = "How many of the worst queries to list (default 25).",
            DefaultValueFactory = _ => 25,
            HelpName = "N",
        };
        var tune = new Option<string[]>("--tune")
        {
            Description = "Re-derive similarity params: NAME=V1,V2,... (repeatable; a grid over all of them). " +
                          "Runs the evaluation once per combination and prints one line each; the params are the 'param' lines of similarity-costs.txt.",
            HelpName = "NAME=V1,V2",
            AllowMultipleArgumentsPerToken = false,
        };
        var learn = new Option<FileInfo>("--learn")
        {
            Description = "Learn the edit costs from the variant pairs (a perceptron over the rules of similarity-costs.txt) " +
                          "and write the learned cost file to FILE; prints word-pair figures per pass. No index is built.",
            HelpName = "FILE",
        };
        var holdOut = new Option<bool>("--holdout")
        {
            Description = "With --learn: learn on half of the groups and negatives and report the other half before and after.",
        };
        var json = CommonOptions.Json();
        var command = new Command("names",
            "Index every variant and negative name in memory, query each through the search-box path, and print " +
            "recall (by script pair), negative rejection, score, exact first and other-group hits.")
        { variants, negatives, worst, tune, learn, holdOut, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var variantRows = ReadFile(result.GetValue(variants)!, NameEvaluation.ReadVariants);
            var negativeRows = ReadFile(result.GetValue(negatives)!, NameEvaluation.ReadNegatives);
            if (result.GetValue(learn) is { } output)
            {
                var learned = NameCostLearner.Learn(variantRows, negativeRows, new NameCostLearningOptions(HoldOut: result.GetValue(holdOut)), console.Out);
                await File.WriteAllTextAsync(output.FullName, learned, cancellationToken);
                console.Message($"wrote {output.FullName}; to use it, copy it over src/Search.Analysis/Rules/names/similarity-costs.txt and rebuild");
                return ExitCodes.Success;
            }
            console.Message($"indexing {variantRows.Count} variants and the names of {negativeRows.Count} negative pairs");
            var specs = result.GetValue(tune) ?? [];
            if (specs.Length > 0)
            {
                await foreach (var line in NameTuning.RunAsync(specs, variantRows, negativeRows, cancellationToken))
                    console.Out.WriteLine(line);
                return ExitCodes.Success;
            }
            using var engine = new SearchIndexEvaluationEngine();
            var report = await NameEvaluation.RunAsync(engine, variantRows, negativeRows, cancellationToken);
            if (result.GetValue(json))
                console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            else
                console.Out.Write(report.ToText(result.GetValue(worst)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<T> ReadFile<T>(FileInfo file, Func<TextReader, List<T>> read)
    {
        if (!file.Exists)
            throw new SearchException($"No such file: {file.FullName}");
        using var reader = file.OpenText();
        return read(reader);
    }
}
