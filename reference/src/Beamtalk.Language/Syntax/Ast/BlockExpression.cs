namespace Beamtalk.Language.Syntax.Ast;

/// <summary><c>[:x :y | statements]</c>; an empty body answers nil.</summary>
internal sealed record BlockExpression(
    IReadOnlyList<string> Parameters,
    IReadOnlyList<Expression> Statements,
    SourcePosition Position) : Expression(Position);
