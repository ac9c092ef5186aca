// The trip planner: budget, activities and logistics are planned in parallel as typed sections (structured output),
// merged by field with every conflict listed, then a day-by-day itinerary is written from the merged plan and
// cross-checked (activities within budget, each day's activities plus travel within the day).
// Runs offline against the Chorus simulator, whose structured mode fills any JSON schema with plausible values;
// point the client at a real endpoint to plan a real trip.
using Chorus;
using Chorus.OpenAI;
using Chorus.Simulator;
using Microsoft.Extensions.AI;
using TripPlanner;
using Chorus.Aggregation;
using Chorus.Recipes;

const double DayHours = 10;
await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 7, LatencyMs = 200 });
using IChatClient client = new OpenAICompatibleChatClient(simulator.BaseUri, "chorus-sim-1");
var runner = new PlanRunner();
const string Trip = "A 3-day trip to Lisbon in May for two people, mid-range budget.";

// 1. Three sections in parallel, each returning its own typed object; the merge combines them by field.
Branch[] sections =
[
    TypedSection.Create("budget", client, $"{Trip} Plan the budget: total, per day, currency.", TripJson.Default.BudgetSection),
    TypedSection.Create("activities", client, $"{Trip} List the activities with cost and duration.", TripJson.Default.ActivitiesSection),
    TypedSection.Create("logistics", client, $"{Trip} Plan the hotel and transport legs with travel times.", TripJson.Default.LogisticsSection),
];
Plan<MergeResult<TripPlan>> planning = Plans.Merge("trip-sections", sections, TripJson.Default.TripPlan, new MergeOptions { Synthesizer = client });
RunResult<MergeResult<TripPlan>> merged = await runner.RunAsync(planning);
TripPlan plan = merged.Value.Value;

Console.WriteLine($"Plan for {plan.Destination}: {plan.Days} days, budget {plan.TotalBudget} {plan.Currency} ({plan.DailyBudget}/day), hotel {plan.Hotel}");
foreach (Activity activity in plan.Activities ?? [])
{
    Console.WriteLine($"  activity  {activity.Name,-22} {activity.Cost,8:0.00} {plan.Currency}  {activity.DurationHours:0.0} h");
}

foreach (Leg leg in plan.Transport ?? [])
{
    Console.WriteLine($"  transport {leg.From} -> {leg.To}: {leg.TravelMinutes} min");
}

Console.WriteLine($"Field sources: {string.Join(", ", merged.Value.Sources.Select(s => $"{s.Key}<-{s.Value}"))}");
Console.WriteLine(merged.Value.Conflicts.Count == 0 ? "No conflicts." : "Conflicts (first value kept, never overwritten silently):");
foreach (MergeConflict conflict in merged.Value.Conflicts)
{
    Console.WriteLine($"  {conflict.Field}: kept {conflict.KeptFrom}; {string.Join(" vs ", conflict.Values.Select(v => $"{v.Section}={v.Json}"))}");
}

// 2. The itinerary, written from the merged plan, as one more typed section.
string itineraryPrompt = $"Write a day-by-day itinerary for this plan, at most {DayHours} hours of activities and travel per day:\n{merged.Value.Json}";
Plan<MergeResult<Itinerary>> itineraryPlan = Plans.Merge("itinerary", [TypedSection.Create("itinerary", client, itineraryPrompt, TripJson.Default.Itinerary)], TripJson.Default.Itinerary);
Itinerary itinerary = (await runner.RunAsync(itineraryPlan)).Value.Value;
foreach (ItineraryDay day in itinerary.Days)
{
    Console.WriteLine($"Day {day.Day}: " + string.Join("; ", day.Items.Select(i => $"{i.Start} {i.Activity} ({i.DurationHours:0.0} h, {i.TravelMinutes} min travel)")));
}

// 3. Cross-checks: the numbers from different sections must fit together.
decimal activityCost = (plan.Activities ?? []).Sum(a => a.Cost);
Check($"activities cost {activityCost:0.00} within the budget {plan.TotalBudget:0.00}", plan.TotalBudget is { } budget && activityCost <= budget);
foreach (ItineraryDay day in itinerary.Days)
{
    double hours = day.Items.Sum(i => i.DurationHours + (i.TravelMinutes / 60.0));
    Check($"day {day.Day}: {hours:0.0} h of activities and travel fit in {DayHours} h", hours <= DayHours);
}

Check($"itinerary has {itinerary.Days.Count} days for a {plan.Days}-day plan", plan.Days is null || itinerary.Days.Count <= plan.Days);
Console.WriteLine($"\nFinal text (synthesizer):\n{merged.Value.Text}");
Console.WriteLine($"\n{merged.Decision.Summary}; {merged.Report.TotalTokens + 0} tokens, speed-up {merged.Report.Speedup:0.0}x versus sequential");

static void Check(string what, bool ok) => Console.WriteLine($"{(ok ? "[ok]  " : "[FAIL]")} {what}");
