using Chorus.TestKit;
using Chorus.Tests.Running;
using Chorus.Journaling;

namespace Chorus.Tests.Journaling;

/// <summary>Issue 12, item 8: a damaged journal record is a miss with a reason, never a replayed wrong answer.</summary>
public class JournalDamageTests
{
    [Fact]
    public async Task RunAsync_RecordEditedToAnotherAnswer_BranchCallsAgainWithAJournalError()
    {
        var journal = new EditableJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        var client = new ScriptedChatClient("The answer is 390");
        Plan<string> Plan() => new("p", [new Branch("a", client, "q")], new RecordingAggregator());
        await runner.RunAsync(Plan());
        journal.Edit(json => json.Replace("is 390", "is 391", StringComparison.Ordinal));

        RunResult<string> again = await runner.RunAsync(Plan());

        Assert.Equal(2, client.Calls);
        Assert.Equal("The answer is 390", again.Outcomes[0].Text);
        Assert.Equal(0, again.Report.Replayed);
        Assert.Equal(1, again.Report.JournalErrors);
        Assert.Contains(again.Report.Timeline, e => e.Kind == TimelineEventKind.JournalError && e.Detail!.Contains("checksum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RecordForAnotherKey_IsAMissWithAReason()
    {
        var journal = new EditableJournal();
        var runner = new PlanRunner(new PlanRunnerOptions { Journal = journal });
        var client = new ScriptedChatClient("ok");
        await runner.RunAsync(new Plan<string>("p", [new Branch("a", client, "q1")], new RecordingAggregator()));
        journal.AnswerEveryKey = true;   // a journal that hands back a record stored under another fingerprint

        RunResult<string> again = await runner.RunAsync(new Plan<string>("p", [new Branch("a", client, "q2")], new RecordingAggregator()));

        Assert.Equal(2, client.Calls);
        Assert.Contains(again.Report.Timeline, e => e.Kind == TimelineEventKind.JournalError && e.Detail!.Contains("fingerprint", StringComparison.Ordinal));
    }

    private sealed class EditableJournal : IBranchJournal
    {
        private readonly Dictionary<string, string> _json = [];

        public bool AnswerEveryKey { get; set; }

        public void Edit(Func<string, string> change)
        {
            foreach (string key in _json.Keys.ToList())
            {
                _json[key] = change(_json[key]);
            }
        }

        public Task<JournalRecord?> FindAsync(string fingerprint, CancellationToken cancellationToken = default) =>
            Task.FromResult(_json.TryGetValue(fingerprint, out string? json) || (AnswerEveryKey && (json = _json.Values.FirstOrDefault()) is not null)
                ? JournalRecordJson.Deserialize(json!)
                : null);

        public Task<JournalRecord?> FindCachedAsync(string cacheKey, CancellationToken cancellationToken = default) => Task.FromResult<JournalRecord?>(null);

        public Task RecordAsync(JournalRecord record, CancellationToken cancellationToken = default)
        {
            _json[record.Fingerprint] = JournalRecordJson.Serialize(record);
            return Task.CompletedTask;
        }
    }
}
