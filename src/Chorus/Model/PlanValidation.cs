namespace Chorus;

/// <summary>Checks that a set of branches can run together.</summary>
internal static class PlanValidation
{
    public static void CheckBranches(IReadOnlyList<Branch> branches, string paramName)
    {
        if (branches.Count == 0)
        {
            throw new ArgumentException("A plan needs at least one branch; got 0.", paramName);
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < branches.Count; i++)
        {
            Branch? branch = branches[i] ?? throw new ArgumentNullException(paramName, $"Branch {i} is null.");
            if (!labels.Add(branch.Label))
            {
                throw new ArgumentException($"Two branches share the label '{branch.Label}'; labels must be unique.", paramName);
            }
        }
    }
}
