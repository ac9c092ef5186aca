using System.Text.Json.Serialization.Metadata;
using Chorus.Aggregation;

namespace Chorus;

/// <content>The typed merge.</content>
public static partial class Aggregators
{
    /// <summary>
    /// Merges typed sections: each branch returns a JSON object (for example built with <see cref="TypedSection.Create{TSection}"/>),
    /// and the objects are combined field by field into one <typeparamref name="T"/>. Two sections that set one field differently are a
    /// conflict: the earlier branch's value is kept and the conflict is listed (never overwritten silently), or the merge fails with
    /// <see cref="MergeOptions.FailOnConflict"/>. A <see langword="null"/> field means "not set by this section".
    /// </summary>
    /// <typeparam name="T">The merged type.</typeparam>
    /// <param name="typeInfo">The merged type's metadata, used to read the merged JSON.</param>
    /// <param name="options">Conflict handling and the optional synthesizer; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// An aggregator named <c>merge</c>. The evidence names the section of every field and every conflict. Completing throws
    /// <see cref="AggregationException"/> when no section is readable, when the merged JSON is not a valid <typeparamref name="T"/>
    /// (<see cref="AggregationException.RawOutput"/> holds it), or on a conflict with <see cref="MergeOptions.FailOnConflict"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    public static IAggregator<MergeResult<T>> Merge<T>(JsonTypeInfo<T> typeInfo, MergeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new MergeAggregator<T>(typeInfo, options ?? new MergeOptions());
    }
}
