using System.Diagnostics;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// ISO-ACTOR (ADR 0058 principle 4) and ISO-HOTRELOAD-SURVIVES-ROTATION (its negative consequences), seen over the
/// wire and on disk: actors are spawned, crashed and reloaded through the language as any client would.
/// The class goes in through <c>load-source</c>; replies come from <c>ask:</c> (<c>send:</c> does not wait).
/// </summary>
public static class ActorChecks
{
    private const string Isolation = "ISO-ACTOR";
    private const string Persistence = "ISO-HOTRELOAD-SURVIVES-ROTATION";

    private const string Counter = """
        Object subclass: Counter
          state: count := 0
          increment => self.count := self.count + 1
          count => self.count
        """;

    /// <summary>Bounds the wait for a change the workspace makes on its own schedule (an actor's next beat).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Requirement(Isolation)]
    [KnownBad(Defect.ActorCrashTakesDownSession)]
    [KnownBad(Defect.NoActorRestart)]
    public sealed class ActorCrashesAreIsolated : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var pid = instance.Pid;
            await using var a = await LanguageSession.OpenAsync(instance, cancellationToken);
            await using var b = await LanguageSession.OpenAsync(instance, cancellationToken);

            var loaded = await a.LoadSourceAsync(Counter, cancellationToken);
            if (loaded.Failed)
            {
                return new CheckResult.Missing($"load-source of a Counter class answered {loaded.Describe()}: the target lacks classes, so its actors cannot be built.");
            }

            await Expect(a, "a1 := Counter spawn. a2 := Counter spawn. a1 ask: #increment. a1 ask: #increment. a2 ask: #increment. a2 ask: #increment. a2 ask: #increment. a2 ask: #count", "3", "before any crash", cancellationToken);
            await Expect(b, "b1 := Actor spawn: [:m | m * 2]. b1 ask: 21", "42", "before any crash", cancellationToken);

            // A crash (a message its class has no method for) and a malformed message (not a selector at all), both to a1.
            var crash = await a.EvalAsync("a1 ask: #noSuchMessage", cancellationToken);
            var malformed = await a.EvalAsync("a1 ask: 42", cancellationToken);
            if (!crash.Failed || !malformed.Failed)
            {
                return new CheckResult.Inconclusive($"`{crash.Code}` answered {crash.Describe()} and `{malformed.Code}` {malformed.Describe()}: the actor did not fail, so there was no crash to contain.");
            }

            await Expect(a, "a2 ask: #count", "3", "after a1 crashed, its sibling in the same session", cancellationToken);
            await Expect(b, "b1 ask: 21", "42", "after a1 crashed, an actor of another session", cancellationToken);
            await Expect(b, "6 * 7", "42", "after a1 crashed, another session", cancellationToken);
            await Expect(a, "a3 := Counter spawn. a3 ask: #increment", "1", "after a1 crashed, a new actor of the crashed actor's session", cancellationToken);
            if (pid > 0 && (!ProcessTree.IsAlive(pid) || instance.Pid != pid))
            {
                return new CheckResult.Violation($"after an actor crashed the workspace process (pid {pid}) is gone.");
            }

            // Restarted means it answers again, from the initial state its supervisor gave it.
            var restarted = await a.EvalAsync("a1 ask: #count", cancellationToken);
            if (restarted.Failed || restarted.Value != "0")
            {
                return new CheckResult.Violation($"after crashing, a1 answered `{restarted.Code}` with {restarted.Describe()}, not 0: the crashed actor was not restarted with fresh state.");
            }

