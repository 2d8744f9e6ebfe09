using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// The FFI look-alike: <c>Erlang os</c>, <c>Erlang file</c>, <c>Erlang erlang</c> name modules whose keyword messages
/// call their functions with Erlang's raw results (no Result, no structured errors). Any module name is accepted
/// (ADR 0058 2e: no allowlist); a function the reference does not model answers <c>undef</c>, as Erlang would.
/// </summary>
internal sealed class ErlangGlobal : GlobalObject
{
    public override string Name => "Erlang";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) =>
        arguments.Count == 0 && !selector.Contains(':', StringComparison.Ordinal) ? new ErlangModule(selector) : null;
}

/// <summary>One module reached through <see cref="ErlangGlobal"/>.</summary>
internal sealed class ErlangModule(string module) : BeamtalkObject
{
    public override string ClassName => "ErlangModule";

    public override void PrintOn(Printer printer) => printer.Write($"Erlang {module}");

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => (module, selector) switch
        {
            ("os", "cmd:") => new StringValue(ChildProcess.Run(ExpectString(arguments[0], selector), evaluator).Output),
            ("os", "getenv:") => Environment.GetEnvironmentVariable(ExpectString(arguments[0], selector)) is { } value
                ? new StringValue(value)
                : BooleanValue.False,
            ("file", "read_file:") => ReadFile(ExpectString(arguments[0], selector)),
            ("erlang", "halt:") => Halt(ExpectInteger(arguments[0], selector)),
            _ => throw new BeamtalkException(ErrorKinds.Undefined, $"{module}:{selector.TrimEnd(':')}/{arguments.Count} is not exported"),
        };

    // {ok, Binary} or {error, Reason} as a two-element array, the posix reason as a symbol.
    private static ArrayValue ReadFile(string path)
    {
        try
        {
            return new ArrayValue([new SymbolValue("ok"), new StringValue(File.ReadAllText(path))]);
        }
        catch (Exception exception) when (FileFailure.IsFileSystemFailure(exception))
        {
            var reason = FileFailure.KindOf(exception, path) switch
            {
                ErrorKinds.NotFound => "enoent",
                ErrorKinds.PermissionDenied => "eacces",
                ErrorKinds.IsDirectory => "eisdir",
                ErrorKinds.NotDirectory => "enotdir",
                _ => "eio",
            };
            return new ArrayValue([new SymbolValue("error"), new SymbolValue(reason)]);
        }
    }

    // erlang:halt/1 ends the whole node, every session with it: the accepted risk ISO-HALT documents.
    private static NilValue Halt(IntegerValue status)
    {
        Environment.Exit((int)(status.Value & 0xFF));
        return NilValue.Instance;
    }
}
