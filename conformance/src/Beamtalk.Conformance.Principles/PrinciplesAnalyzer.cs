using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Packs;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles;

/// <summary>Runs every rule of each file's language over a change and returns the findings, in file and line order.</summary>
public static partial class PrinciplesAnalyzer
{
    public static AnalysisResult Analyze(IReadOnlyList<ChangedFile> changedFiles, bool treatTestsAsProduct = false)
    {
        var files = changedFiles.Select(SourceFile.From).OfType<SourceFile>().ToList();
        var change = new ChangeSet(files);
        foreach (var file in files)
        {
            SecretFileDetector.CollectHelpers(file, change, RuleBook.FileSpelling(file.Language));
        }

        var findings = new List<Finding>();
        foreach (var file in files)
        {
            foreach (var rule in RuleBook.For(file.Language))
            {
                foreach (var hit in rule.Detect(file, change).DistinctBy(h => h.LineIndex))
                {
                    findings.Add(ToFinding(file, rule, hit, treatTestsAsProduct));
                }
            }
        }

        var ordered = findings.OrderBy(f => f.Where.Path, StringComparer.Ordinal).ThenBy(f => f.Where.Line).ThenBy(f => f.Rule.Id, StringComparer.Ordinal).ToList();
        return new AnalysisResult(
            ordered,
            changedFiles.Count,
            files.Count,
            changedFiles.Sum(f => f.AddedLineCount));
    }

    private static Finding ToFinding(SourceFile file, Rule rule, Hit hit, bool treatTestsAsProduct)
    {
        var line = file.Lines[hit.LineIndex];
        var inTests = file.IsTestCode && !treatTestsAsProduct;
        var level = inTests && rule.Level > FindingLevel.Note ? FindingLevel.Note : rule.Level;
        var acknowledgement = file.Window(hit.LineIndex, 1, 0)
            .Select(l => Acknowledgement().Match(l.Comment))
            .FirstOrDefault(m => m.Success && m.Groups["rule"].Value == rule.Id);
        return new Finding(rule, new Location(file.Path, line.Number), hit.Evidence, level, hit.Related ?? [], inTests)
        {
            Acknowledged = acknowledgement is null ? null : acknowledgement.Groups["reason"].Value.Trim() is { Length: > 0 } reason ? reason : "no reason given",
        };
    }

    [GeneratedRegex(@"principles-ignore:\s*(?<rule>[A-Z]+(?:-[A-Z0-9]+)+)\s*(?<reason>.*)$")]
    private static partial Regex Acknowledgement();
}
