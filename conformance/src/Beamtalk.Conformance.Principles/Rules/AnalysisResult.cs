using Beamtalk.Conformance.Principles.Analysis;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>
/// What the analysis saw: the findings, the size of the change, the files no rule pack read (with the reason),
/// and how many of the scanned files are test code (findings there are notes).
/// </summary>
public sealed record AnalysisResult(IReadOnlyList<Finding> Findings, int ChangedFiles, int ScannedFiles, int AddedLines)
{
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    public int TestFiles { get; init; }

    /// <summary>Skipped files counted by reason, most first.</summary>
    public IReadOnlyList<(string Reason, int Count)> SkippedByReason =>
        Skipped.GroupBy(s => s.Reason).Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
}
