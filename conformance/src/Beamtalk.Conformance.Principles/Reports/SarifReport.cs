using System.Text.Json.Nodes;
using Beamtalk.Conformance.Principles.Packs;
using Beamtalk.Conformance.Principles.Rules;
using Beamtalk.Conformance.Sarif;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>
/// SARIF 2.1.0, written as plain JSON (no SARIF object model restores here): one result per finding, located
/// on the head side of the diff, so code-scanning views annotate the changed lines. Evidence of a principle
/// kept is a result of kind "pass".
/// </summary>
public static class SarifReport
{
    public static string Write(PrinciplesReport report)
    {
        var used = report.Analysis.Findings.Select(f => f.Rule).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = used.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var driver = SarifWriter.Driver(
            "beamtalk-conformance principles",
            used.Select(r => SarifWriter.Rule(
                r.Id,
                r.Family.Suffix,
                r.Title,
                r.Rationale,
                $"Known false positives: {r.KnownFalsePositives} Requirements: {string.Join(", ", r.RequirementIds)}.",
                new JsonObject
                {
                    ["principles"] = SarifWriter.Strings(r.Principles.Select(p => p.ToString())),
                    ["requirements"] = SarifWriter.Strings(r.RequirementIds),
                })),
            informationUri: "https://example.invalid/docs/principles.md");
        return SarifWriter.Log(SarifWriter.Run(driver, report.Analysis.Findings.Select(f => Result(f, index[f.Rule.Id]))));
    }

    private static JsonObject Result(Finding finding, int ruleIndex)
    {
        var result = SarifWriter.Result(
            finding.Rule.Id,
            ruleIndex,
            finding.Level == FindingLevel.Satisfies ? "pass" : "fail",
            finding.Level switch
            {
                FindingLevel.Violation => "error",
                FindingLevel.NeedsAnswer => "warning",
                FindingLevel.Note => "note",
                _ => "none",
            },
            $"{finding.Principle}: {finding.Rule.Title}: {finding.Evidence}",
            finding.Where.Path,
            finding.Where.Line);
        return finding.Acknowledged is { } reason ? SarifWriter.Suppress(result, "inSource", reason) : result;
    }
}
