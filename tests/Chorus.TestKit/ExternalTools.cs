namespace Chorus.TestKit;

/// <summary>Finds external tools (node, npm packages) that some tests drive, and decides whether their absence skips or fails a test.</summary>
public static class ExternalTools
{
    /// <summary>The environment variable that, set to <c>1</c>, turns a missing external tool from a skip into a failure (for CI).</summary>
    public const string RequireVariable = "CHORUS_REQUIRE_EXTERNAL";

    /// <summary>Gets a value indicating whether missing external tools must fail tests instead of skipping them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Finds an executable on the <c>PATH</c>; <see langword="null"/> when absent.</summary>
    public static string? FindOnPath(string name)
    {
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat", string.Empty] : [string.Empty];
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Finds the repository root: the first directory above the test binaries that holds <c>Chorus.slnx</c>.</summary>
    public static string? FindRepoRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chorus.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Says what is missing to run a test that needs <paramref name="tool"/> on the PATH and <paramref name="repoPaths"/>
    /// (relative to the repository root); <see langword="null"/> when everything is there.</summary>
    public static string? MissingReason(string tool, params string[] repoPaths)
    {
        if (FindOnPath(tool) is null)
        {
            return $"'{tool}' is not on the PATH.";
        }

        if (FindRepoRoot() is not { } root)
        {
            return "The repository root (Chorus.slnx) was not found above the test binaries.";
        }

        foreach (string path in repoPaths)
        {
            if (!Path.Exists(Path.Combine(root, path)))
            {
                return $"'{path}' is missing; run the setup it needs (e.g. npm ci in its folder).";
            }
        }

        return null;
    }
}
