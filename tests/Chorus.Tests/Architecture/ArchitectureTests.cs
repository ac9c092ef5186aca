using System.Text;
using NetArchTest.Rules;
using Xunit.Abstractions;
using Chorus.Resilience;

namespace Chorus.Tests.Architecture;

/// <summary>
/// Keeps src/Chorus in the shape docs/DESIGN.md draws: a floor of contracts (Model) that imports nothing, areas layered on
/// top of it, and a folder graph without cycles. The graph comes from the source (see <see cref="FolderGraph"/>), so a new
/// folder or file is checked without touching this test; a new folder must be given a layer in <see cref="Layers"/>.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>
    /// The DESIGN picture, bottom to top: a folder may use only folders in lower rows; folders in one row are peers and may
    /// not use each other. Namespaces follow folders except for entry points kept in <c>Chorus</c> (PlanRunner, Aggregators,
    /// the <c>With...</c> extensions ...), so the rule is about folders, not namespaces.
    /// </summary>
    internal static readonly string[][] Layers =
    [
        ["Model"],
        ["Internal"],
        ["Providers", "Diagnostics"],
        ["Journaling"],
        ["Estimation"],
        ["Reporting"],
        ["Scheduling"],
        ["Resilience"],
        ["Aggregation"],
        ["Running"],
        ["Voting"],
        ["Recipes"],
    ];

    /// <summary>Gets a folder's row in <see cref="Layers"/>, or <see cref="int.MaxValue"/> when it has none.</summary>
    internal static int LayerOf(string folder)
    {
        int row = Array.FindIndex(Layers, r => r.Contains(folder, StringComparer.Ordinal));
        return row < 0 ? int.MaxValue : row;
    }

    /// <summary>Lists the edges that do not go strictly down the layers, one line each with an example reference.</summary>
    internal static List<string> LayeringViolations(FolderGraph graph) =>
    [
        .. graph.Edges
            .Where(e => LayerOf(e.To) >= LayerOf(e.From))
            .Select(e => LayerOf(e.To) == LayerOf(e.From)
                ? $"{e.From} -> {e.To}: peers in one layer may not use each other ({e.Count} {(e.Count == 1 ? "reference" : "references")}, e.g. {e.Example})"
                : $"{e.From} -> {e.To}: upward import, {e.To} is above {e.From} ({e.Count} {(e.Count == 1 ? "reference" : "references")}, e.g. {e.Example})"),
    ];

    [Fact]
    public void Source_Compiles_SoEverySymbolResolves()
    {
        FolderGraph graph = FolderGraph.Source;

        Assert.True(
            graph.CompileErrors.Count == 0,
            $"Roslyn could not compile {graph.Root} ({graph.CompileErrors.Count} errors), so the folder graph may miss edges:\n" +
            string.Join("\n", graph.CompileErrors.Take(10)));
        Assert.True(graph.Edges.Count > 0, $"No folder edges found under {graph.Root}.");

        // The actual picture, for docs/DESIGN.md: dotnet test --filter Source_Compiles --logger "console;verbosity=detailed".
        foreach (FolderEdge edge in graph.Edges)
        {
            output.WriteLine(edge.ToString());
        }
    }

    [Fact]
    public void Folders_EachHasALayer()
    {
        string[] unplaced = [.. FolderGraph.Source.Folders.Where(f => LayerOf(f) == int.MaxValue)];

        Assert.True(
            unplaced.Length == 0,
            $"src/Chorus folders with no place in ArchitectureTests.Layers: {string.Join(", ", unplaced)}. " +
            "Add each to the row of the DESIGN picture it belongs to (files directly in src/Chorus belong in a folder).");
    }

    [Fact]
    public void FolderGraph_HasNoCycle()
    {
        FolderGraph graph = FolderGraph.Source;

        IReadOnlyList<string>? cycle = graph.FindCycle();

        Assert.True(cycle is null, cycle is null ? string.Empty : DescribeCycle(graph, cycle));
    }

    [Fact]
    public void FolderGraph_EveryEdge_GoesDownTheLayers()
    {
        List<string> violations = LayeringViolations(FolderGraph.Source);

        Assert.True(
            violations.Count == 0,
            $"{violations.Count} folder dependencies break the layering (bottom to top: {DescribeLayers()}):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Model_ImportsNoOtherFolder()
    {
        FolderEdge[] imports = [.. FolderGraph.Source.Edges.Where(e => e.From == "Model")];

        Assert.True(
            imports.Length == 0,
            "Model is the floor of contracts and may use no other folder of src/Chorus, but it uses:\n" + string.Join("\n", imports.Select(e => e.ToString())));
    }

    [Fact]
    public void LayeringCheck_UpwardImportInModel_IsReported()
    {
        // The check itself is tested: a Model file that names a Running type must fail it, with the file and symbol.
        string root = FolderGraph.Source.Root;
        string branch = File.ReadAllText(Path.Combine(root, "Model", "Branch.cs"));
        string upward = branch.Replace(
            "public sealed class Branch\n{",
            "public sealed class Branch\n{\n    internal static PlanRunnerOptions? UpwardProbe => null;",
            StringComparison.Ordinal);
        Assert.NotEqual(branch, upward);

        FolderGraph graph = FolderGraph.Source.WithFile("Model/Branch.cs", upward);

        Assert.Empty(graph.CompileErrors);
        Assert.Contains(LayeringViolations(graph), v => v.StartsWith("Model -> Running: upward import", StringComparison.Ordinal) && v.Contains("Model/Branch.cs", StringComparison.Ordinal));
        Assert.Contains("PlanRunnerOptions", graph.Edge("Model", "Running")!.Symbol, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_ReferencesNoVendorSdkOrContainer()
    {
        TestResult result = Types.InAssembly(typeof(PlanRunner).Assembly)
            .ShouldNot()
            .HaveDependencyOnAny("OpenAI", "Microsoft.Extensions.DependencyInjection")
            .GetResult();

        Assert.True(
            result.IsSuccessful,
            "Core takes no vendor SDK or DI container (STYLE.md section 1); these types depend on one: " +
            string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Core_UsesNoHttpStack()
    {
        // Core may recognise the transport failure an HTTP-backed IChatClient throws (FailureClassifier, ResilientChatClient),
        // so HttpRequestException is the one System.Net.Http type it may name; clients, handlers and messages stay in providers.
        string[] allowed = ["System.Net.Http.HttpRequestException"];
        string[] used =
        [
            .. FolderGraph.Source.ExternalTypes
                .Where(t => t.Key.StartsWith("System.Net.Http.", StringComparison.Ordinal) && !allowed.Contains(t.Key, StringComparer.Ordinal))
                .Select(t => $"{t.Key} (e.g. {t.Value})"),
        ];

        Assert.True(used.Length == 0, "Core takes no HTTP stack (STYLE.md section 1), but names: " + string.Join(", ", used));
    }

    [Fact]
    public void TypeNames_AreUniqueAcrossFolders()
    {
        // One place per concept: a simple name means one type. Nested types count under their own simple name; one partial
        // type spread over folders (Aggregators) is one type.
        string[] clashes =
        [
            .. FolderGraph.Source.Types
                .GroupBy(t => t.SimpleName, StringComparer.Ordinal)
                .Where(g => g.Count() > 1 && g.SelectMany(t => t.Folders).Distinct().Count() > 1)
                .Select(g => $"{g.Key}: " + string.Join("; ", g.Select(t => $"{t.FullName} in {string.Join(", ", t.Files)}"))),
        ];

        Assert.True(clashes.Length == 0, "Types in different folders share a simple name:\n" + string.Join("\n", clashes));
    }

    private static string DescribeLayers() => string.Join(" < ", Layers.Select(r => string.Join(", ", r)));

    private static string DescribeCycle(FolderGraph graph, IReadOnlyList<string> cycle)
    {
        var text = new StringBuilder($"src/Chorus folders import each other in a cycle: {string.Join(" -> ", cycle)}\n");
        for (int i = 0; i + 1 < cycle.Count; i++)
        {
            text.Append("  ").Append(graph.Edge(cycle[i], cycle[i + 1])).Append('\n');
        }

        return text.ToString();
    }
}
