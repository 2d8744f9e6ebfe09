using System.Globalization;
using System.Numerics;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>An arbitrary-precision integer.</summary>
internal sealed class IntegerValue : NumberValue
{
    public IntegerValue(BigInteger value)
    {
        Value = value;
    }

    public BigInteger Value { get; }

    public override string ClassName => "Integer";

    public override double AsDouble => (double)Value;

    protected override bool IsNegative => Value.Sign < 0;

    public static IntegerValue Within(BigInteger value, SessionOptions options) =>
        value.GetBitLength() > options.MaxIntegerBits ? throw TooLarge(options) : new IntegerValue(value);

    public static BeamtalkException TooLarge(SessionOptions options) =>
        BeamtalkException.MemoryLimit($"integer result larger than {options.MaxIntegerBits} bits");

    public override void PrintOn(Printer printer) => printer.Write(Value.ToString(CultureInfo.InvariantCulture));

    protected override NumberValue Negated() => new IntegerValue(-Value);

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "timesRepeat:" => TimesRepeat(ExpectBlock(arguments[0], selector), evaluator),
            "to:do:" => ToDo(ExpectInteger(arguments[0], selector), ExpectBlock(arguments[1], selector), evaluator),
            _ => base.ReceiveOwn(selector, arguments, evaluator),
        };

    private IntegerValue TimesRepeat(BlockValue body, Evaluator evaluator)
    {
        for (var remaining = Value; remaining.Sign > 0; remaining--)
        {
            evaluator.Budget.ChargeStep();
            evaluator.CallBlock(body);
        }

        return this;
    }

    private IntegerValue ToDo(IntegerValue last, BlockValue body, Evaluator evaluator)
    {
        for (var index = Value; index <= last.Value; index++)
        {
            evaluator.Budget.ChargeStep();
            evaluator.CallBlock(body, new IntegerValue(index));
        }

        return this;
    }
}
