using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Results;

/// <summary>
/// Turns the outcomes of a requirement's tests into its verdict. The rules, in order:
/// no test → Missing; any failure → Fail (Non-strict for SHOULD and INFO); any error of the kit →
/// Inconclusive; any skip → Inconclusive or Missing as its reason says; otherwise Pass (Caveat for CAVEAT).
/// </summary>
public static class VerdictGrader
{
    /// <summary>Skip reasons that begin with this mark an inconclusive measurement; any other skip is Missing.</summary>
    public const string InconclusivePrefix = "Inconclusive:";

    public const string MissingPrefix = "Missing:";

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

        var failed = tests.FirstOrDefault(t => t.Outcome is not (TestOutcome.Passed or TestOutcome.Skipped or TestOutcome.Errored));
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

        var skipped = tests.FirstOrDefault(t => t.Outcome == TestOutcome.Skipped);
        if (skipped is not null)
        {
            var message = skipped.Message ?? $"{skipped.Name} was skipped without a reason.";
            return message.StartsWith(InconclusivePrefix, StringComparison.Ordinal)
                ? (Verdict.Inconclusive, message)
                : (Verdict.Missing, message);
        }

        return level == RequirementLevel.Caveat
            ? (Verdict.Caveat, "The documented accepted risk behaves as documented.")
            : (Verdict.Pass, tests.Count == 1 ? "1 test passed." : $"{tests.Count} tests passed.");
    }
}
