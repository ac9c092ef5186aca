namespace Chorus.Simulator.Tests;

/// <summary>Builds the transport-free engine and asks it questions.</summary>
internal static class EngineHarness
{
    public static SimulatedModel Create(Action<SimulatorOptions>? configure = null) =>
        new(SimulatorSettings.From(SimulatorHarness.FastOptions(configure)));

    public static SimulatedRequest Request(string user, string? system = null, int n = 1) =>
        new(system is null ? [new SimulatedMessage("user", user)] : [new SimulatedMessage("system", system), new SimulatedMessage("user", user)]) { N = n };

    public static string Ask(this SimulatedModel model, string user, string? system = null) =>
        model.Plan(Request(user, system)).Choices[0].Text;
}
