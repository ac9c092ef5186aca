namespace Chorus.Cli.Progress;

/// <summary>How a run shows its progress.</summary>
internal enum ProgressMode
{
    /// <summary>A live table when the console is an interactive terminal, else plain lines.</summary>
    Auto,

    /// <summary>A live table redrawn in place.</summary>
    Live,

    /// <summary>One line per change of a branch's state: for CI logs, pipes and tests.</summary>
    Plain,

    /// <summary>Nothing until the run ends.</summary>
    None,
}
