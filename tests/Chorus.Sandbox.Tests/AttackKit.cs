using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chorus.TestKit;

namespace Chorus.Sandbox.Tests;

/// <summary>
/// The targets an adversarial candidate goes for, set up by the test as a real parent would have them: a process holding the API key in
/// its environment, a journal file, the repository, the home directory, a TCP listener on 127.0.0.1, a Unix socket, and this test
/// process's own .NET diagnostics socket. Disposing removes them all.
/// </summary>
internal sealed class AttackKit : IDisposable
{
    private readonly Process _keyHolder;
    private readonly TcpListener _tcp;
    private readonly Socket _unix;

    public AttackKit()
    {
        Marker = "7" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..11].Replace('a', '1').Replace('b', '2').Replace('c', '3').Replace('d', '4').Replace('e', '5').Replace('f', '6');
        Secret = "sk-test-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        Outside = Directory.CreateTempSubdirectory("chorus-attack-").FullName;
        Journal = Path.Combine(Outside, "journal.db");
        File.WriteAllText(Journal, "journal " + Secret);
        WriteTarget = Path.Combine(Outside, "written-by-candidate");
        RepoRoot = ExternalTools.FindRepoRoot() ?? Outside;
        Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        HomeFile = Path.Combine(Home, $".chorus-attack-{Marker}");
        File.WriteAllText(HomeFile, "home " + Secret);

        // The parent the issue found attackable: a process whose environment holds the key (readable through /proc/<pid>/environ).
        var start = new ProcessStartInfo("sleep", "600") { UseShellExecute = false };
        start.Environment["OPENAI_API_KEY"] = Secret;
        start.Environment["CHORUS_API_KEY"] = Secret;
        _keyHolder = Process.Start(start)!;

        _tcp = new TcpListener(IPAddress.Loopback, 0);
        _tcp.Start();
        TcpPort = ((IPEndPoint)_tcp.LocalEndpoint).Port;

        UnixSocketPath = Path.Combine(Path.GetTempPath(), $"chorus-attack-{Marker}.sock");
        _unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _unix.Bind(new UnixDomainSocketEndPoint(UnixSocketPath));
        _unix.Listen(1);

        DiagnosticsSocket = Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket").FirstOrDefault()
            ?? Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-0-socket");
    }

    /// <summary>Gets a string no other process has in its command line: what the candidate's processes carry, to find survivors.</summary>
    public string Marker { get; }

    /// <summary>Gets the API key the parent holds.</summary>
    public string Secret { get; }

    public string Outside { get; }

    public string Journal { get; }

    public string WriteTarget { get; }

    public string RepoRoot { get; }

    public string Home { get; }

    /// <summary>Gets a file in the home directory holding the key, removed on dispose.</summary>
    public string HomeFile { get; }

    /// <summary>Gets every environment variable a sandboxed run may see: what the sandbox sets, plus what bash adds when it execs.</summary>
    public static IReadOnlyList<string> SandboxVariables { get; } =
    [
        "PATH", "HOME", "TMPDIR", "LANG", "DOTNET_EnableDiagnostics", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED", "PWD", "SHLVL", "_", "OLDPWD",
        "DOTNET_CLI_HOME", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "DOTNET_GENERATE_ASPNET_CERTIFICATE",
        "MSBUILDDISABLENODEREUSE", "NUGET_PACKAGES", "DOTNET_EnableWriteXorExecute", "DOTNET_GCHeapHardLimit",
    ];

    public int TcpPort { get; }

    public string UnixSocketPath { get; }

    public string DiagnosticsSocket { get; }

    /// <summary>Gets the secret's process id, which a candidate would target in <c>/proc</c>.</summary>
    public int KeyHolderPid => _keyHolder.Id;

    /// <summary>Whether anything reached the TCP listener or the Unix socket.</summary>
    public bool AnyConnection() => _tcp.Pending() || _unix.Poll(0, SelectMode.SelectRead);

    /// <summary>Asserts that nothing the run produced holds the key, whole or any 8 characters of it.</summary>
    public void AssertNoSecret(CodeEvaluation result)
    {
        string everything = string.Join("\n", result.Runs.SelectMany(r => new[] { r.Output, r.Errors, r.Detail }).Append(result.Detail));
        for (int i = 0; i + 8 <= Secret.Length; i++)
        {
            Assert.False(everything.Contains(Secret.Substring(i, 8), StringComparison.Ordinal), $"the run's output holds '{Secret.Substring(i, 8)}' of the key");
        }
    }

    /// <summary>Processes whose command line carries the marker (the candidate's, if any survived).</summary>
    public List<int> Survivors()
    {
        var found = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(Marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    public void Dispose()
    {
        try
        {
            _keyHolder.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _keyHolder.Dispose();
        _tcp.Stop();
        _unix.Dispose();
        File.Delete(UnixSocketPath);
        File.Delete(HomeFile);
        Directory.Delete(Outside, recursive: true);
    }
}
