using Microsoft.Extensions.AI;

namespace Chorus.Running;

/// <summary>What one call returned: a response or an error, the usage it cost, and when the first token came.</summary>
internal readonly record struct CallResult(ChatResponse? Response, UsageDetails? Usage, Exception? Error, string? Model, TimeSpan? FirstTokenAt);
