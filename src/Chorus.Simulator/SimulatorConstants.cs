namespace Chorus.Simulator;

/// <summary>Defaults and fixed names of the simulator.</summary>
internal static class SimulatorConstants
{
    public const string DefaultModel = "chorus-sim-1";

    public const string SystemFingerprint = "fp_chorus_sim";

    public const string Owner = "chorus";

    /// <summary>Output tokens assumed for a request without <c>max_tokens</c>, both for filler length and for the TPM estimate.</summary>
    public const int DefaultCompletionTokens = 60;

    /// <summary>The largest <c>n</c> accepted, as OpenAI.</summary>
    public const int MaxChoices = 128;

    /// <summary>Bucket capacity floor, in requests or tokens (see <see cref="SimulatorOptions.BurstSeconds"/>).</summary>
    public const double MinBurst = 2;

    public const string VerdictSchema = "chorus_verdict";

    public const string ScoresSchema = "chorus_scores";

    public const string GuardInstruction = "Answer SAFE or UNSAFE";

    public const string SummarizeInstruction = "Summarize";

    public static readonly string[] Blocklist = ["weapon", "explosive", "malware", "poison", "ransomware"];
}
