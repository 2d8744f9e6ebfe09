using System.Text.Json;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Microsoft.Playwright;

namespace Beamtalk.Conformance.Browser;

/// <summary>What a page could learn from one <c>new WebSocket(url)</c>. Message contents are never recorded, only counted.</summary>
public sealed record SocketProbe(string Url, bool Opened, int Messages, int Errors, int? Code, string Reason, bool WasClean, bool TimedOut)
{
    /// <summary>Everything the page can tell apart, the URL aside: two probes with equal signatures look alike to it.</summary>
    public string Signature => Opened
        ? $"opened, {Messages} message(s)"
        : TimedOut ? "no close event in time" : $"close {Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, reason '{Reason}', {(WasClean ? "clean" : "not clean")}, {Errors} error event(s), {Messages} message(s)";
}

/// <summary>The page an attacker serves: it opens WebSockets, records only what script can observe, and shows it for the screenshot.</summary>
public sealed class ProbePage(IPage page)
{
    public const string Html = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Beamtalk conformance: browser probe</title>
        <style>body{font:14px sans-serif;margin:16px} td,th{border:1px solid #888;padding:3px 8px} table{border-collapse:collapse}</style></head>
        <body><h1>Browser probe</h1><p>Page origin: <code id="origin"></code></p><table id="results"><tr><th>new WebSocket(...)</th><th>outcome</th></tr></table>
        <script>
        document.getElementById('origin').textContent = location.origin;
        window.probe = (url, ms) => new Promise(resolve => {
          const r = { url, opened: false, messages: 0, errors: 0, code: null, reason: '', wasClean: false, timedOut: false };
          let ws;
          try { ws = new WebSocket(url); } catch (e) { r.reason = 'constructor threw ' + e.name; resolve(r); return; }
          const timer = setTimeout(() => { r.timedOut = true; try { ws.close(); } catch (e) {} resolve(r); }, ms);
          ws.onopen = () => { r.opened = true; ws.close(); };
          ws.onmessage = () => { r.messages++; };
          ws.onerror = () => { r.errors++; };
          ws.onclose = e => { clearTimeout(timer); r.code = e.code; r.reason = e.reason; r.wasClean = e.wasClean; resolve(r); };
        });
        window.show = (url, text) => { const row = document.getElementById('results').insertRow(); row.insertCell().textContent = url; row.insertCell().textContent = text; };
        </script></body></html>
        """;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(8);

    public IPage Page { get; } = page;

    public string Origin => new Uri(Page.Url).GetLeftPart(UriPartial.Authority);

    /// <summary>Runs the probes at once (a scan is parallel, as an attacker's would be), each bounded by the page's own timer.</summary>
    public async Task<IReadOnlyList<SocketProbe>> ProbeAsync(IReadOnlyList<string> urls)
    {
        var results = await Page.EvaluateAsync<JsonElement>(
            "([urls, ms]) => Promise.all(urls.map(u => window.probe(u, ms)))",
            new object[] { urls.ToArray(), (int)ProbeTimeout.TotalMilliseconds });
        var probes = results.EnumerateArray().Select(r => new SocketProbe(
            r.GetProperty("url").GetString()!,
            r.GetProperty("opened").GetBoolean(),
            r.GetProperty("messages").GetInt32(),
            r.GetProperty("errors").GetInt32(),
            r.GetProperty("code").ValueKind == JsonValueKind.Number ? r.GetProperty("code").GetInt32() : null,
            r.GetProperty("reason").GetString() ?? string.Empty,
            r.GetProperty("wasClean").GetBoolean(),
            r.GetProperty("timedOut").GetBoolean())).ToList();
        foreach (var probe in probes)
        {
            await Page.EvaluateAsync("([u, t]) => window.show(u, t)", new object[] { probe.Url, probe.Signature });
        }

        return probes;
    }

    /// <summary>Saves the page as it stands under the run's output folder; returns the path relative to it.</summary>
    public async Task<string> ScreenshotAsync(CheckArtifacts artifacts, string requirementId, string targetName, string label)
    {
        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        return artifacts.Save("screenshots", $"{requirementId}.{label}.{ShortName(targetName)}.png", png);
    }

    // Long target names (a fixture's list of defects) become a short fingerprint: a file name must never look like a secret.
    private static string ShortName(string targetName) =>
        targetName.Length <= 24 && targetName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? targetName
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(targetName)))[..8];

    /// <summary>A new page at <paramref name="url"/>: fetched from its server, or, with <paramref name="fulfilInBrowser"/>, answered by the browser itself.</summary>
    public static async Task<ProbePage> OpenAsync(IBrowser browser, string url, bool fulfilInBrowser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 500 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (fulfilInBrowser)
        {
            // The rebinding attacker's page: its origin is the workspace's own host:port under a foreign name.
            await page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = Html }));
        }

        await page.GotoAsync(url);
        return new ProbePage(page);
    }
}
