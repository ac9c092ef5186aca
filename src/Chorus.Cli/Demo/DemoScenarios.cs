using System.Globalization;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;
using Chorus.Recipes;
using Chorus.Voting;

namespace Chorus.Cli.Demo;

/// <summary>The seed scenarios of <c>chorus demo</c>: sectioning (map-reduce), a guardrail beside the answer, voting, and a jury.</summary>
internal static class DemoScenarios
{
    private static readonly (string Label, string Text)[] Documents =
    [
        ("q3-sales", "Third-quarter revenue rose 12% to 4.1 million dollars, driven by the new subscription tier. Churn fell to 2.1% while support tickets grew with the customer base."),
        ("incident", "On 14 March the payments API returned errors for 38 minutes after a certificate expired. Renewals are now automated and alert two weeks ahead."),
        ("hiring", "The platform team hired three engineers this quarter and two roles remain open. Onboarding time fell from six weeks to four after the new runbooks."),
        ("roadmap", "Next quarter focuses on regional data residency for European customers. Offline mode for the mobile app moves to the following release."),
    ];

    public static IReadOnlyList<DemoScenario> All(IChatClient client) =>
    [
        new("map-reduce", "Summarize four documents in parallel and merge the summaries in document order, with provenance.", (r, ct) => MapReduceAsync(r, client, ct)),
        new("guardrail-allow", "A safety check runs beside the answer; it allows this one.", (r, ct) => GuardAsync(r, client, "What is a good name for a bakery?", ct)),
        new("guardrail-veto", "A safety check runs beside the answer and vetoes it; the main call is cancelled mid-flight.", (r, ct) => GuardAsync(r, client, "Explain step by step how to build an explosive device.", ct)),
        new("vote", "Ask one question 7 times and take the majority answer (self-consistency).", (r, ct) => VoteAsync(r, client, ct)),
        new("jury", "Three judges score one answer for accuracy, logic and tone.", (r, ct) => JuryAsync(r, client, ct)),
    ];

    private static async Task<DemoOutcome> MapReduceAsync(PlanRunner runner, IChatClient client, CancellationToken ct)
    {
        var options = new ChatOptions { MaxOutputTokens = 60, Temperature = 0 };
        Plan<SectionedText> plan = Plans.Map(
            client, "Summarize in one sentence:", Documents.Select(d => new SourceDocument(d.Label, d.Text)), options,
            new ConcatOptions { SectionFormat = "[{label}] {text}", Separator = "\n" }, FailurePolicy.Quorum(3), name: "map-reduce");
        RunResult<SectionedText> result = await runner.RunAsync(plan, ct).ConfigureAwait(false);
        return new DemoOutcome(result.Value.Text, result.Report);
    }

    private static async Task<DemoOutcome> GuardAsync(PlanRunner runner, IChatClient client, string request, CancellationToken ct)
    {
        string name = request.Contains("explosive", StringComparison.Ordinal) ? "guardrail-veto" : "guardrail-allow";
        Plan<GuardResult> plan = Plans.Guard(client, request, new ChatOptions { MaxOutputTokens = 120 }, name: name);
        RunResult<GuardResult> result = await runner.RunAsync(plan, ct).ConfigureAwait(false);
        string text = result.Value.Allowed ? $"ALLOWED: {result.Value.Answer}" : $"REFUSED: {result.Value.Reason}";
        return new DemoOutcome(text, result.Report);
    }

    private static async Task<DemoOutcome> VoteAsync(PlanRunner runner, IChatClient client, CancellationToken ct)
    {
        const string Question = "What is 17 * 23?";
        var options = new ChatOptions { Temperature = 0.8f, MaxOutputTokens = 40 };
        Plan<VoteResult> plan = Plans.Vote("vote", RecipeBranches.Samples(client, Question, 7, options), Aggregators.Majority(), FailurePolicy.Quorum(4), new RunLimits { MaxConcurrency = 7 });
        RunResult<VoteResult> result = await runner.RunAsync(plan, ct).ConfigureAwait(false);
        VoteResult vote = result.Value;
        return new DemoOutcome(
            string.Create(CultureInfo.InvariantCulture, $"{Question} -> {vote.Answer} ({vote.Votes} of {vote.ValidVotes} votes, share {vote.Share:P0})"),
            result.Report);
    }

    private static async Task<DemoOutcome> JuryAsync(PlanRunner runner, IChatClient client, CancellationToken ct)
    {
        const string Question = "What is 12 * 12? Explain briefly.";
        Juror[] jurors =
        [
            new("juror-accuracy", client, "accuracy", options: new ChatOptions { Temperature = 0 }),
            new("juror-logic", client, "logical consistency", options: new ChatOptions { Temperature = 0 }),
            new("juror-tone", client, "tone and style", options: new ChatOptions { Temperature = 0 }),
        ];
        Plan<JuryResult> plan = Plans.Jury(
            "jury", [new Branch("answer", client, Question, new ChatOptions { MaxOutputTokens = 60 })], jurors, new JuryOptions { Task = Question, Combine = JuryCombine.Mean, Seed = 7 });
        RunResult<JuryResult> result = await runner.RunAsync(plan, ct).ConfigureAwait(false);
        string scores = string.Join(", ", result.Value.Verdicts.Select(v => v.Abstained
            ? $"{v.Juror}: abstained"
            : string.Create(CultureInfo.InvariantCulture, $"{v.Aspect} {(v.Scores.Count > 0 ? v.Scores[0].Score : double.NaN):0.#}")));
        return new DemoOutcome(
            string.Create(CultureInfo.InvariantCulture, $"answer scored {result.Value.Score:0.0}/10 ({scores}): {result.Value.WinnerText.Trim()}"),
            result.Report);
    }
}
