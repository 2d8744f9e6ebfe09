using System.CommandLine;
using System.Diagnostics;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Reports;
using Beamtalk.Conformance.Results;
using Beamtalk.Conformance.Runner;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Cli;

/// <summary>
/// A gate run: check every input first (so a typo costs seconds, not a suite run), run the suite,
/// grade, apply waivers and the baseline, write the five reports, and exit by the documented contract.
/// </summary>
internal static class GateRun
{
    public static async Task<int> RunAsync(GateOptions options, ParseResult parse, CancellationToken cancellationToken)
    {
        Prepared run;
        try
        {
            run = Prepare(options, parse);
        }
        catch (Exception e) when (e is GateInputException or TargetFileException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        Console.WriteLine($"Checking '{run.Target.Name}' against {run.Selected.Count} of {RequirementCatalogue.All.Count} requirements (catalogue {PublishedIds.Current.CatalogueVersion}; {run.Selection.Describe()}).");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<FinishedTest> tests;
        try
        {
            var ids = run.Selection.IsEverything ? null : run.Selected.Select(r => r.Id).ToList();
            // Screenshots and other saved evidence land beside the reports that link them.
            var environment = new Core.CheckSettings { OutputFolder = run.Output.FullName, Thorough = run.Thorough }.ToVariables();

            tests = await SuiteProcess.RunAsync(run.Suite, run.TargetFile, ids, new SuiteProgressPrinter(), run.Timeout, cancellationToken, environment);
        }
        catch (SuiteRunException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        var info = new RunInfo(started, Math.Round(clock.Elapsed.TotalSeconds, 1), KitVersion.Version)
        {
            FinishedAt = DateTimeOffset.UtcNow,
            KitCommit = KitVersion.Commit,
            CatalogueVersion = PublishedIds.Current.CatalogueVersion,
            Hostname = Environment.MachineName,
            Selection = run.Selection.Describe(),
        };
        ConformanceResults results;
        try
        {
            results = ResultsBuilder.Build(run.Selected, RequirementCatalogue.All, tests, run.Target, info, run.Gate with { Today = DateOnly.FromDateTime(started.UtcDateTime) });
        }
        catch (Exception e) when (e is SuiteRunException or GateInputException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.CannotJudge;
        }

        var written = ReportSet.WriteAll(results, run.Output.FullName, new SarifContext(run.TargetFile));
        VerdictTable.Print(results);
        Console.WriteLine($"Reports in {Path.GetRelativePath(Environment.CurrentDirectory, run.Output.FullName)}/:");
        foreach (var report in written)
        {
            Console.WriteLine($"  {report.FileName,-14} {report.Bytes,9:N0} bytes  {report.Milliseconds,6:0.0} ms");
        }

        // The exit code follows the gate line the reports printed: NOT JUDGED is 2, whatever else failed.
        if (results.Gate.NotJudged.Count > 0)
        {
            var kitErrors = tests.Where(t => t.Record.Outcome == TestOutcome.Errored && t.Requirements.Any(id => results.Gate.NotJudged.Contains(id, StringComparer.Ordinal))).ToList();
            Console.Error.WriteLine($"error: the kit could not judge {kitErrors.Count} test(s); first: {kitErrors.FirstOrDefault()?.Record.Message}");
            return ExitCodes.CannotJudge;
        }

        return results.Gate.Passed ? ExitCodes.Pass : ExitCodes.Fail;
    }

    private static Prepared Prepare(GateOptions options, ParseResult parse)
    {
        var minutes = parse.GetValue(options.TimeoutMinutes);
        if (minutes is < 1 or > 600)
        {
            throw new GateInputException("--timeout-minutes must be between 1 and 600.");
        }

        var targetFile = parse.GetValue(options.Target);
        var reference = parse.GetValue(options.Reference);
        if ((targetFile is null) == !reference)
        {
            throw new GateInputException(reference
                ? "give either --target FILE or --reference, not both."
                : "nothing to check: give --target FILE (an implementation) or --reference (the built-in reference). See --help.");
        }

        var target = targetFile is null
            ? new TargetInfo(ReferenceTarget.Name, "The reference workspace built from this repository (reference/).", null) { Revision = KitVersion.Commit }
            : Describe(targetFile);

        var suite = parse.GetValue(options.Suite)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "suite", "Beamtalk.Conformance.Suite");
        var selection = new RequirementSelection(Split(parse.GetValue(options.Only)), Split(parse.GetValue(options.Skip)), parse.GetValue(options.Level));
        var selected = selection.Resolve(RequirementCatalogue.All, PublishedIds.Current);
        var waivers = parse.GetValue(options.Waivers) is { } waiverFile
            ? WaiverFile.Load(waiverFile.FullName, RequirementCatalogue.All, PublishedIds.Current)
            : [];
        var baseline = parse.GetValue(options.Baseline)?.FullName;
        if (baseline is not null)
        {
            // Read it now so a bad path fails before the suite runs; the comparison happens after.
            _ = Beamtalk.Conformance.Gate.Baseline.Compare([], baseline, PublishedIds.Current);
        }

        var policy = new GatePolicy(parse.GetValue(options.FailOn) == "should", parse.GetValue(options.RequireComplete));
        return new Prepared(target, targetFile?.FullName, suite, parse.GetValue(options.Output)!, TimeSpan.FromMinutes(minutes), selection, selected, new GateInputs(waivers, DateOnly.MinValue, policy, baseline), parse.GetValue(options.Thorough));
    }

    private static TargetInfo Describe(FileInfo targetFile)
    {
        var description = TargetFile.Load(targetFile.FullName);
        return new TargetInfo(description.Name, description.Description, targetFile.FullName);
    }

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private sealed record Prepared(
        TargetInfo Target,
        string? TargetFile,
        string Suite,
        DirectoryInfo Output,
        TimeSpan Timeout,
        RequirementSelection Selection,
        IReadOnlyList<Requirement> Selected,
        GateInputs Gate,
        bool Thorough);
}
