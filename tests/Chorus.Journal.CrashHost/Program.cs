// A child process for the crash tests: runs a plan of N distinct questions against an OpenAI-compatible endpoint with a
// SQLite journal, prints "recorded <label>" as each branch is journaled (so a test can kill it mid-run on a condition,
// not a timer), and at the end prints "result <json>" with the joined text and what the run replayed.
// Usage: CrashHost <endpoint> <journal path> <branches> <concurrency> <question prefix>
using System.Globalization;
using System.Text.Json;
using Chorus;
using Chorus.Journal.CrashHost;
using Chorus.Journal.Sqlite;
using Chorus.OpenAI;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: CrashHost <endpoint> <journal path> <branches> <concurrency> <question prefix>");
    return 1;
}

var endpoint = new Uri(args[0]);
int branches = int.Parse(args[2], CultureInfo.InvariantCulture);
int concurrency = int.Parse(args[3], CultureInfo.InvariantCulture);
string prefix = args[4];
using var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions { Endpoint = endpoint, Model = "chorus-sim-1", ReadApiKeyFromEnvironment = false });
using var journal = new SqliteBranchJournal(args[1]);
var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 24 };
var plan = new Plan<SectionedText>(
    "crash",
    [.. Enumerable.Range(0, branches).Select(i => new Branch(CrashPlan.Label(i), client, CrashPlan.Question(prefix, i), options))],
    Aggregators.Concat(),
    FailurePolicy.FailFast,
    new RunLimits { MaxConcurrency = concurrency });
var runner = new PlanRunner(new PlanRunnerOptions { Journal = new AnnouncingJournal(journal) });
RunResult<SectionedText> result = await runner.RunAsync(plan);
Console.Out.WriteLine("result " + JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["text"] = result.Value.Text,
    ["replayed"] = result.Report.Replayed,
    ["saved_tokens"] = result.Report.SavedTokens,
    ["total_tokens"] = result.Report.TotalTokens,
    ["attempts"] = result.Report.Attempts,
}));
return 0;
