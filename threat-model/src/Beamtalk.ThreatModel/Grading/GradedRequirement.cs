using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Grading;

/// <summary>A catalogue requirement with the verdict the results file gives it (or Missing).</summary>
/// <param name="RecordedLevel">The level the results file states, when it differs from the catalogue's.</param>
internal sealed record GradedRequirement(
    Requirement Requirement,
    Verdict Verdict,
    string Reason,
    IReadOnlyList<TestRecord> Tests,
    bool InResultsFile,
    RequirementLevel? RecordedLevel)
{
    public string Id => Requirement.Id;
}
