namespace Beamtalk.Conformance.Core;

/// <summary>
/// How a helper several calls inside a check (a probe harness, a container or browser driver) ends the check with a
/// result. It never leaves the check: the executor unwraps it at the check's boundary, and from there on the result
/// is data. A check's own body returns its result instead.
/// </summary>
public sealed class CheckEndedException(CheckResult result, Exception? inner = null)
    : Exception(result.Text, inner)
{
    public CheckResult Result { get; } = result;
}
