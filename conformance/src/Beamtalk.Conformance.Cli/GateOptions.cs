using System.CommandLine;
using Beamtalk.Conformance.Gate;

namespace Beamtalk.Conformance.Cli;

/// <summary>The options of a gate run, declared once and read once.</summary>
internal sealed class GateOptions
{
    public Option<FileInfo?> Target { get; } = new("--target") { Description = "Target file describing the implementation to check (docs/target-file.md)." };

    public Option<bool> Reference { get; } = new("--reference") { Description = "Check the built-in reference workspace instead of a target file." };

    public Option<FileInfo?> Suite { get; } = new("--suite") { Description = "The suite executable (default: the one installed with this tool)." };

    public Option<DirectoryInfo> Output { get; } = new("--out")
    {
        Description = "Where to write results.json, junit.xml, results.sarif, report.html and report.md.",
        DefaultValueFactory = _ => new DirectoryInfo("artifacts/conformance"),
    };

    public Option<string[]> Only { get; } = new("--only")
    {
        Description = "Check only these requirement IDs or globs, e.g. 'NET-*' (repeat or comma-separate).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Skip { get; } = new("--skip")
    {
        Description = "Leave out these requirement IDs or globs (repeat or comma-separate).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<LevelFilter> Level { get; } = new("--level") { Description = "Which levels to check: all, must or should.", DefaultValueFactory = _ => LevelFilter.All };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
        Description = "must: only an unwaived MUST failure fails the gate; should: a SHOULD failure (Non-strict) does too.",
        DefaultValueFactory = _ => "must",
    };

    public Option<bool> RequireComplete { get; } = new("--require-complete") { Description = "Also fail the gate when a selected requirement ends Missing or Inconclusive." };

    public Option<FileInfo?> Waivers { get; } = new("--waivers") { Description = "Waiver file (JSON, or YAML ending .yaml/.yml; docs/schema/waivers.schema.json)." };

    public Option<FileInfo?> Baseline { get; } = new("--baseline") { Description = "An earlier results.json: new failures fail the gate; fixes and newly covered requirements are listed." };

    public Option<bool> Thorough { get; } = new("--thorough")
    {
        Description = $"Audit mode: timing checks run about ten times longer for a finer resolution (sets {Core.CheckSettings.ThoroughVariable}=1 for the suite).",
    };

    public Option<int> TimeoutMinutes { get; } = new("--timeout-minutes")
    {
        Description = "Give up (exit 2) if the suite has not finished by then (1-600).",
        DefaultValueFactory = _ => 60,
    };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[Target, Reference, Suite, Output, Only, Skip, Level, FailOn, RequireComplete, Waivers, Baseline, Thorough, TimeoutMinutes])
        {
            command.Options.Add(option);
        }

        FailOn.AcceptOnlyFromAmong("must", "should");
    }
}
