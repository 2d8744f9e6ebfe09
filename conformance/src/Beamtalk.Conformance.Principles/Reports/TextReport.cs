using PrincipleText = Beamtalk.Conformance.Catalogue.Principles;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>The terminal view: one block per principle, one line per finding outside tests.</summary>
public static class TextReport
{
    public static string Write(PrinciplesReport report)
    {
        var text = new StringBuilder();
        var a = report.Analysis;
        text.AppendLine($"Principles check {report.Base}..{report.Head}: {a.ChangedFiles} files, {a.ScannedFiles} scanned ({a.TestFiles} of them tests), {a.AddedLines} lines added.");
        foreach (var (reason, count) in a.SkippedByReason)
        {
            text.AppendLine($"  not scanned: {count} file(s), {reason}");
        }

        var unread = a.Skipped.Count(s => s.CouldTouchPrinciples);
        foreach (var principle in Enum.GetValues<Principle>())
        {
            text.AppendLine();
            text.AppendLine($"{principle} {PrincipleText.Title(principle)}: {PrinciplesReport.Display(report.StatusOf(principle))}");
            // Every finding under every principle it maps to, so a principle never shows "violated" with no
            // evidence under it; a note is counted only under its first principle, as in the Markdown.
            var findings = report.For(principle).Where(f => f.Principle == principle || f.Level != FindingLevel.Note).ToList();
            foreach (var finding in findings.Where(f => !f.InTestCode && f.Level != FindingLevel.Note).OrderByDescending(f => f.Level))
            {
                text.AppendLine($"  {FindingLevels.Display(finding.Level),-15} {finding.Where}  {finding.Rule.Id}  {finding.Evidence}  [{string.Join(", ", finding.Rule.RequirementIds)}]");
            }

            if (unread > 0)
            {
                text.AppendLine($"  {unread} changed file(s) in languages without a rule pack could touch it: {string.Join(", ", a.Skipped.Where(s => s.CouldTouchPrinciples).Take(5).Select(s => s.Path))}{(unread > 5 ? ", ..." : "")}");
            }

            var notes = findings.Count(f => !f.InTestCode && f.Level == FindingLevel.Note);
            var tests = findings.Count(f => f.InTestCode);
            if (notes + tests > 0)
            {
                text.AppendLine($"  {notes} note(s); {tests} finding(s) in tests and fixtures (as notes).");
            }
        }

        foreach (var change in report.Behaviour)
        {
            text.AppendLine($"behaviour {(change.IsRegression ? "REGRESSION" : "change")}: {change.Id} {change.Before} -> {change.After}");
        }

        text.AppendLine();
        text.AppendLine($"{report.Violations} violation(s); open questions: {(report.OpenQuestions.Count == 0 ? "none" : string.Join(", ", report.OpenQuestions.Select(Phase1Questions.AnswerKey)))}.");
        return text.ToString();
    }
}
