namespace Beamtalk.Language.Syntax;

internal enum TokenKind
{
    Identifier,
    /// <summary>An identifier immediately followed by a colon, such as <c>writeAll:</c>.</summary>
    Keyword,
    BinaryOperator,
    Integer,
    Float,
    String,
    Symbol,
    /// <summary><c>#(</c></summary>
    LiteralArrayStart,
    LeftParenthesis,
    RightParenthesis,
    LeftBracket,
    RightBracket,
    /// <summary>The colon that introduces a block parameter, as in <c>[:x | x]</c>.</summary>
    Colon,
    Bar,
    Assign,
    Period,
    Semicolon,
    Comma,
    EndOfInput,
}
