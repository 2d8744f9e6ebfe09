using System.Diagnostics;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Checks;

/// <summary>What the server does with connections and sessions: idle pre-auth sockets, privileged operations.</summary>
public static class SessionChecks
{
    /// <summary>How much longer than its stated bound a target may take to close an idle socket (scheduling, timers).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    /// <summary>AUTH-PREAUTH-TIMEOUT: a connection that never authenticates is closed within the target's bound.</summary>
    [Requirement("AUTH-PREAUTH-TIMEOUT")]
    [KnownBad(Defect.NoPreAuthTimeout)]
    public sealed class IdleUnauthenticatedSocketsAreClosed : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);

            await using var idle = await WireConnection.OpenAsync(instance.Port, cancellationToken);
            await idle.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
            var bound = target.Description.PreAuthTimeout;
            var clock = Stopwatch.StartNew();
            var (_, end) = await idle.ReceiveUntilEndAsync(bound + Slack, cancellationToken);
            var waited = clock.Elapsed;
            return end switch
            {
                WireEvent.Silent => throw CheckEnd.Violation($"an unauthenticated connection that sent nothing was still open after {waited.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s)."),
                WireEvent.Closed c => new CheckResult.Pass($"an idle unauthenticated connection was closed with code {c.Code} after {waited.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s)."),
                _ => new CheckResult.Pass($"an idle unauthenticated connection was dropped (no close frame) after {waited.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s)."),
            };
        }
    }

    /// <summary>
    /// AUTH-PREAUTH-TIMEOUT for a client that keeps talking but never authenticates: it opens an auth
    /// message and sends a ping and one more fragment of it every half second. The bound is a deadline
    /// for authenticating, not for silence, so the server must still close the connection within it.
    /// </summary>
    [Requirement("AUTH-PREAUTH-TIMEOUT")]
    [KnownBad(Defect.PreAuthDeadlinePerFrame)]
    public sealed class ChattyUnauthenticatedSocketsAreClosed : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);

            await using var socket = await RawWebSocket.ConnectAsync(instance.Port, cancellationToken);
            if (!socket.IsOpen)
            {
                throw CheckEnd.Error($"{id}: the upgrade was refused with HTTP {socket.StatusCode}, so no unauthenticated connection could be held open.");
            }

            await socket.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
            var bound = target.Description.PreAuthTimeout;
            var interval = TimeSpan.FromMilliseconds(500);
            var clock = Stopwatch.StartNew();
            var frames = 1;
            await socket.SendFrameAsync(RawOpcode.Text, "{\"type\": \"auth\", "u8.ToArray(), cancellationToken, fin: false);
            while (clock.Elapsed < bound + Slack)
            {
                // Waiting for the server's answer is the pacing: the read returns early if the server ends the connection.
                var answer = await socket.ReceiveAsync(interval, cancellationToken);
                if (answer is WireEvent.Closed or WireEvent.Dropped)
                {
                    return new CheckResult.Pass($"a connection that kept sending pings and fragments of an auth message ({frames} frames) without completing it was ended after {clock.Elapsed.TotalSeconds:0.0} s ({Describe(answer)}; bound {bound.TotalSeconds:0} s).");
                }

                var sent = await socket.SendFrameAsync(RawOpcode.Ping, "keepalive"u8.ToArray(), cancellationToken)
                    & await socket.SendFrameAsync(RawOpcode.Continuation, " "u8.ToArray(), cancellationToken, fin: false);
                frames += 2;
                if (!sent)
                {
                    return new CheckResult.Pass($"a connection that kept sending pings and fragments of an auth message was ended after {clock.Elapsed.TotalSeconds:0.0} s (writes failed; bound {bound.TotalSeconds:0} s).");
                }
            }

            return new CheckResult.Violation($"an unauthenticated connection that kept sending pings and fragments of an auth message ({frames} frames) was still open after {clock.Elapsed.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s): the bound must run from the connection's start, not from its last frame.");
        }
    }

    private static string Describe(WireEvent end) =>
        end is WireEvent.Closed c ? $"close code {c.Code}" : "dropped without a close frame";

    /// <summary>
    /// AUTH-PRIVILEGED-OPS: holding a session is not enough to stop the workspace; shutdown with any
    /// wrong cookie is refused and the workspace keeps serving, while the real cookie stops it.
    /// </summary>
    [Requirement("AUTH-PRIVILEGED-OPS")]
    [KnownBad(Defect.ShutdownWithoutCookieCheck)]
    public sealed class ShutdownRechecksTheCookie : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var cookie = instance.ReadCookie();

            JsonNode? Wrong(string name) => name switch
            {
                "empty" => string.Empty,
                "one character short" => cookie[..^1],
                "one character longer" => cookie + "A",
                "with a trailing newline" => cookie + "\n",
                "a number" => 12345,
                _ => null,
            };

            string[] cases = ["absent", "empty", "one character short", "one character longer", "with a trailing newline", "a number"];
            foreach (var name in cases)
            {
                await using (var session = await ReplProtocol.AuthenticateAsync(instance.Port, cookie, cancellationToken))
                {
                    var request = new JsonObject { ["op"] = "shutdown" };
                    if (Wrong(name) is { } value)
                    {
                        request["cookie"] = value;
                    }

                    Reply? reply = null;
                    try
                    {
                        // Raw: some of these cookies are of the wrong JSON type, which the records cannot say.
                        reply = await session.RequestRawAsync(request, cancellationToken);
                    }
                    catch (InvalidOperationException)
                    {
                        // No reply at all: whether it obeyed is decided below by whether it still serves.
                    }

                    if (reply is not null && !reply.IsError)
                    {
                        return new CheckResult.Violation($"shutdown with a cookie that is {name} was not refused.");
                    }
                }

                if (!await StillServesAsync(instance, cookie, cancellationToken))
                {
                    return new CheckResult.Violation($"after a shutdown request with a cookie that is {name}, the workspace stopped serving.");
                }
            }

            // Positive control: the same request with the real cookie must stop it, or the refusals prove nothing.
            await using (var session = await ReplProtocol.AuthenticateAsync(instance.Port, cookie, cancellationToken))
            {
                await session.Connection.SendTextAsync(new ShutdownRequest(cookie) { Id = "stop" }.ToJson(), cancellationToken);
                await session.Connection.ReceiveUntilEndAsync(WireConnection.DefaultTimeout, cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            while (ProcessTree.IsAlive(instance.Pid) && clock.Elapsed < WireConnection.DefaultTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }

            if (ProcessTree.IsAlive(instance.Pid))
            {
                return new CheckResult.Inconclusive("shutdown with the real cookie did not stop the workspace either; the target may not implement shutdown.");
            }

            return new CheckResult.Pass($"shutdown was refused for {cases.Length} wrong cookies ({string.Join(", ", cases)}) and the workspace kept serving; the real cookie stopped it.");
        }
    }

    private static async Task<bool> StillServesAsync(WorkspaceInstance instance, string cookie, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await ReplProtocol.AuthenticateAsync(instance.Port, cookie, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
