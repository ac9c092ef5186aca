using Chorus.Recipes;

namespace Chorus.Sandbox;

/// <summary>Whether the machine lets the sandbox cut runs off the network, and why not when it does not.</summary>
/// <param name="Available">Whether <c>unshare --net --pid --fork</c> works here (it needs root or unprivileged user namespaces).</param>
/// <param name="Note">One line for reports, for example why isolation could not be applied.</param>
public sealed record SandboxIsolation(bool Available, string Note);
