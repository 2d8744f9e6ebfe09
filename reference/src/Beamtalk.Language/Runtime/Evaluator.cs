using Beamtalk.Language.Globals;
using Beamtalk.Language.Runtime.Values;
using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime;

/// <summary>
/// Runs one parsed program against a session's bindings and globals. One instance per evaluation: it owns that
/// evaluation's budget and captured output.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly Scope _bindings;
    private readonly GlobalTable _globals;
    private readonly Stack<BeamtalkObject> _cascadeReceivers = new();

    public Evaluator(SessionRuntime runtime, CancellationToken cancellationToken)
    {
        Runtime = runtime;
        var options = runtime.Options;
        Options = options;
        _bindings = runtime.Bindings;
        _globals = runtime.Globals;
        Budget = new EvaluationBudget(options, cancellationToken);
        Output = new CapturedOutput(options.MaxOutputLength);
    }

    public SessionOptions Options { get; }

    public SessionRuntime Runtime { get; }

    public EvaluationBudget Budget { get; }

    public CapturedOutput Output { get; }

    public BeamtalkObject Run(ProgramNode program) => EvaluateStatements(program.Statements, _bindings);

    public BeamtalkObject Send(BeamtalkObject receiver, string selector, IReadOnlyList<BeamtalkObject> arguments)
    {
        Budget.ChargeStep();
        return receiver.Receive(selector, arguments, this)
            ?? throw new BeamtalkException(
                ErrorKinds.DoesNotUnderstand,
                $"{receiver.ClassName} does not understand #{selector}");
    }

    /// <summary>Runs a block's body in a fresh scope. Callers charge the step (a send, or a loop iteration).</summary>
    public BeamtalkObject CallBlock(BlockValue block, params IReadOnlyList<BeamtalkObject> arguments)
    {
        var parameters = block.Definition.Parameters;
        if (parameters.Count != arguments.Count)
        {
            throw new BeamtalkException(
                ErrorKinds.WrongArgumentCount,
                $"block takes {parameters.Count} argument(s) but was given {arguments.Count}");
        }

        var scope = new Scope(block.Captured);
        for (var i = 0; i < parameters.Count; i++)
        {
            scope.Define(parameters[i], arguments[i]);
        }

        return EvaluateStatements(block.Definition.Statements, scope);
    }

    public string Print(BeamtalkObject value) => Printer.Print(value, Options.MaxStringLength);

    public bool AreEqual(BeamtalkObject left, BeamtalkObject right) => ValueEquality.AreEqual(left, right, Budget);

    private BeamtalkObject EvaluateStatements(IReadOnlyList<Expression> statements, Scope scope)
    {
        BeamtalkObject last = NilValue.Instance;
        foreach (var statement in statements)
        {
            last = Evaluate(statement, scope);
        }

        return last;
    }

    private BeamtalkObject Evaluate(Expression expression, Scope scope)
    {
        Budget.Enter();
        try
        {
            return expression switch
            {
                IntegerLiteral literal => new IntegerValue(literal.Value),
                FloatLiteral literal => new FloatValue(literal.Value),
                StringLiteral literal => new StringValue(literal.Value),
                SymbolLiteral literal => new SymbolValue(literal.Name),
                BooleanLiteral literal => BooleanValue.Of(literal.Value),
                NilLiteral => NilValue.Instance,
                ArrayLiteral literal => EvaluateArray(literal, scope),
                VariableReference reference => Lookup(reference, scope),
                Assignment assignment => Assign(assignment, scope),
                MessageSend send => EvaluateSend(send, scope),
                Cascade cascade => EvaluateCascade(cascade, scope),
                CascadeReceiver => _cascadeReceivers.Peek(),
                BlockExpression block => new BlockValue(block, scope),
                _ => EvaluateClassNode(expression, scope),
            };
        }
        finally
        {
            Budget.Exit();
        }
    }

    private ArrayValue EvaluateArray(ArrayLiteral literal, Scope scope)
    {
        var elements = new BeamtalkObject[literal.Elements.Count];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = Evaluate(literal.Elements[i], scope);
        }

        return new ArrayValue(elements);
    }

    private BeamtalkObject Lookup(VariableReference reference, Scope scope)
    {
        if (scope.TryLookup(reference.Name, out var value) || _globals.TryGet(reference.Name, out value) || Runtime.TryGetClass(reference.Name, out value))
        {
            return value;
        }

        throw new BeamtalkException(
            ErrorKinds.UndefinedVariable,
            $"{reference.Position}: {reference.Name} is not defined");
    }

    private BeamtalkObject Assign(Assignment assignment, Scope scope)
    {
        if (!scope.TryLookup(assignment.Name, out _) && _globals.TryGet(assignment.Name, out _))
        {
            throw new BeamtalkException(
                ErrorKinds.InvalidAssignment,
                $"{assignment.Position}: {assignment.Name} is a global and cannot be reassigned");
        }

        var value = Evaluate(assignment.Value, scope);
        scope.Assign(assignment.Name, value);
        return value;
    }

    private BeamtalkObject EvaluateSend(MessageSend send, Scope scope)
    {
        var receiver = Evaluate(send.Receiver, scope);
        var arguments = EvaluateArguments(send.Arguments, scope);
        return Send(receiver, send.Selector, arguments);
    }

    private BeamtalkObject[] EvaluateArguments(IReadOnlyList<Expression> expressions, Scope scope)
    {
        if (expressions.Count == 0)
        {
            return [];
        }

        var arguments = new BeamtalkObject[expressions.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Evaluate(expressions[i], scope);
        }

        return arguments;
    }

    private BeamtalkObject EvaluateCascade(Cascade cascade, Scope scope)
    {
        var receiver = Evaluate(cascade.Receiver, scope);
        _cascadeReceivers.Push(receiver);
        try
        {
            BeamtalkObject last = receiver;
            foreach (var message in cascade.Messages)
            {
                last = Evaluate(message, scope);
            }

            return last;
        }
        finally
        {
            _cascadeReceivers.Pop();
        }
    }
}
