using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Tests;

/// <summary>Results files made up for tests: every verdict occurs, and every field can be varied on its own.</summary>
internal static class SyntheticResults
{
    public const string ResultsPath = "docs/security/results.json";
    public const string TargetName = "synthetic-target";

    /// <summary>Stands for the results file's hash: synthetic results have no file.</summary>
    public const string Sha256 = "5e1f0c2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100";

    public static RunInfo FixedRun { get; } = new(new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero), 42.5, "0.1.0");

    /// <summary>
    /// One result per requirement. CAVEAT requirements get Caveat (or Fail), MUSTs cycle through
    /// Pass, Fail, Inconclusive, Missing and Accepted risk, SHOULDs through Pass and Non-strict.
    /// Every third requirement has no test.
    /// </summary>
    public static ConformanceResults For(IReadOnlyList<Requirement> catalogue) =>
        new(ConformanceResults.CurrentSchemaVersion,
            new TargetInfo(TargetName, "A target made up for tests.", null),
            FixedRun,
            catalogue.Select((requirement, index) => ResultFor(requirement, index)).ToList());

    public static ConformanceResults WithResult(ConformanceResults results, string id, Func<RequirementResult, RequirementResult> change) =>
        results with { Requirements = results.Requirements.Select(r => r.Id == id ? change(r) : r).ToList() };

    public static ConformanceResults Without(ConformanceResults results, string id) =>
        results with { Requirements = results.Requirements.Where(r => r.Id != id).ToList() };

    public static ConformanceResults Plus(ConformanceResults results, RequirementResult extra) =>
        results with { Requirements = [.. results.Requirements, extra] };

    public static RequirementResult Result(string id, Verdict verdict, string reason, params TestRecord[] tests) =>
        new(id, RequirementLevel.Must, "A made-up requirement", verdict, reason, tests);

    private static readonly Verdict[] MustVerdicts =
        [Verdict.Pass, Verdict.Fail, Verdict.Inconclusive, Verdict.Missing, Verdict.AcceptedRisk];

    private static RequirementResult ResultFor(Requirement requirement, int index)
    {
        var verdict = requirement.Level switch
        {
            RequirementLevel.Caveat => index % 7 == 0 ? Verdict.Fail : Verdict.Caveat,
            RequirementLevel.Should or RequirementLevel.Info => index % 2 == 0 ? Verdict.Pass : Verdict.NonStrict,
            _ => MustVerdicts[index % MustVerdicts.Length],
        };
        TestRecord[] tests = index % 3 == 0
            ? []
            :
            [
                new($"{requirement.Id} holds on a fresh workspace", Outcome(verdict), $"message {index}", 0.25 * index),
                new($"{requirement.Id} holds after a restart", TestOutcome.Passed, null, 1.5),
            ];
        return new RequirementResult(requirement.Id, requirement.Level, requirement.Title, verdict, $"Reason {index} for {requirement.Id}.", tests);
    }

    private static TestOutcome Outcome(Verdict verdict) => verdict switch
    {
        Verdict.Fail or Verdict.NonStrict or Verdict.AcceptedRisk => TestOutcome.Failed,
        Verdict.Inconclusive or Verdict.Missing => TestOutcome.Skipped,
        _ => TestOutcome.Passed,
    };
}
