using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Principles.Packs;
using Beamtalk.Conformance.Principles.Rules;

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
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "beamtalk-conformance principles",
                    ["informationUri"] = "https://example.invalid/docs/principles.md",
                    ["rules"] = new JsonArray(used.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.Id,
                        ["name"] = r.Family.Suffix,
                        ["shortDescription"] = new JsonObject { ["text"] = r.Title },
                        ["fullDescription"] = new JsonObject { ["text"] = r.Rationale },
                        ["help"] = new JsonObject { ["text"] = $"Known false positives: {r.KnownFalsePositives} Requirements: {string.Join(", ", r.RequirementIds)}." },
                        ["properties"] = new JsonObject
                        {
                            ["principles"] = new JsonArray(r.Principles.Select(p => (JsonNode)p.ToString()).ToArray()),
                            ["requirements"] = new JsonArray(r.RequirementIds.Select(id => (JsonNode)id).ToArray()),
                        },
                    }).ToArray()),
                },
            },
            ["results"] = new JsonArray(report.Analysis.Findings.Select(f => (JsonNode)Result(f, index[f.Rule.Id])).ToArray()),
        };

        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Result(Finding finding, int ruleIndex)
    {
        var result = new JsonObject
        {
            ["ruleId"] = finding.Rule.Id,
            ["ruleIndex"] = ruleIndex,
            ["kind"] = finding.Level == FindingLevel.Satisfies ? "pass" : "fail",
            ["level"] = finding.Level switch
            {
                FindingLevel.Violation => "error",
                FindingLevel.NeedsAnswer => "warning",
                FindingLevel.Note => "note",
                _ => "none",
            },
            ["message"] = new JsonObject { ["text"] = $"{finding.Principle}: {finding.Rule.Title}: {finding.Evidence}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = finding.Where.Path },
                    ["region"] = new JsonObject { ["startLine"] = finding.Where.Line },
                },
            }),
        };
        if (finding.Acknowledged is { } reason)
        {
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = reason });
        }

        return result;
    }
}
