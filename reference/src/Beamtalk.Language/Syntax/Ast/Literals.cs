using System.Numerics;

namespace Beamtalk.Language.Syntax.Ast;

internal sealed record IntegerLiteral(BigInteger Value, SourcePosition Position) : Expression(Position);

internal sealed record FloatLiteral(double Value, SourcePosition Position) : Expression(Position);

internal sealed record StringLiteral(string Value, SourcePosition Position) : Expression(Position);

/// <summary><c>#name</c>; <see cref="Name"/> has no <c>#</c>.</summary>
internal sealed record SymbolLiteral(string Name, SourcePosition Position) : Expression(Position);

internal sealed record BooleanLiteral(bool Value, SourcePosition Position) : Expression(Position);

internal sealed record NilLiteral(SourcePosition Position) : Expression(Position);

/// <summary><c>#(1 "two" #three (4))</c>: every element is itself a literal.</summary>
internal sealed record ArrayLiteral(IReadOnlyList<Expression> Elements, SourcePosition Position) : Expression(Position);
