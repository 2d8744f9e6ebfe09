using System.CommandLine;
using Beamtalk.Conformance.Cli;

const string Description = """
    beamtalk-conformance: checks a Beamtalk-style workspace against its security model (ADR 0058) and writes the evidence.

    Run it with --target FILE (an implementation) or --reference (the built-in reference workspace).

    Exit codes, the same for every command:
      0  no unwaived MUST requirement failed (and nothing else the options below make fatal)
      1  an unwaived MUST failed; or a regression against --baseline; or, with --fail-on should, a SHOULD failed;
         or, with --require-complete, a selected requirement ended Missing or Inconclusive
      2  the kit could not judge: bad arguments, an unknown requirement ID in a selection, an unreadable or
         invalid target, waiver or baseline file, a target that would not start, or a broken suite
    Missing and Inconclusive are never counted as a pass.
    """;

var gate = new GateOptions();
var root = new RootCommand(Description)
{
    ThreatModelCommand.Build(),
    BenchCommand.Build(),
    TimingBenchCommand.Build(),
    PrinciplesCommand.Build(),
    PrinciplesBenchCommand.Build(),
};
gate.AddTo(root);
root.SetAction((result, cancellationToken) => GateRun.RunAsync(gate, result, cancellationToken));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'beamtalk-conformance --help' for usage.");
    return ExitCodes.CannotJudge;
}

return await parsed.InvokeAsync();
