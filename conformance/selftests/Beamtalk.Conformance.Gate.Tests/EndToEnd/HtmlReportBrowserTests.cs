using Beamtalk.Conformance.Gate.Tests.Support;
using Microsoft.Playwright;

namespace Beamtalk.Conformance.Gate.Tests.EndToEnd;

/// <summary>report.html in Debian's Chromium: it renders, its filters work, and opening it sends no request anywhere.</summary>
public sealed class HtmlReportBrowserTests(GateScenarios scenarios)
{
    /// <summary>The scenarios' one requirement's row in the verdict table.</summary>
    private const string Row = $"#verdicts tr[data-id='{GateScenarios.Requirement}']";

    [Fact]
    public async Task The_report_renders_filters_and_fetches_nothing()
    {
        var report = scenarios.Waived.File("report.html");
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(report).AbsoluteUri);

            Assert.Equal("Gate: PASS", await page.InnerTextAsync("#gate"));
            Assert.True(await page.IsVisibleAsync(Row));
            Assert.Contains(GateScenarios.Justification, await page.InnerTextAsync("#accepted-risks + table"), StringComparison.Ordinal);

            // Untick Accepted risk: the only row hides, and the counter says so.
            await page.UncheckAsync("input[name=verdict][value=accepted-risk]");
            Assert.False(await page.IsVisibleAsync(Row));
            Assert.Equal("0 shown", await page.InnerTextAsync("#shown"));
            await page.CheckAsync("input[name=verdict][value=accepted-risk]");
            await page.FillAsync("input[name=text]", "no such words anywhere");
            Assert.False(await page.IsVisibleAsync(Row));
            await page.FillAsync("input[name=text]", "loopback");
            Assert.True(await page.IsVisibleAsync(Row));

            var screenshot = Path.Combine(Repository.Root, "artifacts", "screenshots", "report-html.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

            Assert.Equal([new Uri(report).AbsoluteUri], requests);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_failing_report_shows_the_failure_and_the_gate_reason()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(scenarios.Failing.File("report.html")).AbsoluteUri);

            Assert.Equal("Gate: FAIL", await page.InnerTextAsync("#gate"));
            Assert.Contains($"{GateScenarios.Requirement} (MUST): Fail", await page.InnerTextAsync(".reasons"), StringComparison.Ordinal);
            Assert.Equal("1", await page.InnerTextAsync("#count-fail"));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
