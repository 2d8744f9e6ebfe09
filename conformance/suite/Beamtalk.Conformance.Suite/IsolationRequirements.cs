using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class IsolationRequirements : RequirementTest
{
    [Fact, Requirement("ISO-COMPILER")]
    public Task Compiler_bombs_end_in_error_replies_while_other_sessions_work() => VerifyAsync(CompilerChecks.CompilerBombsEndInErrorsAsync);

    [Fact, Requirement("ISO-EVAL-LIMITS")]
    public Task Runaway_evals_end_in_resource_errors_and_the_workspace_survives() => VerifyAsync(EvalLimitChecks.RunawayEvalsAreStoppedAsync);

    [Fact, Requirement("ISO-ACTOR")]
    public Task An_actor_crash_touches_no_other_actor_session_or_the_workspace_and_is_restarted() => VerifyAsync(ActorChecks.ActorCrashesAreIsolatedAsync);

    [Fact, Requirement("ISO-HOTRELOAD-SURVIVES-ROTATION")]
    public Task Hot_loaded_code_keeps_running_after_cookie_rotation() => VerifyAsync(ActorChecks.HotLoadedCodeSurvivesRotationAsync);
}
