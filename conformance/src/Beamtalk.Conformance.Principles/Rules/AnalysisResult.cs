namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>What the analysis saw: the findings and the size of the change.</summary>
public sealed record AnalysisResult(IReadOnlyList<Finding> Findings, int ChangedFiles, int ScannedFiles, int AddedLines);
