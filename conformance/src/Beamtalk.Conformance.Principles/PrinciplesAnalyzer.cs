using System.Text.RegularExpressions;
using Beamtalk.Conformance.Principles.Analysis;
using Beamtalk.Conformance.Principles.Diff;
using Beamtalk.Conformance.Principles.Packs;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles;

/// <summary>
/// Runs every rule of each file's language over both sides of a change and returns the findings, in file and
/// line order. The new side is judged as written; the old side says what the change took away.
/// </summary>
public static partial class PrinciplesAnalyzer
{
    public static AnalysisResult Analyze(IReadOnlyList<ChangedFile> changedFiles, bool treatTestsAsProduct = false, TestPaths? testPaths = null)
    {
        var tests = testPaths ?? TestPaths.Conventional;
        var files = changedFiles.Select(f => SourceFile.From(f, Side.New, tests)).OfType<SourceFile>().ToList();
        var oldFiles = changedFiles.Select(f => SourceFile.From(f, Side.Old, tests)).OfType<SourceFile>().ToList();
        var current = Run(files, treatTestsAsProduct);
        var previous = Run(oldFiles, treatTestsAsProduct);
        var findings = current.Concat(Removals(previous, current))
            .OrderBy(f => f.Where.Path, StringComparer.Ordinal).ThenBy(f => f.Where.Removed).ThenBy(f => f.Where.Line).ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ToList();
        var scanned = files.Concat(oldFiles).DistinctBy(f => f.Path).ToList();
        return new AnalysisResult(
            findings,
            changedFiles.Count,
            scanned.Count,
            changedFiles.Sum(f => f.AddedLineCount))
        {
            Skipped = changedFiles.Select(SkippedFile.Of).OfType<SkippedFile>().ToList(),
            TestFiles = scanned.Count(f => f.IsTestCode),
        };
    }

    private static List<Finding> Run(IReadOnlyList<SourceFile> files, bool treatTestsAsProduct)
    {
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

        return findings;
    }

    /// <summary>
    /// What the old side's findings mean once removed. A rule that still fires in the same file on the new side
    /// saw the construct rewritten, and one that fires with the same evidence in another file saw it moved; otherwise a removed exposure counts for the principle and a
    /// removed guard is a question the author answers (see <see cref="FindingLevels.WhenRemoved"/>).
    /// </summary>
    private static IEnumerable<Finding> Removals(IReadOnlyList<Finding> previous, IReadOnlyList<Finding> current)
    {
        var kept = current.Select(f => (f.Where.Path, f.Rule.Id)).ToHashSet();
        // A file moved or code moved between files (git diff runs with --no-renames) reads as removed here and added
        // there: the same rule with the same evidence on the new side anywhere in the change means it moved.
        var moved = current.Select(f => (f.Rule.Id, f.Evidence)).ToHashSet();
        var listening = current.Where(f => IsListener(f.Rule)).Select(f => f.Where.Path).ToHashSet();
        foreach (var finding in previous.Where(f => !kept.Contains((f.Where.Path, f.Rule.Id)) && !moved.Contains((f.Rule.Id, f.Evidence))))
        {
            // A listener removed with no listener left in its file is less exposure, whatever it bound.
            var level = IsListener(finding.Rule) && !listening.Contains(finding.Where.Path) ? FindingLevel.Satisfies : FindingLevels.WhenRemoved(finding.Rule.Level);
            if (level is null)
            {
                continue;
            }

            yield return finding with
            {
                Evidence = $"removed: {finding.Evidence}",
                Level = finding.InTestCode && level > FindingLevel.Note ? FindingLevel.Note : level.Value,
            };
        }
    }

    private static bool IsListener(Rule rule) =>
        rule.Family == RuleFamily.ListenWildcard || rule.Family == RuleFamily.ListenLoopback || rule.Family == RuleFamily.ListenUnresolved;

    private static Finding ToFinding(SourceFile file, Rule rule, Hit hit, bool treatTestsAsProduct)
    {
        var line = file.Lines[hit.LineIndex];
        var inTests = file.IsTestLine(hit.LineIndex) && !treatTestsAsProduct;
        var ruleLevel = hit.Level ?? rule.Level;
        var level = inTests && ruleLevel > FindingLevel.Note ? FindingLevel.Note : ruleLevel;
        var acknowledgement = file.Window(hit.LineIndex, 1, 0)
            .Select(l => Acknowledgement().Match(l.Comment))
            .FirstOrDefault(m => m.Success && m.Groups["rule"].Value == rule.Id);
        return new Finding(rule, file.At(line), hit.Evidence, level, hit.Related ?? [], inTests)
        {
            Acknowledged = acknowledgement is null ? null : acknowledgement.Groups["reason"].Value.Trim() is { Length: > 0 } reason ? reason : "no reason given",
        };
    }

    [GeneratedRegex(@"principles-ignore:\s*(?<rule>[A-Z]+(?:-[A-Z0-9]+)+)\s*(?<reason>.*)$")]
    private static partial Regex Acknowledgement();
}
