using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>A requirement whose verdict differs between the base's and the head's suite runs.</summary>
public sealed record BehaviourChange(string Id, RequirementLevel Level, Verdict Before, Verdict After, IReadOnlyList<Principle> Principles)
{
    /// <summary>A MUST that passed and now fails is a violation, however innocent the diff reads.</summary>
    public bool IsRegression => Level == RequirementLevel.Must && Before == Verdict.Pass && After == Verdict.Fail;

    public static IReadOnlyList<BehaviourChange> Compare(ConformanceResults before, ConformanceResults after)
    {
        var old = before.Requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return after.Requirements
            .Select(r => (Head: r, Base: old.GetValueOrDefault(r.Id)))
            .Where(p => p.Base is null || p.Base.Verdict != p.Head.Verdict)
            .Select(p => new BehaviourChange(
                p.Head.Id,
                p.Head.Level,
                p.Base?.Verdict ?? Verdict.Missing,
                p.Head.Verdict,
                RequirementCatalogue.All.FirstOrDefault(c => c.Id == p.Head.Id)?.Principles ?? []))
            .ToList();
    }
}
