using Microsoft.Extensions.AI;

namespace Chorus.Cli.Runs;

/// <summary>What a verb builds its recipe from: the client to call (already wired to progress), the model name and the run settings.</summary>
/// <param name="Client">The client every branch, judge and juror should use.</param>
/// <param name="Model">The connection's model name.</param>
/// <param name="Settings">The run settings, for limits.</param>
internal sealed record RecipeContext(IChatClient Client, string Model, RunSettings Settings);
