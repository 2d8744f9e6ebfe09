using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>
/// A class loaded by <c>load-source</c>. Redefinition replaces its definition in place, so every live instance and
/// every actor built from it finds the new methods at its next message (hot reload).
/// </summary>
internal sealed class ClassValue : BeamtalkObject
{
    private readonly SessionRuntime _runtime;

    public ClassValue(ClassDefinition definition, ClassValue? superclass, SessionRuntime runtime)
    {
        Definition = definition;
        Superclass = superclass;
        _runtime = runtime;
    }

    public string Name => Definition.Name;

    public ClassDefinition Definition { get; private set; }

    public ClassValue? Superclass { get; private set; }

    public override string ClassName => "Class";

    public override void PrintOn(Printer printer) => printer.Write(Name);

    public void Redefine(ClassDefinition definition, ClassValue? superclass)
    {
        Definition = definition;
        Superclass = superclass;
    }

    public MethodDefinition? FindMethod(string selector)
    {
        for (var c = this; c is not null; c = c.Superclass)
        {
            if (c.Definition.Methods.FirstOrDefault(m => m.Selector == selector) is { } method)
            {
                return method;
            }
        }

        return null;
    }

    public FieldDefinition? FindField(string name)
    {
        for (var c = this; c is not null; c = c.Superclass)
        {
            if (c.Definition.Fields.FirstOrDefault(f => f.Name == name) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Every field, the superclass's first, each with its initial value.</summary>
    public InstanceValue Instantiate(Evaluator evaluator)
    {
        var instance = new InstanceValue(this);
        var chain = new List<ClassValue>();
        for (var c = this; c is not null; c = c.Superclass)
        {
            chain.Insert(0, c);
        }

        foreach (var field in chain.SelectMany(c => c.Definition.Fields))
        {
            instance.Initialise(field, evaluator);
        }

        return instance;
    }

    protected override BeamtalkObject? ReceiveOwn(string selector, IReadOnlyList<BeamtalkObject> arguments, Evaluator evaluator) => selector switch
    {
        "new" => Instantiate(evaluator),
        "spawn" => _runtime.Spawn(this, evaluator),
        "name" => new StringValue(Name),
        "superclass" => (BeamtalkObject?)Superclass ?? new SymbolValue("Object"),
        "selectors" => new ArrayValue([.. Definition.Methods.Select(m => new SymbolValue(m.Selector))]),
        _ => null,
    };
}
