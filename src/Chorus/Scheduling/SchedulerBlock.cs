namespace Chorus.Scheduling;

/// <summary>What kept a call waiting for the endpoint's budget.</summary>
[Flags]
internal enum SchedulerBlock
{
    None = 0,
    Concurrency = 1,
    RetryAfter = 2,
    Requests = 4,
    Tokens = 8,
}
