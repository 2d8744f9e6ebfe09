using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Runner;

/// <summary>What the gate adds to grading: waivers by the runner's clock, a baseline, and the exit policy.</summary>
public sealed record GateInputs(IReadOnlyList<Waiver> Waivers, DateOnly Today, GatePolicy Policy, string? BaselinePath)
{
    public static GateInputs None { get; } = new([], DateOnly.MinValue, GatePolicy.Default, null);
}

/// <summary>Grades every selected requirement from the tests tagged with it. Untagged tests are not requirement evidence.</summary>
public static class ResultsBuilder
{
    public static ConformanceResults Build(
        IReadOnlyList<Requirement> selected,
        IReadOnlyList<FinishedTest> tests,
        TargetInfo target,
        RunInfo run) => Build(selected, RequirementCatalogue.All, tests, target, run, GateInputs.None);

    /// <param name="selected">The requirements to grade, in report order.</param>
    /// <param name="catalogue">Every known requirement: a test tagged with an ID outside it is a broken suite.</param>
    public static ConformanceResults Build(
        IReadOnlyList<Requirement> selected,
        IReadOnlyList<Requirement> catalogue,
        IReadOnlyList<FinishedTest> tests,
        TargetInfo target,
        RunInfo run,
        GateInputs gate)
    {
        var known = catalogue.Concat(selected).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = tests.SelectMany(t => t.Requirements).Where(id => !known.Contains(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new SuiteRunException($"the suite reports requirement IDs the catalogue does not have: {string.Join(", ", unknown)}.");
        }

        var graded = selected
            .Select(requirement => VerdictGrader.Grade(
                requirement,
                [.. tests.Where(t => t.Requirements.Contains(requirement.Id, StringComparer.Ordinal)).Select(t => t.Record).OrderBy(r => r.Name, StringComparer.Ordinal)]))
            .ToList();
        var (waived, waivers) = Waivers.Apply(graded, gate.Waivers, gate.Today);
        var baseline = gate.BaselinePath is { } path ? Baseline.Compare(waived, path, PublishedIds.Current) : null;
        return new ConformanceResults(ConformanceResults.CurrentSchemaVersion, target, run, waived)
        {
            Gate = gate.Policy.Decide(waived, baseline),
            Waivers = waivers,
            Baseline = baseline,
        };
    }
}
