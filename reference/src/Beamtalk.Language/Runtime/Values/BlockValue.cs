using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Runtime.Values;

/// <summary>A closure: a block's code plus the scope it was written in.</summary>
internal sealed class BlockValue : BeamtalkObject
{
    public BlockValue(BlockExpression definition, Scope captured)
    {
        Definition = definition;
        Captured = captured;
    }

    public BlockExpression Definition { get; }

    public Scope Captured { get; }

    public override string ClassName => "Block";

    protected override BeamtalkObject? ReceiveOwn(
        string selector,
        IReadOnlyList<BeamtalkObject> arguments,
        Evaluator evaluator) => selector switch
        {
            "value" or "value:" or "value:value:" or "value:value:value:" or "value:value:value:value:" =>
                evaluator.CallBlock(this, arguments),
            "numArgs" => new IntegerValue(Definition.Parameters.Count),
            "whileTrue:" => While(true, ExpectBlock(arguments[0], selector), evaluator),
            "whileFalse:" => While(false, ExpectBlock(arguments[0], selector), evaluator),
            _ => null,
        };

    private NilValue While(bool continueWhen, BlockValue body, Evaluator evaluator)
    {
        while (true)
        {
            evaluator.Budget.ChargeStep();
            var condition = evaluator.CallBlock(this);
            if (condition is not BooleanValue verdict)
            {
                throw BeamtalkException.TypeError(
                    $"a {(continueWhen ? "whileTrue:" : "whileFalse:")} condition must answer a Boolean, got {condition.ClassName}");
            }

            if (verdict.Value != continueWhen)
            {
                return NilValue.Instance;
            }

            evaluator.CallBlock(body);
        }
    }
}
