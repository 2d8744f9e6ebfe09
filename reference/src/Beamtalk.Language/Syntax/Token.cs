using System.Numerics;

namespace Beamtalk.Language.Syntax;

/// <summary>
/// One lexical token. <see cref="Text"/> is the meaning rather than the spelling: a string token holds its decoded
/// contents and a symbol token its name without <c>#</c>.
/// </summary>
/// <param name="StartsLine">
/// True when a line break separates this token from the previous one; the parser uses it to end statements at
/// new lines.
/// </param>
internal sealed record Token(TokenKind Kind, string Text, SourcePosition Position, bool StartsLine)
{
    public BigInteger IntegerValue { get; init; }

    public double FloatValue { get; init; }

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.String => "a string",
        TokenKind.Symbol => $"#{Text}",
        TokenKind.LiteralArrayStart => "'#('",
        _ => $"'{Text}'",
    };
}
