namespace Chorus.Sandbox.Tests;

/// <summary>
/// The code best-of aggregator passes the answer contract; every candidate runs in the real sandbox (python3 and unshare,
/// as the IsolationFact tests need), against tests that any function passes.
/// </summary>
public sealed class CodeBestOfAggregatorContractTests : AnswerAggregatorContractTests<CodeBestOfResult>
{
    protected override IAggregator<CodeBestOfResult> CreateAggregator() => new CodeBestOfAggregator(new CodeBestOfOptions
    {
        Tests = "import solution\n",
        Sandbox = new CodeSandbox(new SandboxOptions { WallTimeout = TimeSpan.FromSeconds(10) }),
    });

    protected override string Answer(string word) => $"```python\ndef {word}():\n    return 1\n```";

    protected override string ResultText(CodeBestOfResult value) => value.Code;

    /// <remarks>Its own wording: it counts the branches, not the statuses (it keeps its own bookkeeping, see issue 11 item 6).</remarks>
    protected override void AssertNoSuccessMessage(string message, int branchCount) =>
        Assert.Equal($"No candidate to test: none of the {branchCount} branches succeeded.", message);
}
