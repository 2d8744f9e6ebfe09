namespace Beamtalk.Language.Syntax.Ast;

/// <summary>Any node that evaluates to a value. The position is where its first token starts.</summary>
internal abstract record Expression(SourcePosition Position);

/// <summary>A whole evaluation request: statements whose last value is the result.</summary>
internal sealed record ProgramNode(IReadOnlyList<Expression> Statements);
