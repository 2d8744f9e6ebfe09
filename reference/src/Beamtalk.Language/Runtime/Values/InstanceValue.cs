using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>An instance of a loaded class: its fields by name. Its methods are looked up in its class at each send.</summary>
internal sealed class InstanceValue : BeamtalkObject
{
    private readonly Dictionary<string, BeamtalkObject> _fields = new(StringComparer.Ordinal);

    public InstanceValue(ClassValue @class)
    {
        Class = @class;
    }

    public ClassValue Class { get; }

    public override string ClassName => Class.Name;

    public void Initialise(FieldDefinition field, Evaluator evaluator) =>
        _fields[field.Name] = field.Initial is { } initial ? evaluator.EvaluateInitial(initial) : NilValue.Instance;

    public BeamtalkObject Read(string name, Evaluator evaluator)
    {
        if (_fields.TryGetValue(name, out var value))
        {
            return value;
        }

        // A field added by a reload starts at its initial value when first touched.
        var field = Class.FindField(name) ?? throw NoSuchField(name);
        Initialise(field, evaluator);
        return _fields[name];
    }

    public BeamtalkObject Write(string name, BeamtalkObject value)
    {
        if (!_fields.ContainsKey(name) && Class.FindField(name) is null)
        {
            throw NoSuchField(name);
        }

        _fields[name] = value;
        return value;
    }

    protected override BeamtalkObject? ReceiveOwn(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator)
    {
        if (Class.FindMethod(selector) is not { } method)
        {
            return selector == "class" ? Class : null;
        }

        return evaluator.CallMethod(this, method, arguments);
    }

    private BeamtalkException NoSuchField(string name) =>
        new(ErrorKinds.DoesNotUnderstand, $"{Class.Name} has no field '{name}'");
}
