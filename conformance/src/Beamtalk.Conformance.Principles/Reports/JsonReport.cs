using System.Text.Json;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Reports;

/// <summary>Every finding, tests included, for scripts. Keys are stable; lists are in file and line order.</summary>
public static class JsonReport
{
    public static string Write(PrinciplesReport report)
    {
        var root = new JsonObject
        {
            ["base"] = report.Base,
            ["head"] = report.Head,
            ["changedFiles"] = report.Analysis.ChangedFiles,
            ["addedLines"] = report.Analysis.AddedLines,
            ["scannedFiles"] = report.Analysis.ScannedFiles,
            ["testFiles"] = report.Analysis.TestFiles,
            ["skipped"] = new JsonArray(report.Analysis.Skipped.Select(s => (JsonNode)new JsonObject { ["path"] = s.Path, ["reason"] = s.Reason }).ToArray()),
            ["violations"] = report.Violations,
            ["openQuestions"] = new JsonArray(report.OpenQuestions.Select(q => (JsonNode)Phase1Questions.AnswerKey(q)).ToArray()),
            ["principles"] = new JsonObject(Enum.GetValues<Principle>().Select(p =>
                KeyValuePair.Create(p.ToString(), (JsonNode?)PrinciplesReport.Display(report.StatusOf(p))))),
            ["findings"] = new JsonArray(report.Analysis.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["rule"] = f.Rule.Id,
                ["principles"] = new JsonArray(f.Rule.Principles.Select(p => (JsonNode)p.ToString()).ToArray()),
                ["level"] = FindingLevels.Display(f.Level),
                ["path"] = f.Where.Path,
                ["line"] = f.Where.Line,
                ["removed"] = f.Where.Removed,
                ["evidence"] = f.Evidence,
                ["requirements"] = new JsonArray(f.Rule.RequirementIds.Select(id => (JsonNode)id).ToArray()),
                ["related"] = new JsonArray(f.Related.Select(r => (JsonNode)r.ToString()).ToArray()),
                ["inTestCode"] = f.InTestCode,
                ["acknowledged"] = f.Acknowledged,
            }).ToArray()),
            ["behaviour"] = new JsonArray(report.Behaviour.Select(b => (JsonNode)new JsonObject
            {
                ["requirement"] = b.Id,
                ["before"] = b.Before.ToString(),
                ["after"] = b.After.ToString(),
                ["regression"] = b.IsRegression,
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
