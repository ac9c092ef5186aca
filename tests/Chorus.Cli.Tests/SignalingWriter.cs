namespace Chorus.Cli.Tests;

/// <summary>A <see cref="StringWriter"/> that can signal when a line matching a condition is written, so a test waits for a
/// condition (a branch finished) rather than for time. Safe to write from several threads.</summary>
internal sealed class SignalingWriter : StringWriter
{
    private readonly object _sync = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waits = [];

    /// <summary>Completes with the first line (written from now on) that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            _waits.Add((match, signal));
        }

        return signal.Task;
    }

    public override void WriteLine(string? value)
    {
        lock (_sync)
        {
            base.WriteLine(value);
            foreach ((Func<string, bool> match, TaskCompletionSource<string> signal) in _waits)
            {
                if (value is not null && match(value))
                {
                    signal.TrySetResult(value);
                }
            }
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_sync)
        {
            return base.ToString();
        }
    }
}
