using Chorus.Recipes;

namespace Chorus.Sandbox;

/// <summary>How candidates are isolated on this machine, and why not when they cannot be.</summary>
/// <param name="Available">Whether bubblewrap isolation works here (bwrap installed, user namespaces allowed, a way to limit processes).</param>
/// <param name="Name">The isolation used, for reports: for example <c>bubblewrap 0.8.0</c>, or <c>none</c>.</param>
/// <param name="Note">One line for reports: what the isolation consists of, or which piece is missing.</param>
public sealed record SandboxIsolation(bool Available, string Name, string Note)
{
    /// <summary>Gets the isolation as one line: <see cref="Name"/> then <see cref="Note"/>.</summary>
    public string Describe() => $"{Name}: {Note}";
}
