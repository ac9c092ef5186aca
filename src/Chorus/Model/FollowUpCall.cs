using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>A call an aggregator will make after the main stage, as far as it is known before the run.</summary>
internal readonly record struct FollowUpCall(string Label, string Stage, IChatClient Client, ChatOptions? Options, long PromptTokens);
