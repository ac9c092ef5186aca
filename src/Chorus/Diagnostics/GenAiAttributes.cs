namespace Chorus.Diagnostics;

/// <summary>Attribute names from the OpenTelemetry GenAI semantic conventions, and Chorus's own.</summary>
internal static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestSeed = "gen_ai.request.seed";
    public const string ErrorType = "error.type";
    public const string HttpStatus = "http.response.status_code";
    public const string ChatOperation = "chat";

    public const string RunName = "chorus.run.name";
    public const string RunStrategy = "chorus.run.strategy";
    public const string RunBranches = "chorus.run.branches";
    public const string RunSpeedup = "chorus.run.speedup";
    public const string BranchLabel = "chorus.branch.label";
    public const string BranchIndex = "chorus.branch.index";
    public const string BranchStage = "chorus.branch.stage";
    public const string BranchStatus = "chorus.branch.status";

    /// <summary>Set on a branch span when the run let the branch go (answer settled, guard veto, fail-fast): a normal end, not an error.</summary>
    public const string BranchStoppedEarly = "chorus.branch.stopped_early";
    public const string AttemptKind = "chorus.attempt.kind";
    public const string AttemptNumber = "chorus.attempt.number";
}
