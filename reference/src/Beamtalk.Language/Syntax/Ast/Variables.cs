namespace Beamtalk.Language.Syntax.Ast;

internal sealed record VariableReference(string Name, SourcePosition Position) : Expression(Position);

internal sealed record Assignment(string Name, Expression Value, SourcePosition Position) : Expression(Position);
