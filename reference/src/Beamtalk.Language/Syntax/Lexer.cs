using System.Globalization;
using System.Numerics;
using System.Text;

namespace Beamtalk.Language.Syntax;

/// <summary>
/// Turns source into tokens. Line breaks are not tokens: each token records whether it starts a new line, because
/// whether a line break ends a statement depends on what the parser is in the middle of.
/// </summary>
internal sealed class Lexer
{
    // Parsing a literal of n digits costs O(n^2) in BigInteger; this keeps one line of source from costing seconds.
    private const int MaxIntegerLiteralDigits = 4096;

    private const string OperatorCharacters = "+*/\\<>=~&%@?!";

    private readonly string _source;
    private int _offset;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string source)
    {
        _source = source;
    }

    public static IReadOnlyList<Token> Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lexer = new Lexer(source);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfInput);
        return tokens;
    }

    private SourcePosition Position => new(_line, _column, _offset);

    private bool AtEnd => _offset >= _source.Length;

    private char Peek(int ahead = 0) =>
        _offset + ahead < _source.Length ? _source[_offset + ahead] : '\0';

    private char Advance()
    {
        var c = _source[_offset++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }

    private Token Next()
    {
        var startsLine = SkipWhitespaceAndComments();
        var start = Position;
        if (AtEnd)
        {
            return new Token(TokenKind.EndOfInput, string.Empty, start, startsLine);
        }

        var c = Peek();
        if (IsIdentifierStart(c))
        {
            return LexIdentifierOrKeyword(start, startsLine);
        }

        if (char.IsAsciiDigit(c))
        {
            return LexNumber(start, startsLine);
        }

        switch (c)
        {
            case '"':
                return new Token(TokenKind.String, LexStringBody(start), start, startsLine);
            case '#':
                return LexHash(start, startsLine);
            case ':':
                Advance();
                if (Peek() == '=')
                {
                    Advance();
                    return new Token(TokenKind.Assign, ":=", start, startsLine);
                }

                return new Token(TokenKind.Colon, ":", start, startsLine);
            case '-':
                // Always a token of its own, so that "3--4" is 3 - -4 and "x<-1" is x < -1.
                Advance();
                return new Token(TokenKind.BinaryOperator, "-", start, startsLine);
        }

        var single = SingleCharacterKind(c);
        if (single is { } kind)
        {
            Advance();
            return new Token(kind, c.ToString(), start, startsLine);
        }

        if (IsOperatorCharacter(c))
        {
            return new Token(TokenKind.BinaryOperator, LexOperator(), start, startsLine);
        }

        throw BeamtalkException.Syntax(start, $"unexpected character '{c}'");
    }

    private static TokenKind? SingleCharacterKind(char c) => c switch
    {
        '(' => TokenKind.LeftParenthesis,
        ')' => TokenKind.RightParenthesis,
        '[' => TokenKind.LeftBracket,
        ']' => TokenKind.RightBracket,
        '|' => TokenKind.Bar,
        '.' => TokenKind.Period,
        ';' => TokenKind.Semicolon,
        ',' => TokenKind.Comma,
        _ => null,
    };

    /// <returns>Whether a line break was skipped.</returns>
    private bool SkipWhitespaceAndComments()
    {
        var sawLineBreak = false;
        while (!AtEnd)
        {
            var c = Peek();
            if (c == '\n')
            {
                sawLineBreak = true;
                Advance();
            }
            else if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (!AtEnd && Peek() != '\n')
                {
                    Advance();
                }
            }
            else
            {
                break;
            }
        }

        return sawLineBreak;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsOperatorCharacter(char c) => OperatorCharacters.Contains(c, StringComparison.Ordinal);

    private string LexIdentifier()
    {
        var start = _offset;
        while (!AtEnd && IsIdentifierPart(Peek()))
        {
            Advance();
        }

        return _source[start.._offset];
    }

    private bool AtKeywordColon() => Peek() == ':' && Peek(1) != '=';

    private Token LexIdentifierOrKeyword(SourcePosition start, bool startsLine)
    {
        var name = LexIdentifier();
        if (AtKeywordColon())
        {
            Advance();
            return new Token(TokenKind.Keyword, name + ":", start, startsLine);
        }

        return new Token(TokenKind.Identifier, name, start, startsLine);
    }

    private string LexOperator()
    {
        var start = _offset;
        // "//" starts a comment even straight after an operator, as in "x +// note".
        while (!AtEnd && IsOperatorCharacter(Peek()) && !(Peek() == '/' && Peek(1) == '/'))
        {
            Advance();
        }

        return _source[start.._offset];
    }

    private Token LexNumber(SourcePosition start, bool startsLine)
    {
        var begin = _offset;
        SkipDigits();
        var isFloat = false;

        // "1." is the integer 1 ending a statement; only a digit after the point makes a fraction.
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isFloat = true;
            Advance();
            SkipDigits();
        }

        if ((Peek() is 'e' or 'E')
            && (char.IsAsciiDigit(Peek(1)) || (Peek(1) == '-' && char.IsAsciiDigit(Peek(2)))))
        {
            isFloat = true;
            Advance();
            if (Peek() == '-')
            {
                Advance();
            }

            SkipDigits();
        }

        var text = _source[begin.._offset];
        if (isFloat)
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
            {
                throw BeamtalkException.Syntax(start, $"float literal {text} is out of range");
            }

            return new Token(TokenKind.Float, text, start, startsLine) { FloatValue = value };
        }

        if (text.Length > MaxIntegerLiteralDigits)
        {
            throw BeamtalkException.Syntax(start, $"integer literal longer than {MaxIntegerLiteralDigits} digits");
        }

        return new Token(TokenKind.Integer, text, start, startsLine)
        {
            IntegerValue = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture),
        };
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek()))
        {
            Advance();
        }
    }

    private string LexStringBody(SourcePosition start)
    {
        Advance(); // opening quote
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw BeamtalkException.Syntax(start, "unterminated string literal");
            }

            var escapeAt = Position;
            var c = Advance();
            if (c == '"')
            {
                // A doubled quote is a quote, as upstream Beamtalk writes it ("say ""hi""").
                if (Peek() == '"')
                {
                    Advance();
                    text.Append('"');
                    continue;
                }

                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (AtEnd)
            {
                throw BeamtalkException.Syntax(start, "unterminated string literal");
            }

            var escaped = Advance();
            text.Append(escaped switch
            {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => throw BeamtalkException.Syntax(escapeAt, $"unknown escape sequence '\\{escaped}' in string"),
            });
        }
    }

    private Token LexHash(SourcePosition start, bool startsLine)
    {
        Advance(); // '#'
        var c = Peek();
        if (c == '(')
        {
            Advance();
            return new Token(TokenKind.LiteralArrayStart, "#(", start, startsLine);
        }

        if (IsIdentifierStart(c))
        {
            // #name, or a keyword selector such as #at:put:
            var name = new StringBuilder(LexIdentifier());
            while (AtKeywordColon())
            {
                Advance();
                name.Append(':');
                if (!IsIdentifierStart(Peek()))
                {
                    break;
                }

                name.Append(LexIdentifier());
            }

            return new Token(TokenKind.Symbol, name.ToString(), start, startsLine);
        }

        if (c == '-')
        {
            Advance();
            return new Token(TokenKind.Symbol, "-", start, startsLine);
        }

        if (IsOperatorCharacter(c))
        {
            return new Token(TokenKind.Symbol, LexOperator(), start, startsLine);
        }

        throw BeamtalkException.Syntax(start, "expected a symbol name or '(' after '#'");
    }
}
