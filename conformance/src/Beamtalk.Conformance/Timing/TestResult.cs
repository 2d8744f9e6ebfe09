namespace Beamtalk.Conformance.Timing;

/// <summary>One hypothesis test's outcome: its statistic (a z score, or Welch's t), two-sided p-value and sample count.</summary>
public sealed record TestResult(string Name, double Statistic, double PValue, int Count)
{
    public override string ToString() =>
        FormattableString.Invariant($"{Name} {(Name == "Welch" ? "t" : "z")}={Statistic:0.00} p={PValue:0.0e+0} (n={Count})");
}
