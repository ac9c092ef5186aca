using System.Text.Json.Serialization.Metadata;
using Chorus.Aggregation;
using Chorus.Recipes;
using Chorus.Voting;
using Microsoft.Extensions.AI;

namespace Chorus.Recipes;

/// <summary>
/// The recipe layer: each recipe is a function from inputs and options to a <see cref="Plan{TResult}"/>. The CLI verbs, plan
/// files, <c>chorus demo</c>, the samples and the library's own surfaces (<see cref="VotingExtensions"/>, the voting chat
/// client) build their plans here and nowhere else, so a recipe behaves the same wherever it is used.
/// </summary>
/// <remarks>
/// Every function validates its inputs, copies the limits it is given, and returns a plan that can be run any number of
/// times. Where <c>limits</c> is <see langword="null"/>, <see cref="RunLimits"/>' defaults apply: no per-run cap, so the
/// endpoint scheduler, which sees the provider's limits, decides how many calls are in flight.
/// </remarks>
public static class Plans
{
    /// <summary>Voting: the branches answer the same question, and the aggregator (by default the majority) picks the answer.</summary>
    /// <param name="name">The plan's name, shown in reports.</param>
    /// <param name="voters">The branches that vote, for example <see cref="RecipeBranches.Samples(IChatClient, string, int, ChatOptions?, string)"/>.</param>
    /// <param name="aggregator">How votes are counted; <see langword="null"/> for <see cref="Aggregators.Majority"/>.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<VoteResult> Vote(string name, IReadOnlyList<Branch> voters, IAggregator<VoteResult>? aggregator = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, voters, aggregator ?? Aggregators.Majority(), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>Voting over samples of one prompt with <see cref="VoteOptions"/>: its samples, concurrency, per-sample timeout, chat options and aggregator options.</summary>
    /// <param name="client">The client every sample calls.</param>
    /// <param name="messages">The messages of every sample.</param>
    /// <param name="options">The vote's options; <see langword="null"/> for the defaults.</param>
    /// <param name="name">The plan's name.</param>
    /// <returns>The plan: best effort, <see cref="VoteOptions.MaxSamples"/> samples, <see cref="VoteOptions.Concurrency"/> at once.</returns>
    public static Plan<VoteResult> Vote(IChatClient client, IReadOnlyList<ChatMessage> messages, VoteOptions? options = null, string name = "vote")
    {
        VoteOptions settings = options ?? new VoteOptions();
        Branch[] samples = RecipeBranches.Samples(client, messages, settings.MaxSamples, settings.ChatOptions);
        return Vote(name, samples, new VoteAggregator(settings.Aggregator), FailurePolicy.BestEffort, VotePlans.Limits(settings));
    }

