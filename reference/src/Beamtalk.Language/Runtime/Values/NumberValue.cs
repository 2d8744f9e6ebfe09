using System.Numerics;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// Integers and floats. Mixed arithmetic and comparison promote the integer to a float; integer results are checked
/// against <see cref="SessionOptions.MaxIntegerBits"/> and float results must stay finite.
/// </summary>
internal abstract class NumberValue : BeamtalkObject
{
    public abstract double AsDouble { get; }

    public static int Compare(NumberValue left, NumberValue right) =>
        (left, right) is (IntegerValue a, IntegerValue b)
            ? a.Value.CompareTo(b.Value)
            : left.AsDouble.CompareTo(right.AsDouble);

    protected abstract NumberValue Negated();

    protected abstract bool IsNegative { get; }

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "+" or "-" or "*" or "/" => Arithmetic(selector, ExpectNumber(arguments[0], selector), evaluator.Options),
            "<" => BooleanValue.Of(Compare(this, ExpectNumber(arguments[0], selector)) < 0),
            ">" => BooleanValue.Of(Compare(this, ExpectNumber(arguments[0], selector)) > 0),
            "<=" => BooleanValue.Of(Compare(this, ExpectNumber(arguments[0], selector)) <= 0),
            ">=" => BooleanValue.Of(Compare(this, ExpectNumber(arguments[0], selector)) >= 0),
            "negated" => Negated(),
            "abs" => IsNegative ? Negated() : this,
            _ => null,
        };

    private NumberValue Arithmetic(string selector, NumberValue operand, SessionOptions options)
    {
        if (selector == "/" && IsZero(operand))
        {
            throw new BeamtalkException(ErrorKinds.ZeroDivide, $"{Describe(this)} / 0");
        }

        if ((this, operand) is (IntegerValue a, IntegerValue b))
        {
            return IntegerArithmetic(selector, a.Value, b.Value, options);
        }

        var x = AsDouble;
        var y = operand.AsDouble;
        return FloatValue.Finite(
            selector switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                _ => x / y,
            },
            selector);
    }

    private static NumberValue IntegerArithmetic(string selector, BigInteger a, BigInteger b, SessionOptions options)
    {
        if (selector == "*" && a.GetBitLength() + b.GetBitLength() > options.MaxIntegerBits + 1L)
        {
            throw IntegerValue.TooLarge(options);
        }

        switch (selector)
        {
            case "+":
                return IntegerValue.Within(a + b, options);
            case "-":
                return IntegerValue.Within(a - b, options);
            case "*":
                return IntegerValue.Within(a * b, options);
        }

        var quotient = BigInteger.DivRem(a, b, out var remainder);
        if (remainder.IsZero)
        {
            return new IntegerValue(quotient);
        }

        // An inexact quotient is a float, as the brief allows; the log form keeps huge operands finite.
        var ratio = (double)a / (double)b;
        if (!double.IsFinite(ratio))
        {
            var magnitude = Math.Exp(BigInteger.Log(BigInteger.Abs(a)) - BigInteger.Log(BigInteger.Abs(b)));
            ratio = a.Sign * b.Sign * magnitude;
        }

        return FloatValue.Finite(ratio, selector);
    }

    private static bool IsZero(NumberValue value) => value switch
    {
        IntegerValue integer => integer.Value.IsZero,
        _ => value.AsDouble == 0.0,
    };

    private static string Describe(NumberValue value) =>
        value is IntegerValue integer ? integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : FloatValue.Format(value.AsDouble);
}
