using System.Text;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;

namespace Beamtalk.Conformance.Checks;

/// <summary>AUTH-*: the authentication boundary, exercised over the wire.</summary>
public static class AuthChecks
{
    /// <summary>How many generated wrong cookies AUTH-REJECT tries unless the run's settings say otherwise.</summary>
    public const int GeneratedCases = 200;

    /// <summary>
    /// AUTH-NO-EVAL-BEFORE-AUTH: a canary that writes a file is sent in every position an
    /// unauthenticated client can reach; no file may appear. The same canary sent after
    /// authentication must create its file, or the check cannot tell anything.
    /// </summary>
    [Requirement("AUTH-NO-EVAL-BEFORE-AUTH")]
    [KnownBad(Defect.EvaluatesBeforeAuth)]
    public sealed class NothingRunsBeforeAuth : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var canaries = Directory.CreateDirectory(Path.Combine(instance.Home, "canaries")).FullName;
            string CanaryPath(string position) => Path.Combine(canaries, position);
            string Canary(string position) => instance.Canary(CanaryPath(position), position);
            string EvalFrame(string position) => new EvalRequest(Canary(position)) { Id = position }.ToJson();

            var positions = new (string Name, Func<WireConnection, Task> Attack)[]
            {
                ("eval-as-first-frame", c => c.SendTextAsync(EvalFrame("eval-as-first-frame"), cancellationToken)),
                ("code-as-raw-text", c => c.SendTextAsync(Canary("code-as-raw-text"), cancellationToken)),
                ("eval-inside-wrong-auth", c => c.SendTextAsync(
                    new JsonObject { ["type"] = "auth", ["cookie"] = "wrong", ["op"] = "eval", ["code"] = Canary("eval-inside-wrong-auth") }.ToJsonString(), cancellationToken)),
                ("code-as-cookie", c => c.SendTextAsync(ReplProtocol.AuthFrame(Canary("code-as-cookie")), cancellationToken)),
                ("eval-as-binary-frame", async c =>
                {
                    await c.SendBinaryAsync(Encoding.UTF8.GetBytes(EvalFrame("eval-as-binary-frame")), cancellationToken);
                    await c.SendTextAsync(ReplProtocol.AuthFrame("wrong"), cancellationToken);
                }),
                ("eval-pipelined-after-wrong-auth", async c =>
                {
                    await c.SendTextAsync(ReplProtocol.AuthFrame("wrong"), cancellationToken);
                    await c.TrySendTextAsync(EvalFrame("eval-pipelined-after-wrong-auth"), cancellationToken);
                }),
                ("eval-before-real-auth", async c =>
                {
                    await c.SendTextAsync(EvalFrame("eval-before-real-auth"), cancellationToken);
                    await c.TrySendTextAsync(ReplProtocol.AuthFrame(instance.ReadCookie()), cancellationToken);
                }),
                ("code-in-client-field", c => c.SendTextAsync(
                    new AuthRequest("wrong", Client: Canary("code-in-client-field")).ToJson(), cancellationToken)),
                ("code-in-resume-field", c => c.SendTextAsync(
                    new AuthRequest("wrong", Resume: Canary("code-in-resume-field")).ToJson(), cancellationToken)),
                ("load-source-as-first-frame", c => c.SendTextAsync(
                    new LoadSourceRequest(Canary("load-source-as-first-frame")) { Id = "x" }.ToJson(), cancellationToken)),
            };

            foreach (var (_, attack) in positions)
            {
                await using var connection = await WireConnection.OpenAsync(instance.Port, cancellationToken);
                await connection.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
                await attack(connection);
                // The server's close (or silence) marks the end of whatever it did with the frames.
                await connection.ReceiveUntilEndAsync(WireConnection.DefaultTimeout, cancellationToken);
            }

            await using (var inQuery = await WireConnection.OpenAsync(instance.Port, cancellationToken, $"/ws?code={Uri.EscapeDataString(Canary("canary-in-query"))}"))
            {
                await inQuery.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
                await inQuery.SendTextAsync(ReplProtocol.AuthFrame("wrong"), cancellationToken);
                await inQuery.ReceiveUntilEndAsync(WireConnection.DefaultTimeout, cancellationToken);
            }

            await using (var inHeader = await WireConnection.OpenAsync(instance.Port, cancellationToken, headers: new Dictionary<string, string> { ["X-Beamtalk-Eval"] = Canary("canary-in-header") }))
            {
                await inHeader.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
                await inHeader.SendTextAsync(ReplProtocol.AuthFrame("wrong"), cancellationToken);
                await inHeader.ReceiveUntilEndAsync(WireConnection.DefaultTimeout, cancellationToken);
            }

