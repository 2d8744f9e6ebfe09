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

        // The same rule as the exit code: a test the kit errored on (the target would not start, the check broke) leaves
        // its requirement unjudged, whatever the other tests said, so the gate can neither pass nor fail on it.
        var notJudged = results.Where(r => (r.Tests ?? []).Any(t => t?.Outcome == TestOutcome.Errored)).Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        return new GateOutcome(reasons.Count == 0 && notJudged.Count == 0, Describe(), reasons.Distinct(StringComparer.Ordinal).ToList())
        {
            NotJudged = notJudged,
        };
    }

    public string Describe() =>
        $"fails on {(FailOnShould ? "an unwaived MUST or SHOULD failure" : "an unwaived MUST failure")}, or a baseline regression"
        + (RequireComplete ? ", or a selected requirement left Missing or Inconclusive" : string.Empty);

    private static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static string Display(Verdict? verdict) => verdict is { } v ? VerdictText.Display(v) : "absent";
}

/// <summary>The gate's decision as every report states it.</summary>
/// <param name="Passed">True only when nothing failed the gate and every selected requirement was judged.</param>
public sealed record GateOutcome(bool Passed, string Policy, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// Requirements the kit could not judge: a test of theirs errored. Any of them makes the run exit 2, and the gate
    /// line says NOT JUDGED, never PASS. Empty in results written before the field existed.
    /// </summary>
    public IReadOnlyList<string> NotJudged { get; init; } = [];

    /// <summary>The gate in one word for machine-read places (JUnit and SARIF properties): pass, fail or not-judged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Status => NotJudged.Count > 0 ? "not-judged" : Passed ? "pass" : "fail";

    /// <summary>The gate line every report starts with; it agrees with the exit code (0 PASS, 1 FAIL, 2 NOT JUDGED).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Headline => NotJudged.Count > 0 ? "Gate: NOT JUDGED" : Passed ? "Gate: PASS" : "Gate: FAIL";

    /// <summary>The gate line with why: what could not be judged, and what failed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Line
    {
        get
        {
            if (NotJudged.Count > 0)
            {
                var count = NotJudged.Count == 1 ? "1 requirement" : $"{NotJudged.Count} requirements";
                var also = Reasons.Count > 0 ? $"; also failing: {string.Join("; ", Reasons)}" : string.Empty;
                return $"{Headline} — {count} could not be judged ({string.Join(", ", NotJudged)}){also}";
            }

            return Passed ? $"{Headline} (the gate {Policy}; none happened)" : $"{Headline} ({string.Join("; ", Reasons)})";
        }
    }
}
