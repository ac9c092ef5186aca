// Map-reduce over many documents: every document is cut into chunks under a token budget, each chunk is summarized in
// parallel (map), and the notes are combined; when they exceed the context budget they are combined in groups, level by
// level, until one final reduce fits. Each summary line keeps its provenance: the chunks (document, position, characters)
// behind it. Runs offline against the Chorus simulator, whose summarize mode quotes the first sentence of what it is given.
using Chorus;
using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;
using Chorus.Reporting;

await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 3, LatencyMs = 150 });
using IChatClient client = new OpenAICompatibleChatClient(simulator.BaseUri, "chorus-sim-1");

string[] topics = ["solar power", "wind farms", "battery storage", "grid upgrades", "heat pumps", "hydrogen", "nuclear plants", "energy efficiency"];
SourceDocument[] documents = [.. topics.Select((topic, i) => new SourceDocument(
    $"report-{i + 1}",
    string.Join("\n\n", Enumerable.Range(1, 4).Select(p =>
        $"Section {p} of the {topic} report finds that costs fell by {5 * p + i} percent since 2020. "
        + $"Analysts expect {topic} to grow further as suppliers scale up. "
        + "Regulators are reviewing the rules that apply to new projects, and local communities ask for a say in where they are built."))))];

var options = new MapReduceOptions { ChunkTokens = 60, ContextTokens = 250, Limits = new RunLimits { MaxConcurrency = 16 } };
MapReduceResult result = await MapReduce.SummarizeAsync(client, documents, options);

Console.WriteLine($"{documents.Length} documents -> {result.Chunks.Count} chunks -> {result.ReduceLevels} intermediate reduce level(s) -> final summary:");
foreach (SummaryLine line in result.Lines)
{
    Console.WriteLine($"- {line.Text}");
    Console.WriteLine($"    sources{(line.Inferred ? " (inferred)" : string.Empty)}: {string.Join(", ", line.Sources.Select(s => s.Location))}");
}

foreach (RunReport report in result.Reports)
{
    Console.WriteLine($"{report.Scenario,-14} {report.Branches.Count,3} branches  wall {report.WallMs,6:0} ms  speed-up {report.Speedup:0.0}x  tokens {report.TotalTokens}");
}
