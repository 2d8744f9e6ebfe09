using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Gate;

/// <summary>The options that decide the exit code beyond the default "no unwaived MUST failed".</summary>
public sealed record GatePolicy(bool FailOnShould, bool RequireComplete)
{
    public static GatePolicy Default { get; } = new(false, false);

    /// <summary>
    /// The gate's verdict and every reason it failed. Non-strict is a SHOULD failure and fails the gate only
    /// with <see cref="FailOnShould"/>; a baseline regression fails it like a failure of the same level.
    /// </summary>
    public GateOutcome Decide(IReadOnlyList<RequirementResult> results, BaselineDiff? baseline)
    {
        var reasons = new List<string>();
        foreach (var result in results)
        {
            var failsGate = result.Verdict == Verdict.Fail || (FailOnShould && result.Verdict == Verdict.NonStrict);
            if (failsGate)
            {
                reasons.Add($"{result.Id} ({Level(result.Level)}): {VerdictText.Display(result.Verdict)}");
            }
            else if (RequireComplete && result.Verdict is Verdict.Missing or Verdict.Inconclusive)
            {
                reasons.Add($"{result.Id} ({Level(result.Level)}): {VerdictText.Display(result.Verdict)}, and --require-complete is set");
            }
        }

        foreach (var regression in baseline?.Regressions ?? [])
        {
            if (regression.After == Verdict.Fail || FailOnShould)
            {
                reasons.Add($"{regression.Id}: regression against the baseline ({Display(regression.Before)} → {VerdictText.Display(regression.After)})");
            }
        }

        return new GateOutcome(reasons.Count == 0, Describe(), reasons.Distinct(StringComparer.Ordinal).ToList());
    }

    public string Describe() =>
        $"fails on {(FailOnShould ? "an unwaived MUST or SHOULD failure" : "an unwaived MUST failure")}, or a baseline regression"
        + (RequireComplete ? ", or a selected requirement left Missing or Inconclusive" : string.Empty);

    private static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static string Display(Verdict? verdict) => verdict is { } v ? VerdictText.Display(v) : "absent";
}

/// <summary>The gate's decision as every report states it.</summary>
public sealed record GateOutcome(bool Passed, string Policy, IReadOnlyList<string> Reasons);
