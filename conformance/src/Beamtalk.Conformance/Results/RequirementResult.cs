using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Results;

/// <summary>The graded result for one requirement against one target.</summary>
public sealed record RequirementResult(
    string Id,
    RequirementLevel Level,
    string Title,
    Verdict Verdict,
    string Reason,
    IReadOnlyList<TestRecord> Tests);
