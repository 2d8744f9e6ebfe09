using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Checks.Python;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// The PY-* checks against "other sandboxes": a Python-level audit hook with the guide's documented block list,
/// loaded into a plain python3. It refuses every documented call (PY-BLOCKED passes), yet leaks in the ways a
/// Python-level hook does, so PY-UNREMOVABLE, PY-NO-EVENT-PATHS and PY-STATUS fail; with os.system left off its
/// list, PY-BLOCKED fails too.
/// </summary>
public sealed class PythonSandboxFixtureTests
{
    private const string Module = "python_level_hook";

    private static Target Sandbox(string activate, string? alternative = null) => new(KnownBadTarget.Sound.Description with
    {
        Name = $"python-sandbox:{Module}",
        PythonSandbox = new PythonSandbox(
            Module: Path.Combine(AppContext.BaseDirectory, "PythonSandboxes", $"{Module}.py"),
            Activate: activate,
            Status: $"__import__('{Module}').is_sandboxed()",
            Alternative: alternative),
    });

    private static Target Documented => Sandbox($"import {Module}; {Module}.install()");

    /// <summary>The same hook offering its own run_command as the way out.</summary>
    private static Target WithOwnAlternative => Sandbox($"import {Module}; {Module}.install()", $"__import__('{Module}').run_command({{command}})");

    /// <summary>
    /// The documented hook fails exactly the leaks measured against it: PY-UNREMOVABLE, PY-NO-EVENT-PATHS, and PY-STATUS
    /// (a reload resets its flag while the hook runs on). It offers no alternative, so PY-ALTERNATIVE is Missing, not failed.
    /// </summary>
    [Fact]
    public async Task The_documented_python_level_hook_fails_exactly_the_leaks_measured_against_it()
    {
        var failed = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (id, check) in SuiteChecks.All.Where(c => c.Id.StartsWith("PY-", StringComparison.Ordinal)))
        {
            try
            {
                await check(Documented, TestContext.Current.CancellationToken);
            }
            catch (RequirementViolationException e)
            {
                failed.Add(e.RequirementId);
            }
            catch (CheckNotApplicableException e)
            {
                missing.Add(e.RequirementId);
            }
        }

        Assert.Equal(["PY-NO-EVENT-PATHS", "PY-STATUS", "PY-UNREMOVABLE"], failed);
        Assert.Equal(["PY-ALTERNATIVE"], missing);
    }

    [Fact]
    public async Task The_documented_python_level_hook_passes_PY_BLOCKED()
    {
        var evidence = await PythonSandboxChecks.ForkAndExecAreBlockedAsync(Documented, TestContext.Current.CancellationToken);
        Assert.Equal("PY-BLOCKED", evidence.RequirementId);
        Assert.Contains("in a plain", evidence.Summary, StringComparison.Ordinal);
    }

    [Fact, KnownBad("PY-BLOCKED")]
    public Task A_block_list_without_os_system_fails_PY_BLOCKED() =>
        KnownBadAssert.FailsWithAsync("PY-BLOCKED", Sandbox($"import {Module}; {Module}.BLOCKED.discard('os.system'); {Module}.install()"), PythonSandboxChecks.ForkAndExecAreBlockedAsync);

    [Fact, KnownBad("PY-UNREMOVABLE")]
    public Task A_python_level_hook_fails_PY_UNREMOVABLE() =>
        KnownBadAssert.FailsWithAsync("PY-UNREMOVABLE", Documented, PythonSandboxChecks.TheBlockCannotBeRemovedAsync);

    [Fact, KnownBad("PY-NO-EVENT-PATHS")]
    public Task A_python_level_hook_fails_PY_NO_EVENT_PATHS() =>
        KnownBadAssert.FailsWithAsync("PY-NO-EVENT-PATHS", Documented, PythonSandboxChecks.PathsWithoutEventsAreClosedAsync);

    [Fact, KnownBad("PY-STATUS")]
    public Task A_status_flag_a_reload_resets_fails_PY_STATUS() =>
        KnownBadAssert.FailsWithAsync("PY-STATUS", Documented, PythonSandboxChecks.StatusTellsTheTruthAsync);

    [Fact, KnownBad("PY-ALTERNATIVE")]
    public Task An_alternative_the_hook_itself_refuses_fails_PY_ALTERNATIVE() =>
        KnownBadAssert.FailsWithAsync("PY-ALTERNATIVE", WithOwnAlternative, PythonSandboxChecks.TheAlternativeRunsThroughTheHostAsync);

    [Fact]
    public async Task A_target_without_an_embedded_python_is_missing_with_the_reason()
    {
        var missing = await Assert.ThrowsAsync<CheckNotApplicableException>(() => PythonSandboxChecks.ForkAndExecAreBlockedAsync(KnownBadTarget.Sound, TestContext.Current.CancellationToken));
        Assert.Contains("no pythonSandbox section", missing.Message, StringComparison.Ordinal);
    }
}
