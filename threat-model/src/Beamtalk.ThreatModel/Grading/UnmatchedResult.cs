using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Grading;

/// <summary>A result the document cannot attach to a catalogue requirement, and why.</summary>
internal sealed record UnmatchedResult(RequirementResult Result, string WhyUnmatched);