    /// <summary>Voting across a panel of models or prompt variants: sample <c>i</c> is asked by voter <c>i mod panel size</c>, labelled <c>voter#round</c>.</summary>
    /// <param name="panel">The voters; labels must be unique.</param>
    /// <param name="prompt">The question.</param>
    /// <param name="options">The vote's options; <see langword="null"/> for the defaults.</param>
    /// <param name="name">The plan's name.</param>
    /// <returns>The plan, whose vote reports each voter's accuracy against the winner.</returns>
    /// <exception cref="ArgumentException">The panel is empty, has a <see langword="null"/> voter, or two voters share a label.</exception>
    public static Plan<VoteResult> PanelVote(IReadOnlyList<Voter> panel, string prompt, VoteOptions? options = null, string name = "panel vote")
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        return VotePlans.ForPanel(name, panel, prompt, options ?? new VoteOptions());
    }

    /// <summary>Sectioning: independent branches whose texts are joined in branch order, missing sections declared.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="sections">The branches, in the order their texts are joined.</param>
    /// <param name="join">How sections are rendered and joined; <see langword="null"/> for the defaults.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<SectionedText> Sections(string name, IReadOnlyList<Branch> sections, ConcatOptions? join = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, sections, Aggregators.Concat(join), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>The map step of map-reduce: one branch per document (see <see cref="RecipeBranches.Documents"/>), joined in document order.</summary>
    /// <param name="client">The client every branch calls.</param>
    /// <param name="instruction">The instruction put before each document, for example "Summarize in one sentence:".</param>
    /// <param name="documents">The documents.</param>
    /// <param name="chatOptions">The options of every call.</param>
    /// <param name="join">How summaries are rendered and joined.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <param name="name">The plan's name.</param>
    /// <returns>The plan. For a hierarchical summary of long documents, use <see cref="Chorus.Recipes.MapReduce.SummarizeAsync"/>.</returns>
    public static Plan<SectionedText> Map(
        IChatClient client, string instruction, IEnumerable<SourceDocument> documents, ChatOptions? chatOptions = null, ConcatOptions? join = null,
        FailurePolicy? policy = null, RunLimits? limits = null, string name = "map") =>
        Sections(name, RecipeBranches.Documents(client, instruction, documents, chatOptions), join, policy, limits);

    /// <summary>Union: the de-duplicated items of every branch's answer, each with the branches that produced it.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="branches">The branches.</param>
    /// <param name="options">How items are extracted and compared.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<UnionResult> Union(string name, IReadOnlyList<Branch> branches, UnionOptions? options = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, branches, Aggregators.Union(options), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>A guarded answer: a guard branch beside (or, blocking, before) the answer; a veto cancels or skips the answer.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="guard">The guard branch, for example <see cref="RecipeBranches.Guard"/>.</param>
    /// <param name="answer">The answer branch.</param>
    /// <param name="mode">Parallel (the default: fast, the answer is cancelled on a veto) or blocking (the guard first; nothing spent on refusals).</param>
    /// <param name="options">How the guard's answer is read and whether it fails open; its label is taken from <paramref name="guard"/>.</param>
    /// <param name="limits">The run's limits; its concurrency is set by <paramref name="mode"/>.</param>
    /// <returns>The plan.</returns>
    public static Plan<GuardResult> Guard(string name, Branch guard, Branch answer, GuardMode mode = GuardMode.Parallel, GuardOptions? options = null, RunLimits? limits = null) =>
        GuardedPlan.Create(name, guard, answer, mode, options, limits);

    /// <summary>A guarded answer to a user's request with the default guard (<see cref="RecipeBranches.Guard"/>).</summary>
    /// <param name="client">The client both branches call.</param>
    /// <param name="request">The user's request.</param>
    /// <param name="answerOptions">The options of the answer's call.</param>
    /// <param name="mode">Parallel or blocking.</param>
    /// <param name="limits">The run's limits; its concurrency is set by <paramref name="mode"/>.</param>
    /// <param name="name">The plan's name; <see langword="null"/> for <c>guard</c> or <c>guard-blocking</c>.</param>
    /// <returns>The plan.</returns>
    public static Plan<GuardResult> Guard(IChatClient client, string request, ChatOptions? answerOptions = null, GuardMode mode = GuardMode.Parallel, RunLimits? limits = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        return Guard(
            name ?? (mode == GuardMode.Blocking ? "guard-blocking" : "guard"),
            RecipeBranches.Guard(client, request),
            new Branch(RecipeBranches.AnswerLabel, client, request, answerOptions),
            mode,
            limits: limits);
    }

    /// <summary>A jury: the candidates run, then jurors score them on their aspects as a second stage.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="candidates">The candidate branches (generated samples, or <see cref="RecipeBranches.Given"/> responses).</param>
    /// <param name="jurors">The jurors.</param>
    /// <param name="options">The task, how scores combine, and the seed of the order candidates are shown in.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<JuryResult> Jury(string name, IReadOnlyList<Branch> candidates, IEnumerable<Juror> jurors, JuryOptions? options = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, candidates, Aggregators.Jury(jurors, options), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>A judge: the candidates run, then a model picks one or synthesizes an answer from them.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="candidates">The candidate branches.</param>
    /// <param name="judge">The judge's client.</param>
    /// <param name="options">The task, mode and seed.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<JudgeResult> Judge(string name, IReadOnlyList<Branch> candidates, IChatClient judge, JudgeOptions? options = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, candidates, Aggregators.Judge(judge, options), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>Best of N: candidates (for example generated code) are verified and the best one kept, by a verifying aggregator.</summary>
    /// <typeparam name="TResult">The verifier's result.</typeparam>
    /// <param name="name">The plan's name.</param>
    /// <param name="candidates">The candidate branches, for example <see cref="RecipeBranches.Samples(IChatClient, IReadOnlyList{ChatMessage}, int, ChatOptions?, string)"/>.</param>
    /// <param name="verifier">The aggregator that verifies and ranks candidates, for example <see cref="Aggregators.BestOf"/> or a sandboxed code runner.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan: best effort, so one failed candidate never sinks the others.</returns>
    public static Plan<TResult> BestOf<TResult>(string name, IReadOnlyList<Branch> candidates, IAggregator<TResult> verifier, RunLimits? limits = null) =>
        new(name, candidates, verifier, FailurePolicy.BestEffort, limits);

    /// <summary>Typed sections merged by field: each branch fills part of <typeparamref name="T"/> (see <see cref="TypedSection"/>); conflicts are reported, never silently overwritten.</summary>
    /// <typeparam name="T">The merged type.</typeparam>
    /// <param name="name">The plan's name.</param>
    /// <param name="sections">The typed section branches.</param>
    /// <param name="typeInfo">The JSON contract of <typeparamref name="T"/>.</param>
    /// <param name="options">How conflicts are resolved (for example a synthesizer model).</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<MergeResult<T>> Merge<T>(string name, IReadOnlyList<Branch> sections, JsonTypeInfo<T> typeInfo, MergeOptions? options = null, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, sections, Aggregators.Merge(typeInfo, options), policy ?? FailurePolicy.BestEffort, limits);

    /// <summary>Any aggregator over given branches: for plan files and callers whose join is their own.</summary>
    /// <typeparam name="TResult">The aggregator's result.</typeparam>
    /// <param name="name">The plan's name.</param>
    /// <param name="branches">The branches.</param>
    /// <param name="aggregator">The join.</param>
    /// <param name="policy">The failure policy; <see langword="null"/> for <see cref="FailurePolicy.BestEffort"/>.</param>
    /// <param name="limits">The run's limits; <see langword="null"/> for <see cref="RunLimits"/>' defaults (no per-run cap: the endpoint scheduler paces the calls).</param>
    /// <returns>The plan.</returns>
    public static Plan<TResult> Custom<TResult>(string name, IReadOnlyList<Branch> branches, IAggregator<TResult> aggregator, FailurePolicy? policy = null, RunLimits? limits = null) =>
        new(name, branches, aggregator, policy ?? FailurePolicy.BestEffort, limits);


}
