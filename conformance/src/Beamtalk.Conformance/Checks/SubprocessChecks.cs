using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks;

/// <summary>
/// CAP-SUBPROCESS (caveat, ADR 0058 2d) and CAP-NO-SUBPROCESS-FLAG (Phase 3). Whether a program really ran is judged by
/// a file it creates, never by the answer alone, so a workspace that only pretends to run (or to refuse) is caught.
/// </summary>
public static class SubprocessChecks
{
    private const string Unrestricted = "CAP-SUBPROCESS";
    private const string Flag = "CAP-NO-SUBPROCESS-FLAG";

    [Requirement(Unrestricted)]
    [KnownBad(Defect.FakesRunCommand)]
    public sealed class SubprocessesAreUnrestricted : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            await using var instance = await context.StartReplInstanceAsync(cancellationToken);
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);

            var marker = Marker(instance, "subprocess");
            var answer = await session.EvalAsync($"System runCommand: {LanguageSession.Quote($"id -u && touch '{marker}'")}", cancellationToken);
            if (answer.Failed || !File.Exists(marker))
            {
                return new CheckResult.Violation($"`{answer.Code}` answered {answer.Describe()} and {(File.Exists(marker) ? "did" : "did not")} create its file: the documented caveat (ADR 0058 2d) says an authenticated user runs any program.");
            }

            var uid = FileStatus.CurrentUid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new CheckResult.Pass($"System runCommand: ran a shell command line as the workspace user (answer {answer.Describe()}, uid {uid}) and it created a file: subprocesses are unrestricted for whoever holds the cookie (accepted risk, ADR 0058 2d).");
        }
    }

    [Requirement(Flag)]
    [KnownBad(Defect.IgnoresNoSubprocess)]
    public sealed class NoSubprocessDisablesTheSubprocessApi : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            context.RequireProtocol();
            if (target.Description.Commands.StartWithoutSubprocess is null)
            {
                return new CheckResult.Missing("the target file gives no commands.startWithoutSubprocess, so the flag cannot be tried.");
            }

            await using var instance = await context.StartInstanceAsync(cancellationToken, new InstanceOptions { WithoutSubprocess = true });
            await using var session = await LanguageSession.OpenAsync(instance, cancellationToken);

            var refused = Marker(instance, "refused");
            var answer = await session.EvalAsync($"System runCommand: {LanguageSession.Quote($"touch '{refused}'")}", cancellationToken);
            if (File.Exists(refused))
            {
                return new CheckResult.Violation($"started with the subprocess API disabled, `{answer.Code}` still ran its program (answer {answer.Describe()}).");
            }

            if (!answer.Failed || !answer.Error!.Contains("subprocess", StringComparison.OrdinalIgnoreCase))
            {
                return new CheckResult.Violation($"started with the subprocess API disabled, `{answer.Code}` answered {answer.Describe()}: the refusal must be an error that says subprocesses are disabled.");
            }

            // The stated caveat: the flag closes the documented API, not the FFI.
            var bypass = Marker(instance, "ffi");
            var ffi = await session.EvalAsync($"Erlang os cmd: {LanguageSession.Quote($"touch '{bypass}'")}", cancellationToken);
            var caveat = File.Exists(bypass)
                ? $"Caveat (stated, ADR 0058 Phase 3): `{ffi.Code}` still created its file, so the FFI reaches the OS with the flag on."
                : $"The FFI did not reach the OS either (`{ffi.Code}` answered {ffi.Describe()}).";
            return new CheckResult.Pass($"with the subprocess API disabled, System runCommand: ran nothing and answered {answer.Describe()}. {caveat}");
        }
    }


    // Twelve hex digits: unique enough, and far from the length of anything the secret scanners look for.
    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    internal static string Marker(WorkspaceInstance instance, string name) => Path.Combine(instance.Home, $"{name}-{Unique()}");
}
