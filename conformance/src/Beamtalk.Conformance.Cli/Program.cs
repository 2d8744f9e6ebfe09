using System.CommandLine;
using Beamtalk.Conformance.Cli;

var root = new RootCommand("beamtalk-conformance: checks a Beamtalk-style workspace against the security model (ADR 0058) and writes the evidence.")
{
    RunCommand.Build(),
    ThreatModelCommand.Build(),
    BenchCommand.Build(),
    PrinciplesCommand.Build(),
    PrinciplesBenchCommand.Build(),
};

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
