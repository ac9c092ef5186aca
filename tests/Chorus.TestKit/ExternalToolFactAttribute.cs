using Xunit;

namespace Chorus.TestKit;

/// <summary>A <see cref="FactAttribute"/> that skips, with the reason, when an external tool or file it needs is missing; unless
/// <c>CHORUS_REQUIRE_EXTERNAL=1</c>, in which case the test runs and must fail on its own check (see <see cref="ExternalTools.MissingReason"/>).</summary>
/// <remarks>xUnit 2.9 has no dynamic skip, so the decision is made when the attribute is constructed, during discovery.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ExternalToolFactAttribute : FactAttribute
{
    /// <summary>Initializes the attribute.</summary>
    /// <param name="tool">The executable that must be on the PATH, e.g. <c>node</c>.</param>
    /// <param name="repoPaths">Paths, relative to the repository root, that must exist, e.g. <c>tests/npm/node_modules/openai</c>.</param>
    public ExternalToolFactAttribute(string tool, params string[] repoPaths)
    {
        Tool = tool;
        RepoPaths = repoPaths;
        if (ExternalTools.MissingReason(tool, repoPaths) is { } missing && !ExternalTools.IsRequired)
        {
            Skip = $"{missing} Set {ExternalTools.RequireVariable}=1 to fail instead of skipping.";
        }
    }

    /// <summary>Gets the executable the test needs.</summary>
    public string Tool { get; }

    /// <summary>Gets the repository paths the test needs.</summary>
    public IReadOnlyList<string> RepoPaths { get; }
}
