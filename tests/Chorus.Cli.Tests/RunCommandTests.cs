using System.Text.Json;

namespace Chorus.Cli.Tests;

public class RunCommandTests
{
    [Theory]
    [InlineData("vote.yaml", "majority", new[] { "mini-1", "mini-2", "mini-3", "large-1", "large-2" })]
    [InlineData("jury.yaml", "jury", new[] { "candidate-1", "candidate-2", "candidate-3", "juror-accuracy", "juror-clarity" })]
    public async Task Run_SamplePlans_RunOnTheSimulator(string sample, string strategy, string[] labels)
    {
        string plan = Path.Combine(ExternalTools.FindRepoRoot()!, "samples", "plans", sample);

        (int exit, CliHarness cli) = await CliHarness.RunAsync("run", plan, "--json");

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(strategy, doc.RootElement.GetProperty("strategy").GetString());
        Assert.Equal(labels, doc.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Run_ModelsAndPrices_EachBranchAsksForItsModelAndIsCostedAtThePlansPrice()
    {
        using var dir = new TempDirectory();
        dir.Write("plan.yaml", """
            name: priced
            aggregator: concat
            prices:
              big-model: { input: 2, output: 10 }
            branches:
              - { label: big, prompt: "Summarize in one sentence: The sky is blue. Grass is green.", model: big-model }
              - { label: default, prompt: "Summarize in one sentence: Water is wet. Fire is hot." }
            """);
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "plan.yaml", "--json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        JsonElement big = doc.RootElement.GetProperty("branches")[0], other = doc.RootElement.GetProperty("branches")[1];
        Assert.Equal("priced", doc.RootElement.GetProperty("scenario").GetString());
        Assert.Equal("big-model", big.GetProperty("model").GetString());
        Assert.Equal("chorus-sim-1", other.GetProperty("model").GetString());
        decimal expected = ((big.GetProperty("input_tokens").GetInt64() * 2m) + (big.GetProperty("output_tokens").GetInt64() * 10m)) / 1_000_000m;
        Assert.Equal(expected, big.GetProperty("cost").GetDecimal());
    }

    [Theory]
    [InlineData("concat", "concat")]
    [InlineData("union", "union")]
    [InlineData("{ type: judge, task: What is 2 + 2?, mode: pick }", "judge")]
    [InlineData("{ type: majority, tie_rule: lowest_branch_index, settle_early: false }", "majority")]
    public async Task Run_EachAggregator_RunsEndToEnd(string aggregator, string strategy)
    {
        using var dir = new TempDirectory();
        dir.Write("plan.yaml", $"aggregator: {aggregator}\nbranches:\n  - {{ label: a, prompt: What is 2 + 2?, repeat: 3 }}\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "plan.yaml", "--json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.Equal(strategy, doc.RootElement.GetProperty("strategy").GetString());
        Assert.Equal("plan", doc.RootElement.GetProperty("scenario").GetString());    // the file name when the plan has none
    }

    [Fact]
    public async Task Run_GuardPlan_VetoesAnUnsafeRequest()
    {
        using var dir = new TempDirectory();
        dir.Write("plan.yaml", """
            aggregator: guard
            branches:
              - { label: guard, prompt: "You are a safety classifier. Answer SAFE or UNSAFE.\nRequest: how to build an explosive device" }
              - { label: answer, prompt: how to build an explosive device }
            """);
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "plan.yaml", "--json"]);

        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(cli.Output.ToString());
        Assert.StartsWith("refused", doc.RootElement.GetProperty("decision").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Run_Check_ReadsThePlanAndCallsNothing()
    {
        using var dir = new TempDirectory();
        dir.Write("p.yaml", "aggregator: majority\nfailure_policy: quorum(2)\nbranches:\n  - { prompt: q, repeat: 3 }\n");
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "p.yaml", "--check"]);

        Assert.Equal(0, exit);
        Assert.Equal("p.yaml: ok: plan 'p', 3 branches, aggregator majority, failure policy quorum(2).", cli.Output.ToString().Trim());
        Assert.Equal(string.Empty, cli.Error.ToString());
    }

    [Theory]
    [InlineData("aggregator: average\nbranches:\n  - prompt: q\n",
        "chorus: plan.yaml:1: unknown aggregator 'average'.", "hint: choose one of: majority, concat, union, jury, judge, guard")]
    [InlineData("aggregator: majority\nfailure_policy: quorum(4)\nbranches:\n  - { prompt: q, repeat: 3 }\n",
        "chorus: plan.yaml:2: failure_policy quorum(4) needs 4 successful branches but the plan has only 3.", "hint: lower the quorum to at most 3")]
    [InlineData("aggregator: majority\nbranches:\n  - label: a\n    prompt: q\n  - label: b\n    model: m\n",
        "chorus: plan.yaml:5: branch 2 ('b') has no prompt.", "hint: add 'prompt: ...'")]
    [InlineData("aggregator: majority\nbranches:\n  - prompt: \"unclosed\n  - prompt: q\n",
        "chorus: plan.yaml:3: YAML syntax error: While scanning a multi-line double-quoted scalar", "hint: check the indentation")]
    [InlineData("aggregator: majority\nbranches:\n  - prompt: q\n   label: x\n",
        "chorus: plan.yaml:4: YAML syntax error: While parsing a block collection, did not find expected '-' indicator.", "hint: check the indentation")]
    [InlineData("aggregator: majority\nbranches:\n  - prompt: q\n    temprature: 0.5\n",
        "chorus: plan.yaml:4: unknown key 'temprature' in branch 1.", "hint: known keys: label, prompt, system, model, temperature")]
    [InlineData("aggregator: majority\nbranches:\n  - { label: a, prompt: q }\n  - { label: a, prompt: r }\n",
        "chorus: plan.yaml:4: two branches are labelled 'a' (the other is on line 3); labels must be unique.", null)]
    [InlineData("aggregator: majority\nfailure_policy: most\nbranches:\n  - prompt: q\n",
        "chorus: plan.yaml:2: failure_policy must be best_effort, fail_fast or quorum(N) with N at least 1; got 'most'.", null)]
    [InlineData("aggregator: guard\nbranches:\n  - { label: a, prompt: q }\n  - { label: b, prompt: q }\n",
        "chorus: plan.yaml:1: the guard aggregator needs a branch labelled 'guard' and at least one other branch (the answer).", null)]
    [InlineData("aggregator: majority\n", "chorus: plan.yaml:1: the plan has no branches.", "hint: add 'branches:'")]
    [InlineData("branches:\n  - prompt: q\n", "chorus: plan.yaml:1: the plan has no aggregator.", "hint: add 'aggregator: majority'")]
    [InlineData("aggregator: majority\nbranches:\n  - { prompt: q, temperature: 3 }\n",
        "chorus: plan.yaml:3: 'temperature' must be a number from 0 to 2; got '3'.", null)]
    [InlineData("aggregator: { type: jury, combine: avg }\nbranches:\n  - prompt: q\n",
        "chorus: plan.yaml:1: 'combine' must be one of mean, median, majority; got 'avg'.", null)]
    public async Task Run_BadPlan_IsAOneLineErrorWithTheLineAndExitsOne(string yaml, string expected, string? hint)
    {
        using var dir = new TempDirectory();
        dir.Write("plan.yaml", yaml);
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["run", "plan.yaml"]);

        Assert.Equal(1, exit);
        string[] lines = cli.Error.ToString().TrimEnd().Split('\n');
        Assert.StartsWith(expected, lines[0]);
        Assert.True(lines.Length <= 2, cli.Error.ToString());
        if (hint is not null)
        {
            Assert.StartsWith("  " + hint, lines[1]);
        }

        Assert.Equal(string.Empty, cli.ConsoleText.ToString());    // nothing ran
    }

    [Fact]
    public async Task Run_MissingFile_IsAUsageError()
    {
        (int exit, CliHarness cli) = await CliHarness.RunAsync("run", "no-such-plan.yaml");

        Assert.Equal(1, exit);
        Assert.StartsWith("chorus: plan file 'no-such-plan.yaml' does not exist.", cli.Error.ToString());
    }
}
