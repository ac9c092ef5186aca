namespace Chorus.Sandbox;

/// <summary>The languages the sandbox can run.</summary>
public enum CodeLanguage
{
    /// <summary>Python 3: the candidate is <c>solution.py</c>, the tests are <c>test_solution.py</c> (which imports from <c>solution</c>) run with <c>python3</c>.</summary>
    Python,

    /// <summary>
    /// C#: the candidate is <c>Solution.cs</c> (types only), the tests are <c>Program.cs</c> (top-level statements that return the exit code),
    /// built with <c>dotnet build</c> into a console app and run with <c>dotnet</c>.
    /// </summary>
    CSharp,
}
