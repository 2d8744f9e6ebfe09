using System.CommandLine;
using Beamtalk.Cli;
using Beamtalk.Workspace.Diagnostics;
using Beamtalk.Workspace.Storage;

// Exit codes: 0 success · 1 the operation failed (message starts with a BT- code) · 2 usage error.
var context = new CliContext(WorkspaceHome.FromEnvironment(), Console.In, Console.Out, Console.Error);
var root = new RootCommand("beamtalk: the reference Beamtalk-style workspace (a live REPL that runs any code for whoever holds the workspace cookie).")
{
    WorkspaceCommands.Build(context),
    EvalCommands.Eval(context),
    EvalCommands.Repl(context),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'beamtalk --help' for usage.");
    return 2;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (WorkspaceException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
