namespace Beamtalk.Conformance.Core;

/// <summary>
/// The one rule for a prerequisite of the kit that cannot be had (a second OS user, a network namespace, a Docker
/// engine, a browser): Missing with the reason, marked so that the executor can refuse it as a skip under CI=true.
/// </summary>
public static class Prerequisite
{
    /// <summary>
    /// How every test that could not run for want of root or another prerequisite starts its skip reason (the suite's
    /// tests, the self-tests, the gate's tests): scripts/test.sh counts the skips that start with it, so a non-root
    /// user is told in one line how many tests only root (or CI=true) runs.
    /// </summary>
    public const string SkipReason = "needs root or a prerequisite: ";

    public static CheckEndedException Unavailable(string what, string reason, Exception? inner = null) =>
        new(new CheckResult.Missing($"cannot have {what}: {reason.TrimEnd('.')}.", prerequisiteAbsent: true), inner);
}
