using System.Globalization;
using System.Numerics;
using Beamtalk.Language.Globals.Python;
using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// <c>Python eval: "expr"</c> and <c>Python exec: "statements"</c> run in CPython embedded in the workspace process,
/// under the C-level audit-hook sandbox of <see cref="EmbeddedPython"/>. Printed output joins the eval's output;
/// a Python exception comes back as a <c>python_error</c> with its traceback. <c>beamtalk.run_command(cmd)</c> inside
/// Python goes through <c>System runCommand:</c>, so <c>--no-subprocess</c> holds there too.
/// </summary>
internal sealed class PythonGlobal(SystemGlobal system) : GlobalObject
{
    private readonly PythonNamespace _namespace = new();

    public override string Name => "Python";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "eval:" => Run(ExpectString(arguments[0], selector), "eval", evaluator),
            "exec:" => Run(ExpectString(arguments[0], selector), "exec", evaluator),
            _ => null,
        };

    private BeamtalkObject Run(string source, string mode, Evaluator evaluator)
    {
        EmbeddedPython.Outcome outcome;
        try
        {
            outcome = EmbeddedPython.Run(_namespace, source, mode, command => system.RunForPython(command, evaluator), evaluator.Budget.CancellationToken);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new BeamtalkException(
                ErrorKinds.PythonUnavailable,
                $"the embedded Python is unavailable: {CPython.Library} could not be loaded (make setup installs libpython3.11)");
        }

        evaluator.Output.Append(outcome.Output);
        return outcome.Kind switch
        {
            "error" => throw new BeamtalkException(ErrorKinds.PythonError, outcome.Text.TrimEnd()),
            "nil" => NilValue.Instance,
            "bool" => outcome.Text == "True" ? BooleanValue.True : BooleanValue.False,
            "int" => new IntegerValue(BigInteger.Parse(outcome.Text, CultureInfo.InvariantCulture)),
            "float" => new FloatValue(double.Parse(outcome.Text, CultureInfo.InvariantCulture)),
            _ => new StringValue(outcome.Text),
        };
    }
}
