using System.CommandLine;

namespace Search.Cli.Commands;

/// <summary><c>search delete ID... [--index DIR]</c>.</summary>
internal static class DeleteCommand
{
    public static Command Build(Console2 console)
    {
        var ids = new Argument<string[]>("ID") { Description = "Ids of the documents to delete.", Arity = ArgumentArity.OneOrMore };
        var index = CommonOptions.Index();
        var command = new Command("delete", "Delete documents by id, and commit.") { ids, index };
        command.SetAction(async (result, ct) =>
        {
            using var searchIndex = SearchIndex.Open(result.GetValue(index)!, new SearchIndexOptions { CreateIfMissing = false, RefreshInterval = TimeSpan.Zero });
            int deleted = 0, missing = 0;
            foreach (var id in result.GetValue(ids)!)
            {
                if (searchIndex.Delete(id))
                    deleted++;
                else
                {
                    missing++;
                    console.Message($"not found: {id}");
                }
            }
            await searchIndex.CommitAsync(ct);
            console.Message($"deleted {deleted}, not found {missing}");
            return missing > 0 ? ExitCodes.InputRejected : ExitCodes.Success;
        });
        return command;
    }
}
