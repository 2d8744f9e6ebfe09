using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks.Python;

/// <summary>
/// PY-BLOCKED, PY-UNREMOVABLE, PY-NO-EVENT-PATHS and PY-STATUS (erlang_python security guide and the leaks measured
/// against a Python-level hook). One probe set, two drivers (<see cref="PythonSandboxDrivers"/>). A probe is refused
/// only if it raised, its marker file does not exist and no new process appeared under the host: the exception text
/// alone proves nothing.
/// </summary>
public static class PythonSandboxChecks
{
    private const string Blocked = "PY-BLOCKED";
    private const string Unremovable = "PY-UNREMOVABLE";
    private const string NoEventPaths = "PY-NO-EVENT-PATHS";
    private const string Status = "PY-STATUS";
    private const string Alternative = "PY-ALTERNATIVE";

    /// <summary>
    /// PY-ALTERNATIVE: the way out the refusal recommends runs the command (its marker appears). Over the wire, a
    /// workspace started without subprocesses must refuse it too, since the alternative goes through the host's rules.
    /// </summary>
    [Requirement(Alternative)]
    [KnownBad(Defect.PythonHookOffersItsOwnAlternative)]
    public sealed class TheAlternativeRunsThroughTheHost : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var expression = target.Description.PythonSandbox?.Alternative
                ?? throw CheckEnd.Missing("the target file's pythonSandbox section gives no alternative (how Python asks the host to run a command).");
            var probe = PythonProbes.Alternative(expression);
            string plain;
            await using (var driver = await PythonSandboxDrivers.OpenAsync(target, Alternative, cancellationToken))
            {
                var outcome = await driver.RunAsync(probe, cancellationToken);
                if (!outcome.MarkerExists)
                {
                    return new CheckResult.Violation($"the recommended alternative `{expression}` did not run the command ({driver.Describe}): {outcome.Describe()}");
                }

                plain = $"`{expression}` ran `touch` through the host and its marker appeared ({driver.Describe})";
            }

            if (target.Description.PythonSandbox!.Module is not null || target.Description.Commands.StartWithoutSubprocess is null)
            {
                return new CheckResult.Pass($"{plain}.");
            }

            await using var restricted = await PythonSandboxDrivers.OpenAsync(target, Alternative, cancellationToken, new InstanceOptions { WithoutSubprocess = true });
            var refused = await restricted.RunAsync(probe, cancellationToken);
            if (refused.MarkerExists)
            {
                return new CheckResult.Violation($"with the subprocess API switched off, the alternative still ran the command ({restricted.Describe}): it bypasses the host's rules. {refused.Describe()}");
            }

