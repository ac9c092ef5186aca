namespace Chorus.Voting;

/// <summary>Options for <see cref="Aggregators.Majority"/>: how answers are extracted, compared and tied.</summary>
/// <remarks>The aggregator copies the values when it is created; the delegates must be safe to call from several runs at once.</remarks>
public sealed class MajorityVoteOptions
{
    /// <summary>Gets or sets the function that finds the answer in a response's text; <see langword="null"/> or blank means the branch has no answer and abstains.</summary>
    /// <remarks>It runs inside <see cref="IAggregation{TResult}.Add"/>, so it must be fast and must not throw: an exception is a bug and propagates to the runner.</remarks>
    /// <value>
    /// The default takes the text after the last "the answer is" (up to the end of its line), otherwise the last number
    /// (thousands separators removed), otherwise the whole trimmed text. Must not be <see langword="null"/>.
    /// </value>
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
    /// <value>
    /// The default trims, lower-cases (invariant culture), collapses runs of white space to one space and strips trailing
    /// punctuation (<c>. , ; : ! ?</c>). Must not be <see langword="null"/>.
    /// </value>
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

    /// <summary>Gets or sets which answer wins a tie for the most votes.</summary>
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

    /// <summary>Gets or sets a value indicating whether the vote settles as soon as no outcome still to come can change the winner, so the runner cancels the rest.</summary>
    /// <value>
    /// The default is <see langword="true"/>. The check is exact for the <see cref="TieRule"/>: with
    /// <see cref="MajorityTieRule.NoDecision"/> the leader must be strictly out of reach; with
    /// <see cref="MajorityTieRule.FirstToReach"/> a possible later tie cannot unseat the leader, who reached the count first;
    /// with <see cref="MajorityTieRule.LowestBranchIndex"/> a possible tie settles only if the leader's lowest branch index
    /// beats every branch that could still tie it.
    /// </value>
    public bool SettleWhenDecided { get; set; } = true;
}
