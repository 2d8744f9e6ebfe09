using System.Globalization;
using System.Text;
using Beamtalk.Conformance.Catalogue;
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
        text.Append(CultureInfo.InvariantCulture, $"Run started {results.Run.StartedAt:u}, took {results.Run.DurationSeconds:0.0} s, kit {results.Run.KitVersion}.\n\n");
        text.Append(results.GatePasses
            ? "**Gate: PASS** (no MUST requirement failed).\n\n"
            : "**Gate: FAIL** (at least one MUST requirement failed).\n\n");

        text.Append("| Verdict | Requirements |\n|---|---|\n");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            text.Append(CultureInfo.InvariantCulture, $"| {VerdictText.Display(verdict)} | {results.Count(verdict)} |\n");
        }

        text.Append("\nMissing and Inconclusive are never counted as a pass.\n\n## Requirements\n\n| ID | Level | Requirement | Verdict | Reason |\n|---|---|---|---|---|\n");
        foreach (var result in results.Requirements)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {result.Id} | {Level(result.Level)} | {Cell(result.Title)} | {VerdictText.Display(result.Verdict)} | {Cell(FirstLine(result.Reason))} |\n");
        }

        text.Append("\n## Evidence\n");
        foreach (var result in results.Requirements.Where(r => r.Tests.Count > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### {result.Id}: {VerdictText.Display(result.Verdict)}\n\n");
            foreach (var test in result.Tests)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{test.Name}`: {test.Outcome} ({test.Seconds:0.00} s)\n");
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

    private static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>Backslashes first: "\\|" must stay a literal backslash and a literal pipe, not end the cell.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal);
}
