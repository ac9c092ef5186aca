using Microsoft.Extensions.AI;

namespace Chorus;

/// <summary>An attempt reported by middleware through <see cref="BranchContext.RecordAttempt"/>.</summary>
internal sealed record ReportedAttempt(AttemptKind Kind, TimeSpan StartedAt, TimeSpan FinishedAt, AttemptStatus Status, string? Error, int? HttpStatus, UsageDetails? Usage);
