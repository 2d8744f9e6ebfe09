using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Wire.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Beamtalk.Conformance.KnownBad;

/// <summary>
/// Just enough of beamtalk-ws-v1 to be checked: upgrade checks, handshake, eval (the reference's language),
/// shutdown. Each defect switches off exactly one protection; with none it follows the reference's policy.
/// </summary>
internal sealed partial class FixtureServer(FixtureOptions options, string initialCookie, IHostApplicationLifetime lifetime)
{
    /// <summary>The cookie in force: the file is the truth (so rotation is replacing the file), unless a defect caches it.</summary>
    private string Cookie => options.Has(Defect.KeepsOldCookieAfterRotation) || options.Has(Defect.DeletesCookieAfterReading) ? initialCookie : File.ReadAllText(options.CookiePath).Trim();

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    // Every connection's language, so a defect can reach the actors of sessions that have ended.
    private static readonly System.Collections.Concurrent.ConcurrentBag<FixtureLanguage> Languages = [];

    public int Port { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!HostAllowed(context.Request.Headers.Host.ToString()) || !OriginAllowed(context.Request.Headers.Origin.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // The defect's greeting is not a protocol message (it carries a field the protocol has not), so it stays raw.
        await Send(socket, options.Has(Defect.GreetsWithCookie)
            ? new JsonObject { ["op"] = AuthRequired.Name, ["hint"] = Cookie }.ToJsonString()
            : new AuthRequired().ToJson());

        // The timeout sends close 1008 while the read is pending; cancelling the read would reset the connection.
        var lastFrame = Stopwatch.GetTimestamp();
        var reading = Receive(socket, lifetime.ApplicationStopping, () => lastFrame = Stopwatch.GetTimestamp());
        if (options.Has(Defect.PreAuthDeadlinePerFrame))
        {
            // The defect: the bound is measured from the last frame, so a client that keeps sending never times out.
            while (!reading.IsCompleted)
            {
                var quiet = Stopwatch.GetElapsedTime(lastFrame);
                if (quiet >= options.PreAuthTimeout)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "Authentication timeout", CancellationToken.None);
                    return;
                }

                await Task.WhenAny(reading, Task.Delay(options.PreAuthTimeout - quiet, lifetime.ApplicationStopping));
            }
        }
        else if (!options.Has(Defect.NoPreAuthTimeout)
            && await Task.WhenAny(reading, Task.Delay(options.PreAuthTimeout, lifetime.ApplicationStopping)) != reading)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "Authentication timeout", CancellationToken.None);
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2)));
            return;
        }

        var first = await reading;
        if (first is null)
        {
            return;
        }

        if (options.Has(Defect.SerialisesEveryMessage))
        {
            // A global lock with a costly check inside (think of a slow key derivation): a flood queues the owner behind it.
            await OneAtATime.WaitAsync(lifetime.ApplicationStopping);
            await Task.Delay(TimeSpan.FromMilliseconds(20), lifetime.ApplicationStopping);
            OneAtATime.Release();
        }

        var message = Parse(first);
        if (message is null && options.Has(Defect.DropsConnectionOnMalformedJson))
        {
            context.Abort();
            return;
        }

        if (options.Has(Defect.EvaluatesBeforeAuth) && Text(message, "op") == EvalRequest.Name)
        {
            Evaluate(Text(message, "code") ?? string.Empty);
        }

        var presented = Text(message, "type") == AuthRequest.Name ? Text(message, "cookie") : null;
        if (presented is null || !FixtureCookie.Matches(options, Cookie, presented))
        {
            var text = options.Has(Defect.EchoesPreAuthInput) ? $"Invalid cookie in {first}" : "Invalid cookie";
            await Send(socket, new AuthError(text).ToJson());
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "Authentication failed");
            return;
        }

        if (options.Has(Defect.RotationStopsHotLoadedCode) && presented != initialCookie)
        {
            // The first connection under a rotated cookie evicts everything loaded before it.
            foreach (var earlier in Languages)
            {
                earlier.StopActors();
            }
        }

        await Send(socket, new AuthOk().ToJson());
        await Send(socket, new SessionStarted("s-1").ToJson());
        var language = new FixtureLanguage(options);
        Languages.Add(language);
        using var compiler = new FixtureCompiler(options);
        while (await Receive(socket, lifetime.ApplicationStopping) is { } text)
        {
            if (options.Has(Defect.SerialisesEveryMessage))
            {
                await OneAtATime.WaitAsync(lifetime.ApplicationStopping);
                OneAtATime.Release();
            }

            var request = Parse(text);
            if (Text(request, "op") == EvalRequest.Name && await compiler.CompileAsync(Text(request, "code") ?? string.Empty, lifetime.ApplicationStopping) is { } error)
            {
                await Send(socket, Reply.To(Text(request, "id")).Failing(error).ToJson());
                continue;
            }

            await Send(socket, Answer(request, language).ToJson());
        }
    }

    // Requests are read field by field, not through the records: how the fixture copes with odd input is part of what it is checked for.
    private Reply Answer(JsonObject? request, FixtureLanguage language)
    {
        var reply = Reply.To(Text(request, "id"));
        switch (Text(request, "op"))
        {
            case EvalRequest.Name:
                var code = Text(request, "code") ?? string.Empty;
                if (options.Has(Defect.NoEvalLimit) && code.Contains("whileTrue:", StringComparison.Ordinal))
                {
                    // Runs "for ever": until the fixture itself is stopped.
                    lifetime.ApplicationStopping.WaitHandle.WaitOne();
                }

                return language.Answer(code, reply);
            case LoadSourceRequest.Name:
                return language.Load(Text(request, "source") ?? string.Empty, reply);
            case ShutdownRequest.Name:
                var presented = Text(request, "cookie") ?? string.Empty;
                if (options.Has(Defect.ShutdownWithoutCookieCheck) || FixtureCookie.Matches(options, Cookie, presented))
                {
                    lifetime.StopApplication();
                    return reply;
                }

                return reply.Failing("Invalid cookie");
            default:
                return reply.Failing("Unknown op");
        }
    }

    /// <summary>Host must name this port on a loopback literal or localhost; an opted-in network bind also allows IP literals.</summary>
    private bool HostAllowed(string host)
    {
        if (options.Has(Defect.IgnoresHostHeader))
        {
            return true;
        }

        if (options.Has(Defect.HostPrefixMatch))
        {
            // The shortcut a hand-written check takes: it names loopback and the port, so it must be fine.
            return host.StartsWith($"127.0.0.1:{Port}", StringComparison.Ordinal) || host.StartsWith($"localhost:{Port}", StringComparison.OrdinalIgnoreCase);
        }

        var match = HostPattern().Match(host);
        if (!match.Success || match.Groups["port"].Value != Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        var name = match.Groups["name"].Value.Trim('[', ']');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && (IPAddress.IsLoopback(address) || options.ConfirmNetwork));
    }

    /// <summary>No Origin: not a browser, allowed. Otherwise only this workspace's own loopback origin.</summary>
    private bool OriginAllowed(string origin)
    {
        if (origin.Length == 0 || options.Has(Defect.IgnoresOrigin))
        {
            return true;
        }

        if (options.Has(Defect.OriginPrefixMatch))
        {
            return origin.StartsWith($"http://localhost:{Port}", StringComparison.OrdinalIgnoreCase) || origin.StartsWith($"http://127.0.0.1:{Port}", StringComparison.Ordinal);
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.Port == Port
            && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase));
    }

    // Before authentication the fixture knows only the canary `File writeAll: "PATH" contents: "TEXT"`.
    private static bool Evaluate(string code)
    {
        var canary = CanaryPattern().Match(code);
        if (canary.Success)
        {
            File.WriteAllText(canary.Groups["path"].Value, canary.Groups["text"].Value);
        }

        return canary.Success;
    }

    /// <summary>A string field, or null: also for strings .NET refuses to materialise (a lone surrogate escape).</summary>
    private static string? Text(JsonObject? message, string name)
    {
        try
        {
            return message?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            var parsed = JsonNode.Parse(text) as JsonObject;
            _ = parsed?.Count; // materialises the properties: duplicate keys fail here, not later
            return parsed;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Sends a close and waits for the peer's, but not for ever.</summary>
    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseAsync(status, reason, patience.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The peer never answered, or is gone: the connection ends without its close frame.
        }
    }

    private static Task Send(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> Receive(WebSocket socket, CancellationToken cancellationToken, Action? onFrame = null)
    {
        // Small to start with and grown on demand: a thousand idle connections must not cost gigabytes.
        var buffer = new byte[4096];
        var length = 0;
        try
        {
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
                onFrame?.Invoke();
            }
            while (!result.EndOfMessage);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (WebSocketException e)
        {
            if (e.WebSocketErrorCode == WebSocketError.Faulted)
            {
                // The WebSocket layer failed the frame (bad UTF-8: 1007; protocol error: 1002) and queued
                // its close; give the transport a moment to write it before the handler returns.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }

            return null;
        }
    }

    [GeneratedRegex(@"^(?<name>\[[^\]]+\]|[^:]+):(?<port>\d+)$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("File writeAll: \"(?<path>[^\"]+)\" contents: \"(?<text>[^\"]*)\"")]
    private static partial Regex CanaryPattern();
}

/// <summary>Helper processes some defects start next to the server, the way real workspaces start compilers or nodes.</summary>
/// <summary>Helper processes a defect asks for; they end with the fixture, so only their argv or environment is wrong.</summary>
internal sealed class FixtureHelpers : IDisposable
{
    private readonly List<Process> _helpers = [];

    public static FixtureHelpers Start(FixtureOptions options, string cookie)
    {
        var helpers = new FixtureHelpers();
        if (options.Has(Defect.CookieInHelperArgv))
        {
            helpers.Spawn(["-c", "exec sleep 600", "helper", "--cookie", cookie], environment: null);
        }

        if (options.Has(Defect.CookieInHelperEnv))
        {
            helpers.Spawn(["-c", "exec sleep 600"], ("WORKSPACE_COOKIE", cookie));
        }

        if (options.Has(Defect.CookieOnLiveHelperCommandLine))
        {
            // No exec: the shell waits for sleep with its own command line, cookie included, for the helper's whole life.
            helpers.Spawn(["-c", "sleep 600; :", "helper", "--cookie", cookie], environment: null);
        }

        return helpers;
    }

    public void Dispose()
    {
        foreach (var helper in _helpers)
        {
            try
            {
                // The shell's sleep too, where the shell did not exec it.
                helper.Kill(entireProcessTree: true);
                helper.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            helper.Dispose();
        }
    }

    private void Spawn(string[] arguments, (string Name, string Value)? environment)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        _helpers.Add(Process.Start(start)!);
    }
}
