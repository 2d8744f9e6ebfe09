using Beamtalk.Conformance.Core;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using FsCheck;
using FsCheck.Fluent;

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

    /// <summary>
    /// Above this size a first message may be refused with 1009 instead of being read: a valid auth
    /// frame is under 200 bytes, and no target should need to buffer more than this before it can
    /// tell (the reference reads at most 64 KiB).
    /// </summary>
    private const int SmallestPreAuthLimit = 1024;

    private const string WrongAuth = """{"type":"auth","cookie":"not-the-cookie"}""";

    /// <summary>How much longer than its pre-auth timeout a target may take to close (timers, scheduling).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The close codes that are a clean answer to input a server cannot accept: 1002 protocol error,
    /// 1003 unacceptable data, 1007 payload not valid (not UTF-8), 1008 policy violation, 1009 too big.
    /// Not 1000 or 1001 (no error happened), not 1011 (the server itself failed), and never a close
    /// without a code: 1005 and 1006 exist only to say that none was sent.
    /// </summary>
    private static readonly int[] FailureCodes = [1002, 1003, 1007, 1008, 1009];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xED, 0xA0, 0x80], // a lone high surrogate, as CESU-8/WTF-8 spell it
        [0xED, 0xBF, 0xBF], // a lone low surrogate
        [0xFF],
        [0xC0, 0xAF], // an overlong '/'
        [0x80], // a continuation byte with no lead
        [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xE2, 0x82], // a sequence cut short
    ];

    /// <summary>First messages that are valid UTF-8 but not a well-formed auth frame: each must get the protocol's rejection.</summary>
    private static readonly (string Name, string Text)[] MalformedJson =
    [
        ("an unterminated object", "{"),
        ("1e999", "1e999"),
        ("an auth frame whose cookie is 1e999", """{"type":"auth","cookie":1e999}"""),
        ("an auth frame whose cookie is -1e999", """{"type":"auth","cookie":-1e999}"""),
        ("an auth frame whose cookie is a lone \\uD800", """{"type":"auth","cookie":"\uD800"}"""),
        ("an auth frame whose cookie is a lone \\uDC00 before \\uD800", """{"type":"auth","cookie":"\uDC00\uD800"}"""),
        ("a lone \\uD800 string", "\"\\uD800\""),
        ("a lone \\uD800 as a key", """{"\uD800":"auth","type":"auth","cookie":"x"}"""),
        ("a lone \\uD800 in the type", """{"type":"auth\uD800","cookie":"x"}"""),
        ("an invalid escape", """{"type":"auth","cookie":"\x"}"""),
        ("a NUL byte", "\0"),
        ("a raw NUL inside the cookie", "{\"type\":\"auth\",\"cookie\":\"a\0b\"}"),
        ("an escaped NUL inside the cookie", """{"type":"auth","cookie":"a\u0000b"}"""),
        ("a raw control character inside the cookie", "{\"type\":\"auth\",\"cookie\":\"a\u0001b\"}"),
        ("an empty text frame", string.Empty),
        ("plain text", "hello"),
        ("a byte-order mark before the auth frame", "\uFEFF" + WrongAuth),
        ("trailing garbage after the auth frame", WrongAuth + " trailing"),
        ("two auth frames in one message", WrongAuth + WrongAuth),
        ("single-quoted JSON", "{'type':'auth','cookie':'x'}"),
        ("a trailing comma", """{"type":"auth","cookie":"x",}"""),
        ("duplicate keys", """{"type":"auth","type":"auth","cookie":"x","cookie":"y"}"""),
        ("a 30,000-deep array", new string('[', 30000)),
        ("a 10,000-deep object", string.Concat(Enumerable.Repeat("{\"a\":", 10000))),
        ("an auth frame nested 100 deep", string.Concat(Enumerable.Repeat("[", 100)) + WrongAuth + new string(']', 100)),
        ("a huge integer", "123456789012345678901234567890123456789012345678901234567890"),
        ("a JSON array", """["auth","x"]"""),
        ("null", "null"),
    ];


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
            AuthChecks.RequireProtocol(target, RobustId);
            await using var instance = target.NewInstance();
            await instance.StartAsync(cancellationToken);
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
                    throw CheckEnd.Violation(problem);
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
                throw CheckEnd.Violation(fragmentProblem);
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
                throw CheckEnd.Violation($"after the malformed inputs, {trace}.");
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
            AuthChecks.RequireProtocol(target, EchoId);
            await using var instance = target.NewInstance();
            await instance.StartAsync(cancellationToken);
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
                        throw CheckEnd.Inconclusive("a token written by the canary after authentication was not found by the file scan, so a clean scan proves nothing; check the target's canary expression.");
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
                        throw CheckEnd.Violation(echo);
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
                    throw CheckEnd.Violation($"the token sent {where} before authentication turned up in {found} after the workspace stopped.");
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

    /// <summary>What a clean end is for one input; several flags mean any of them.</summary>
    [Flags]
    private enum Clean
    {
        /// <summary>Not judged, only read (the client's own close frame, sent for AUTH-NO-ECHO).</summary>
        NotJudged = 0,

        /// <summary>The protocol's answer to a first text message that does not authenticate: auth_error, then close 1008.</summary>
        Rejection = 1,

        /// <summary>Close 1009 for a message larger than the server buffers before authentication.</summary>
        TooLarge = 2,

        /// <summary>Close 1007 for a text message that is not UTF-8 (RFC 6455 section 8.1).</summary>
        InvalidPayload = 4,

        /// <summary>A close frame with one of <see cref="FailureCodes"/>: the answer to a frame RFC 6455 forbids, or to an incomplete one at the pre-auth timeout.</summary>
        FailureCode = 8,

        /// <summary>auth_ok: only for the real cookie.</summary>
        Authenticated = 16,
    }

    /// <summary>One pre-auth input: what the report calls it, how to send it, and which ends are clean.</summary>
    private sealed record PreAuthInput(string Name, Clean Expect, Func<RawWebSocket, CancellationToken, Task> Send)
    {
        public string Path { get; init; } = "/ws";

        public IReadOnlyDictionary<string, string>? Headers { get; init; }

        /// <summary>False: the client never answers the server's close frame, and the server must still end the connection.</summary>
        public bool AnswersClose { get; init; } = true;

        public override string ToString() => Name;
    }

    /// <summary>What the server did with one input. <see cref="Transcript"/> is everything it sent, upgrade response included.</summary>
    private sealed record Outcome(PreAuthInput Input, int Status, bool Greeted, IReadOnlyList<string> Texts, WireEvent End, TimeSpan Took, IReadOnlyList<string> Transcript)
    {
        /// <summary>For a client that never answers the close: whether the server still ended the TCP connection in time.</summary>
        public bool EndedConnection { get; init; } = true;

        public string Describe()
        {
            if (Status != 101)
            {
                return $"the upgrade refused with HTTP {Status}";
            }

            var said = Texts.Count == 0 ? "no text frame" : string.Join(", ", Texts.Select(t => ReplProtocol.TypeOf(t) ?? ReplProtocol.OpOf(t) ?? "a text frame outside the protocol"));
            var seconds = Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            return End switch
            {
                WireEvent.Closed c => $"{said}, then close {c.Code?.ToString(CultureInfo.InvariantCulture) ?? "without a code"} after {seconds} s",
                WireEvent.Dropped d => $"{said}, then {d.Why} after {seconds} s",
                WireEvent.Silent => $"{said}, then nothing for {seconds} s (the connection still open)",
                _ => $"{said}, then {End} after {seconds} s",
            };
        }
    }

    /// <summary>Why an outcome is not a clean close for its input, or null when it is.</summary>
    private static string? Unclean(PreAuthInput input, Outcome outcome)
    {
        if (input.Expect == Clean.NotJudged)
        {
            return null;
        }

        var authenticated = outcome.Texts.Any(t => ReplProtocol.TypeOf(t) == "auth_ok");
        var code = (outcome.End as WireEvent.Closed)?.Code;
        var clean = outcome.Greeted && (authenticated
            ? input.Expect.HasFlag(Clean.Authenticated)
            : (input.Expect.HasFlag(Clean.Rejection) && code == 1008 && outcome.Texts.Any(t => ReplProtocol.TypeOf(t) == "auth_error"))
              || (input.Expect.HasFlag(Clean.TooLarge) && code == 1009)
              || (input.Expect.HasFlag(Clean.InvalidPayload) && code == 1007)
              || (input.Expect.HasFlag(Clean.FailureCode) && code is { } c && FailureCodes.Contains(c)));
        if (clean && !outcome.EndedConnection)
        {
            return $"pre-auth input '{input.Name}' got {outcome.Describe()}, but the server then kept the TCP connection open beyond the pre-auth timeout while the client never answered its close: any client can hold connections open that way.";
        }

        if (clean)
        {
            return null;
        }

        var greeting = outcome.Status == 101 && !outcome.Greeted ? " (and no auth-required greeting before it)" : string.Empty;
        return $"pre-auth input '{input.Name}' got {outcome.Describe()}{greeting}; a clean close is {Expected(input.Expect)}.";
    }

    private static string Expected(Clean expect)
    {
        var ends = new List<string>();
        if (expect.HasFlag(Clean.Authenticated))
        {
            ends.Add("auth_ok");
        }

        if (expect.HasFlag(Clean.Rejection))
        {
            ends.Add("auth_error then close 1008");
        }

        if (expect.HasFlag(Clean.TooLarge))
        {
            ends.Add("close 1009");
        }

        if (expect.HasFlag(Clean.InvalidPayload))
        {
            ends.Add("close 1007");
        }

        if (expect.HasFlag(Clean.FailureCode))
        {
            ends.Add($"a close frame with code {string.Join(", ", FailureCodes[..^1])} or {FailureCodes[^1]}, by the pre-auth timeout at the latest");
        }

        return string.Join(", or ", ends);
    }

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
                if (ReplProtocol.TypeOf(text.Content) == "auth_ok")
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

    private static PreAuthInput Whole(string name, byte[] payload, Clean expect) =>
        new(name, Sized(expect, payload), (s, ct) => s.SendFrameAsync(RawOpcode.Text, payload, ct));

    /// <summary>A message larger than a server need read before authentication may also be refused with 1009.</summary>
    private static Clean Sized(Clean expect, byte[] payload) =>
        expect.HasFlag(Clean.Rejection) && payload.Length > SmallestPreAuthLimit ? expect | Clean.TooLarge : expect;

    private static PreAuthInput Text(string name, string text) =>
        Whole(name, Encoding.UTF8.GetBytes(text), Clean.Rejection);

    /// <summary>A text message in fragments cut at <paramref name="cuts"/>, optionally with a ping between them (control frames may interleave).</summary>
    private static PreAuthInput Fragmented(string name, byte[] payload, IReadOnlyList<int> cuts, bool ping, Clean expect) =>
        new(name, Sized(expect, payload), async (s, ct) =>
        {
            var bounds = cuts.Select(c => Math.Clamp(c, 0, payload.Length)).Order().Prepend(0).Append(payload.Length).ToList();
            var frames = new List<byte>();
            for (var i = 0; i + 1 < bounds.Count; i++)
            {
                var piece = payload.AsSpan(bounds[i], bounds[i + 1] - bounds[i]);
                frames.AddRange(RawWebSocket.Frame(i == 0 ? RawOpcode.Text : RawOpcode.Continuation, piece, fin: i + 2 == bounds.Count));
                if (ping && i + 2 < bounds.Count)
                {
                    frames.AddRange(RawWebSocket.Frame(RawOpcode.Ping, "between"u8));
                }
            }

            await s.SendAsync(frames.ToArray(), ct);
        });

    /// <summary>The binary frame is ignored, as the protocol says, and the wrong auth after it decides; unless it is too large to skip.</summary>
    private static PreAuthInput AfterBinary(string name, byte[] payload) =>
        new(name, Sized(Clean.Rejection, payload), async (s, ct) =>
        {
            await s.SendFrameAsync(RawOpcode.Binary, payload, ct);
            await s.SendTextAsync(WrongAuth, ct);
        });

    private static PreAuthInput Raw(string name, byte[] frame, Clean expect, bool endsFrame = true) =>
        new(name, expect, (s, ct) => s.SendAsync(frame, ct, endsAtFrameBoundary: endsFrame));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Every input a run always tries, in the order most informative first: JSON-level first, then UTF-8, framing, size, floods and pace.</summary>
    private static List<PreAuthInput> Edges(TimeSpan preAuthTimeout)
    {
        var slowFrame = RawWebSocket.Frame(RawOpcode.Text, "{}"u8);
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(200).Ticks, preAuthTimeout.Ticks / 2 / (slowFrame.Length - 1)));
        var pings = Enumerable.Range(0, 2000).SelectMany(i => RawWebSocket.Frame(RawOpcode.Ping, BitConverter.GetBytes(i))).ToArray();
        var oversized = Utf8($$"""{"type":"auth","cookie":"{{new string('A', 64 * 1024)}}"}""");
        var mebibyte = Utf8($$"""{"type":"auth","cookie":"{{new string('A', 1024 * 1024)}}"}""");
        return
        [
            .. MalformedJson.Select(shape => Text(shape.Name, shape.Text)),
            AfterBinary("an eval request in a binary frame, then a wrong auth", Utf8("""{"op":"eval","code":"1 + 2","id":"x"}""")),
            AfterBinary("invalid UTF-8 in a binary frame, then a wrong auth", [0xFF, 0xFE, 0xED, 0xA0, 0x80, 0x00]),
            AfterBinary("an empty binary frame, then a wrong auth", []),
            Fragmented("a wrong-cookie auth frame in three fragments with a ping between", Utf8(WrongAuth), [5, 20], ping: true, Clean.Rejection),
            Fragmented("invalid JSON in fragments", Utf8("{\"type\":\"auth\",\"cookie\":"), [3, 10], ping: false, Clean.Rejection),
            Fragmented("a two-byte character split across fragments", Utf8("""{"type":"auth","cookie":"é"}"""), [26], ping: false, Clean.Rejection),
            Fragmented("empty fragments around an auth frame", Utf8(WrongAuth), [0, 0, WrongAuth.Length, WrongAuth.Length], ping: false, Clean.Rejection),
            Whole("a lone surrogate as raw bytes ED A0 80 in the cookie", Join(Utf8("{\"type\":\"auth\",\"cookie\":\""), InvalidUtf8[0], Utf8("\"}")), Clean.Rejection | Clean.InvalidPayload),
            Whole("a lone byte FF", [0xFF], Clean.Rejection | Clean.InvalidPayload),
            Whole("an overlong encoding C0 AF", Join(Utf8("{\"a\":\""), InvalidUtf8[3], Utf8("\"}")), Clean.Rejection | Clean.InvalidPayload),
            Whole("a sequence cut short at the end (E2 82)", Join(Utf8(WrongAuth), InvalidUtf8[6]), Clean.Rejection | Clean.InvalidPayload),
            Fragmented("invalid UTF-8 in the middle fragment", Join(Utf8("{\"type\":\"auth\","), InvalidUtf8[2], Utf8("\"cookie\":\"x\"}")), [15, 16], ping: false, Clean.Rejection | Clean.InvalidPayload),
            Whole("a 64 KiB + 30 byte auth frame", oversized, Clean.Rejection | Clean.TooLarge),
            Whole("a 1 MiB auth frame", mebibyte, Clean.Rejection | Clean.TooLarge),
            Fragmented("an 80 KiB auth frame in 80 fragments", Utf8($$"""{"type":"auth","cookie":"{{new string('B', 80 * 1024)}}"}"""), [.. Enumerable.Range(1, 79).Select(i => i * 1024)], ping: false, Clean.Rejection | Clean.TooLarge),
            Raw("a frame with RSV1 set", RawWebSocket.Frame(RawOpcode.Text, Utf8(WrongAuth), reserved: 0x40), Clean.FailureCode),
            Raw("a frame with RSV2 and RSV3 set", RawWebSocket.Frame(RawOpcode.Text, Utf8(WrongAuth), reserved: 0x30), Clean.FailureCode),
            Raw("reserved opcode 3", RawWebSocket.Frame((RawOpcode)3, Utf8(WrongAuth)), Clean.FailureCode),
            Raw("reserved control opcode 11", RawWebSocket.Frame((RawOpcode)11, "x"u8), Clean.FailureCode),
            Raw("a ping with 126 bytes of payload", RawWebSocket.Frame(RawOpcode.Ping, new byte[126]), Clean.FailureCode),
            Raw("a fragmented ping", RawWebSocket.Frame(RawOpcode.Ping, "x"u8, fin: false), Clean.FailureCode),
            Raw("a continuation with nothing to continue", RawWebSocket.Frame(RawOpcode.Continuation, Utf8(WrongAuth)), Clean.FailureCode),
            Raw("a new text frame inside a fragmented one", Join(RawWebSocket.Frame(RawOpcode.Text, "{"u8, fin: false), RawWebSocket.Frame(RawOpcode.Text, Utf8(WrongAuth))), Clean.FailureCode),
            Raw("a 64-bit length with its top bit set", RawWebSocket.Frame(RawOpcode.Text, "{}"u8, claimedLength: 1UL << 63), Clean.FailureCode, endsFrame: false),
            Raw("a close frame with a one-byte payload", RawWebSocket.Frame(RawOpcode.Close, [0x03]), Clean.FailureCode),
            Raw("a close frame with code 1005", RawWebSocket.Frame(RawOpcode.Close, [0x03, 0xED]), Clean.FailureCode),
            Raw("a close frame with code 999", RawWebSocket.Frame(RawOpcode.Close, [0x03, 0xE7]), Clean.FailureCode),
            Raw("a close frame whose reason is not UTF-8", RawWebSocket.Frame(RawOpcode.Close, [0x03, 0xE8, 0xFF, 0xFE]), Clean.FailureCode),
            new PreAuthInput("2,000 pings, then a wrong auth", Clean.Rejection, async (s, ct) =>
            {
                await s.SendAsync(pings, ct);
                await s.SendTextAsync(WrongAuth, ct);
            }),
            new PreAuthInput($"a slow writer ({slowFrame.Length} bytes, one every {interval.TotalMilliseconds:0} ms)", Clean.Rejection, (s, ct) => s.SendAsync(slowFrame, ct, perByte: interval)),
        ];
    }

    /// <summary>Frames the server can only wait on: each must be closed, with a code, by the pre-auth timeout.</summary>
    private static List<PreAuthInput> Stalls() =>
    [
        Raw("a frame claiming 100 bytes that sends 2", RawWebSocket.Frame(RawOpcode.Text, "{}"u8, claimedLength: 100), Clean.FailureCode, endsFrame: false),
        Raw("a frame claiming 2^40 bytes", RawWebSocket.Frame(RawOpcode.Text, Utf8(WrongAuth), claimedLength: 1UL << 40), Clean.FailureCode, endsFrame: false),
        Raw("an unmasked frame (RFC 6455 requires clients to mask)", RawWebSocket.Frame(RawOpcode.Text, "{}"u8, masked: false), Clean.FailureCode, endsFrame: false),
        Raw("only the first byte of a frame header", [0x81], Clean.FailureCode, endsFrame: false),
        Raw("the first of two fragments", RawWebSocket.Frame(RawOpcode.Text, "{\"type\":"u8, fin: false), Clean.FailureCode, endsFrame: true),
    ];

    /// <summary>
    /// Clients that never answer the server's close frame: the server must still end their TCP
    /// connections by its pre-auth timeout, whatever made it close (a rejection, a size limit, invalid
    /// UTF-8, its timeout).
    /// </summary>
    private static List<PreAuthInput> Unanswered() =>
    [
        Whole("a wrong cookie", Utf8(WrongAuth), Clean.Rejection) with { AnswersClose = false },
        Whole("an unterminated object", "{"u8.ToArray(), Clean.Rejection) with { AnswersClose = false },
        Whole("a 70 KiB auth frame", Utf8($$"""{"type":"auth","cookie":"{{new string('C', 70 * 1024)}}"}"""), Clean.Rejection) with { AnswersClose = false },
        Whole("a lone byte FF", [0xFF], Clean.Rejection | Clean.InvalidPayload) with { AnswersClose = false },
        Raw("a frame claiming 100 bytes that sends 2", RawWebSocket.Frame(RawOpcode.Text, "{}"u8, claimedLength: 100), Clean.FailureCode, endsFrame: false) with { AnswersClose = false },
    ];

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

    /// <summary>Clients that disappear mid-frame or mid-upgrade: nothing to observe on their connection, but the server must carry on.</summary>
    private static List<(string Name, Func<CancellationToken, Task> Run)> Vanishing(int port)
    {
        async Task MidFrame(CancellationToken ct, bool reset)
        {
            await using var socket = await RawWebSocket.ConnectAsync(port, ct);
            await socket.ReceiveAsync(WireConnection.DefaultTimeout, ct);
            var frame = RawWebSocket.Frame(RawOpcode.Text, Utf8(WrongAuth));
            await socket.SendAsync(frame.AsMemory(0, frame.Length / 2), ct, endsAtFrameBoundary: false);
            if (reset)
            {
                socket.Reset();
            }
        }

        async Task MidUpgrade(CancellationToken ct)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: webs"), ct);
            client.LingerState = new LingerOption(true, 0);
        }

        async Task AfterGreeting(CancellationToken ct)
        {
            await using var socket = await RawWebSocket.ConnectAsync(port, ct);
            await socket.ReceiveAsync(WireConnection.DefaultTimeout, ct);
            socket.Reset();
        }

        return
        [
            ("closing its TCP connection half-way through a frame", ct => MidFrame(ct, reset: false)),
            ("resetting its TCP connection half-way through a frame", ct => MidFrame(ct, reset: true)),
            ("resetting its TCP connection half-way through the upgrade request", MidUpgrade),
            ("resetting its TCP connection right after the greeting", AfterGreeting),
        ];
    }

    /// <summary>Generated malformed first messages: a payload (junk, a mutated auth frame, deep nesting, invalid UTF-8) in some delivery (whole, fragmented, after pings, inside a binary frame).</summary>
    private static Gen<PreAuthInput> MalformedInputs()
    {
        var pieces = Gen.Elements("{", "}", "[", "]", "\"", ":", ",", "\\", " ", "\n", "0", "1", "-", ".", "e", "E", "+", "true", "null", "\\u", "\\uD800", "\\uDC00",
            "\\u0000", "1e999", "\0", "\u0001", "é", "中", "😀", "type", "auth", "cookie", "\"auth\"", "\"cookie\"");
        var junk = Gen.Choose(0, 40).SelectMany(n => pieces.ArrayOf(n)).Select(p => (Name: $"junk {Show(string.Concat(p))}", Bytes: Utf8(string.Concat(p))));
        var position = Gen.Choose(0, WrongAuth.Length);
        var mutated = Gen.OneOf(
            position.Select(i => (Name: $"the auth frame cut after {i} characters", Bytes: Utf8(WrongAuth[..i]))),
            position.SelectMany(i => pieces, (i, p) => (Name: $"the auth frame with {Show(p)} inserted at {i}", Bytes: Utf8(WrongAuth.Insert(i, p)))),
            Gen.Choose(0, WrongAuth.Length - 1).Select(i => (Name: $"the auth frame without character {i}", Bytes: Utf8(WrongAuth.Remove(i, 1)))));
        var nested = Gen.Choose(1, 20000).SelectMany(d => Gen.Elements("[", "{\"a\":", "[{\"type\":\"auth\",\"cookie\":"), (d, open) => (Name: $"{Show(open)} nested {d} deep", Bytes: Utf8(string.Concat(Enumerable.Repeat(open, d)))));
        var notUtf8 = position.SelectMany(i => Gen.Choose(0, InvalidUtf8.Length - 1), (i, k) =>
            (Name: $"the auth frame with {Convert.ToHexString(InvalidUtf8[k])} inserted at byte {i}", Bytes: Join(Utf8(WrongAuth)[..i], InvalidUtf8[k], Utf8(WrongAuth)[i..])));
        var known = Gen.Elements(MalformedJson).Select(shape => (Name: shape.Name, Bytes: Utf8(shape.Text)));
        var payloads = Gen.Frequency((3, junk), (4, mutated), (2, known), (1, nested), (2, notUtf8));

        return payloads.SelectMany(
            _ => Gen.Choose(0, 9),
            (payload, delivery) =>
            {
                var valid = IsUtf8(payload.Bytes);
                var expect = Sized(valid ? Clean.Rejection : Clean.Rejection | Clean.InvalidPayload, payload.Bytes);
                var cuts = new[] { payload.Bytes.Length / 3, payload.Bytes.Length * 2 / 3 };
                return delivery switch
                {
                    <= 4 => Whole(payload.Name, payload.Bytes, expect),
                    <= 6 => Fragmented($"{payload.Name}, in three fragments", payload.Bytes, cuts, ping: delivery == 6, expect),
                    7 => AfterBinary($"{payload.Name}, in a binary frame, then a wrong auth", payload.Bytes),
                    _ => new PreAuthInput($"{payload.Name}, after 50 pings", expect, async (s, ct) =>
                    {
                        await s.SendAsync(Enumerable.Range(0, 50).SelectMany(_ => RawWebSocket.Frame(RawOpcode.Ping, [])).ToArray(), ct);
                        await s.SendFrameAsync(RawOpcode.Text, payload.Bytes, ct);
                    }),
                };
            });
    }

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>A short, printable rendering of generated text for a counterexample.</summary>
    private static string Show(string text)
    {
        var shown = string.Concat(text.Take(60).Select(c => c switch
        {
            '"' or '\\' => $"\\{c}",
            < ' ' => $"\\u{(int)c:X4}",
            _ when char.IsSurrogate(c) => $"\\u{(int)c:X4}",
            _ => c.ToString(),
        }));
        return $"\"{shown}\"{(text.Length > 60 ? $" ({text.Length} chars)" : string.Empty)}";
    }

    /// <summary>A marking token: 24 random letters, which survive JSON, URL and header encoding unchanged.</summary>
    private static string Token() =>
        string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 24));

    /// <summary>Where a token can ride on a pre-auth input; each builds the input for a given token.</summary>
    private static List<(string Where, Func<string, PreAuthInput> Build)> EchoPositions(int port)
    {
        (string, Func<string, PreAuthInput>) InText(string where, Func<string, string> frame) =>
            (where, t => Whole(where, Utf8(frame(t)), Clean.Rejection));
        (string, Func<string, PreAuthInput>) InUpgrade(string where, Func<string, string>? path = null, Func<string, (string Name, string Value)>? header = null) =>
            (where, t => Whole(where, Utf8(WrongAuth), Clean.Rejection) with
            {
                Path = path?.Invoke(t) ?? "/ws",
                Headers = header is null ? null : new Dictionary<string, string> { [header(t).Name] = header(t).Value },
            });

        return
        [
            InText("as the cookie", t => ReplProtocol.AuthFrame(t)),
            InText("as an extra field's value", t => new JsonObject { ["type"] = "auth", ["cookie"] = "wrong", ["note"] = t }.ToJsonString()),
            InText("as a key", t => new JsonObject { ["type"] = "auth", ["cookie"] = "wrong", [t] = 1 }.ToJsonString()),
            InText("as a whole non-JSON text frame", t => t),
            InText("inside malformed JSON", t => $$"""{"type":"auth","cookie":"{{t}}"""),
            InText("as the type", t => new JsonObject { ["type"] = t, ["cookie"] = "wrong" }.ToJsonString()),
            InText("as the op, code and id of an eval request", t => new JsonObject { ["op"] = t, ["code"] = t, ["id"] = t }.ToJsonString()),
            InText("as the client name", t => new JsonObject { ["type"] = "auth", ["cookie"] = "wrong", ["client"] = t }.ToJsonString()),
            InText("as the session to resume", t => new JsonObject { ["type"] = "auth", ["cookie"] = "wrong", ["resume"] = t }.ToJsonString()),
            ("as the cookie, followed by invalid UTF-8", t => Whole("as the cookie, followed by invalid UTF-8", Join(Utf8($$"""{"type":"auth","cookie":"{{t}}"""), [0xFF], Utf8("\"}")), Clean.Rejection | Clean.InvalidPayload)),
            ("throughout a 70 KiB auth frame", t => Whole("throughout a 70 KiB auth frame", Utf8($$"""{"type":"auth","cookie":"{{string.Concat(Enumerable.Repeat(t, 70 * 1024 / t.Length))}}"}"""), Clean.Rejection | Clean.TooLarge)),
            ("as the cookie, in three fragments", t => Fragmented("as the cookie, in three fragments", Utf8(ReplProtocol.AuthFrame(t)), [10, 30], ping: false, Clean.Rejection)),
            ("in a binary frame", t => AfterBinary("in a binary frame", Utf8(ReplProtocol.AuthFrame(t)))),
            ("as a ping's payload (pongs, which must repeat it, are not searched)", t => new PreAuthInput("as a ping's payload", Clean.Rejection, async (s, ct) =>
            {
                await s.SendFrameAsync(RawOpcode.Ping, Utf8(t), ct);
                await s.SendTextAsync(WrongAuth, ct);
            })),
            ("as the reason of the client's close frame", t => Raw("as the reason of the client's close frame", RawWebSocket.Frame(RawOpcode.Close, Join([0x03, 0xE8], Utf8(t))), Clean.NotJudged)),
            InUpgrade("in the URL query", path: t => $"/ws?note={t}"),
            InUpgrade("in the URL path under /ws", path: t => $"/ws/{t}"),
            InUpgrade("as the URL path", path: t => $"/{t}"),
            InUpgrade("in an X- header", header: t => ("X-Beamtalk-Note", t)),
            InUpgrade("as the User-Agent", header: t => ("User-Agent", t)),
            InUpgrade("in a foreign Origin", header: t => ("Origin", $"http://{t}.example")),
            InUpgrade("in a foreign Host", header: t => ("Host", $"{t}.example:{port}")),
            InUpgrade("as a requested subprotocol", header: t => ("Sec-WebSocket-Protocol", t)),
        ];
    }

    /// <summary>Generated marked inputs: a position, a delivery for text positions, and a token.</summary>
    private static Gen<(string Token, PreAuthInput Input)> MarkedInputs(int port)
    {
        var positions = EchoPositions(port);
        var token = Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()).ArrayOf(24).Select(c => new string(c));
        return Gen.Choose(0, positions.Count - 1).SelectMany(_ => token, (p, t) => (t, positions[p].Build(t)));
    }

    /// <summary>Where <paramref name="token"/> appears, or null: this connection's transcript, the session's new replies, any file of the workspace, any command output.</summary>
    private static string? Echo(string token, WorkspaceInstance instance, IReadOnlyList<string> transcript, IReadOnlyList<string> sessionReplies)
    {
        static bool Has(string text, string token) => text.Contains(token, StringComparison.OrdinalIgnoreCase);
        if (transcript.Count > 0 && Has(transcript[0], token))
        {
            return "the server's upgrade response";
        }

        if (transcript.Skip(1).Any(t => Has(t, token)))
        {
            return "a frame or close reason the server sent on the same connection";
        }

        if (sessionReplies.Any(t => Has(t, token)))
        {
            return "a message on the authenticated session";
        }

        foreach (var (path, text) in LeakScanner.Files(instance.FilesBesidesCookie()))
        {
            if (text.IndexOf(token, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
            {
                return $"{path} line {1 + text.AsSpan(0, at).Count('\n')}";
            }
        }

        foreach (var run in instance.Commands)
        {
            if (Has(run.StandardOutput, token) || Has(run.StandardError, token))
            {
                return $"the output of {run.Describe()}";
            }
        }

        return null;
    }

    /// <summary>A crash trace in any file of the workspace or any command output, named by place, or null.</summary>
    private static string? CrashTrace(WorkspaceInstance instance)
    {
        foreach (var (path, text) in LeakScanner.Files(instance.FilesBesidesCookie()))
        {
            if (CrashPattern().Match(text) is { Success: true } match)
            {
                return $"{path} line {1 + text.AsSpan(0, match.Index).Count('\n')} holds a crash trace ('{match.Value.Trim()}')";
            }
        }

        foreach (var run in instance.Commands)
        {
            foreach (var (stream, text) in new[] { ("stdout", run.StandardOutput), ("stderr", run.StandardError) })
            {
                if (CrashPattern().Match(text) is { Success: true } match)
                {
                    return $"the {stream} of {run.Describe()} holds a crash trace ('{match.Value.Trim()}')";
                }
            }
        }

        return null;
    }

    /// <summary>What .NET, the JVM and most runtimes print when something crashed: the unhandled-exception banner, stack frame lines, "SomethingException:".</summary>
    [GeneratedRegex(@"Unhandled exception|^\s+at \S+\(|\w*Exception: ", RegexOptions.Multiline)]
    private static partial Regex CrashPattern();
}
