using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// AUTH-ROBUST and AUTH-NO-ECHO: frame-level fuzzing of what a client can send before it
/// authenticates, written with <see cref="RawWebSocket"/> so that nothing a client library would
/// refuse to send is out of reach, while an authenticated session keeps being asked to answer.
/// </summary>
public static partial class RobustnessChecks
{
    private const string RobustId = "AUTH-ROBUST";
    private const string EchoId = "AUTH-NO-ECHO";

    /// <summary>How much longer than its pre-auth timeout a target may take to close (timers, scheduling).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private const string WrongAuth = """{"type":"auth","cookie":"not-the-cookie"}""";

    /// <summary>
    /// AUTH-ROBUST: malformed first frames (invalid JSON of many shapes, lone surrogates, invalid
    /// UTF-8, deep nesting, NUL bytes, binary frames, fragments, oversized and truncated frames,
    /// RFC 6455 violations, ping floods, a slow writer, abrupt disconnects) each get a clean close,
    /// while the process stays up and an authenticated session keeps answering.
    /// </summary>
    [Requirement(RobustId)]
    [KnownBad(Defect.DropsConnectionOnMalformedJson)]
    public sealed class PreAuthInputIsClosedCleanly : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var cookie = instance.ReadCookie();
            await using var session = await ControlsAsync(instance, cookie, RobustId, cancellationToken);
            var probe = new Probe(instance, session, target.Description.PreAuthTimeout, RobustId, cancellationToken);
            var clock = Stopwatch.StartNew();
            var edges = Edges(target.Description.PreAuthTimeout);
            var stalls = Stalls();
            var unanswered = Unanswered();
            var vanishing = Vanishing(instance.Port);

            foreach (var input in edges)
            {
                if (Unclean(input, await probe.RunAsync(input)) is { } problem)
                {
                    return new CheckResult.Violation(problem);
                }

                await probe.StillServesAsync($"after pre-auth input '{input.Name}'");
            }

            await ConcurrentlyAsync(probe, [.. stalls, .. unanswered], "stalled mid-message or never answering the server's close");
            foreach (var vanish in vanishing)
            {
                await vanish.Run(cancellationToken);
                await probe.StillServesAsync($"after a client {vanish.Name}");
            }

            var fragmentedRealCookie = await probe.RunAsync(Fragmented("the real cookie as an auth frame in three fragments", Encoding.UTF8.GetBytes(ReplProtocol.AuthFrame(cookie)), [9, 30], ping: true, Clean.Authenticated | Clean.Rejection));
            if (Unclean(fragmentedRealCookie.Input, fragmentedRealCookie) is { } fragmentProblem)
            {
                return new CheckResult.Violation(fragmentProblem);
            }

            string? failure = null;
            bool Holds(PreAuthInput input)
            {
                try
                {
                    failure = Unclean(input, probe.RunAsync(input).GetAwaiter().GetResult());
                    if (failure is null)
                    {
                        probe.StillServesAsync($"after generated pre-auth input '{input.Name}'").GetAwaiter().GetResult();
                    }
                }
                catch (CheckEndedException e) when (e.Result is CheckResult.Violation)
                {
                    failure = e.Result.Text;
                }

                return failure is null;
            }

            var generated = PropertyRun.Check(context.Settings.Seed, MalformedInputs(), Holds, context.Settings.Runs ?? 100, () => failure ?? string.Empty);

            await probe.StillServesAsync("at the end", newConnection: true);
            if (CrashTrace(instance) is { } trace)
            {
                return new CheckResult.Violation($"after the malformed inputs, {trace}.");
            }

