using Beamtalk.Language.Runtime.Values;
using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime;

/// <summary>The evaluation rules for loaded classes: definitions, methods and <c>self.field</c>.</summary>
internal sealed partial class Evaluator
{
    /// <summary>Runs a method with <c>self</c> bound; a method sees its parameters, globals and classes, not session bindings.</summary>
    public BeamtalkObject CallMethod(InstanceValue self, MethodDefinition method, IReadOnlyList<BeamtalkObject> arguments)
    {
        if (method.Parameters.Count != arguments.Count)
        {
            throw new BeamtalkException(
                ErrorKinds.WrongArgumentCount,
                $"{self.ClassName}>>{method.Selector} takes {method.Parameters.Count} argument(s) but was given {arguments.Count}");
        }

        var scope = new Scope(parent: null);
        scope.Define("self", self);
        for (var i = 0; i < arguments.Count; i++)
        {
            scope.Define(method.Parameters[i], arguments[i]);
        }

        // An empty method answers its receiver, as in Smalltalk.
        return method.Statements.Count == 0 ? self : EvaluateStatements(method.Statements, scope);
    }

    /// <summary>A field's initial value, evaluated where a method would be, without a receiver.</summary>
    public BeamtalkObject EvaluateInitial(Expression initial) => Evaluate(initial, new Scope(parent: null));

    private BeamtalkObject EvaluateClassNode(Expression expression, Scope scope) => expression switch
    {
        FieldReference field => Receiver(field.Position, scope).Read(field.Name, this),
        FieldAssignment assignment => AssignField(assignment, scope),
        ClassDefinition definition => Runtime.Define(definition),
        _ => throw new InvalidOperationException($"no evaluation rule for {expression.GetType().Name}"),
    };

    private BeamtalkObject AssignField(FieldAssignment assignment, Scope scope)
    {
        var receiver = Receiver(assignment.Position, scope);
        return receiver.Write(assignment.Name, Evaluate(assignment.Value, scope));
    }

    private static InstanceValue Receiver(Syntax.SourcePosition position, Scope scope) =>
        scope.TryLookup("self", out var self) && self is InstanceValue instance
            ? instance
            : throw new BeamtalkException(ErrorKinds.UndefinedVariable, $"{position}: self.field is only defined inside a method");
}
