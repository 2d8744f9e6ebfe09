using System.CommandLine;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;
using Beamtalk.ThreatModel;

namespace Beamtalk.Conformance.Cli;

/// <summary><c>beamtalk-conformance threat-model</c>: writes, or checks, the threat model from a results file.</summary>
internal static class ThreatModelCommand
{
    public static Command Build()
    {
        var results = new Option<string>("--results") { Description = "The results.json to generate from (its path is named in the document).", Required = true };
        var output = new Option<string>("--out") { Description = "The threat model to write.", Required = true };
        var check = new Option<bool>("--check") { Description = "Do not write: exit 1 if the file differs from what the results generate." };
        var command = new Command("threat-model", "Generate docs/security/threat-model.md from the catalogue and a results file.") { results, output, check };
        command.SetAction(result => Run(result.GetValue(results)!, result.GetValue(output)!, result.GetValue(check)));
        return command;
    }

    private static int Run(string resultsPath, string outputPath, bool check)
    {
        ConformanceResults results;
        string sha256;
        try
        {
            var bytes = File.ReadAllBytes(resultsPath);
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            results = ResultsJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes), resultsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        var document = ThreatModelGenerator.Generate(RequirementCatalogue.All, results, resultsPath, sha256);
        var problems = ThreatModelValidator.Validate(document, RequirementCatalogue.All);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("error: the generated threat model is malformed:");
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"  - {problem}");
            }

            return ExitCodes.CannotJudge;
        }

        if (check)
        {
            var current = File.Exists(outputPath) ? File.ReadAllText(outputPath) : null;
            if (current == document)
            {
                Console.WriteLine($"{outputPath} matches {resultsPath}.");
                return ExitCodes.Pass;
            }

            Console.Error.WriteLine($"{outputPath} differs from what {resultsPath} generates; it must never be edited by hand. Run 'make conformance' and commit both files.");
            return ExitCodes.Fail;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, document);
        Console.WriteLine($"Wrote {outputPath} from {resultsPath}.");
        return ExitCodes.Pass;
    }
}
