using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Runner;

/// <summary>Grades every catalogue requirement from the tests tagged with it. Untagged tests are not requirement evidence.</summary>
public static class ResultsBuilder
{
    public static ConformanceResults Build(
        IReadOnlyList<Requirement> catalogue,
        IReadOnlyList<FinishedTest> tests,
        TargetInfo target,
        RunInfo run)
    {
        var unknown = tests.SelectMany(t => t.Requirements).Where(id => !catalogue.Any(r => r.Id == id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new SuiteRunException($"the suite reports requirement IDs the catalogue does not have: {string.Join(", ", unknown)}.");
        }

        var results = catalogue
            .Select(requirement => VerdictGrader.Grade(
                requirement,
                [.. tests.Where(t => t.Requirements.Contains(requirement.Id, StringComparer.Ordinal)).Select(t => t.Record).OrderBy(r => r.Name, StringComparer.Ordinal)]))
            .ToList();
        return new ConformanceResults(ConformanceResults.CurrentSchemaVersion, target, run, results);
    }
}
