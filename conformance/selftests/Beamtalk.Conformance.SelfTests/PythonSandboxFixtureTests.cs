using Beamtalk.Conformance.Checks.Python;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// The PY-* checks against "other sandboxes": a Python-level audit hook with the guide's documented block list, loaded
/// into a plain python3. It refuses every documented call, so the fork/exec check passes on it (the control for the
/// checks it fails: their known-bad rows run in <see cref="KnownBadFixtureTests"/>); it offers no alternative, so that
/// check is Missing, not failed.
/// </summary>
public sealed class PythonSandboxFixtureTests
{
    [Fact]
    public async Task The_documented_python_level_hook_passes_the_fork_and_exec_check()
    {
        var result = await KnownBadAssert.RunAsync<PythonSandboxChecks.ForkAndExecAreBlocked>(KnownBadTarget.With(Defect.PythonLevelHook));
        Assert.IsType<CheckResult.Pass>(result);
        Assert.Contains("in a plain", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_without_an_alternative_is_missing_the_alternative_with_the_reason()
    {
        var result = await KnownBadAssert.RunAsync<PythonSandboxChecks.TheAlternativeRunsThroughTheHost>(KnownBadTarget.With(Defect.PythonLevelHook));
        Assert.IsType<CheckResult.Missing>(result);
    }

    [Fact]
    public async Task A_target_without_an_embedded_python_is_missing_with_the_reason()
    {
        var result = await KnownBadAssert.RunAsync<PythonSandboxChecks.ForkAndExecAreBlocked>(KnownBadTarget.Sound);
        var missing = Assert.IsType<CheckResult.Missing>(result);
        Assert.Contains("no pythonSandbox section", missing.Text, StringComparison.Ordinal);
    }
}
