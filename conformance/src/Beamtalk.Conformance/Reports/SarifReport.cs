using System.Globalization;
using System.Text.Json.Nodes;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Sarif;

namespace Beamtalk.Conformance.Reports;

/// <summary>
/// results.sarif (SARIF 2.1.0, written as plain JSON): one rule per selected requirement with short and
/// full descriptions and help text, one result per failure (Fail, Non-strict, or a waived failure with
/// a suppression carrying its justification), each with a location code scanning accepts, and
/// <c>baselineState</c> when a baseline was given. Passing, Missing and Inconclusive requirements have
/// no result: they are in the run's properties, so an auditor still sees them.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = SarifWriter.SchemaUri;

    public static string Write(ConformanceResults results, SarifContext context)
    {
        var catalogue = RequirementCatalogue.All.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ruleIndex = results.Requirements.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var driver = SarifWriter.Driver("beamtalk-conformance", results.Requirements.Select(r => Rule(r, catalogue.GetValueOrDefault(r.Id))), version: results.Run.KitVersion);
        var run = SarifWriter.Run(driver, results.Requirements
            .Where(r => r.Verdict is Verdict.Fail or Verdict.NonStrict or Verdict.AcceptedRisk)
            .Select(r => Result(r, ruleIndex[r.Id], context, results.Baseline)));
        run["automationDetails"] = new JsonObject { ["id"] = $"beamtalk-conformance/{results.Target.Name}/" };
        run["invocations"] = new JsonArray(Invocation(results));
        run["properties"] = new JsonObject
        {
            ["catalogueVersion"] = results.Run.CatalogueVersion,
            ["target"] = results.Target.Name,
            ["gate"] = results.Gate.Status,
            ["verdicts"] = new JsonObject([.. results.Requirements.Select(r => KeyValuePair.Create(r.Id, (JsonNode?)JsonValue.Create(VerdictText.Display(r.Verdict))))]),
        };
        return SarifWriter.Log(run);
    }

    private static JsonObject Rule(RequirementResult result, Requirement? requirement)
    {
        var statement = requirement?.Statement ?? result.Title;
        var help = requirement is null
            ? $"Make the implementation satisfy {result.Id}: {result.Title}."
            : $"{requirement.Statement}\n\nRemediation: change the implementation until this holds; the kit checks it this way: {requirement.Verification}\n\nSource: {requirement.Source}.";
        var shouldOnly = result.Level is RequirementLevel.Should or RequirementLevel.Info;
        return SarifWriter.Rule(
            result.Id,
            string.Concat(result.Id.Split('-').Select(w => w[0] + w[1..].ToLowerInvariant())),
            result.Title,
            statement,
            help,
            new JsonObject
            {
                ["level"] = result.Level.ToString().ToUpperInvariant(),
                ["principles"] = SarifWriter.Strings(result.Principles.Select(p => p.ToString())),
                ["tags"] = SarifWriter.Strings(["security", result.Id[..result.Id.IndexOf('-', StringComparison.Ordinal)]]),
                // GitHub ranks security alerts by this score: a failed MUST is high, a SHOULD medium.
                ["security-severity"] = shouldOnly ? "5.0" : "8.0",
            },
            defaultLevel: shouldOnly ? "warning" : "error");
    }

    private static JsonObject Result(RequirementResult result, int ruleIndex, SarifContext context, BaselineDiff? baseline)
    {
        var (uri, line) = context.LocationFor(result.Id);
        var failedAs = result.Waiver?.WaivedVerdict ?? VerdictText.Display(result.Verdict);
        var sarif = SarifWriter.Result(
            result.Id,
            ruleIndex,
            "fail",
            failedAs == VerdictText.Display(Verdict.NonStrict) ? "warning" : "error",
            $"{result.Id} ({failedAs}): {result.Reason}",
            uri,
            line);
        sarif["partialFingerprints"] = new JsonObject { ["requirementId/v1"] = result.Id };
        if (result.Waiver is { } waiver)
        {
            SarifWriter.Suppress(sarif, "external", $"{waiver.Justification} (waived until {waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(waiver.Owner is { } owner ? $", owner {owner}" : string.Empty)}{(waiver.Ticket is { } ticket ? $", ticket {ticket}" : string.Empty)})", status: "accepted");
        }

        if (baseline?.For(result.Id) is { } entry)
        {
            sarif["baselineState"] = entry.Before is Verdict.Fail or Verdict.NonStrict or Verdict.AcceptedRisk
                ? (entry.Before == entry.After ? "unchanged" : "updated")
                : "new";
        }

        return sarif;
    }

    private static JsonObject Invocation(ConformanceResults results)
    {
        var invocation = new JsonObject
        {
            // A run that could not judge a requirement did not do its job, whatever else it found.
            ["executionSuccessful"] = results.Gate.NotJudged.Count == 0,
            ["startTimeUtc"] = results.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        if (results.Gate.NotJudged.Count > 0)
        {
            invocation["toolExecutionNotifications"] = new JsonArray(new JsonObject
            {
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = results.Gate.Line },
            });
        }

        if (results.Run.FinishedAt is { } finished)
        {
            invocation["endTimeUtc"] = finished.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        }

        return invocation;
    }
}
