using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.ThreatModel.Grading;

/// <summary>
/// The catalogue joined with a results file. Every catalogue requirement gets a verdict
/// (Missing when the file has none) and every result the join cannot use is kept as unmatched,
/// so nothing in either input disappears from the document.
/// </summary>
internal sealed class GradedCatalogue
{
    public const string NotInResultsFile = "not in the results file";

    private readonly HashSet<string> ids;

    private GradedCatalogue(IReadOnlyList<GradedRequirement> requirements, IReadOnlyList<UnmatchedResult> unmatched)
    {
        Requirements = requirements;
        Unmatched = unmatched;
        ids = requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>In catalogue order.</summary>
    public IReadOnlyList<GradedRequirement> Requirements { get; }

    /// <summary>Ordered by ID, verdict and reason, so the order of the results file does not matter.</summary>
    public IReadOnlyList<UnmatchedResult> Unmatched { get; }

    public bool Contains(string id) => ids.Contains(id);

    public static GradedCatalogue Join(IReadOnlyList<Requirement> catalogue, ConformanceResults results)
    {
        var catalogueIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var requirement in catalogue)
        {
            if (!catalogueIds.Add(requirement.Id))
            {
                throw new ArgumentException($"The catalogue lists '{requirement.Id}' twice.", nameof(catalogue));
            }
        }

        var firstResultById = new Dictionary<string, RequirementResult>(StringComparer.Ordinal);
        var unmatched = new List<UnmatchedResult>();
        foreach (var result in results.Requirements)
        {
            // Results files are read without per-entry validation, so an entry may lack fields.
            var id = result.Id ?? string.Empty;
            if (!catalogueIds.Contains(id))
            {
                unmatched.Add(new UnmatchedResult(result, "not in the catalogue"));
            }
            else if (!firstResultById.TryAdd(id, result))
            {
                unmatched.Add(new UnmatchedResult(result, "a second result for this ID; the first one is used above"));
            }
        }

        var graded = catalogue.Select(requirement => Grade(requirement, firstResultById.GetValueOrDefault(requirement.Id))).ToList();
        var orderedUnmatched = unmatched
            .OrderBy(u => u.Result.Id ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(u => u.Result.Verdict)
            .ThenBy(u => u.Result.Reason ?? string.Empty, StringComparer.Ordinal)
            .ToList();
        return new GradedCatalogue(graded, orderedUnmatched);
    }

    private static GradedRequirement Grade(Requirement requirement, RequirementResult? result)
    {
        if (result is null)
        {
            return new GradedRequirement(requirement, Verdict.Missing, NotInResultsFile, [], InResultsFile: false, RecordedLevel: null);
        }

        var tests = (result.Tests ?? [])
            .Where(t => t is not null)
            .OrderBy(t => t.Name ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(t => t.Outcome)
            .ToList();
        var recordedLevel = result.Level == requirement.Level ? (RequirementLevel?)null : result.Level;
        return new GradedRequirement(requirement, result.Verdict, result.Reason ?? string.Empty, tests, InResultsFile: true, recordedLevel);
    }
}
