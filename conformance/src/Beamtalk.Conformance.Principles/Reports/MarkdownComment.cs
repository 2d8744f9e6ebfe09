using PrincipleText = Beamtalk.Conformance.Catalogue.Principles;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>
/// The pull-request comment: the six principles as a checklist, each pre-answered with file:line evidence and
/// requirement IDs, then the questions left for the author. Long lists fold into details blocks.
/// </summary>
public static class MarkdownComment
{
    private const int ShownPerLevel = 12;

    public static string Write(PrinciplesReport report)
    {
        var md = new StringBuilder();
        var a = report.Analysis;
        md.AppendLine("## ADR 0058 principles check");
        md.AppendLine();
        md.AppendLine($"`{Short(report.Base)}..{Short(report.Head)}`: {a.ChangedFiles} files changed ({a.ScannedFiles} scanned, {a.TestFiles} of them tests), {a.AddedLines} lines added. " +
                      $"**{report.Violations} violation(s)**, **{report.OpenQuestions.Count} open question(s)**.");
        md.AppendLine();
        if (a.Skipped.Count > 0)
        {
            md.AppendLine($"Not scanned: {string.Join("; ", a.SkippedByReason.Select(r => $"{r.Count} {r.Reason}"))}.");
            md.AppendLine();
        }

        var unread = a.Skipped.Where(s => s.CouldTouchPrinciples).ToList();

        foreach (var principle in Enum.GetValues<Principle>())
        {
            var status = report.StatusOf(principle);
            var done = status is PrincipleStatus.Satisfied or PrincipleStatus.Noted or PrincipleStatus.Untouched;
            md.AppendLine($"- [{(done ? "x" : " ")}] **{principle} {PrincipleText.Title(principle)}**: {PrinciplesReport.Display(status)}");
            var findings = report.For(principle).Where(f => f.Rule.Principles[0] == principle || f.Level != FindingLevel.Note).ToList();
            var product = findings.Where(f => !f.InTestCode).ToList();
            foreach (var level in new[] { FindingLevel.Violation, FindingLevel.NeedsAnswer, FindingLevel.Satisfies })
            {
                WriteLevel(md, product.Where(f => f.Level == level).ToList(), level);
            }

            var notes = product.Where(f => f.Level == FindingLevel.Note).ToList();
            if (notes.Count > 0)
            {
                md.AppendLine($"  <details><summary>{notes.Count} note(s)</summary>");
                md.AppendLine();
                foreach (var group in notes.GroupBy(f => f.Rule.Id))
                {
                    md.AppendLine($"  - {group.Key} ({group.First().Rule.Title}): {string.Join(", ", group.Take(ShownPerLevel).Select(f => $"`{f.Where}`"))}{(group.Count() > ShownPerLevel ? $" and {group.Count() - ShownPerLevel} more" : "")}");
                }

                md.AppendLine();
                md.AppendLine("  </details>");
            }

            if (unread.Count > 0)
            {
                md.AppendLine($"  - {unread.Count} changed file(s) in languages without a rule pack could touch it: {string.Join(", ", unread.Take(ShownPerLevel).Select(s => $"`{s.Path}`"))}{(unread.Count > ShownPerLevel ? " and more" : "")}");
            }

            var inTests = findings.Count(f => f.InTestCode);
            if (inTests > 0)
            {
                md.AppendLine($"  - {inTests} finding(s) in tests and fixtures, reported as notes (see the JSON or SARIF output).");
            }

            foreach (var change in report.Behaviour.Where(b => b.Principles.Count > 0 && b.Principles[0] == principle))
            {
                md.AppendLine($"  - {(change.IsRegression ? "❌" : "↔")} behaviour: **{change.Id}** ({change.Level.ToString().ToUpperInvariant()}) {change.Before} → {change.After}");
            }
        }

        md.AppendLine();
        md.AppendLine("### Questions for the PR description (ADR 0058, Phase 1)");
        md.AppendLine();
        foreach (var question in Phase1Questions.All)
        {
            var state = report.OpenQuestions.Contains(question) ? "**open**"
                : report.Answered.Contains(question) ? "answered in the description"
                : report.TouchedQuestions.Contains(question) ? "pre-answered by the evidence above"
                : "not touched by this change";
            md.AppendLine($"- {Phase1Questions.Text(question)} ({state}; answer with a line `{Phase1Questions.AnswerKey(question)}: ...`)");
        }

        if (report.Acknowledged.Any())
        {
            md.AppendLine();
            md.AppendLine("### Acknowledged in the code");
            md.AppendLine();
            foreach (var finding in report.Acknowledged)
            {
                md.AppendLine($"- `{finding.Where}` {finding.Rule.Id}: {finding.Acknowledged}");
            }
        }

        return md.ToString();
    }

    private static void WriteLevel(StringBuilder md, IReadOnlyList<Finding> findings, FindingLevel level)
    {
        var icon = level switch
        {
            FindingLevel.Violation => "❌",
            FindingLevel.NeedsAnswer => "❓",
            _ => "✅",
        };
        foreach (var finding in findings.Take(ShownPerLevel))
        {
            var related = finding.Related.Count > 0 ? $" (see {string.Join(", ", finding.Related.Select(r => $"`{r}`"))})" : "";
            md.AppendLine($"  - {icon} {FindingLevels.Display(level)}: `{finding.Where}` {finding.Rule.Title.ToLowerInvariant()}: {finding.Evidence}{related} · {finding.Rule.Id} · {string.Join(", ", finding.Rule.RequirementIds)}");
        }

        if (findings.Count > ShownPerLevel)
        {
            md.AppendLine($"  - and {findings.Count - ShownPerLevel} more at this level: {string.Join(", ", findings.Skip(ShownPerLevel).Select(f => $"`{f.Where}`"))}");
        }
    }

    private static string Short(string revision) => revision.Length == 40 ? revision[..12] : revision;
}