            var restarts = await a.EvalAsync("a1 restarts", cancellationToken);
            return new CheckResult.Pass($"a1 crashed on `{crash.Code}` ({crash.Describe()}) and on a malformed message ({malformed.Describe()}); its sibling a2 still answered 3, an actor of another session 42, both sessions kept evaluating, the workspace (pid {pid}) kept running, and a1 answered again from its initial state (count 0, restarts {restarts.Describe()}).");
        }
    }

    [Requirement(Persistence)]
    [KnownBad(Defect.RotationStopsHotLoadedCode)]
    public sealed class HotLoadedCodeSurvivesRotation : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            if (target.Description.Commands.Rotate is null)
            {
                return new CheckResult.Missing("the target file gives no commands.rotate.");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken);
            var marker = SubprocessChecks.Marker(instance, "beacon");
            var loader = await LanguageSession.OpenAsync(instance, cancellationToken);
            try
            {
                var loaded = await loader.LoadSourceAsync(
                    $"""
                    Object subclass: Beacon
                      state: beats := 0
                      beat => self.beats := self.beats + 1. File writeAll: {LanguageSession.Quote(marker)} contents: self.beats printString. self.beats
                    """,
                    cancellationToken);
                if (loaded.Failed)
                {
                    return new CheckResult.Missing($"load-source of a class answered {loaded.Describe()}: the target lacks hot-loaded classes.");
                }

                // A loaded class driven by an actor that sends itself the next beat: nothing outside keeps it going.
                var started = await loader.EvalAsync("beacon := Beacon new. pulse := Actor spawn: [:n | beacon beat. pulse send: n + 1 after: 20]. pulse send: 1", cancellationToken);
                if (started.Failed)
                {
                    return new CheckResult.Missing($"`{started.Code}` answered {started.Describe()}: the target lacks actors that send themselves messages.");
                }

                if (await BeatsAfterAsync(marker, 0, cancellationToken) is null)
                {
                    return new CheckResult.Inconclusive($"the hot-loaded actor wrote no beat within {Patience.TotalSeconds:0} s, before any rotation.");
                }
            }
            finally
            {
                // The loader's connection need not outlive the rotation: the code it loaded is what is watched.
                await loader.DisposeAsync();
            }

            var rotation = await instance.RotateAsync(cancellationToken);
            if (rotation is null || rotation.ExitCode != 0)
            {
                return new CheckResult.Inconclusive($"the rotate command did not succeed: {instance.Redact(rotation?.Describe() ?? "not run")}.");
            }

            // A session under the new cookie shows the rotation is in force while the old code is watched.
            await using var fresh = await LanguageSession.OpenAsync(instance, cancellationToken);
            var alive = await fresh.EvalAsync("1 + 1", cancellationToken);
            var before = ReadBeats(marker) ?? 0;
            var after = await BeatsAfterAsync(marker, before, cancellationToken);
            if (after is null)
            {
                return new CheckResult.Violation($"after the cookie was rotated the hot-loaded actor stopped (beat {before}, none within {Patience.TotalSeconds:0} s; a new session answered {alive.Describe()}): the documented caveat says hot-loaded code keeps running until restart. If rotation now evicts loaded code, the catalogue's caveat is out of date.");
            }

            return new CheckResult.Pass($"a class loaded by a session and driven by its actor kept writing after the cookie was rotated and that session ended (beat {before}, then {after}): code hot-loaded before a rotation keeps running until the workspace restarts (accepted risk, ADR 0058).");
        }
    }

    private static async Task Expect(LanguageSession session, string code, string expected, string when, CancellationToken cancellationToken)
    {
        var answer = await session.EvalAsync(code, cancellationToken);
        if (answer.Failed || answer.Value != expected)
        {
            throw CheckEnd.Violation($"{when}, `{code}` answered {answer.Describe()}, not {expected}.");
        }
    }

    private static int? ReadBeats(string marker)
    {
        try
        {
            return int.TryParse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var beats) ? beats : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Waits on the file itself: the beat count the actor writes rising above what was seen.
    private static async Task<int?> BeatsAfterAsync(string marker, int seen, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (ReadBeats(marker) is { } beats && beats > seen)
            {
                return beats;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return null;
    }
}
