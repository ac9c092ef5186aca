namespace Chorus.Simulator;

/// <summary>Builds the OpenAI wire objects of one planned answer.</summary>
internal sealed class CompletionWire(SimulatedPlan plan, string model, long created)
{
    public SimulatedPlan Plan => plan;

    public string Model => model;

    public long Created => created;

    public UsageDto Usage() => new(plan.PromptTokens, plan.CompletionTokens, plan.PromptTokens + plan.CompletionTokens);

    public ChatCompletionDto Completion() => new(
        plan.Id,
        "chat.completion",
        created,
        model,
        plan.Fault == SimulatedFault.EmptyChoices
            ? []
            : [.. plan.Choices.Select((c, i) => new ChoiceDto(i, new MessageDto("assistant", c.Text, null), null, c.FinishReason))],
        plan.Fault == SimulatedFault.MissingUsage ? null : Usage(),
        SimulatorConstants.SystemFingerprint);
}
