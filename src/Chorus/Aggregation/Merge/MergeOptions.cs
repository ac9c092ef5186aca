using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Options for <see cref="Aggregators.Merge{T}"/>.</summary>
/// <remarks>The aggregator copies the values (and clones <see cref="SynthesizerOptions"/>) when it is created.</remarks>
public sealed class MergeOptions
{
    /// <summary>Gets or sets a value indicating whether a conflict fails the merge instead of keeping the first value.</summary>
    /// <value>The default is <see langword="false"/>: the earliest section's value is kept and the conflict is listed in the result and the evidence.</value>
    public bool FailOnConflict { get; set; }

    /// <summary>Gets or sets the model that writes the final text from the merged object (an optional second stage named <c>synthesize</c>).</summary>
    /// <value>The default is <see langword="null"/>: no final text.</value>
    public IChatClient? Synthesizer { get; set; }

    /// <summary>Gets or sets the synthesizer's prompt; <c>{merged}</c> is the merged JSON and <c>{conflicts}</c> the conflicts, one per line.</summary>
    /// <value>The default is <see langword="null"/>: a prompt asking for a clear, complete text that states the conflicts. Must not be blank when set.</value>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? SynthesizerPrompt
    {
        get;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the options of the synthesizer's call.</summary>
    /// <value>The default is <see langword="null"/>: none.</value>
    public ChatOptions? SynthesizerOptions { get; set; }
}