            // No session before auth: while a greeted but unauthenticated connection stays open, the
            // authenticated session must be the only one the workspace lists.
            await using var waiting = await WireConnection.OpenAsync(instance.Port, cancellationToken);
            await waiting.ReceiveAsync(WireConnection.DefaultTimeout, cancellationToken);
            var sessions = "not listed (the target has no 'sessions' op)";

            // Positive control: the canary works when sent by an authenticated client.
            await using (var session = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken))
            {
                await session.EvalAsync(Canary("control"), cancellationToken);
                var listed = await session.RequestAsync(new SessionsRequest(), cancellationToken);
                if (listed.Sessions is { } ids)
                {
                    if (ids.Count != 1)
                    {
                        return new CheckResult.Violation($"with one authenticated and one unauthenticated connection open, the workspace lists {ids.Count} sessions.");
                    }

                    sessions = "1 session listed while an unauthenticated connection was open";
                }
            }

            if (!File.Exists(CanaryPath("control")))
            {
                return new CheckResult.Inconclusive("the canary did not create its file even after authentication; check the target's canary expression.");
            }

            var evaluated = Directory.EnumerateFiles(canaries).Select(Path.GetFileName).Where(n => n != "control").Order().ToList();
            if (evaluated.Count > 0)
            {
                return new CheckResult.Violation($"code sent before authentication was evaluated ({string.Join(", ", evaluated)}).");
            }

            return new CheckResult.Pass($"{positions.Length + 2} pre-auth positions tried; no canary ran; the authenticated control canary ran; sessions: {sessions}.");
        }
    }

    /// <summary>AUTH-REJECT: every presented value but the real cookie gets auth_error and close 1008.</summary>
    [Requirement("AUTH-REJECT")]
    [KnownBad(Defect.AcceptsCookiePrefix)]
    public sealed class WrongCookiesAreRejected : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var id = context.RequirementId;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var cookie = instance.ReadCookie();

            var control = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(cookie), cancellationToken);
            if (!control.Accepted)
            {
                return new CheckResult.Inconclusive($"the real cookie was not accepted either ({control.Describe()}), so rejections prove nothing.");
            }

            bool Rejects(CookieMutation mutation)
            {
                var presented = mutation.Apply(cookie);
                if (presented == cookie)
                {
                    return true;
                }

                var attempt = ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(presented), cancellationToken).GetAwaiter().GetResult();
                return attempt.IsCleanRejection;
            }

            foreach (var edge in CookieMutation.Edges(cookie.Length))
            {
                if (!Rejects(edge))
                {
                    return new CheckResult.Violation($"{edge} was not rejected with auth_error and close 1008.");
                }
            }

            var generated = PropertyRun.Check(context.Settings.Seed, CookieMutation.Generator(cookie.Length), Rejects, context.Settings.Runs ?? GeneratedCases);

            foreach (var (name, frame) in NonStringCookies(cookie))
            {
                var attempt = await ReplProtocol.TryAuthenticateAsync(instance.Port, frame, cancellationToken);
                if (!attempt.IsCleanRejection)
                {
                    return new CheckResult.Violation($"an auth frame whose cookie is {name} got: {attempt.Describe()} (expected auth_error, close 1008).");
                }
            }

            // 1 MiB: a server may refuse to read that much before authentication (close 1009) instead of answering.
            var huge = await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(cookie + new string('A', 1024 * 1024)), cancellationToken);
            if (huge.Accepted || huge.End is not WireEvent.Closed { Code: 1008 or 1009 })
            {
                return new CheckResult.Violation($"a 1 MiB cookie starting with the real one got: {huge.Describe()} (expected rejection and close 1008 or 1009).");
            }

            return new CheckResult.Pass($"{CookieMutation.Edges(cookie.Length).Count} edge cases, {generated}, {NonStringCookies(cookie).Count} non-string cookies and a 1 MiB cookie were all rejected; the real cookie was accepted.");
        }
    }

    private static IReadOnlyList<(string Name, string Frame)> NonStringCookies(string cookie) =>
    [
        ("a number", """{"type":"auth","cookie":12345}"""),
        ("null", """{"type":"auth","cookie":null}"""),
        ("true", """{"type":"auth","cookie":true}"""),
        ("an array holding the cookie", new JsonObject { ["type"] = "auth", ["cookie"] = new JsonArray(cookie) }.ToJsonString()),
        ("an object holding the cookie", new JsonObject { ["type"] = "auth", ["cookie"] = new JsonObject { ["value"] = cookie } }.ToJsonString()),
        ("absent", """{"type":"auth"}"""),
        ("given under another key", new JsonObject { ["type"] = "auth", ["token"] = cookie }.ToJsonString()),
    ];

}
