using Beamtalk.Language.Runtime;
using Beamtalk.Language.Runtime.Values;

namespace Beamtalk.Language.Globals;

/// <summary>
/// <c>Transcript show: x</c> appends to the current evaluation's captured output (never the server's console), so
/// each eval's output travels back with its result.
/// </summary>
internal sealed class TranscriptGlobal : GlobalObject
{
    public override string Name => "Transcript";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator)
    {
        switch (selector)
        {
            case "show:":
                evaluator.Output.Append(DisplayText(arguments[0], evaluator));
                return this;
            case "cr":
                evaluator.Output.Append("\n");
                return this;
            default:
                return null;
        }
    }

    // Text shows as itself, anything else as its printString, so "Transcript show: 42" needs no conversion.
    private static string DisplayText(BeamtalkObject value, Evaluator evaluator) => value switch
    {
        StringValue text => text.Value,
        SymbolValue symbol => symbol.Name,
        _ => evaluator.Print(value),
    };
}
