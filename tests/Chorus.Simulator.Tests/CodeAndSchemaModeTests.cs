using System.Text.Json;

namespace Chorus.Simulator.Tests;

public sealed class CodeAndSchemaModeTests
{
    private const string FibPython = "Write a Python function fib(n) returning the n-th Fibonacci number. [code-task: fib]";

    [Fact]
    public void Code_PythonTask_ReturnsOneFencedPythonBlock()
    {
        string reply = EngineHarness.Create().Ask(FibPython);

        Assert.Contains("```python\ndef fib(n):", reply);
        Assert.EndsWith("```\n", reply);
        Assert.DoesNotContain("[code-task", reply);
    }

    [Fact]
    public void Code_CSharpTask_ReturnsSolutionClass()
    {
        string reply = EngineHarness.Create().Ask("Write a C# method Solution.IsPrime(int n). [code-task: is_prime]");

        Assert.Contains("```csharp\npublic static class Solution", reply);
        Assert.Contains("IsPrime(int n)", reply);
    }

    [Fact]
    public void Code_ManySamples_EveryVariantAppearsAndTheSameSeedRepeatsThem()
    {
        string[] first = Sample(seed: 11);
        string[] second = Sample(seed: 11);

        Assert.Equal(first, second);
        Assert.Contains(first, r => r.Contains("for _ in range(n):\n        a, b = b, a + b", StringComparison.Ordinal) && r.Contains("a, b = 0, 1", StringComparison.Ordinal));   // correct, fast
        Assert.Contains(first, r => r.Contains("return fib(n - 1) + fib(n - 2)", StringComparison.Ordinal));   // correct, slow
        Assert.Contains(first, r => r.Contains("a, b = 1, 1", StringComparison.Ordinal));   // wrong
        Assert.Contains(first, r => r.Contains("while n >= 0:", StringComparison.Ordinal));   // never ends
        Assert.NotEqual(first, Sample(seed: 12));
    }

    [Fact]
    public void Code_PrintEnvironmentHint_EveryLanguagePrintsItsEnvironmentFirst()
    {
        string python = EngineHarness.Create().Ask(FibPython + " [code-print-env]");
        string csharp = EngineHarness.Create().Ask("Write a C# method Solution.Fib(int n). [code-task: fib] [code-print-env]");

        Assert.Contains("```python\nimport os, sys\n_env = ' '.join(k + '=' + v for k, v in sorted(os.environ.items()))\nprint(_env)\n", python);
        Assert.Contains("def fib(n):", python);
        Assert.Contains("public static class Solution\n{\n    static Solution()\n", csharp);
        Assert.Contains("System.Environment.GetEnvironmentVariables()", csharp);
    }

    [Fact]
    public void Code_UnknownTask_SaysSo()
    {
        Assert.Equal("I do not know the task 'sort'. The simulator's code mode knows fib and is_prime.", EngineHarness.Create().Ask("[code-task: sort]"));
    }

    [Fact]
    public void Schema_ObjectSchema_ReplyFollowsIt()
    {
        using JsonDocument schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "city":{"type":"string"},
              "total_cost":{"type":"number","minimum":100,"maximum":200},
              "days":{"type":"integer","minimum":2,"maximum":2},
              "pace":{"type":"string","enum":["slow","fast"]},
              "stops":{"type":"array","minItems":1,"maxItems":3,"items":{"$ref":"#/$defs/stop"}},
              "note":{"type":["string","null"]}},
             "$defs":{"stop":{"type":"object","properties":{"minutes":{"type":"integer"}}}}}
            """);
        SimulatedRequest request = EngineHarness.Request("plan a trip") with { ResponseFormat = "json_schema", SchemaName = "trip", Schema = schema.RootElement.Clone() };

        using JsonDocument reply = JsonDocument.Parse(EngineHarness.Create().Plan(request).Choices[0].Text);

        JsonElement root = reply.RootElement;
        Assert.Contains(root.GetProperty("city").GetString(), new[] { "Lisbon", "Porto", "Kyoto", "Osaka", "Vienna" });
        Assert.InRange(root.GetProperty("total_cost").GetDouble(), 100, 200);
        Assert.Equal(2, root.GetProperty("days").GetInt32());
        Assert.Contains(root.GetProperty("pace").GetString(), new[] { "slow", "fast" });
        Assert.InRange(root.GetProperty("stops").GetArrayLength(), 1, 3);
        Assert.All(root.GetProperty("stops").EnumerateArray(), s => Assert.InRange(s.GetProperty("minutes").GetInt32(), 10, 120));
        Assert.Equal(JsonValueKind.String, root.GetProperty("note").ValueKind);
    }

    private static string[] Sample(int seed)
    {
        SimulatedModel model = EngineHarness.Create(o => o.Seed = seed);
        return [.. Enumerable.Range(0, 40).Select(_ => model.Ask(FibPython))];
    }
}
