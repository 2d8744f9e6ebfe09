namespace Beamtalk.Conformance.Core;

/// <summary>Early ends of a check, for code that cannot simply return a <see cref="CheckResult"/> (helpers, lambdas).</summary>
public static class CheckEnd
{
    public static CheckEndedException Violation(string evidence) => new CheckResult.Violation(evidence).End();

    public static CheckEndedException Missing(string reason) => new CheckResult.Missing(reason).End();

    public static CheckEndedException Inconclusive(string reason) => new CheckResult.Inconclusive(reason).End();

    public static CheckEndedException Error(string reason, Exception? inner = null) => new(new CheckResult.Error(reason), inner);
}
