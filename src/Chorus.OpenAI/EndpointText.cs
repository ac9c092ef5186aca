namespace Chorus.OpenAI;

/// <summary>Renders an endpoint for messages without anything secret that may ride in a URL.</summary>
internal static class EndpointText
{
    /// <summary>Returns scheme, host, port and path; never user info, query or fragment (some gateways put keys there).</summary>
    public static string Describe(Uri endpoint) =>
        endpoint.IsAbsoluteUri
            ? endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(relative uri)";
}
