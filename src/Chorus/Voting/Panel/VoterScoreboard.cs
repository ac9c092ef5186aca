namespace Chorus.Voting;

/// <summary>Tracks, across many votes with known gold answers, how accurate each voter and the vote itself were.</summary>
/// <remarks>Thread-safe: votes may be recorded from several threads at once.</remarks>
public sealed class VoterScoreboard
{
    private readonly object _sync = new();
    private readonly Func<string, string> _normalizer;
    private readonly Dictionary<string, (int Samples, int Correct, int Abstained)> _voters = new(StringComparer.Ordinal);
    private int _votes;
    private int _votesCorrect;

    /// <summary>Initializes a scoreboard.</summary>
    /// <param name="normalizer">Maps a gold answer to a vote key; use the vote's own normalizer. <see langword="null"/> means <see cref="AnswerNormalizers.Default"/>.</param>
    public VoterScoreboard(Func<string, string>? normalizer = null)
    {
        _normalizer = normalizer ?? AnswerNormalizers.Default;
    }

    /// <summary>Gets the number of votes recorded.</summary>
    public int Votes
    {
        get
        {
            lock (_sync)
            {
                return _votes;
            }
        }
    }

    /// <summary>Gets the share of recorded votes whose winner matched the gold answer; 0 before any vote.</summary>
    public double VoteAccuracy
    {
        get
        {
            lock (_sync)
            {
                return _votes == 0 ? 0 : (double)_votesCorrect / _votes;
            }
        }
    }

    /// <summary>Records one vote against its gold answer.</summary>
    /// <param name="result">The vote's result; its <see cref="VoteResult.Ballots"/> say who voted what.</param>
    /// <param name="gold">The correct answer, normalized with the scoreboard's normalizer before comparing.</param>
    /// <returns><see langword="true"/> when the vote's winner matched the gold answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="gold"/> is <see langword="null"/>.</exception>
    public bool Record(VoteResult result, string gold)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(gold);
        string key = _normalizer(gold.Trim());
        bool won = string.Equals(result.NormalizedAnswer, key, StringComparison.Ordinal)
            || result.Clusters.Any(c => c.Key == result.NormalizedAnswer && c.Members.Contains(key, StringComparer.Ordinal));
        lock (_sync)
        {
            _votes++;
            _votesCorrect += won ? 1 : 0;
            foreach (Ballot ballot in result.Ballots)
            {
                (int samples, int correct, int abstained) = _voters.GetValueOrDefault(ballot.Voter);
                _voters[ballot.Voter] = (samples + 1, correct + (ballot.Key == key ? 1 : 0), abstained + (ballot.Key is null ? 1 : 0));
            }
        }

        return won;
    }

    /// <summary>Gets each voter's accuracy so far, most accurate first.</summary>
    /// <returns>A snapshot; later votes do not change it.</returns>
    public IReadOnlyList<VoterAccuracy> Voters()
    {
        lock (_sync)
        {
            return [.. _voters.Select(v => new VoterAccuracy(v.Key, v.Value.Samples, v.Value.Correct, v.Value.Abstained))
                .OrderByDescending(v => v.Accuracy).ThenBy(v => v.Voter, StringComparer.Ordinal)];
        }
    }
}
