using Chorus.Reporting;

namespace Chorus.Cli.Runs;

/// <summary>What a recipe produced.</summary>
/// <param name="Result">The joined result, for people (one line or a short text).</param>
/// <param name="Report">The run's report.</param>
internal sealed record RecipeOutcome(string Result, RunReport Report);
