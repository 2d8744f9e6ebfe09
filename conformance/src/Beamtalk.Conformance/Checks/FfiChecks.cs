using System.Diagnostics;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;
using Beamtalk.Conformance.Wire;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// CAP-FFI and ISO-HALT (caveats, ADR 0058 2e and its negative consequences): the <c>Erlang</c> FFI reaches any module,
/// with nothing in the way, down to halting the workspace. Each is shown by its effect outside the workspace.
/// </summary>
public static class FfiChecks
{
    private const string Ffi = "CAP-FFI";
    private const string Halt = "ISO-HALT";

    [Requirement(Ffi)]
    [KnownBad(Defect.FfiAllowlist)]
    public sealed class FfiReachesAnyModule : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);

            var token = Guid.NewGuid().ToString("N");
            var readable = SubprocessChecks.Marker(instance, "ffi-read");
            await File.WriteAllTextAsync(readable, token, cancellationToken);
            var read = await session.EvalAsync($"Erlang file read_file: {LanguageSession.Quote(readable)}", cancellationToken);
            if (read.Failed || !read.Text.Contains(token, StringComparison.Ordinal))
            {
                return new CheckResult.Violation($"`{read.Code}` answered {read.Describe()}, not the file's contents: the documented caveat (ADR 0058 2e) says the FFI reaches any module.");
            }

            var created = SubprocessChecks.Marker(instance, "ffi-cmd");
            var command = await session.EvalAsync($"Erlang os cmd: {LanguageSession.Quote($"touch '{created}'")}", cancellationToken);
            if (command.Failed || !File.Exists(created))
            {
                return new CheckResult.Violation($"`{command.Code}` answered {command.Describe()} and {(File.Exists(created) ? "did" : "did not")} create its file: the documented caveat (ADR 0058 2e) says the FFI reaches any module.");
            }

            var environment = await session.EvalAsync("Erlang os getenv: \"HOME\"", cancellationToken);
            return new CheckResult.Pass($"Erlang file read_file: read a file the kit wrote, Erlang os cmd: ran a program that created a file, Erlang os getenv: answered {environment.Describe()}: the FFI reaches the OS with no allowlist (accepted risk, ADR 0058 2e).");
        }
    }

    [Requirement(Halt)]
    [KnownBad(Defect.IgnoresHalt)]
    public sealed class FfiCanHaltTheWorkspace : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            var pid = instance.Pid;
            if (pid <= 0 || !ProcessTree.IsAlive(pid))
            {
                return new CheckResult.Inconclusive("the target reports no live workspace process, so its end could not be seen.");
            }

            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);
            var (_, end) = await session.EvalToTheEndAsync("Erlang erlang halt: 0", cancellationToken);

            var clock = Stopwatch.StartNew();
            while (ProcessTree.IsAlive(pid) && clock.Elapsed < WireConnection.DefaultTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }

            if (ProcessTree.IsAlive(pid))
            {
                return new CheckResult.Violation($"after `Erlang erlang halt: 0` the workspace (pid {pid}) kept running ({end}): the documented caveat says the FFI can halt it.");
            }

            return new CheckResult.Pass($"`Erlang erlang halt: 0` from an authenticated session ended the workspace process (pid {pid}) and the connection ({end}): any cookie holder can stop the workspace (accepted risk, ADR 0058).");
        }
    }
}
