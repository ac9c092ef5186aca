using Microsoft.Extensions.AI;
using Chorus.Recipes;

namespace Chorus.Voting;

/// <summary>
/// Options for a vote over samples: how many, how many at once, when to stop, and how answers are extracted, compared,
/// weighted and grouped. Used by <see cref="Aggregators.Vote"/>, <see cref="VotingExtensions.VoteAsync(IChatClient, string, VoteOptions?, CancellationToken)"/>
/// and <see cref="VotingChatClient"/>.
/// </summary>
/// <remarks>The values are copied when the aggregator or client is built; the delegates must be thread-safe, fast and must not throw.</remarks>
public sealed class VoteOptions
{
    /// <summary>Gets or sets the most samples the vote takes.</summary>
    /// <value>The default is 10. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxSamples
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 10;

    /// <summary>Gets or sets how many samples are in flight at once: each lands, is counted, and the next starts only if the rule has not stopped the vote.</summary>
    /// <value>The default is 8. Must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int Concurrency
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 8;

    /// <summary>Gets or sets the rule that decides, after each sample, whether to stop; samples still in flight are then cancelled and their tokens counted.</summary>
    /// <value>The default is <see cref="StoppingRules.Adaptive"/> with threshold 0.95 and the Beta model. Must not be <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public IStoppingRule StoppingRule
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = StoppingRules.Adaptive();

    /// <summary>Gets or sets the function that finds the answer in a sample's text; <see langword="null"/> means the sample abstains.</summary>
    /// <value>The default is <see cref="AnswerExtractors.Auto"/>. Must not be <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Func<string, string?> AnswerExtractor
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = AnswerExtractors.Auto;

    /// <summary>Gets or sets the function that maps an extracted answer to the key votes are counted on; an empty key abstains.</summary>
    /// <value>The default is <see cref="AnswerNormalizers.Default"/>. Must not be <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public Func<string, string> Normalizer
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = AnswerNormalizers.Default;

    /// <summary>Gets or sets which answer wins when two have the same weight.</summary>
    /// <value>The default is <see cref="MajorityTieRule.FirstToReach"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="MajorityTieRule"/>.</exception>
    public MajorityTieRule TieRule
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(TieRule)} must be a defined {nameof(MajorityTieRule)}, was {value}.");
            }

            field = value;
        }
    } = MajorityTieRule.FirstToReach;

    /// <summary>Gets or sets the weight of a successful sample's vote, for example per model (<see cref="VoteWeights.PerModel"/>) or from a confidence signal (<see cref="VoteWeights.FromLogprobs"/>).</summary>
    /// <value>The default is <see langword="null"/>: every vote weighs 1. A weight that is not positive and finite makes the sample abstain.</value>
    public Func<BranchOutcome, double>? Weight { get; set; }

    /// <summary>Gets or sets a model that groups answers meaning the same before the count (Universal Self-Consistency); its call is a second stage named <c>cluster</c>.</summary>
    /// <value>The default is <see langword="null"/>: answers are grouped only by <see cref="Normalizer"/>. Stopping rules see normalized answers; grouping happens once sampling has stopped.</value>
    public IChatClient? Clusterer { get; set; }

    /// <summary>Gets or sets the options for the <see cref="Clusterer"/>'s call.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ChatOptions? ClustererOptions { get; set; }

    /// <summary>Gets or sets the options for each sample's call in <see cref="VotingExtensions"/>; the <see cref="VotingChatClient"/> uses the caller's options instead.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Gets or sets how long one sample may run.</summary>
    /// <value>The default is <see langword="null"/>: no per-sample timeout. Must be positive when set.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? SampleTimeout
    {
        get;
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, TimeSpan.Zero);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the runner that runs the samples (its clock, prices and streaming setting apply).</summary>
    /// <value>The default is <see langword="null"/>, which means <see cref="PlanRunner.Default"/>.</value>
    public PlanRunner? Runner { get; set; }
}
