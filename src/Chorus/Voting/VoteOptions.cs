using Microsoft.Extensions.AI;
using Chorus.Recipes;

namespace Chorus.Voting;

/// <summary>
/// Options for a vote run over samples: how many, how many at once, each sample's timeout and chat options, and the runner;
/// how answers are counted is <see cref="Aggregator"/>. Used by <see cref="VotingExtensions.VoteAsync(IChatClient, string, VoteOptions?, CancellationToken)"/>
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

    /// <summary>Gets or sets what the vote's aggregator needs: extraction, normalization, tie rule, weights, clustering and the stopping rule.</summary>
    /// <value>The default is a new <see cref="VoteAggregatorOptions"/> with its defaults. Must not be <see langword="null"/>. Set its members in place with a nested initializer: <c>new VoteOptions { Aggregator = { StoppingRule = StoppingRules.Window(5) } }</c>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public VoteAggregatorOptions Aggregator
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = new();
}
