namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// Every value the language can hold. A value answers messages through <see cref="Receive"/>; selectors every
/// object understands are answered here, after the value's own protocol.
/// </summary>
internal abstract class BeamtalkObject
{
    public abstract string ClassName { get; }

    /// <returns>The answer, or null when this object has no method for <paramref name="selector"/>.</returns>
    public BeamtalkObject? Receive(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator) =>
        ReceiveOwn(selector, arguments, evaluator) ?? ReceiveCommon(selector, arguments, evaluator);

    /// <summary>Describes this value to <paramref name="printer"/>; composites write their elements as values.</summary>
    public virtual void PrintOn(Printer printer) =>
        printer.Write(("AEIOU".Contains(ClassName[0], StringComparison.Ordinal) ? "an " : "a ") + ClassName);

    /// <summary>The selectors specific to this kind of value; null when <paramref name="selector"/> is not one.</summary>
    protected virtual BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => null;

    protected string ExpectString(BeamtalkObject argument, string selector) =>
        argument is StringValue text ? text.Value : throw WrongArgumentType(argument, selector, "a String");

    protected BlockValue ExpectBlock(BeamtalkObject argument, string selector) =>
        argument as BlockValue ?? throw WrongArgumentType(argument, selector, "a Block");

    protected IntegerValue ExpectInteger(BeamtalkObject argument, string selector) =>
        argument as IntegerValue ?? throw WrongArgumentType(argument, selector, "an Integer");

    protected NumberValue ExpectNumber(BeamtalkObject argument, string selector) =>
        argument as NumberValue ?? throw WrongArgumentType(argument, selector, "a Number");

    protected BeamtalkException WrongArgumentType(BeamtalkObject argument, string selector, string expected) =>
        BeamtalkException.TypeError($"{ClassName}>>{selector} expects {expected}, got {argument.ClassName}");

    private BeamtalkObject? ReceiveCommon(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "printString" => new StringValue(evaluator.Print(this)),
            "=" => BooleanValue.Of(evaluator.AreEqual(this, arguments[0])),
            "~=" => BooleanValue.Of(!evaluator.AreEqual(this, arguments[0])),
            "isNil" => BooleanValue.Of(this is NilValue),
            "notNil" => BooleanValue.Of(this is not NilValue),
            "yourself" => this,
            _ => null,
        };
}
