using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// <c>System runCommand: "…"</c> runs a shell command line as the workspace user, unrestricted (ADR 0058 2d), unless
/// the workspace was started with <c>--no-subprocess</c>; <c>System getEnv: "NAME"</c> answers a variable or nil.
/// </summary>
internal sealed class SystemGlobal(bool subprocessesAllowed) : GlobalObject
{
    public override string Name => "System";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "runCommand:" => RunCommand(ExpectString(arguments[0], selector), evaluator),
            "getEnv:" => Environment.GetEnvironmentVariable(ExpectString(arguments[0], selector)) is { } value
                ? new StringValue(value)
                : NilValue.Instance,
            _ => null,
        };

    /// <summary><c>beamtalk.run_command</c> from the embedded Python: the same rules, the output as text.</summary>
    public string RunForPython(string commandLine, Evaluator evaluator) =>
        ((StringValue)RunCommand(commandLine, evaluator).Value).Value;

    private ResultValue RunCommand(string commandLine, Evaluator evaluator)
    {
        if (!subprocessesAllowed)
        {
            throw new BeamtalkException(
                ErrorKinds.SubprocessDisabled,
                "System runCommand: is disabled: this workspace was started with --no-subprocess");
        }

        var outcome = ChildProcess.Run(commandLine, evaluator);
        return outcome.ExitCode == 0
            ? new ResultValue(new StringValue(outcome.Output))
            : throw new BeamtalkException(ErrorKinds.CommandFailed, $"exit status {outcome.ExitCode}: {outcome.Output.TrimEnd()}");
    }
}
