namespace Beamtalk.Language.Runtime.Values;

/// <summary>A fixed, immutable sequence; indices start at 1.</summary>
internal sealed class ArrayValue : BeamtalkObject
{
    public ArrayValue(IReadOnlyList<BeamtalkObject> elements)
    {
        Elements = elements;
    }

    public IReadOnlyList<BeamtalkObject> Elements { get; }

    public override string ClassName => "Array";

    public override void PrintOn(Printer printer)
    {
        printer.Write("#(");
        for (var i = 0; i < Elements.Count; i++)
        {
            if (i > 0)
            {
                printer.Write(" ");
            }

            printer.Write(Elements[i]);
        }

        printer.Write(")");
    }

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "size" => new IntegerValue(Elements.Count),
            "isEmpty" => BooleanValue.Of(Elements.Count == 0),
            "at:" => At(ExpectInteger(arguments[0], selector)),
            "do:" => Do(ExpectBlock(arguments[0], selector), evaluator),
            "collect:" => Collect(ExpectBlock(arguments[0], selector), evaluator),
            _ => null,
        };

    private BeamtalkObject At(IntegerValue index) =>
        index.Value >= 1 && index.Value <= Elements.Count
            ? Elements[(int)index.Value - 1]
            : throw new BeamtalkException(
                ErrorKinds.IndexOutOfBounds,
                $"index {index.Value} is outside 1..{Elements.Count}");

    private ArrayValue Do(BlockValue body, Evaluator evaluator)
    {
        foreach (var element in Elements)
        {
            evaluator.Budget.ChargeStep();
            evaluator.CallBlock(body, element);
        }

        return this;
    }

    private ArrayValue Collect(BlockValue transform, Evaluator evaluator)
    {
        var results = new BeamtalkObject[Elements.Count];
        for (var i = 0; i < results.Length; i++)
        {
            evaluator.Budget.ChargeStep();
            results[i] = evaluator.CallBlock(transform, Elements[i]);
        }

        return new ArrayValue(results);
    }
}
