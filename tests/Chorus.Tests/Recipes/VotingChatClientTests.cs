using Microsoft.Extensions.AI;
using Chorus.Reporting;
using Chorus.Voting;
using Chorus.Recipes;

namespace Chorus.Tests.Recipes;

public class VotingChatClientTests
{
    private static ScriptedChatClient Sequence(params string[] answers)
    {
        int calls = -1;
        return new ScriptedChatClient((_, _, _) =>
        {
            int call = Interlocked.Increment(ref calls);
            return Task.FromResult(ScriptedChatClient.Reply($"call {call}: the answer is {answers[call]}.", 10, 5));
        });
    }

    private static async Task<ChatResponse> AskAsync(IChatClient client, bool streaming)
    {
        if (!streaming)
        {
            return await client.GetResponseAsync("q");
        }

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("q"))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_Votes_ReturnsWinnerWithReportAndVote(bool streaming)
    {
        ScriptedChatClient inner = Sequence("7", "8", "7", "7", "9");
        IChatClient client = inner.WithVoting(new VoteOptions { MaxSamples = 5, Concurrency = 1, Aggregator = { StoppingRule = StoppingRules.CannotBeOvertaken() } });

        ChatResponse response = await AskAsync(client, streaming).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("call 0: the answer is 7.", response.Text);
        Assert.Equal(4, inner.Calls);                               // 7 leads 3-1 with one sample left: the fifth never starts
        RunReport report = Assert.IsType<RunReport>(response.AdditionalProperties![VotingChatClient.ReportKey]);
        VoteResult vote = Assert.IsType<VoteResult>(response.AdditionalProperties[VotingChatClient.VoteKey]);
        Assert.Equal("vote", report.Strategy);
        Assert.Equal(5, report.Branches.Count);
        Assert.Equal("skipped", report.Branches[4].Status);
        Assert.Equal(3, vote.Votes);
        Assert.Equal("cannot-be-overtaken", vote.StoppedBy);
        Assert.Equal(60, response.Usage!.TotalTokenCount);         // four samples of 15 tokens
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_EverySampleAbstains_ThrowsRunFailedWithReport(bool streaming)
    {
        var inner = new ScriptedChatClient((_, _, _) => Task.FromException<ChatResponse>(new InvalidOperationException("down")));
        IChatClient client = inner.WithVoting(new VoteOptions { MaxSamples = 3, Concurrency = 3 });

        RunFailedException ex = await Assert.ThrowsAsync<RunFailedException>(() => AskAsync(client, streaming).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("The vote aggregator could not decide: No branch produced an answer: 3 failed.", ex.Message);
        Assert.Equal(3, ex.Report!.Failed);
    }

    [Fact]
    public async Task GetResponse_CallOptions_ArePassedToEverySampleAndNotChanged()
    {
        var seen = new List<float?>();
        var inner = new ScriptedChatClient((_, o, _) =>
        {
            lock (seen)
            {
                seen.Add(o?.Temperature);
            }

            return Task.FromResult(ScriptedChatClient.Reply("4"));
        });
        var options = new ChatOptions { Temperature = 0.7f };
        IChatClient client = inner.WithVoting(new VoteOptions { MaxSamples = 4, Aggregator = { StoppingRule = StoppingRules.Fixed(4) } });

        await client.GetResponseAsync("q", options).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([0.7f, 0.7f, 0.7f, 0.7f], seen);
        Assert.Equal(0.7f, options.Temperature);
        Assert.Same(inner, client.GetService<ScriptedChatClient>());
    }
}
