using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Reports;

namespace Beamtalk.Conformance.Principles;

/// <summary>What to check: a repository and two revisions.</summary>
public sealed record PrinciplesRequest(string Repository, string Base, string Head, bool TreatTestsAsProduct = false);

/// <summary>The whole check: read the diff with git, run the rule packs, and build the report.</summary>
public static class PrinciplesCheck
{
    /// <summary>Context lines around each hunk: enough for a length check a few lines above a compare, or a mode set just before a write.</summary>
    public const int ContextLines = 10;

    public static PrinciplesReport Run(PrinciplesRequest request, string? prDescription = null, IReadOnlyList<BehaviourChange>? behaviour = null)
    {
        var repository = GitRepository.Open(request.Repository);
        var baseId = repository.Resolve(request.Base);
        var headId = repository.Resolve(request.Head);
        var diff = repository.Diff(baseId, headId, ContextLines);
        var tests = RepositorySettings.Parse(repository.ReadFile(headId, RepositorySettings.FileName));
        var analysis = PrinciplesAnalyzer.Analyze(diff, request.TreatTestsAsProduct, tests);
        return new PrinciplesReport(baseId, headId, analysis, prDescription, behaviour);
    }
}
