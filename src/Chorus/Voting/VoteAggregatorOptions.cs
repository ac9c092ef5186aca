using Microsoft.Extensions.AI;

namespace Chorus.Voting;

/// <summary>
/// What the vote's aggregator needs: how answers are extracted, compared, weighted and grouped, and the rule that decides
/// when to stop. Used by <see cref="Aggregators.Vote"/> and, through <see cref="VoteOptions.Aggregator"/>, by every vote run.
/// </summary>
/// <remarks>The values are copied when the aggregator is built; the delegates must be thread-safe, fast and must not throw.</remarks>
public sealed class VoteAggregatorOptions
{
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
}
