using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Chorus.Tests.Architecture;

/// <summary>One folder-to-folder dependency of src/Chorus, with an example that shows where it comes from.</summary>
/// <param name="From">The folder whose code makes the reference.</param>
/// <param name="To">The folder that declares the referenced symbol.</param>
/// <param name="File">An example file in <paramref name="From"/>, relative to src/Chorus.</param>
/// <param name="Line">The 1-based line of the example reference.</param>
/// <param name="Symbol">The referenced symbol, as Roslyn displays it.</param>
/// <param name="Count">How many references make this edge.</param>
internal sealed record FolderEdge(string From, string To, string File, int Line, string Symbol, int Count)
{
    public string Example => $"{File}:{Line} uses {Symbol}";

    public override string ToString() => $"{From} -> {To} ({Count} {(Count == 1 ? "reference" : "references")}, e.g. {Example})";
}

/// <summary>A type declared in src/Chorus, with the folders its declarations live in.</summary>
internal sealed record DeclaredType(string SimpleName, string FullName, string MetadataName, IReadOnlyList<string> Folders, IReadOnlyList<string> Files);

/// <summary>
/// The folder dependency graph of src/Chorus, built from the real source with Roslyn semantic analysis: every name,
/// target-typed <c>new()</c>, operator and indexer is resolved to its symbol, and the symbol's declaring file gives the folder.
/// </summary>
/// <remarks>
/// A folder is the first path segment under src/Chorus; a file directly in src/Chorus belongs to <see cref="RootFolder"/>.
/// A member counts where it is declared, so a call into a partial class (such as <c>Aggregators.Vote</c> in Voting/) is an
/// edge to the folder of that part; naming a partial type alone counts for its lowest-layer part.
/// XML doc <c>cref</c>s are not dependencies (they compile to nothing) and are not read.
/// </remarks>
internal sealed class FolderGraph
{
    public const string RootFolder = "(src/Chorus root)";

    private const string ImplicitUsingsPath = "<implicit-usings>";

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<FolderGraph> s_source = new(() => Build(FindSourceRoot()));

    private readonly CSharpCompilation _compilation;
    private readonly IReadOnlyDictionary<string, FileFacts> _files;

