namespace Chorus.Scheduling;

/// <summary>Names shared by the scheduling middleware.</summary>
internal static class SchedulingConstants
{
    /// <summary>The <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/> key of the sample count, sent as <c>n</c>
    /// (the same key as <c>Chorus.OpenAI.ChatSampleExtensions.SampleCountKey</c>, which core cannot reference).</summary>
    public const string SampleCountKey = "n";

    /// <summary>The flow of calls made outside a runner: they take turns with runs as one more run.</summary>
    public static readonly object NoRun = new();
}
