using System.Globalization;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>A double. Non-finite results are errors, as on the BEAM, so a float always prints as a number.</summary>
internal sealed class FloatValue : NumberValue
{
    public FloatValue(double value)
    {
        Value = value;
    }

    public double Value { get; }

    public override string ClassName => "Float";

    public override double AsDouble => Value;

    protected override bool IsNegative => Value < 0;

    public static FloatValue Finite(double value, string selector) =>
        double.IsFinite(value)
            ? new FloatValue(value)
            : throw new BeamtalkException(ErrorKinds.ArithmeticError, $"float overflow in #{selector}");

    /// <summary>Shortest round-trip form, invariant culture, always with a fraction: 0.5, 3.0, 1.0e20, 1.5e-7.</summary>
    public static string Format(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (exponentAt < 0)
        {
            return mantissa;
        }

        var exponent = int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{mantissa}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    public override void PrintOn(Printer printer) => printer.Write(Format(Value));

    protected override NumberValue Negated() => new FloatValue(-Value);
}
