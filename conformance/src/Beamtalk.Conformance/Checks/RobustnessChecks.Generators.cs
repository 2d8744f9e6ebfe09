using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>Generated pre-auth inputs for the property runs: malformed first messages, and inputs marked with a token for the echo scan.</summary>
public static partial class RobustnessChecks
{
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
}
