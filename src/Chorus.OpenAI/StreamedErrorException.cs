namespace Chorus.OpenAI;

/// <summary>The provider sent an <c>error</c> object in the middle of a stream (OpenAI does this for server-side failures).</summary>
internal sealed class StreamedErrorException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public StreamedErrorException(string providerMessage, string payload)
        : base(providerMessage)
    {
        Payload = payload;
    }

    /// <summary>Gets the chunk that carried the error.</summary>
    public string Payload { get; }
}
