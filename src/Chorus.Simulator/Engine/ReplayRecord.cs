using System.Text.Json;

namespace Chorus.Simulator;

/// <summary>One line of a replay file. Unknown fields (<c>gold</c>, <c>dataset</c>, ...) are ignored.</summary>
internal sealed class ReplayRecord
{
    public string? Id { get; set; }

    public string? Question { get; set; }

    public List<string?>? Samples { get; set; }

    public List<JsonElement>? Answers { get; set; }
}
