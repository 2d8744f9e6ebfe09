using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Results;

/// <summary>
/// Turns the outcomes of a requirement's tests into its verdict. The rules, in order:
/// no test → Missing; any failure → Fail (Non-strict for SHOULD and INFO); any error of the kit →
/// Inconclusive; any inconclusive check → Inconclusive; any missing or skipped test → Missing; otherwise Pass
/// (Caveat for CAVEAT). Outcomes arrive as data from the checks' results; no message is parsed.
/// </summary>
public static class VerdictGrader
{
    public static RequirementResult Grade(Requirement requirement, IReadOnlyList<TestRecord> tests)
    {
        var (verdict, reason) = Decide(requirement.Level, tests);
        return new RequirementResult(requirement.Id, requirement.Level, requirement.Title, verdict, reason, tests) { Principles = requirement.Principles };
    }

    private static (Verdict, string) Decide(RequirementLevel level, IReadOnlyList<TestRecord> tests)
    {
        if (tests.Count == 0)
        {
            return (Verdict.Missing, "No test verifies this requirement yet.");
        }

        var failed = tests.FirstOrDefault(t => t.Outcome is not (TestOutcome.Passed or TestOutcome.Skipped or TestOutcome.Errored or TestOutcome.Missing or TestOutcome.Inconclusive));
        if (failed is not null)
        {
            var message = failed.Message ?? $"{failed.Name} did not pass ({failed.Outcome}).";
            return level is RequirementLevel.Should or RequirementLevel.Info
                ? (Verdict.NonStrict, message)
                : (Verdict.Fail, message);
        }

        var errored = tests.FirstOrDefault(t => t.Outcome == TestOutcome.Errored);
        if (errored is not null)
        {
            return (Verdict.Inconclusive, $"The kit could not judge: {errored.Message ?? errored.Name}");
        }

        var inconclusive = tests.FirstOrDefault(t => t.Outcome == TestOutcome.Inconclusive);
        if (inconclusive is not null)
        {
            return (Verdict.Inconclusive, inconclusive.Message ?? $"{inconclusive.Name} could not decide.");
        }

        var missing = tests.FirstOrDefault(t => t.Outcome is TestOutcome.Missing or TestOutcome.Skipped);
        if (missing is not null)
        {
            return (Verdict.Missing, missing.Message ?? $"{missing.Name} was skipped without a reason.");
        }

        return level == RequirementLevel.Caveat
            ? (Verdict.Caveat, "The documented accepted risk behaves as documented.")
            : (Verdict.Pass, tests.Count == 1 ? "1 test passed." : $"{tests.Count} tests passed.");
    }
}