            return new CheckResult.Pass($"{plain}; in a workspace started without subprocesses the same call was refused and ran nothing ({refused.Describe()}).");
        }
    }

    [Requirement(Blocked)]
    [KnownBad(Defect.PythonHookWithoutOsSystem)]
    public sealed class ForkAndExecAreBlocked : ICheck
    {
        public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
            AllRefusedAsync(context.Target, Blocked, PythonProbes.Blocked, namesTheOperation: true, cancellationToken);
    }

    [Requirement(Unremovable)]
    [KnownBad(Defect.PythonLevelHook)]
    public sealed class TheBlockCannotBeRemoved : ICheck
    {
        public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
            AllRefusedAsync(context.Target, Unremovable, PythonProbes.Unremovable, namesTheOperation: false, cancellationToken);
    }

    [Requirement(NoEventPaths)]
    [KnownBad(Defect.PythonLevelHook)]
    public sealed class PathsWithoutEventsAreClosed : ICheck
    {
        public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) =>
            AllRefusedAsync(context.Target, NoEventPaths, PythonProbes.NoEventPaths, namesTheOperation: false, cancellationToken);
    }

    [Requirement(Status)]
    [KnownBad(Defect.PythonLevelHook)]
    public sealed class StatusTellsTheTruth : ICheck
    {
        public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var target = context.Target;
            var expression = target.Description.PythonSandbox?.Status
                ?? throw CheckEnd.Missing("the target file's pythonSandbox section gives no status expression (is_sandboxed()).");
            await using var driver = await PythonSandboxDrivers.OpenAsync(target, Status, cancellationToken);
            var outcome = await driver.RunAsync(PythonProbes.Status(expression), cancellationToken);
            var reported = outcome.Answer.Contains("bt-status=True", StringComparison.Ordinal);
            var stillBlocked = outcome.Answer.Contains("bt-blocked=True", StringComparison.Ordinal) && !outcome.Escaped;
            if (!outcome.Answer.Contains("bt-status=", StringComparison.Ordinal))
            {
                return new CheckResult.Violation($"the status probe did not complete ({driver.Describe}): {outcome.Describe()}");
            }

            if (reported != stillBlocked)
            {
                return new CheckResult.Violation($"after reloading the modules that offer is_sandboxed(), it reports {reported} while a blocked call was {(stillBlocked ? "still refused" : "allowed")} ({driver.Describe}): {outcome.Describe()}");
            }

            if (!reported)
            {
                return new CheckResult.Violation($"is_sandboxed() reports False and os.system ran ({driver.Describe}): there is no sandbox to report on. {outcome.Describe()}");
            }

            return new CheckResult.Pass($"after reloading every module offering is_sandboxed(), `{expression}` still reports True and os.system is still refused (marker absent, no new process), {driver.Describe}.");
        }
    }

    private static async Task<CheckResult> AllRefusedAsync(
        Target target,
        string id,
        IReadOnlyList<PythonProbe> probes,
        bool namesTheOperation,
        CancellationToken cancellationToken)
    {
        await using var driver = await PythonSandboxDrivers.OpenAsync(target, id, cancellationToken);
        await using var control = PlainPythonDriver.Unprotected();
        var outcomes = new List<ProbeOutcome>();
        var broken = new List<ProbeOutcome>();
        foreach (var probe in probes)
        {
            if (control is not null && await control.RunAsync(probe, cancellationToken) is { Escaped: false } stuck)
            {
                broken.Add(stuck);
                continue;
            }

            outcomes.Add(await driver.RunAsync(probe, cancellationToken));
        }

        var notCounted = broken.Count == 0
            ? control is null ? " No unprotected python3 was found to show the probes can escape at all." : string.Empty
            : $" {broken.Count} probe(s) could not escape an unprotected python3 either, so their refusal proves nothing and was not counted: {string.Join("; ", broken.Select(o => o.Describe()))}.";
        if (outcomes.Count == 0)
        {
            return new CheckResult.Inconclusive($"no probe was left to judge ({driver.Describe}).{notCounted}");
        }

        var escaped = outcomes.Where(o => o.Escaped).ToList();
        if (escaped.Count > 0)
        {
            throw CheckEnd.Violation($"{escaped.Count} of {outcomes.Count} probes created a process ({driver.Describe}): {string.Join("; ", escaped.Select(o => o.Describe()))}");
        }

        var unexplained = outcomes
            .Where(o => !o.Raised || !o.Answer.Contains("RuntimeError", StringComparison.Ordinal)
                || (namesTheOperation && !o.Answer.Contains(o.Probe.Operation, StringComparison.Ordinal)))
            .ToList();
        if (unexplained.Count > 0)
        {
            throw CheckEnd.Violation($"nothing escaped, but {unexplained.Count} probes were not refused with a RuntimeError{(namesTheOperation ? " naming the operation" : string.Empty)} ({driver.Describe}): {string.Join("; ", unexplained.Select(o => o.Describe()))}");
        }

        return new CheckResult.Pass($"{outcomes.Count} probes, each of which escapes an unprotected python3, refused with a RuntimeError, no marker file created and no new process under the host ({driver.Describe}): {string.Join(", ", outcomes.Select(o => o.Probe.Name))}.{notCounted}");
    }
}
