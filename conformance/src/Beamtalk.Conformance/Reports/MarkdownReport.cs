using System.Globalization;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Reports;

/// <summary>report.md: the verdict first, then one row per requirement, then each test's evidence.</summary>
public static class MarkdownReport
{
    public static string Write(ConformanceResults results)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Conformance report: {results.Target.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{results.Target.Description}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run started {results.Run.StartedAt:u}, took {results.Run.DurationSeconds:0.0} s, kit {results.Run.KitVersion}, catalogue {results.Run.CatalogueVersion ?? "unknown"}, selection: {results.Run.Selection ?? "everything"}.\n\n");
        var gate = results.Gate;
        text.Append(gate.NotJudged.Count > 0
            ? $"**{gate.Headline}**: {(gate.NotJudged.Count == 1 ? "1 requirement" : $"{gate.NotJudged.Count} requirements")} could not be judged ({string.Join(", ", gate.NotJudged)}); the kit exits 2.{(gate.Reasons.Count > 0 ? $" Also failing: {Cell(string.Join("; ", gate.Reasons))}." : string.Empty)}\n\n"
            : gate.Passed
            ? $"**{gate.Headline}**. The gate {gate.Policy}; none happened.\n\n"
            : $"**{gate.Headline}**: {Cell(string.Join("; ", gate.Reasons))}.\n\n");

        text.Append("| Verdict | Requirements |\n|---|---|\n");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {VerdictText.Display(verdict)} | {results.Count(verdict)} |\n");
        }

        text.Append("\nMissing and Inconclusive are never counted as a pass.\n\n## Requirements\n\n| ID | Level | Requirement | Verdict | Reason |\n|---|---|---|---|---|\n");
        foreach (var result in results.Requirements)
        {
            var reason = result.Waiver is { } waiver
                ? $"{waiver.WaivedVerdict}, waived until {waiver.Expires:yyyy-MM-dd}: {waiver.Justification}"
                : FirstLine(result.Reason);
            text.Append(CultureInfo.InvariantCulture, $"| {result.Id} | {Level(result.Level)} | {Cell(result.Title)} | {VerdictText.Display(result.Verdict)} | {Cell(reason)} |\n");
        }

        AcceptedRisks(text, results);
        BaselineChanges(text, results);

        text.Append("\n## Evidence\n");
        foreach (var result in results.Requirements.Where(r => r.Tests.Count > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### {result.Id}: {VerdictText.Display(result.Verdict)}\n\n");
            foreach (var test in result.Tests)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{test.Name}`: {test.Outcome} ({test.Seconds:0.00} s)\n");
                foreach (var attachment in test.Attachments ?? [])
                {
                    text.Append(CultureInfo.InvariantCulture, $"  - attachment: [{attachment}]({Uri.EscapeDataString(attachment).Replace("%2F", "/", StringComparison.Ordinal)})\n");
                }

                if (test.Message is { } message)
                {
                    text.Append("\n  ```text\n");
                    foreach (var line in message.Split('\n'))
                    {
                        text.Append("  ").Append(line.Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
                    }

                    text.Append("  ```\n\n");
                }
            }
        }

        return text.ToString();
    }

    private static void AcceptedRisks(StringBuilder text, ConformanceResults results)
    {
        text.Append("\n## Accepted risks\n\n");
        var waived = results.Requirements.Where(r => r.Waiver is not null).ToList();
        if (waived.Count == 0)
        {
            text.Append("None: no failure was waived in this run.\n");
        }
        else
        {
            text.Append("| ID | Waived verdict | Justification | Expires | Owner | Ticket |\n|---|---|---|---|---|---|\n");
            foreach (var result in waived)
            {
                var waiver = result.Waiver!;
                text.Append(CultureInfo.InvariantCulture, $"| {result.Id} | {waiver.WaivedVerdict} | {Cell(waiver.Justification)} | {waiver.Expires:yyyy-MM-dd} | {Cell(waiver.Owner ?? "")} | {Cell(waiver.Ticket ?? "")} |\n");
            }
        }

        foreach (var waiver in results.Waivers.Where(w => w.State != WaiverState.Applied))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- Waiver for {waiver.Id}: **{waiver.State.ToString().ToLowerInvariant()}**. {Cell(waiver.Note)}\n");
        }
    }

    private static void BaselineChanges(StringBuilder text, ConformanceResults results)
    {
        if (results.Baseline is not { } baseline)
        {
            return;
        }

        var changes = baseline.Entries.Where(e => e.Change != BaselineChange.Unchanged).ToList();
        text.Append(CultureInfo.InvariantCulture, $"\n## Against the baseline\n\nBaseline `{baseline.Path}` (SHA-256 `{baseline.ResultsSha256[..16]}`): {(changes.Count == 0 ? "no verdict changed." : $"{changes.Count} change(s).")}\n");
        if (changes.Count > 0)
        {
            text.Append("\n| ID | Change | Before | Now |\n|---|---|---|---|\n");
            foreach (var change in changes)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {change.Id} | {Baseline.Display(change.Change)} | {(change.Before is { } before ? VerdictText.Display(before) : "absent")} | {VerdictText.Display(change.After)} |\n");
            }
        }
    }

    private static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>Backslashes first: "\\|" must stay a literal backslash and a literal pipe, not end the cell.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal);
}
