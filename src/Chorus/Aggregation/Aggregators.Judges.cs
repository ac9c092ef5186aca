using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus;

/// <content>The model-backed aggregators: judge and jury.</content>
public static partial class Aggregators
{
    /// <summary>A model sees the successful candidates, in a seeded shuffled order, and picks the best one or writes a synthesis.</summary>
    /// <param name="client">The judge's client.</param>
    /// <param name="options">The mode, task, prompt and call options; <see langword="null"/> for the defaults (pick, shuffled).</param>
    /// <returns>
    /// An aggregator named <c>judge</c>. Its call is a second-stage branch (stage <c>judge</c>) run by the runner with the run's limits
    /// and accounting. Completing throws <see cref="AggregationException"/> when no branch succeeded, when the judge's branch fails,
    /// or when its verdict cannot be read or names no candidate (<see cref="AggregationException.RawOutput"/> holds its text).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static IAggregator<JudgeResult> Judge(IChatClient client, JudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new JudgeAggregator(client, options ?? new JudgeOptions());
    }

    /// <summary>Several jurors (one per aspect and/or per model) score every successful candidate from 1 to 10, and the scores are combined per candidate.</summary>
    /// <param name="jurors">The jurors; at least one, with unique labels.</param>
    /// <param name="options">How scores are combined, the task and the prompt; <see langword="null"/> for the defaults (weighted mean, shuffled).</param>
    /// <returns>
    /// An aggregator named <c>jury</c>. All jurors run as one second stage (stage <c>jury</c>) through the runner. A juror whose branch
    /// fails or whose output cannot be read abstains: it is shown in the evidence and the verdicts, never counted. Completing
    /// throws <see cref="AggregationException"/> when no branch succeeded or every juror abstained (with the first juror's raw output).
    /// With one candidate the jury scores that one response.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="jurors"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="jurors"/> is empty or two jurors share a label.</exception>
    public static IAggregator<JuryResult> Jury(IEnumerable<Juror> jurors, JuryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jurors);
        Juror[] copy = [.. jurors];
        if (copy.Length == 0)
        {
            throw new ArgumentException("A jury needs at least one juror; got 0.", nameof(jurors));
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < copy.Length; i++)
        {
            Juror juror = copy[i] ?? throw new ArgumentNullException(nameof(jurors), $"Juror {i} is null.");
            if (!labels.Add(juror.Label))
            {
                throw new ArgumentException($"Two jurors share the label '{juror.Label}'; labels must be unique.", nameof(jurors));
            }
        }

        return new JuryAggregator(copy, options ?? new JuryOptions());
    }
}
