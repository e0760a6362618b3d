using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Search.Core.Tests.Search;

/// <summary>The README's library example is compiled and run as it is written there.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_example_compiles_and_runs()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Ingest.BundledSampleTests.RepositoryRoot(), "README.md"));
        var block = Regex.Match(readme, "```csharp\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ```csharp block");
        var code = block.Groups[1].Value;
        Assert.Contains("SearchIndex.Open(\"news-index\")", code);

        // The example keeps its index in ./news-index, as a user's program would; give it a fresh folder.
        var work = Path.Combine(Path.GetTempPath(), "search-readme-" + Guid.NewGuid().ToString("N"));
        code = code.Replace("\"news-index\"", $"@\"{Path.Combine(work, "news-index")}\"");

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(SearchIndex).Assembly.Location])
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("ReadmeExample",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)), CSharpSyntaxTree.ParseText(ImplicitUsings)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var entry = Assembly.Load(image.ToArray()).EntryPoint!;
            var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            if (result is Task task)
                await task;
        }
        finally
        {
            Console.SetOut(original);
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        Assert.Matches(@"^1 hits in [\d.,]+ ms", output.ToString());
        Assert.Contains("<mark>Tehran</mark>", output.ToString());
    }

    // What a new console project of the .NET SDK imports implicitly.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
