using System.Text.Json.Serialization;
using Chorus.Voting;

namespace Chorus.Benchmarks.Voting;

/// <summary>The voting benchmark's output for one dataset (accuracies in percent).</summary>
internal sealed record VotingReport(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("samples_per_question")] double SamplesPerQuestion,
    [property: JsonPropertyName("first_sample_accuracy")] double FirstSampleAccuracy,
    [property: JsonPropertyName("majority_accuracy")] double MajorityAccuracy,
    [property: JsonPropertyName("extractor_agreement")] double? ExtractorAgreement,
    [property: JsonPropertyName("rules")] IReadOnlyList<RuleRow> Rules)
{
    [JsonPropertyName("seeds")]
    public int Seeds { get; init; }

    [JsonPropertyName("raw_text")]
    public bool RawText { get; init; }

    [JsonPropertyName("first_sample_accuracy_permuted")]
    public double FirstSampleAccuracyPermuted { get; init; }

    [JsonPropertyName("majority_accuracy_recorded_answers")]
    public double MajorityAccuracyRecordedAnswers { get; init; }

    [JsonPropertyName("majority_accuracy_independent")]
    public double MajorityAccuracyIndependent { get; init; }

    [JsonPropertyName("majority_reproduced")]
    public bool MajorityReproduced { get; init; }

    [JsonPropertyName("wall_questions")]
    public int WallQuestions { get; init; }

    [JsonPropertyName("concurrency")]
    public int Concurrency { get; init; }

    [JsonPropertyName("voters")]
    public IReadOnlyList<VoterRow>? Voters { get; init; }
}

/// <summary>One stopping rule's figures: accuracy and samples over the permutation seeds, wall time against majority@N at concurrency 8.</summary>
internal sealed record RuleRow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("accuracy_sd")] double AccuracySd,
    [property: JsonPropertyName("mean_samples")] double MeanSamples,
    [property: JsonPropertyName("wall_ratio")] double WallRatio)
{
    [JsonPropertyName("mean_samples_sd")]
    public double MeanSamplesSd { get; init; }

    [JsonPropertyName("sample_ratio")]
    public double SampleRatio { get; init; }

    [JsonPropertyName("wall_accuracy")]
    public double WallAccuracy { get; init; }

    [JsonPropertyName("wall_mean_samples_used")]
    public double WallMeanUsed { get; init; }

    [JsonPropertyName("wall_mean_samples_started")]
    public double WallMeanStarted { get; init; }

    [JsonPropertyName("wall_cancelled_tokens_per_question")]
    public double WallCancelledTokens { get; init; }

    [JsonPropertyName("wall_ms_per_question")]
    public double WallMsPerQuestion { get; init; }
}

/// <summary>One panel voter's accuracy against the gold labels (majority@N order).</summary>
internal sealed record VoterRow(
    [property: JsonPropertyName("voter")] string Voter,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("accuracy")] double Accuracy);
