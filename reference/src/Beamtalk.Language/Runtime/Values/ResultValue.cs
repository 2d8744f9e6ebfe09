namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// <c>Result ok: value</c>, what file operations answer on success. Failures are raised as errors with a kind rather
/// than answered as error Results, so the REPL reports them the same way as every other failure.
/// </summary>
internal sealed class ResultValue : BeamtalkObject
{
    public ResultValue(BeamtalkObject value)
    {
        Value = value;
    }

    public BeamtalkObject Value { get; }

    public override string ClassName => "Result";

    public override void PrintOn(Printer printer)
    {
        printer.Write("Result ok: ");
        printer.Write(Value);
    }

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "value" or "unwrap" => Value,
            "isOk" => BooleanValue.True,
            "isError" => BooleanValue.False,
            _ => null,
        };
}
