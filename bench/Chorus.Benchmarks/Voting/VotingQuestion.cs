namespace Chorus.Benchmarks.Voting;

/// <summary>One recorded question: gold answer, raw sample texts (or the recorded answers when no text was kept), recorded answers and voters.</summary>
/// <param name="Id">The question's id.</param>
/// <param name="Question">The question text, sent as the prompt when replaying.</param>
/// <param name="Gold">The gold answer.</param>
/// <param name="Texts">What each sample said, in recorded order: raw text when recorded, else the recorded answer.</param>
/// <param name="RecordedAnswers">The dataset's own extracted answers, in recorded order; <see langword="null"/> where it had none.</param>
/// <param name="HasRawText">Whether <paramref name="Texts"/> are raw model outputs (so extraction is really tested).</param>
/// <param name="Voters">Who produced each sample (a panel's judge), or <see langword="null"/> for samples of one model.</param>
internal sealed record VotingQuestion(string Id, string Question, string Gold, string?[] Texts, string?[] RecordedAnswers, bool HasRawText, string[]? Voters);
