using Microsoft.Extensions.AI;

namespace Chorus.Aggregation;

/// <summary>Builds a panel of jurors: every model scores every aspect of a rubric.</summary>
public static class JuryPanel
{
    /// <summary>Creates one juror per model and aspect, labelled <c>model/aspect</c>, with the aspect's criteria as its rubric.</summary>
    /// <param name="models">The panel's models: a label, a client and the call options (for example the model id); labels must be unique.</param>
    /// <param name="aspects">The rubric; <see langword="null"/> for <see cref="RubricAspect.Default"/>.</param>
    /// <param name="weights">Each model's weight by label (for example its held-out accuracy); <see langword="null"/> or a missing label means 1.</param>
    /// <returns>The jurors, model by model, aspect by aspect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="models"/> or <paramref name="aspects"/> is empty, or two labels are equal.</exception>
    public static IReadOnlyList<Juror> Create(
        IEnumerable<(string Label, IChatClient Client, ChatOptions? Options)> models,
        IEnumerable<RubricAspect>? aspects = null,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        (string Label, IChatClient Client, ChatOptions? Options)[] panel = [.. models];
        RubricAspect[] rubric = [.. aspects ?? RubricAspect.Default];
        if (panel.Length == 0)
        {
            throw new ArgumentException("A panel needs at least one model; got 0.", nameof(models));
        }

        if (rubric.Length == 0)
        {
            throw new ArgumentException("A rubric needs at least one aspect; got 0.", nameof(aspects));
        }

        var jurors = new List<Juror>(panel.Length * rubric.Length);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string label, IChatClient client, ChatOptions? options) in panel)
        {
            foreach (RubricAspect aspect in rubric)
            {
                string jurorLabel = $"{label}/{aspect.Name}";
                if (!labels.Add(jurorLabel))
                {
                    throw new ArgumentException($"Two jurors would share the label '{jurorLabel}'; model labels and aspect names must be unique.", nameof(models));
                }

                jurors.Add(new Juror(jurorLabel, client, aspect.Name, weights?.GetValueOrDefault(label, 1) ?? 1, options) { Criteria = aspect.Criteria });
            }
        }

        return jurors;
    }
}
