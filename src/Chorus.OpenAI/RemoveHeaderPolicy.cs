using System.ClientModel.Primitives;

namespace Chorus.OpenAI;

/// <summary>Removes one request header just before the transport. Used to drop the placeholder <c>Authorization</c>
/// header when no API key is configured: the SDK insists on a credential, local servers need none, and a fake bearer
/// token should not travel to a proxy or a log.</summary>
internal sealed class RemoveHeaderPolicy : PipelinePolicy
{
    private readonly string _header;

    public RemoveHeaderPolicy(string header) => _header = header;

    /// <inheritdoc />
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove(_header);
        ProcessNext(message, pipeline, currentIndex);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove(_header);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