    private FolderGraph(string root, CSharpCompilation compilation, IReadOnlyDictionary<string, FileFacts> files)
    {
        Root = root;
        _compilation = compilation;
        _files = files;
        Folders = [.. files.Keys.Select(FolderOf).Distinct().Order(StringComparer.Ordinal)];
        Edges =
        [
            .. files.Values
                .SelectMany(f => f.References.Select(r => (From: FolderOf(f.Path), r.To, f.Path, r.Line, r.Symbol)))
                .Where(r => r.From != r.To)
                .GroupBy(r => (r.From, r.To))
                .Select(g => new FolderEdge(g.Key.From, g.Key.To, g.First().Path, g.First().Line, g.First().Symbol, g.Count()))
                .OrderBy(e => e.From, StringComparer.Ordinal)
                .ThenBy(e => e.To, StringComparer.Ordinal),
        ];
        var externals = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (FileFacts file in files.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach ((string type, int line) in file.ExternalTypes)
            {
                externals.TryAdd(type, $"{file.Path}:{line}");
            }
        }

        ExternalTypes = externals;
        CompileErrors = [.. files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).SelectMany(f => f.Errors)];
        List<DeclaredType> types = [];
        CollectTypes(compilation.Assembly.GlobalNamespace, types);
        Types = types;
    }

    /// <summary>Gets the graph of this repository's src/Chorus, built once per test run.</summary>
    public static FolderGraph Source => s_source.Value;

    /// <summary>Gets the folder that was read.</summary>
    public string Root { get; }

    /// <summary>Gets every folder that holds at least one .cs file.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Gets every edge between two different folders, sorted.</summary>
    public IReadOnlyList<FolderEdge> Edges { get; }

    /// <summary>Gets every named type declared in src/Chorus, nested types included.</summary>
    public IReadOnlyList<DeclaredType> Types { get; }

    /// <summary>Gets every type from outside src/Chorus that the source names (or whose member it uses), by full name, with an example.</summary>
    public IReadOnlyDictionary<string, string> ExternalTypes { get; }

    /// <summary>Gets the compile errors Roslyn found; when there are any, symbols may not resolve and the graph is not trustworthy.</summary>
    public IReadOnlyList<string> CompileErrors { get; }

    /// <summary>Builds the graph of a source folder (src/Chorus).</summary>
    /// <param name="root">The folder holding the library's .cs files.</param>
    public static FolderGraph Build(string root)
    {
        var trees = new List<SyntaxTree>
        {
            // The SDK's implicit usings (ImplicitUsings=enable in Directory.Build.props).
            CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
                "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                s_parseOptions,
                path: ImplicitUsingsPath),
        };
        foreach (string path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), s_parseOptions, path: relative));
            }
        }

        var compilation = CSharpCompilation.Create(
            "Chorus",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var files = new ConcurrentDictionary<string, FileFacts>(StringComparer.Ordinal);
        string[] jsonContexts = JsonContexts(compilation);
        Parallel.ForEach(trees.Where(t => t.FilePath != ImplicitUsingsPath), tree => files[tree.FilePath] = Analyze(compilation, tree, jsonContexts));
        return new FolderGraph(root, compilation, files);
    }

    /// <summary>Gets the graph as it would be with one file's text changed; only that file is read again.</summary>
    /// <param name="relativePath">The file, relative to src/Chorus, for example <c>Model/Branch.cs</c>.</param>
    /// <param name="text">The file's new text.</param>
    public FolderGraph WithFile(string relativePath, string text)
    {
        SyntaxTree old = _compilation.SyntaxTrees.Single(t => t.FilePath == relativePath);
        SyntaxTree changed = CSharpSyntaxTree.ParseText(text, s_parseOptions, path: relativePath);
        CSharpCompilation compilation = _compilation.ReplaceSyntaxTree(old, changed);
        var files = new Dictionary<string, FileFacts>(_files, StringComparer.Ordinal) { [relativePath] = Analyze(compilation, changed, JsonContexts(compilation)) };
        return new FolderGraph(Root, compilation, files);
    }

    /// <summary>Finds a cycle in the folder graph, as the folders along it with the first repeated at the end; <see langword="null"/> when acyclic.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        Dictionary<string, List<string>> next = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, int>();   // 1 = on the current path, 2 = done
        var path = new List<string>();

        List<string>? Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (string to in next.GetValueOrDefault(folder) ?? [])
            {
                if (state.GetValueOrDefault(to) == 1)
                {
                    return [.. path.Skip(path.IndexOf(to)), to];
                }

                if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }

        foreach (string folder in Folders)
        {
            if (state.GetValueOrDefault(folder) == 0 && Visit(folder) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Gets the edge between two folders, if there is one.</summary>
    public FolderEdge? Edge(string from, string to) => Edges.FirstOrDefault(e => e.From == from && e.To == to);

    private static FileFacts Analyze(CSharpCompilation compilation, SyntaxTree tree, IReadOnlyList<string> jsonContexts)
    {
        SemanticModel model = compilation.GetSemanticModel(tree);
        var references = new List<(string To, int Line, string Symbol)>();
        var externals = new List<(string Type, int Line)>();
        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            ISymbol? symbol = ReferencedSymbol(model, node);
            if (symbol is null)
            {
                continue;
            }

            int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            if (HomeFolder(symbol) is { } to)
            {
                references.Add((to, line, symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
            }
            else if ((symbol as ITypeSymbol ?? symbol.ContainingType) is { DeclaringSyntaxReferences.Length: 0 } external)
            {
                externals.Add((external.OriginalDefinition.ToDisplayString(), line));
            }
        }

        string[] errors =
        [
            .. model.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && !IsGeneratorGap(d, jsonContexts))
                .Select(d => d.ToString()),
        ];
        return new FileFacts(tree.FilePath, references, externals, errors);
    }

    /// <summary>Finds src/Chorus by walking up from the test's output folder to the folder holding Chorus.slnx.</summary>
    public static string FindSourceRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chorus.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "Chorus");
            }
        }

        throw new InvalidOperationException($"No Chorus.slnx above {AppContext.BaseDirectory}; the architecture test reads src/Chorus from the repository.");
    }

    /// <summary>
    /// Says whether an error only means that a source generator did not run: the Regex and System.Text.Json generators
    /// write the other half of <c>[GeneratedRegex]</c> partial methods and <c>JsonSerializerContext</c>s, and what they
    /// write uses nothing of src/Chorus that the declarations do not already name.
    /// </summary>
    private static bool IsGeneratorGap(Diagnostic diagnostic, IReadOnlyList<string> jsonContexts)
    {
        if (diagnostic.Id == "CS8795")
        {
            return true;   // a [GeneratedRegex] partial method without its generated body
        }

        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return message.Contains("'JsonSerializerContext", StringComparison.Ordinal)
            || jsonContexts.Any(name => message.Contains($"'{name}'", StringComparison.Ordinal));
    }

    private static string[] JsonContexts(Compilation compilation)
    {
        INamedTypeSymbol? baseType = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        List<DeclaredType> types = [];
        CollectTypes(compilation.Assembly.GlobalNamespace, types);
        return
        [
            .. types
                .Select(t => compilation.GetTypeByMetadataName(t.MetadataName))
                .Where(t => t?.BaseType is { } b && SymbolEqualityComparer.Default.Equals(b, baseType))
                .Select(t => t!.Name),
        ];
    }

    private static string FolderOf(string relativePath)
    {
        int slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? RootFolder : relativePath[..slash];
    }

    private static ISymbol? ReferencedSymbol(SemanticModel model, SyntaxNode node)
    {
        switch (node)
        {
            case SimpleNameSyntax:
            case ImplicitObjectCreationExpressionSyntax:
            case BinaryExpressionSyntax:
            case PrefixUnaryExpressionSyntax:
            case PostfixUnaryExpressionSyntax:
            case ElementAccessExpressionSyntax:
            case CastExpressionSyntax:
            case AssignmentExpressionSyntax:
                SymbolInfo info = model.GetSymbolInfo(node);
                ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                return symbol switch
                {
                    null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or ILabelSymbol or IRangeVariableSymbol => null,
                    IMethodSymbol { ReducedFrom: { } extension } => extension.OriginalDefinition,
                    _ => symbol.OriginalDefinition,
                };
            default:
                return null;
        }
    }

    private static string? HomeFolder(ISymbol symbol)
    {
        while (symbol is IArrayTypeSymbol or IPointerTypeSymbol)
        {
            symbol = symbol is IArrayTypeSymbol array ? array.ElementType : ((IPointerTypeSymbol)symbol).PointedAtType;
        }

        string[] folders =
        [
            .. symbol.DeclaringSyntaxReferences
                .Select(r => r.SyntaxTree.FilePath)
                .Where(p => p.EndsWith(".cs", StringComparison.Ordinal))
                .Select(FolderOf)
                .Distinct(),
        ];

        // A partial type named on its own belongs to its lowest-layer part; calls into a part count where the member is declared.
        return folders.Length switch
        {
            0 => null,
            1 => folders[0],
            _ => folders.OrderBy(ArchitectureTests.LayerOf).ThenBy(f => f, StringComparer.Ordinal).First(),
        };
    }

    private static void CollectTypes(INamespaceOrTypeSymbol container, List<DeclaredType> types)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                CollectTypes(ns, types);
            }
            else if (member is INamedTypeSymbol type && !type.IsImplicitlyDeclared && type.DeclaringSyntaxReferences.Length > 0)
            {
                string[] files = [.. type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).Distinct().Order(StringComparer.Ordinal)];
                types.Add(new DeclaredType(type.Name, type.ToDisplayString(), MetadataNameOf(type), [.. files.Select(FolderOf).Distinct()], files));
                CollectTypes(type, types);
            }
        }
    }

    private static string MetadataNameOf(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataNameOf(outer) + "+" + type.MetadataName
        : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName
        : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    private static IEnumerable<MetadataReference> References()
    {
        // The test host's own references: the runtime, Microsoft.Extensions.AI.Abstractions, Polly.Core, ... but not the
        // compiled Chorus assemblies, whose types the source declares itself.
        string tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Path.GetFileName(p).StartsWith("Chorus", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    private sealed record FileFacts(
        string Path,
        IReadOnlyList<(string To, int Line, string Symbol)> References,
        IReadOnlyList<(string Type, int Line)> ExternalTypes,
        IReadOnlyList<string> Errors);
}