            var accepted = fragmentedRealCookie.Texts.Any(t => ReplProtocol.TypeOf(t) == "auth_ok") ? "accepted" : "cleanly rejected";
            return new CheckResult.Pass($"{edges.Count} fixed and {stalls.Count} stalled malformed pre-auth inputs each got a clean close, {generated}; the server ended the connection of {unanswered.Count} clients that never answered its close, and carried on after {vanishing.Count} abrupt disconnects; " +
                $"a fragmented auth with the real cookie was {accepted}; the authenticated session answered {probe.Evals} evals throughout; the process stayed up and no crash trace appeared in {instance.FilesBesidesCookie().Count} files or {instance.Commands.Count} command outputs ({clock.Elapsed.TotalSeconds:0.0} s).");
        }
    }

    /// <summary>
    /// AUTH-NO-ECHO: every pre-auth input carries its own random 24-letter token (as the cookie, an
    /// extra field, a key, a whole frame, in fragments, binary and control frames, the URL, headers);
    /// no token may come back in any frame, close reason or upgrade response, on that connection or
    /// the authenticated session, nor appear in any file of the workspace or any command output.
    /// </summary>
    [Requirement(EchoId)]
    [KnownBad(Defect.EchoesPreAuthInput)]
    public sealed class PreAuthInputIsNeverEchoed : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var cookie = instance.ReadCookie();
            var tokens = new List<(string Token, string Where)>();
            var evals = 0;
            var fileControl = "skipped (the target declares no canary)";

            await using (var session = await ControlsAsync(instance, cookie, EchoId, cancellationToken))
            {
                var probe = new Probe(instance, session, target.Description.PreAuthTimeout, EchoId, cancellationToken);

                // Positive control: a token the authenticated session writes through the canary must be found
                // by the same file scan, or a clean scan proves nothing.
                if (target.Description.Canary is not null)
                {
                    var control = Token();
                    await session.EvalAsync(instance.Canary(Path.Combine(instance.Home, "echo-control"), control), cancellationToken);
                    if (Echo(control, instance, [], []) is null)
                    {
                        return new CheckResult.Inconclusive("a token written by the canary after authentication was not found by the file scan, so a clean scan proves nothing; check the target's canary expression.");
                    }

                    fileControl = "a token the authenticated canary wrote was found by the same scan";
                }

                async Task<string?> EchoOfAsync(string token, PreAuthInput input)
                {
                    tokens.Add((token, input.Name));
                    var before = session.Received.Count;
                    var outcome = await probe.RunAsync(input);
                    await probe.StillServesAsync($"after pre-auth input '{input.Name}'");
                    var where = Echo(token, instance, outcome.Transcript, session.Received.Skip(before).ToList());
                    return where is null ? null : $"the token sent {input.Name} before authentication turned up in {where}.";
                }

                foreach (var position in EchoPositions(instance.Port))
                {
                    var token = Token();
                    if (await EchoOfAsync(token, position.Build(token)) is { } echo)
                    {
                        return new CheckResult.Violation(echo);
                    }
                }

                string? failure = null;
                var generated = PropertyRun.Check(context.Settings.Seed,
                    MarkedInputs(instance.Port),
                    marked =>
                    {
                        try
                        {
                            failure = EchoOfAsync(marked.Token, marked.Input).GetAwaiter().GetResult();
                        }
                        catch (CheckEndedException e) when (e.Result is CheckResult.Violation)
                        {
                            failure = e.Result.Text;
                        }

                        return failure is null;
                    },
                    context.Settings.Runs ?? 40,
                    () => failure ?? string.Empty);
                fileControl = $"{generated}; {fileControl}";
                evals = probe.Evals;
            }

            // Whatever a target writes when it stops (flushed logs, a summary) is output too.
            await instance.StopAsync(cancellationToken);
            foreach (var (token, where) in tokens)
            {
                if (Echo(token, instance, [], []) is { } found)
                {
                    return new CheckResult.Violation($"the token sent {where} before authentication turned up in {found} after the workspace stopped.");
                }
            }

            return new CheckResult.Pass($"{tokens.Count} marked pre-auth inputs in {EchoPositions(instance.Port).Count} positions; no token came back in any frame, close reason or upgrade response, on its connection or the authenticated session ({evals} evals), " +
                $"nor appeared in {instance.FilesBesidesCookie().Count} files or {instance.Commands.Count} command outputs, also after stop; {fileControl}.");
        }
    }

    /// <summary>
    /// Positive controls: the real cookie authenticates the suite's ordinary client and the raw
    /// client, so what raw inputs get is not the raw client's fault; for AUTH-ROBUST, a well-formed
    /// wrong cookie sent raw also gets the protocol's clean rejection, the baseline malformed input
    /// is judged against.
    /// </summary>
    private static async Task<ReplSessionClient> ControlsAsync(WorkspaceInstance instance, string cookie, string id, CancellationToken cancellationToken)
    {
        ReplSessionClient session;
        try
        {
            session = await ReplProtocol.AuthenticateAsync(instance.Port, cookie, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw CheckEnd.Inconclusive($"no authenticated session to watch: {e.Message}");
        }

        var probe = new Probe(instance, session, WireConnection.DefaultTimeout, id, cancellationToken);
        var real = await probe.RunAsync(Whole("the real cookie", Encoding.UTF8.GetBytes(ReplProtocol.AuthFrame(cookie)), Clean.Authenticated));
        if (!real.Texts.Any(t => ReplProtocol.TypeOf(t) == "auth_ok"))
        {
            await session.DisposeAsync();
            throw CheckEnd.Inconclusive($"the real cookie sent by the raw client was not accepted ({real.Describe()}), so what malformed input gets says nothing.");
        }

        if (id != RobustId)
        {
            return session;
        }

        var wrong = await probe.RunAsync(Whole("a well-formed wrong cookie", Encoding.UTF8.GetBytes(WrongAuth), Clean.Rejection));
        if (Unclean(wrong.Input, wrong) is not null)
        {
            await session.DisposeAsync();
            throw CheckEnd.Inconclusive($"a well-formed wrong cookie sent by the raw client got {wrong.Describe()}, not auth_error and close 1008 (see AUTH-REJECT), so malformed input cannot be judged against the protocol's rejection.");
        }

        return session;
    }
}
