namespace Beamtalk.Language.Syntax.Ast;

/// <summary>
/// A unary (<c>x negated</c>), binary (<c>a + b</c>) or keyword (<c>a at: 1</c>) send; the selector's shape fixes the
/// number of arguments.
/// </summary>
internal sealed record MessageSend(
    Expression Receiver,
    string Selector,
    IReadOnlyList<Expression> Arguments,
    SourcePosition Position) : Expression(Position);

/// <summary>
/// <c>receiver first; second; third</c>. Each message is a send chain whose innermost receiver is a
/// <see cref="CascadeReceiver"/>, so one part may hold several sends (<c>; foo + 1</c>).
/// The value is the last part's value.
/// </summary>
internal sealed record Cascade(
    Expression Receiver,
    IReadOnlyList<Expression> Messages,
    SourcePosition Position) : Expression(Position);

/// <summary>Stands for the already evaluated receiver of the enclosing <see cref="Cascade"/>.</summary>
internal sealed record CascadeReceiver(SourcePosition Position) : Expression(Position);
