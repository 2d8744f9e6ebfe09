using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beamtalk.Conformance.Sarif;

/// <summary>
/// The one SARIF 2.1.0 writer of the kit: the gate's results.sarif and the principles check's report both build their
/// logs from these pieces, so the envelope, rules, results, locations and suppressions are spelled once. Plain JSON
/// nodes: no SARIF object model package restores here, and the Microsoft SARIF validator checks what comes out.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A log with one run, indented, ending in a newline.</summary>
    public static string Log(JsonObject run) =>
        new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        }.ToJsonString(Indented) + "\n";

    /// <summary>A run of <paramref name="driver"/> with its results; further run properties are added by the caller.</summary>
    public static JsonObject Run(JsonObject driver, IEnumerable<JsonObject> results) =>
        new()
        {
            ["tool"] = new JsonObject { ["driver"] = driver },
            ["results"] = new JsonArray([.. results]),
        };

    public static JsonObject Driver(string name, IEnumerable<JsonObject> rules, string? version = null, string? informationUri = null)
    {
        var driver = new JsonObject { ["name"] = name };
        if (version is not null)
        {
            driver["semanticVersion"] = version;
            driver["version"] = version;
        }

        if (informationUri is not null)
        {
            driver["informationUri"] = informationUri;
        }

        driver["rules"] = new JsonArray([.. rules]);
        return driver;
    }

    public static JsonObject Rule(string id, string name, string shortDescription, string fullDescription, string help, JsonObject properties, string? defaultLevel = null)
    {
        var rule = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["shortDescription"] = Text(shortDescription),
            ["fullDescription"] = Text(fullDescription),
            ["help"] = Text(help),
        };
        if (defaultLevel is not null)
        {
            rule["defaultConfiguration"] = new JsonObject { ["level"] = defaultLevel };
        }

        rule["properties"] = properties;
        return rule;
    }

    /// <summary>A result at one line of one file (code scanning shows a result only with a location).</summary>
    public static JsonObject Result(string ruleId, int ruleIndex, string kind, string level, string message, string uri, int line) =>
        new()
        {
            ["ruleId"] = ruleId,
            ["ruleIndex"] = ruleIndex,
            ["kind"] = kind,
            ["level"] = level,
            ["message"] = Text(message),
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = uri },
                    ["region"] = new JsonObject { ["startLine"] = line },
                },
            }),
        };

    /// <summary>Marks a result suppressed: in source (an acknowledgement in the code) or external (a waiver file).</summary>
    public static JsonObject Suppress(JsonObject result, string kind, string justification, string? status = null)
    {
        var suppression = new JsonObject { ["kind"] = kind };
        if (status is not null)
        {
            suppression["status"] = status;
        }

        suppression["justification"] = justification;
        result["suppressions"] = new JsonArray(suppression);
        return result;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonObject Text(string text) => new() { ["text"] = text };
}
