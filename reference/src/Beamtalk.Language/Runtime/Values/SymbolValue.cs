namespace Beamtalk.Language.Runtime.Values;

/// <summary><c>#name</c>: equal to any other symbol with the same name.</summary>
internal sealed class SymbolValue : BeamtalkObject
{
    public SymbolValue(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public override string ClassName => "Symbol";

    public override void PrintOn(Printer printer) => printer.Write("#" + Name);

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "size" => new IntegerValue(Name.Length),
            _ => null,
        };
}
