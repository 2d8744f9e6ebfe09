using Beamtalk.Conformance.Checks.Python;

namespace Beamtalk.Conformance.Suite;

public sealed class PythonRequirements : RequirementTest
{
    [Fact, Requirement("PY-BLOCKED")]
    public Task Fork_and_exec_family_calls_are_refused_and_run_nothing() => VerifyAsync(PythonSandboxChecks.ForkAndExecAreBlockedAsync);

    [Fact, Requirement("PY-UNREMOVABLE")]
    public Task Python_code_cannot_remove_or_patch_the_block() => VerifyAsync(PythonSandboxChecks.TheBlockCannotBeRemovedAsync);

    [Fact, Requirement("PY-NO-EVENT-PATHS")]
    public Task Paths_that_raise_no_audit_event_are_closed_too() => VerifyAsync(PythonSandboxChecks.PathsWithoutEventsAreClosedAsync);

    [Fact, Requirement("PY-STATUS")]
    public Task Is_sandboxed_tells_the_truth_after_a_reload() => VerifyAsync(PythonSandboxChecks.StatusTellsTheTruthAsync);

    [Fact, Requirement("PY-ALTERNATIVE")]
    public Task The_recommended_alternative_runs_commands_through_the_host() => VerifyAsync(PythonSandboxChecks.TheAlternativeRunsThroughTheHostAsync);
}
