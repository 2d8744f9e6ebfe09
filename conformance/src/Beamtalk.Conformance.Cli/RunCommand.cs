using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Runner;
using Beamtalk.Conformance.Targets;
using Spectre.Console;

namespace Beamtalk.Conformance.Cli;

/// <summary><c>beamtalk-conformance run</c>: runs the suite against a target and writes the reports.</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var target = new Option<FileInfo?>("--target") { Description = "Target file describing the implementation (default: the reference workspace built from this repository)." };
        var suite = new Option<FileInfo>("--suite") { Description = "The suite executable (Beamtalk.Conformance.Suite).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write report.md, results.json and junit.xml.", DefaultValueFactory = _ => new DirectoryInfo("artifacts/conformance") };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up (exit 2) if the suite has not finished by then (1-600; CI allows 90 minutes in all).", DefaultValueFactory = _ => 60 };
        var thorough = new Option<bool>("--thorough") { Description = $"Audit mode: timing checks run about ten times longer for a finer resolution (sets {Timing.TimingPolicy.ThoroughVariable}=1 for the suite)." };
        var command = new Command("run", "Run the conformance suite against a target; exit 0 when no MUST fails, 1 when one does, 2 when the kit cannot judge.") { target, suite, output, timeout, thorough };
        command.SetAction((result, cancellationToken) =>
        {
            var minutes = result.GetValue(timeout);
            if (minutes is < 1 or > 600)
            {
                Console.Error.WriteLine("error: --timeout-minutes must be between 1 and 600.");
                return Task.FromResult(ExitCodes.CannotJudge);
            }

            return RunAsync(result.GetValue(target), result.GetValue(suite)!, result.GetValue(output)!, TimeSpan.FromMinutes(minutes), result.GetValue(thorough), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? targetFile, FileInfo suite, DirectoryInfo output, TimeSpan timeout, bool thorough, CancellationToken cancellationToken)
    {
        TargetInfo target;
        try
        {
            target = Describe(targetFile);
        }
        catch (TargetFileException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        Console.WriteLine($"Checking '{target.Name}' against {RequirementCatalogue.All.Count} requirements ({suite.Name}).");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<FinishedTest> tests;
        try
        {
            var environment = thorough ? new Dictionary<string, string> { [Timing.TimingPolicy.ThoroughVariable] = "1" } : null;
            tests = await SuiteProcess.RunAsync(suite.FullName, targetFile?.FullName, new Progress(), timeout, cancellationToken, environment);
        }
        catch (SuiteRunException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        var results = ResultsBuilder.Build(RequirementCatalogue.All, tests, target, new RunInfo(started, Math.Round(clock.Elapsed.TotalSeconds, 1), KitVersion));
        output.Create();
        await File.WriteAllTextAsync(Path.Combine(output.FullName, "results.json"), ResultsJson.Serialize(results) + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(output.FullName, "junit.xml"), JUnitReport.Write(results), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(output.FullName, "report.md"), MarkdownReport.Write(results), cancellationToken);

        PrintVerdicts(results);
        Console.WriteLine($"Reports: {Path.GetRelativePath(Environment.CurrentDirectory, output.FullName)}/{{report.md, results.json, junit.xml}}");

        var kitErrors = tests.Where(t => t.Record.Outcome == TestOutcome.Errored).ToList();
        if (kitErrors.Count > 0)
        {
            Console.Error.WriteLine($"error: the kit could not judge {kitErrors.Count} test(s); first: {kitErrors[0].Record.Message}");
            return ExitCodes.CannotJudge;
        }

        return results.GatePasses ? ExitCodes.Pass : ExitCodes.Fail;
    }

    private static TargetInfo Describe(FileInfo? targetFile)
    {
        if (targetFile is null)
        {
            return new TargetInfo(ReferenceTarget.Name, "The reference workspace built from this repository (reference/).", null);
        }

        var description = TargetFile.Load(targetFile.FullName);
        return new TargetInfo(description.Name, description.Description, targetFile.FullName);
    }

    private static string KitVersion =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private static void PrintVerdicts(ConformanceResults results)
    {
        var table = new Table().AddColumns("ID", "Level", "Verdict", "Reason");
        foreach (var result in results.Requirements)
        {
            var verdict = VerdictText.Display(result.Verdict);
            var colour = result.Verdict switch
            {
                Verdict.Pass => "green",
                Verdict.Caveat or Verdict.AcceptedRisk => "blue",
                Verdict.NonStrict or Verdict.Inconclusive => "yellow",
                Verdict.Missing => "grey",
                _ => "red",
            };
            var reason = result.Reason.Split('\n', 2)[0];
            table.AddRow(
                Markup.Escape(result.Id),
                result.Level.ToString().ToUpperInvariant(),
                $"[{colour}]{Markup.Escape(verdict)}[/]",
                Markup.Escape(reason.Length > 110 ? reason[..107] + "..." : reason));
        }

        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; CI logs have room for whole reasons.
            AnsiConsole.Profile.Width = 200;
        }

        AnsiConsole.Write(table);
        var counts = string.Join(", ", Enum.GetValues<Verdict>().Where(v => results.Count(v) > 0).Select(v => $"{results.Count(v)} {VerdictText.Display(v)}"));
        Console.WriteLine($"{counts}. Missing and Inconclusive never count as a pass.");
        Console.WriteLine(results.GatePasses ? "Gate: PASS (no MUST requirement failed)" : "Gate: FAIL (a MUST requirement failed)");
    }

    /// <summary>One line per finished test, so a long run shows where it is, and a CI log reads top to bottom.</summary>
    private sealed class Progress : IProgress<SuiteProgress>
    {
        public void Report(SuiteProgress value)
        {
            var record = value.Test.Record;
            var ids = value.Test.Requirements.Count == 0 ? "-" : string.Join(",", value.Test.Requirements);
            var outcome = record.Outcome switch
            {
                TestOutcome.Passed => "PASS",
                TestOutcome.Failed => "FAIL",
                TestOutcome.Skipped => "SKIP",
                TestOutcome.Errored => "ERROR",
                _ => "NOT RUN",
            };
            Console.WriteLine($"[{value.Finished,3}/{value.Total}] {outcome,-7} {ids,-26} {record.Name} ({record.Seconds:0.0} s)");
        }
    }
}
