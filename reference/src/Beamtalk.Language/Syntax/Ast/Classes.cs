namespace Beamtalk.Language.Syntax.Ast;

/// <summary><c>self.name</c>: an instance variable of the receiver of the running method.</summary>
internal sealed record FieldReference(string Name, SourcePosition Position) : Expression(Position);

/// <summary><c>self.name := value</c>.</summary>
internal sealed record FieldAssignment(string Name, Expression Value, SourcePosition Position) : Expression(Position);

/// <summary>
/// <c>Object subclass: Counter</c> with its <c>state:</c> lines and methods, as a <c>load-source</c> op sends it.
/// Evaluating it defines the class, or redefines it in place (hot reload).
/// </summary>
internal sealed record ClassDefinition(
    string Name,
    string Superclass,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<MethodDefinition> Methods,
    SourcePosition Position) : Expression(Position);

/// <summary><c>state: count := 0</c>; without an initialiser the field starts as nil.</summary>
internal sealed record FieldDefinition(string Name, Expression? Initial);

/// <summary><c>increment => body</c> or <c>add: n => body</c>: the body's last statement is the answer.</summary>
internal sealed record MethodDefinition(
    string Selector,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<Expression> Statements,
    SourcePosition Position);
