using System.Text.Json.Nodes;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;
using Beamtalk.Conformance.Wire.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// SECRET-NO-LEAK: after generated sequences of operations, including error paths, no output
/// of the target (command output, logs, metadata, replies) holds the cookie in any spelling.
/// </summary>
public static class SecretLeakChecks
{
    private const string Id = "SECRET-NO-LEAK";

    /// <summary>Operations a client can drive; error paths on purpose.</summary>
    public enum Operation
    {
        EvalCanary,
        EvalGarbage,
        EvalEmpty,
        ListSessions,
        UnknownOp,
        ShutdownWithWrongCookie,
        WrongCookie,
        TruncatedCookie,
        NotAnAuthMessage,
        MalformedAuth,
    }

    [Requirement(Id)]
    [KnownBad(Defect.LogsCookieHex)]
    [KnownBad(Defect.GreetsWithCookie)]
    [KnownBad(Defect.LogsCookiePiece)]
    [KnownBad(Defect.DumpsCookieOutsideHome)]
    public sealed class CookieNeverLeaks : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            // Traced, so files the workspace writes outside its home (a log in /tmp, a crash dump) are searched too.
            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { TraceSyscalls = SyscallTracer.IsAvailable });
            var forms = CookieForms.Of(instance.ReadCookie());
            var cookie = instance.ReadCookie();
            var replies = new List<(string Source, string Text)>();
            Leak? leak = null;

            var summary = "protocol 'none': wire operations skipped";
            if (target.SpeaksProtocol)
            {
                await using var session = await ReplProtocol.AuthenticateAsync(instance.Port, instance.ReadCookie(), cancellationToken);
                var sequences = Gen.Elements(Enum.GetValues<Operation>()).ListOf().Where(ops => ops.Count is > 0 and <= 8);
                var step = 0;
                bool NothingLeaks(IList<Operation> operations)
                {
                    // Each case is judged on its own replies, so a leak is pinned to the sequence that caused it.
                    var received = new List<(string Source, string Text)>();
                    foreach (var operation in operations)
                    {
                        var texts = PerformAsync(operation, instance, session, cookie, $"{Path.Combine(instance.Home, "leak-canary")}-{++step}", cancellationToken).GetAwaiter().GetResult();
                        received.AddRange(texts.Select(text => ($"reply to {operation}", text)));
                    }

                    leak = LeakScanner.Find(forms, [.. Everything(instance, received, session)]);
                    replies.AddRange(received);
                    return leak is null;
                }

                summary = PropertyRun.Check(context.Settings.Seed, sequences, NothingLeaks, runs: 12, explain: () => $"the cookie (sha256:{forms.Fingerprint}) appears in {leak}");
            }

            await instance.ExerciseAsync(cancellationToken);
            await instance.StopAsync(cancellationToken);
            var searched = Everything(instance, replies, null).ToList();
            leak = LeakScanner.Find(forms, searched);
            if (leak is not null)
            {
                return new CheckResult.Violation($"the cookie (sha256:{forms.Fingerprint}) appears in {leak}.");
            }

            var outputs = searched.Count - replies.Count;
            var elsewhere = SyscallTracer.IsAvailable ? "files it created outside its home included" : "files outside its home not searched: strace is not installed";
            return new CheckResult.Pass($"{summary}; {forms.Forms.Count} spellings searched in {outputs} files and command outputs ({elsewhere}) and {replies.Count} replies.");
        }
    }

    private static IEnumerable<(string Source, string Text)> Everything(WorkspaceInstance instance, List<(string Source, string Text)> replies, ReplSessionClient? session)
    {
        foreach (var run in instance.Commands)
        {
            yield return ($"stdout of {run.Describe()}", run.StandardOutput);
            yield return ($"stderr of {run.Describe()}", run.StandardError);
        }

        foreach (var file in LeakScanner.Files([.. instance.FilesBesidesCookie(), .. instance.FilesCreatedElsewhere()]))
        {
            yield return file;
        }

        foreach (var reply in replies)
        {
            yield return reply;
        }

        foreach (var text in session?.Received ?? [])
        {
            yield return ("a reply on the authenticated session", text);
        }
    }

    private static async Task<IReadOnlyList<string>> PerformAsync(Operation operation, WorkspaceInstance instance, ReplSessionClient session, string cookie, string canaryPath, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case Operation.EvalCanary:
                await session.EvalAsync(instance.Canary(canaryPath, "leak-check"), cancellationToken);
                return [];
            case Operation.EvalGarbage:
                await session.EvalAsync(")( ]] \"unterminated", cancellationToken);
                return [];
            case Operation.EvalEmpty:
                await session.EvalAsync(string.Empty, cancellationToken);
                return [];
            case Operation.ListSessions:
                await session.RequestAsync(new SessionsRequest(), cancellationToken);
                return [];
            case Operation.UnknownOp:
                await session.RequestRawAsync(new JsonObject { ["op"] = "no-such-op" }, cancellationToken);
                return [];
            case Operation.ShutdownWithWrongCookie:
                // A near miss: a server that quotes the presented value back would quote the cookie.
                await session.RequestAsync(new ShutdownRequest(cookie + "\n"), cancellationToken);
                return [];
            case Operation.WrongCookie:
                return (await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(cookie + "\n"), cancellationToken)).Transcript;
            case Operation.TruncatedCookie:
                return (await ReplProtocol.TryAuthenticateAsync(instance.Port, ReplProtocol.AuthFrame(cookie[..^1]), cancellationToken)).Transcript;
            case Operation.NotAnAuthMessage:
                return (await ReplProtocol.TryAuthenticateAsync(instance.Port, "{\"op\":\"sessions\"}", cancellationToken)).Transcript;
            case Operation.MalformedAuth:
                return (await ReplProtocol.TryAuthenticateAsync(instance.Port, "{\"type\":\"auth\",\"cookie\":", cancellationToken)).Transcript;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}
