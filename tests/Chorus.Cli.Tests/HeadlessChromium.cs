using System.Diagnostics;

namespace Chorus.Cli.Tests;

/// <summary>Drives Debian's <c>chromium</c> headless: dumps a page's DOM after its scripts ran, or saves a screenshot.</summary>
internal static class HeadlessChromium
{
    /// <summary>Where screenshots and pages are kept after the test run, for people to look at.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public static Task<string> DumpDomAsync(string page, string profile) => RunAsync(profile, ["--dump-dom", new Uri(page).AbsoluteUri]);

    public static async Task ScreenshotAsync(string page, string png, string profile)
    {
        File.Delete(png);
        await RunAsync(profile, [$"--screenshot={png}", "--window-size=1280,1700", "--hide-scrollbars", new Uri(page).AbsoluteUri]);
    }

    private static async Task<string> RunAsync(string profile, string[] args)
    {
        var start = new ProcessStartInfo(ExternalTools.FindOnPath("chromium") ?? "chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));    // hang guard only
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish: {await error}");
        }

        string stdout = await output;
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await error}");
        return stdout;
    }
}
