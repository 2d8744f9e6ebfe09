using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>The fixed pre-auth inputs every run tries, and how each is built and delivered.</summary>
public static partial class RobustnessChecks
{
    /// <summary>
    /// Above this size a first message may be refused with 1009 instead of being read: a valid auth
    /// frame is under 200 bytes, and no target should need to buffer more than this before it can
    /// tell (the reference reads at most 64 KiB).
    /// </summary>
    private const int SmallestPreAuthLimit = 1024;

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
}
