using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>Connections to one instance, sent one at a time or all at once, with the authenticated session asked to answer between them.</summary>
public static partial class RobustnessChecks
{
    /// <summary>Connections to one instance, and the authenticated session asked to answer between them.</summary>
    private sealed class Probe(WorkspaceInstance instance, ReplSessionClient session, TimeSpan preAuthTimeout, string id, CancellationToken cancellationToken)
    {
        public int Cases { get; private set; }

        public int Evals { get; private set; }

        /// <summary>Connects, reads the greeting, sends the input, and reads until the server closes, drops or falls silent.</summary>
        public async Task<Outcome> RunAsync(PreAuthInput input)
        {
            var started = await StartAsync(input);
            await using (started.Socket)
            {
                return await FinishAsync(input, started);
            }
        }

        public async Task<(RawWebSocket Socket, bool Greeted)> StartAsync(PreAuthInput input)
        {
            Cases++;
            RawWebSocket socket;
            try
            {
                socket = await RawWebSocket.ConnectAsync(instance.Port, cancellationToken, input.Path, input.Headers);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw Broken($"before pre-auth input '{input.Name}', a new connection to port {instance.Port} failed ({e.Message}): the workspace no longer accepts connections.");
            }

            if (!socket.IsOpen)
            {
                return (socket, false);
            }

            socket.AnswersClose = input.AnswersClose;
            try
            {
                var greeting = await socket.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
                await input.Send(socket, cancellationToken);
                return (socket, greeting is WireEvent.Text t && ReplProtocol.OpOf(t.Content) == "auth-required");
            }
            catch
            {
                await socket.DisposeAsync();
                throw;
            }
        }

        public async Task<Outcome> FinishAsync(PreAuthInput input, (RawWebSocket Socket, bool Greeted) started)
        {
            var (socket, greeted) = started;
            if (!socket.IsOpen)
            {
                return new Outcome(input, socket.StatusCode, greeted, [], new WireEvent.Silent(), TimeSpan.Zero, socket.Transcript);
            }

            // Until the server closes, drops or falls silent; after auth_ok (the real cookie) there is nothing more to judge.
            var clock = Stopwatch.StartNew();
            var texts = new List<string>();
            WireEvent end;
            while ((end = await socket.ReceiveAsync(preAuthTimeout + Slack, cancellationToken)) is WireEvent.Text text)
            {
                texts.Add(text.Content);
                if (AuthOk.IsIn(text.Content))
                {
                    break;
                }
            }

            return new Outcome(input, socket.StatusCode, greeted, texts, end, clock.Elapsed, socket.Transcript)
            {
                EndedConnection = input.AnswersClose || end is not WireEvent.Closed || await socket.ServerEndsConnectionAsync(preAuthTimeout + Slack, cancellationToken),
            };
        }

        /// <summary>The process is alive and the authenticated session answers an eval; optionally a new client can still authenticate.</summary>
        public async Task StillServesAsync(string when, bool newConnection = false)
        {
            if ((instance.Pid > 0 && !ProcessTree.IsAlive(instance.Pid)) || instance.Processes().Count == 0)
            {
                throw Broken($"{when}, the workspace process (pid {instance.Pid}) is gone.");
            }

            try
            {
                await session.EvalAsync("1 + 2", cancellationToken);
                Evals++;
            }
            catch (Exception e) when (e is InvalidOperationException or WebSocketException or IOException or JsonException)
            {
                throw Broken($"{when}, the authenticated session stopped answering ({e.Message}).");
            }

            if (newConnection)
            {
                try
                {
                    await using var fresh = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
                    await fresh.EvalAsync("1 + 2", cancellationToken);
                    Evals++;
                }
                catch (Exception e) when (e is InvalidOperationException or WebSocketException or IOException or JsonException)
                {
                    throw Broken($"{when}, a new client with the real cookie could not authenticate and evaluate ({e.Message}).");
                }
            }
        }

        /// <summary>A workspace that stops serving fails AUTH-ROBUST; any other check can only say it could not finish watching.</summary>
        private Exception Broken(string detail) =>
            id == RobustId ? CheckEnd.Violation(detail) : CheckEnd.Inconclusive($"{detail} (see AUTH-ROBUST)");
    }

    /// <summary>Opens every connection at once, asks the session to answer while they are all pending, then judges each.</summary>
    private static async Task ConcurrentlyAsync(Probe probe, List<PreAuthInput> inputs, string what)
    {
        var started = await Task.WhenAll(inputs.Select(probe.StartAsync));
        try
        {
            await probe.StillServesAsync($"while {inputs.Count} unauthenticated clients were {what}");
            var outcomes = await Task.WhenAll(inputs.Zip(started, probe.FinishAsync));
            if (outcomes.Select(o => Unclean(o.Input, o)).FirstOrDefault(p => p is not null) is { } problem)
            {
                throw CheckEnd.Violation(problem);
            }
        }
        finally
        {
            foreach (var (socket, _) in started)
            {
                await socket.DisposeAsync();
            }
        }

        await probe.StillServesAsync($"after {inputs.Count} unauthenticated clients {what}");
    }
}
