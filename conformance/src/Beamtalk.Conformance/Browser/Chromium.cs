using Beamtalk.Conformance.Core;
using Microsoft.Playwright;

namespace Beamtalk.Conformance.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, headless; never a downloaded browser. One launch per
/// check. Without a usable Chromium the requirement is Missing with the reason, except under CI=true,
/// where the kit is expected to have one (make setup installs it): there it is an error, never a skip.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    // This machine has no network but loopback; these keep Chromium from trying to phone home.
    private static readonly string[] QuietArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser, string executable)
    {
        _playwright = playwright;
        Browser = browser;
        Executable = executable;
    }

    public IBrowser Browser { get; }

    public string Executable { get; }

    /// <param name="hostMappings">Names the browser resolves to 127.0.0.1 whatever DNS says, as a rebinding attacker arranges.</param>
    /// <param name="withoutLocalNetworkAccess">
    /// Switch off Chromium's own Local Network Access block, which refuses sockets from a page it does not
    /// place on loopback. Other browsers have no such block, so the workspace must refuse by itself.
    /// </param>
    /// <param name="chosen">Another Chromium binary to drive, where it is not Debian's; null: the first of Debian's paths that exists.</param>
    public static async Task<Chromium> LaunchAsync(string? chosen, IReadOnlyList<string> hostMappings, CancellationToken cancellationToken, bool withoutLocalNetworkAccess = false)
    {
        var executable = chosen ?? Candidates.FirstOrDefault(File.Exists);
        if (executable is null || !File.Exists(executable))
        {
            throw Prerequisite.Unavailable("a browser", $"no Chromium at {executable ?? string.Join(", ", Candidates)} (make setup installs Debian's chromium; {CheckSettings.ChromiumVariable} names another)");
        }

        string[] args = hostMappings.Count == 0
            ? QuietArgs
            : [.. QuietArgs, "--host-resolver-rules=" + string.Join(", ", hostMappings.Select(name => $"MAP {name} 127.0.0.1"))];
        if (withoutLocalNetworkAccess)
        {
            args = [.. args, "--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets,PrivateNetworkAccessSendPreflights,BlockInsecurePrivateNetworkRequests"];
        }

        cancellationToken.ThrowIfCancellationRequested();
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = args,
                Timeout = 60_000,
            });
            return new Chromium(playwright, browser, executable);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or IOException or InvalidOperationException)
        {
            playwright?.Dispose();
            throw Prerequisite.Unavailable("a browser", $"{executable} would not start under Playwright: {FirstLine(e.Message)}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone: nothing left to end.
        }

        _playwright.Dispose();
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
