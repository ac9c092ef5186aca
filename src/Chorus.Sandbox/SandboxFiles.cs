namespace Chorus.Sandbox;

/// <summary>The fixed files, arguments and environment of a C# candidate's build.</summary>
internal static class SandboxFiles
{
    /// <summary>A plain console app: no packages (so the build needs no network), warnings are not errors.</summary>
    public const string Project =
        """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>disable</Nullable>
            <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
            <AssemblyName>candidate</AssemblyName>
            <InvariantGlobalization>true</InvariantGlobalization>
            <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
          </PropertyGroup>
        </Project>

        """;

    /// <summary>No package sources: the candidate references no packages, and the build has no network anyway (restore must not wait for one).</summary>
    public const string NuGetConfig =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
          </packageSources>
        </configuration>

        """;

    /// <summary>Release build into <c>out/</c>, with no build servers left running after it (they would outlive the sandbox).</summary>
    public static IReadOnlyList<string> BuildArguments { get; } =
        ["build", "-c", "Release", "-o", "out", "-nologo", "-v", "q", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:UseRazorBuildServer=false", "-p:NuGetAudit=false"];

    /// <summary>The environment of the build and the run: no telemetry, no first-run work, caches inside the throwaway directory.</summary>
    public static IEnumerable<KeyValuePair<string, string>> DotnetEnvironment(string directory) =>
    [
        new("DOTNET_CLI_HOME", directory),
        new("DOTNET_NOLOGO", "1"),
        new("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
        new("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1"),
        new("DOTNET_GENERATE_ASPNET_CERTIFICATE", "0"),
        new("MSBUILDDISABLENODEREUSE", "1"),
        new("NUGET_PACKAGES", Path.Combine(directory, ".nuget")),
    ];

    /// <summary>The compiler's error lines (at most five), or the output's tail when there are none.</summary>
    public static string BuildErrors(string output, string directory)
    {
        string local = output.Replace(directory.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal);
        List<string> errors = [.. local.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.EndsWith("[candidate.csproj]", StringComparison.Ordinal) ? l[..l.LastIndexOf('[')].TrimEnd() : l)
            .Distinct()
            .Take(5)];
        if (errors.Count > 0)
        {
            return string.Join(" | ", errors);
        }

        string trimmed = output.Trim();
        return trimmed.Length <= 400 ? trimmed : trimmed[^400..];
    }
}
