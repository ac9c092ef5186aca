// The README's library example, runnable offline: it starts the Chorus simulator on a loopback port and points
// the OpenAI-compatible client at it. Against a real service, replace the two simulator lines with
// `new OpenAICompatibleChatClient(new Uri("https://api.openai.com/v1"), "gpt-4o-mini")` (key from OPENAI_API_KEY).
using Chorus;
using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using Chorus.Recipes;
using Chorus.Voting;

await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 42 });
using IChatClient client = new OpenAICompatibleChatClient(simulator.BaseUri, "chorus-sim-1");

Branch[] samples = RecipeBranches.Samples(client, "What is 17 * 23?", 7, new ChatOptions { Temperature = 0.8f });
Plan<VoteResult> plan = Plans.Vote("vote", samples, Aggregators.Majority(), FailurePolicy.Quorum(4),
    new RunLimits { MaxConcurrency = 7, BranchTimeout = TimeSpan.FromSeconds(30) });

RunResult<VoteResult> result = await new PlanRunner().RunAsync(plan);
Console.WriteLine($"{result.Value.Answer} ({result.Value.Votes} of {result.Value.ValidVotes} votes)");
Console.WriteLine($"speed-up {result.Report.Speedup:0.0}x versus sequential, {result.Report.TotalTokens} tokens");
