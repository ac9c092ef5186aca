using Chorus.TestKit;
using Chorus.Recipes;

namespace Chorus.Sandbox.Tests;

/// <summary>A fact that needs python3 and working bubblewrap isolation (bwrap installed, user namespaces, a process limit); skipped with the
/// sandbox's own reason elsewhere, unless CHORUS_REQUIRE_EXTERNAL=1.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IsolationFactAttribute : FactAttribute
{
    public IsolationFactAttribute()
    {
        if (Isolation.Missing.Value is { } reason && !ExternalTools.IsRequired)
        {
            Skip = $"{reason} Set {ExternalTools.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}

/// <summary>The theory twin of <see cref="IsolationFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IsolationTheoryAttribute : TheoryAttribute
{
    public IsolationTheoryAttribute()
    {
        if (Isolation.Missing.Value is { } reason && !ExternalTools.IsRequired)
        {
            Skip = $"{reason} Set {ExternalTools.RequireVariable}=1 to fail instead of skipping.";
        }
    }
}

/// <summary>Asks the sandbox itself (once per test run) whether isolation works here.</summary>
internal static class Isolation
{
    public static readonly Lazy<string?> Missing = new(Probe);

    private static string? Probe()
    {
        if (ExternalTools.FindOnPath("python3") is null)
        {
            return "python3 is not on the PATH.";
        }

        SandboxIsolation isolation = new CodeSandbox().GetIsolationAsync().GetAwaiter().GetResult();
        return isolation.Available ? null : $"Sandbox isolation is not available: {isolation.Note}.";
    }
}
