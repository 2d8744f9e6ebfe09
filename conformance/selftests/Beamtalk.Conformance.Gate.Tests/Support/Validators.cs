using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

namespace Beamtalk.Conformance.Gate.Tests.Support;

/// <summary>Third-party consumers and validators the reports must satisfy; none of them is this kit's own code.</summary>
internal static class Validators
{
    /// <summary>
    /// Microsoft's SARIF validator (npm @microsoft/sarif-multitool-linux) with the SARIF rules and the
    /// GitHub code-scanning ingestion rules (GH*): every error it reports.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SarifErrorsAsync(string sarifFile)
    {
        if (!File.Exists(Repository.SarifMultitool))
        {
            throw new InvalidOperationException($"{Repository.SarifMultitool} is missing: run 'make setup'.");
        }

        using var output = new TempDirectory("sarif-validate");
        var log = output.File("validation.sarif");
        var run = await ProgramRun.RunAsync(Repository.SarifMultitool, ["validate", sarifFile, "-o", log, "--log", "ForceOverwrite", "--rule-kind", "Gh;Sarif"]);
        if (!File.Exists(log))
        {
            throw new InvalidOperationException($"Sarif.Multitool wrote no validation log: {run}");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(log));
        var errors = document.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("results", out var results) ? results.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(r => r.TryGetProperty("level", out var level) && level.GetString() == "error")
            .Select(r => $"{r.GetProperty("ruleId").GetString()}: {Message(r)}")
            .ToList();
        var printed = run.Stdout.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        return [.. errors, .. printed.Where(p => !errors.Any(e => p.Contains(e, StringComparison.Ordinal)))];
    }

    /// <summary>The published results schema (docs/schema/results.schema.json), read by NJsonSchema.</summary>
    public static async Task<IReadOnlyList<string>> ResultsSchemaErrorsAsync(string resultsFile)
    {
        var schema = await JsonSchema.FromFileAsync(Repository.File("docs/schema/results.schema.json"));
        return [.. schema.Validate(await File.ReadAllTextAsync(resultsFile)).Select(e => e.ToString())];
    }

    public static async Task<IReadOnlyList<string>> WaiverSchemaErrorsAsync(string waiverJson)
    {
        var schema = await JsonSchema.FromFileAsync(Repository.File("docs/schema/waivers.schema.json"));
        return [.. schema.Validate(waiverJson).Select(e => e.ToString())];
    }

    /// <summary>The JUnit XML schema in Support/junit.xsd, checked by the framework's XSD validator.</summary>
    public static IReadOnlyList<string> JUnitErrors(string junitFile)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Support", "junit.xsd"));
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(junitFile, settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static string Message(JsonElement result) =>
        result.TryGetProperty("message", out var message) && message.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";
}
