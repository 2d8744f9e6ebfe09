namespace Beamtalk.Conformance.Core;

/// <summary>
/// The one rule for a prerequisite of the kit that cannot be had (a second OS user, a network namespace, a Docker
/// engine, a browser): Missing with the reason, marked so that the executor can refuse it as a skip under CI=true.
/// </summary>
public static class Prerequisite
{
    public static CheckEndedException Unavailable(string what, string reason, Exception? inner = null) =>
        new(new CheckResult.Missing($"cannot have {what}: {reason.TrimEnd('.')}.", prerequisiteAbsent: true), inner);
}
