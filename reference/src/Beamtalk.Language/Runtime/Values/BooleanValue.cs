namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// <c>true</c> and <c>false</c>, one instance each. The conditional messages take blocks and run at most one of them.
/// </summary>
internal sealed class BooleanValue : BeamtalkObject
{
    private BooleanValue(bool value)
    {
        Value = value;
    }

    public static BooleanValue True { get; } = new(true);

    public static BooleanValue False { get; } = new(false);

    public bool Value { get; }

    public override string ClassName => Value ? "True" : "False";

    public static BooleanValue Of(bool value) => value ? True : False;

    public override void PrintOn(Printer printer) => printer.Write(Value ? "true" : "false");

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "ifTrue:" => Value ? Call(arguments[0], selector, evaluator) : NilValue.Instance,
            "ifFalse:" => Value ? NilValue.Instance : Call(arguments[0], selector, evaluator),
            "ifTrue:ifFalse:" => Call(arguments[Value ? 0 : 1], selector, evaluator),
            "ifFalse:ifTrue:" => Call(arguments[Value ? 1 : 0], selector, evaluator),
            "and:" => Value ? Call(arguments[0], selector, evaluator) : this,
            "or:" => Value ? this : Call(arguments[0], selector, evaluator),
            "not" => Of(!Value),
            _ => null,
        };

    private BeamtalkObject Call(BeamtalkObject argument, string selector, Evaluator evaluator) =>
        evaluator.CallBlock(ExpectBlock(argument, selector));
}
