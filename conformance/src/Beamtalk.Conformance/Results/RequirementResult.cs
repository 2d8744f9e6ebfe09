using Beamtalk.Conformance.Catalogue;

namespace Beamtalk.Conformance.Results;

/// <summary>The graded result for one requirement against one target.</summary>
public sealed record RequirementResult(
    string Id,
    RequirementLevel Level,
    string Title,
    Verdict Verdict,
    string Reason,
    IReadOnlyList<TestRecord> Tests)
{
    public IReadOnlyList<Principle> Principles { get; init; } = [];

    /// <summary>The waiver that turned a failure into <see cref="Verdict.AcceptedRisk"/>, when one did.</summary>
    public WaiverReference? Waiver { get; init; }

    /// <summary>The time its tests took, summed.</summary>
    public double DurationSeconds => Math.Round((Tests ?? []).Sum(t => t?.Seconds ?? 0), 3);
}

/// <summary>A waiver as recorded on the result it changed, with the verdict the run actually gave.</summary>
public sealed record WaiverReference(string Justification, DateOnly Expires, string? Owner, string? Ticket, string WaivedVerdict);
