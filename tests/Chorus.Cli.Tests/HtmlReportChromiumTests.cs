using System.Text.Json;

namespace Chorus.Cli.Tests;

/// <summary>Opens the HTML report in a real browser: the page must lay out one timeline bar per branch with nothing fetched.</summary>
public class HtmlReportChromiumTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [ExternalToolFact("chromium")]
    public async Task Vote_Report_OpensInHeadlessChromiumWithOneBarPerBranch()
    {
        using var dir = new TempDirectory();
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["vote", "What is 17 * 23?", "--samples", "7", "--report", "run.html", "--json", "run.json"]);

        Assert.Equal(0, exit);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(dir.File("run.json")));
        int branches = report.RootElement.GetProperty("branches").GetArrayLength();
        Assert.Equal(7, branches);
        await AssertBarsInBrowserAsync(dir, "run.html", branches, "vote-report");
    }

    [ExternalToolFact("chromium")]
    public async Task Demo_Report_OpensInHeadlessChromiumWithOneBarPerBranchOfEveryRun()
    {
        using var dir = new TempDirectory();
        var cli = new CliHarness { WorkingDirectory = dir.Path };

        int exit = await cli.InvokeAsync(["demo", "--report", "demo.html", "--json", "demo.json"]);

        Assert.Equal(0, exit);
        using JsonDocument reports = JsonDocument.Parse(File.ReadAllText(dir.File("demo.json")));
        int branches = reports.RootElement.EnumerateArray().Sum(r => r.GetProperty("branches").GetArrayLength());
        Assert.True(branches > 15);    // jurors are branches too: they get bars
        await AssertBarsInBrowserAsync(dir, "demo.html", branches, "demo-report");
    }

    private static async Task AssertBarsInBrowserAsync(TempDirectory dir, string page, int branches, string artifact)
    {
        string path = dir.File(page);
        string dom = await HeadlessChromium.DumpDomAsync(path, dir.File("chromium-profile"));

        // The page's own script counted the bars the browser built and wrote the count into the DOM.
        Assert.Contains($"<span id=\"bar-count\">{branches}</span>", dom);
        Assert.Contains($"data-rendered-bars=\"{branches}\"", dom);
        Assert.Equal(branches, HtmlReportWriterTests.Bars(dom).Count);

        string png = Path.Combine(HeadlessChromium.ArtifactsDirectory, artifact + ".png");
        await HeadlessChromium.ScreenshotAsync(path, png, dir.File("chromium-profile"));
        File.Copy(path, Path.Combine(HeadlessChromium.ArtifactsDirectory, artifact + ".html"), overwrite: true);
        byte[] head = new byte[4];
        using (FileStream file = File.OpenRead(png))
        {
            file.ReadExactly(head);
            Assert.True(file.Length > 10_000, $"the screenshot is only {file.Length} bytes");
        }

        Assert.Equal(PngSignature, head);
    }
}
