using System.Net.WebSockets;
using System.Text.Json;
using Beamtalk.Workspace.Storage;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// One client connection: the authentication handshake, then the REPL operations. Nothing a
/// client sends before a successful handshake is echoed, evaluated or logged.
/// </summary>
internal sealed class ReplConnection(
    MessageChannel channel,
    string peer,
    CurrentCookie cookie,
    WorkspaceDirectory workspace,
    ServerOptions options,
    SessionRegistry sessions,
    WorkspaceLog log,
    Action requestShutdown,
    Action authenticated)
{
    private static readonly TimeSpan FailedConnectionLinger = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stopping)
    {
        await channel.SendAsync(new Dictionary<string, string> { ["op"] = "auth-required" }, stopping);

        var session = await AuthenticateAsync(stopping);
        if (session is null)
        {
            return;
        }

        try
        {
            await ServeAsync(session, stopping);
        }
        finally
        {
            await sessions.RemoveAsync(session);
            log.Write(LogEvent.SessionEnded, ("peer", peer), ("session", session.Id));
        }
    }

    private async Task<ReplSession?> AuthenticateAsync(CancellationToken stopping)
    {
        // The timeout must not cancel the read: cancelling aborts the socket (a TCP reset). Instead the
        // server sends close 1008 while the read is still pending, and the read ends with the peer's close.
        var reading = channel.ReadTextAsync(options.MaxPreAuthMessageBytes, stopping);
        var expired = Task.Delay(options.PreAuthTimeout, stopping);
        if (await Task.WhenAny(reading, expired) == expired)
        {
            log.Write(LogEvent.AuthFailed, ("peer", peer), ("reason", "timeout"));
            await channel.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "Authentication timeout", stopping);
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2), stopping));
            _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return null;
        }

        ReadResult first;
        try
        {
            first = await reading;
        }
        catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.Faulted)
        {
            // The WebSocket layer failed the connection itself (invalid UTF-8 in a text frame: 1007; a
            // reserved opcode or bit, a bad control frame: 1002) and has queued its close frame. Returning
            // at once tears the connection down before the transport has written that frame, so the client
            // usually saw a TCP reset instead of a close. Linger as long as the framework itself waits for a
            // peer's close, so the close frame goes out first.
            log.Write(LogEvent.AuthFailed, ("peer", peer), ("reason", "protocol_error"));
            await Task.Delay(FailedConnectionLinger, stopping);
            return null;
        }

        switch (first.Status)
        {
            case ReadStatus.Closed:
                return null;
            case ReadStatus.TooLarge:
                log.Write(LogEvent.AuthFailed, ("peer", peer), ("reason", "too_large"));
                await channel.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Auth message too large", stopping);
                return null;
            case ReadStatus.NotUtf8:
                await RejectAsync(AuthOutcome.Malformed, stopping);
                return null;
        }

        var checkedAgainst = cookie.Value;
        var decision = AuthHandshake.Decide(first.Text, checkedAgainst);
        if (decision.Outcome != AuthOutcome.Accepted)
        {
            await RejectAsync(decision.Outcome, stopping);
            return null;
        }

        authenticated();
        var control = new ConnectionWorkspaceControl(this);
        if (sessions.Create(decision.Client, channel, () => ReferenceEquals(cookie.Value, checkedAgainst), control) is not { } session)
        {
            // Rotated between the check and the registration: the cookie presented is no longer the cookie.
            await RejectAsync(AuthOutcome.WrongCookie, stopping);
            return null;
        }

        control.Session = session;
        log.Write(LogEvent.AuthSucceeded, ("peer", peer), ("client", decision.Client));
        log.Write(LogEvent.SessionStarted, ("peer", peer), ("session", session.Id));
        await channel.SendAsync(new Dictionary<string, string> { ["type"] = "auth_ok" }, stopping);
        await channel.SendAsync(new Dictionary<string, string> { ["op"] = "session-started", ["session"] = session.Id }, stopping);
        return session;
    }

    private async Task RejectAsync(AuthOutcome outcome, CancellationToken stopping)
    {
        var reason = outcome switch
        {
            AuthOutcome.WrongCookie => "wrong_cookie",
            AuthOutcome.NotAnAuthMessage => "not_auth",
            _ => "malformed",
        };
        log.Write(LogEvent.AuthFailed, ("peer", peer), ("reason", reason));
        await channel.SendAsync(
            new Dictionary<string, string> { ["type"] = "auth_error", ["message"] = AuthHandshake.Message(outcome) },
            stopping);
        await channel.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Authentication failed", stopping);
    }

    private async Task ServeAsync(ReplSession session, CancellationToken stopping)
    {
        var running = new List<Task>();
        while (!stopping.IsCancellationRequested)
        {
            var read = await channel.ReadTextAsync(options.MaxMessageBytes, stopping);
            if (read.Status == ReadStatus.Closed)
            {
                break;
            }

            if (read.Status == ReadStatus.TooLarge)
            {
                await channel.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too large", stopping);
                break;
            }

            if (session.IsRevoked)
            {
                break;
            }

            var request = ReplRequest.Parse(read.Text);
            if (request.Op == "close")
            {
                await Reply(request, []);
                await channel.CloseAsync(WebSocketCloseStatus.NormalClosure, "Session closed", stopping);
                break;
            }

            running.RemoveAll(t => t.IsCompleted);
            running.Add(HandleAsync(session, request, stopping));
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(ReplSession session, ReplRequest request, CancellationToken stopping)
    {
        if (session.IsRevoked)
        {
            return;
        }

        switch (request.Op)
        {
            case null:
                await ReplyError(request, request.ParseError ?? "Malformed message");
                break;
            case "eval":
                await EvalAsync(session, request, stopping);
                break;
            case "load-source":
                await LoadSourceAsync(session, request, stopping);
                break;
            case "interrupt":
                await Reply(request, new() { ["interrupted"] = session.Interrupt() });
                break;
            case "sessions":
                await Reply(request, new() { ["sessions"] = sessions.Ids });
                break;
            case "shutdown":
                await ShutdownAsync(request);
                break;
            case "rotate-cookie":
                await RotateAsync(session, request);
                break;
            default:
                await ReplyError(request, $"Unknown op: {request.Op}");
                break;
        }
    }

    private async Task EvalAsync(ReplSession session, ReplRequest request, CancellationToken stopping)
    {
        if (request.String("code") is not { } code)
        {
            await ReplyError(request, "eval needs a string 'code'");
            return;
        }

        await ReplyWithResult(request, await session.EvaluateAsync(code, stopping));
    }

    private async Task LoadSourceAsync(ReplSession session, ReplRequest request, CancellationToken stopping)
    {
        if (request.String("source") is not { } source)
        {
            await ReplyError(request, "load-source needs a string 'source'");
            return;
        }

        await ReplyWithResult(request, await session.LoadSourceAsync(source, stopping));
    }

    private async Task ReplyWithResult(ReplRequest request, Language.EvalResult result)
    {
        var fields = new Dictionary<string, object?>();
        if (result.Output.Length > 0)
        {
            fields["output"] = result.Output;
        }

        if (result.Succeeded)
        {
            fields["value"] = result.Value;
            await Reply(request, fields);
        }
        else
        {
            fields["kind"] = result.Error?.Kind;
            await ReplyError(request, result.Error?.Message ?? "Evaluation failed", fields);
        }
    }

    private async Task ShutdownAsync(ReplRequest request)
    {
        // Shutdown is privileged: holding a session is not enough, the cookie is checked again.
        if (request.String("cookie") is { } presented && cookie.Value.Matches(presented))
        {
            await Reply(request, []);
            requestShutdown();
            return;
        }

        log.Write(LogEvent.PrivilegedOpRefused, ("peer", peer), ("op", "shutdown"));
        await ReplyError(request, "Invalid cookie");
    }

    /// <summary>
    /// Privileged like shutdown. The new cookie is on disk (atomically) before it is in force, and
    /// every other open session is then ended: rotation follows a suspected compromise, and a
    /// connected attacker must not outlive it. The rotating session stays open.
    /// </summary>
    private async Task RotateAsync(ReplSession session, ReplRequest request)
    {
        if (request.String("cookie") is not { } presented || !cookie.Value.Matches(presented))
        {
            log.Write(LogEvent.PrivilegedOpRefused, ("peer", peer), ("op", "rotate-cookie"));
            await ReplyError(request, "Invalid cookie");
            return;
        }

        await Reply(request, new() { ["sessions_ended"] = await RotateCookieAsync(session) });
    }

    /// <summary>The rotation itself, after the caller is known to be allowed: the op checked the cookie, <c>Workspace rotateCookie</c> runs as its session.</summary>
    private async Task<int> RotateCookieAsync(ReplSession session)
    {
        WorkspaceCookie? rotated = null;
        var ended = sessions.RotateExcept(session, () =>
        {
            rotated = WorkspaceCookie.Rotate(workspace.CookiePath);
            cookie.Replace(rotated);
        });

        // Revoked sessions are no longer served; each still gets a close frame if its peer reads, and is
        // then cut off, so a peer that never answers cannot keep the connection.
        foreach (var other in ended)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await other.Channel.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "Cookie rotated", patience.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Gone or not reading: the abort below ends it either way.
            }

            other.Channel.Abort();
        }

        log.Write(LogEvent.CookieRotated, ("peer", peer), ("sessions_ended", ended.Count), ("fingerprint", rotated!.Fingerprint));
        return ended.Count;
    }

    private IReadOnlyList<string> SessionIds() => sessions.Ids;

    // Facts only: the interface it serves has no way to read the cookie, so none of this can carry it.
    private List<KeyValuePair<string, string>> WorkspaceInfo(ReplSession? session)
    {
        var node = workspace.ReadLiveNodeInfo();
        return
        [
            new("workspace", workspace.Id.ToString()),
            new("pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("port", node?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"),
            new("session", session?.Id ?? "none"),
            new("sessions", sessions.Ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("subprocesses", options.SubprocessesAllowed ? "allowed" : "disabled"),
        ];
    }

    /// <summary>The <c>Workspace</c> global of this connection's session.</summary>
    private sealed class ConnectionWorkspaceControl(ReplConnection connection) : Language.IWorkspaceControl
    {
        public ReplSession? Session { get; set; }

        public IReadOnlyList<KeyValuePair<string, string>> Info() => connection.WorkspaceInfo(Session);

        public IReadOnlyList<string> SessionIds() => connection.SessionIds();

        // Called on the eval's own thread, never the connection's, so waiting here cannot stall its I/O.
        public int RotateCookie() =>
            Session is { } session ? connection.RotateCookieAsync(session).GetAwaiter().GetResult() : 0;
    }

    private Task Reply(ReplRequest request, Dictionary<string, object?> fields)
    {
        fields["status"] = new[] { "done" };
        return Send(request, fields);
    }

    private Task ReplyError(ReplRequest request, string error, Dictionary<string, object?>? fields = null)
    {
        fields ??= [];
        fields["error"] = error;
        fields["status"] = new[] { "done", "error" };
        return Send(request, fields);
    }

    private Task Send(ReplRequest request, Dictionary<string, object?> fields)
    {
        if (request.Id is not null)
        {
            fields["id"] = request.Id;
        }

        return channel.SendAsync(fields, CancellationToken.None);
    }
}

/// <summary>A parsed request: <c>{"op": ..., "id": ..., ...params}</c>.</summary>
internal sealed class ReplRequest
{
    private readonly JsonElement _root;

    private ReplRequest(JsonElement root, string? op, string? id, string? parseError)
    {
        _root = root;
        Op = op;
        Id = id;
        ParseError = parseError;
    }

    public string? Op { get; }

    public string? Id { get; }

    public string? ParseError { get; }

    public static ReplRequest Parse(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ReplRequest(default, null, null, "A request must be a JSON object");
            }

            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            return new ReplRequest(root, op, id, op is null ? "A request needs a string 'op'" : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new ReplRequest(default, null, null, "Malformed message");
        }
    }

    public string? String(string name)
    {
        try
        {
            return _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
