using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chorus.Cli.Progress;

/// <summary>Passes calls through unchanged and tells the <see cref="ProgressTracker"/> the tokens each response reports, for the branch
/// the call is made for (<see cref="BranchContext.Current"/>), so progress can show tokens and cost so far.</summary>
/// <remarks>Never disposed: disposing it would dispose the inner client, which the connection owns.</remarks>
internal sealed class UsageTapChatClient(IChatClient inner, ProgressTracker tracker, string defaultModel) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Report(response.Usage, response.ModelId ?? options?.ModelId);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (AIContent content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    Report(usage.Details, update.ModelId ?? options?.ModelId);
                }
            }

            yield return update;
        }
    }

    private void Report(UsageDetails? usage, string? model)
    {
        if (usage is not null && BranchContext.Current is { } branch)
        {
            tracker.OnUsage(branch.Label, branch.Stage, model ?? defaultModel, usage);
        }
    }
}
