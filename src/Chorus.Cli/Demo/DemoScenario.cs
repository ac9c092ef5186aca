using Chorus.Reporting;

namespace Chorus.Cli.Demo;

/// <summary>One demo scenario: a name, what it shows, and how to run it and describe its result.</summary>
/// <param name="Name">The scenario's name, as in the JSON report's <c>scenario</c> field.</param>
/// <param name="Description">One line on what the scenario shows.</param>
/// <param name="RunAsync">Runs the scenario and returns its report and a one-line account of the result.</param>
internal sealed record DemoScenario(string Name, string Description, Func<PlanRunner, CancellationToken, Task<DemoOutcome>> RunAsync);

/// <summary>What a demo scenario produced.</summary>
/// <param name="Result">The joined result, for people.</param>
/// <param name="Report">The run's report.</param>
internal sealed record DemoOutcome(string Result, RunReport Report);
