using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Syntax;

/// <summary>
/// Recursive-descent parser. Precedence, tightest first: unary sends, binary sends (in the tiers of
/// <see cref="BinaryPrecedence"/>), keyword sends, cascades, assignment.
/// </summary>
/// <remarks>
/// A line break ends a statement unless the statement cannot end there: inside parentheses, or when the next line
/// starts with a keyword, a binary operator or a cascade. So a keyword message may continue on the next line, while a
/// new line starting with a name is a new statement.
/// Nesting (parentheses, blocks, literal arrays, chained assignment) is counted and capped, so hostile input ends in a
/// syntax error rather than exhausting the stack.
/// </remarks>
internal sealed partial class Parser
{
    private static readonly HashSet<string> ReservedNames = ["true", "false", "nil", "self", "super", "thisContext"];

    private readonly IReadOnlyList<Token> _tokens;
    private readonly int _maxNesting;
    private int _index;
    private int _nesting;

    // False inside parentheses, where a line break cannot end a statement.
    private bool _lineBreaksEndStatements = true;

    // Parentheses leave no node of their own, so this remembers which expression they closed: "(a foo); bar" has no
    // message to cascade from.
    private Expression? _lastParenthesised;

    private Parser(IReadOnlyList<Token> tokens, int maxNesting)
    {
        _tokens = tokens;
        _maxNesting = maxNesting;
    }

    public static ProgramNode Parse(string source, int maxNesting)
    {
        var parser = new Parser(Lexer.Tokenize(source), maxNesting);
        var statements = parser.ParseStatements(TokenKind.EndOfInput);
        return new ProgramNode(statements);
    }

    private Token Current => _tokens[_index];

    private Token PeekNext => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    private Token Consume() => _tokens[_index++];

    private bool At(TokenKind kind) => Current.Kind == kind;

    private BeamtalkException Unexpected(string expected) =>
        BeamtalkException.Syntax(Current.Position, $"expected {expected}, found {Current.Describe()}");

    private Token Expect(TokenKind kind, string expected) => At(kind) ? Consume() : throw Unexpected(expected);

    private void EnterNesting(SourcePosition position)
    {
        if (++_nesting > _maxNesting)
        {
            throw BeamtalkException.Syntax(position, $"expression nested deeper than {_maxNesting} levels");
        }
    }

    private void ExitNesting() => _nesting--;

    private List<Expression> ParseStatements(TokenKind terminator)
    {
        var statements = new List<Expression>();
        while (true)
        {
            while (At(TokenKind.Period))
            {
                Consume();
            }

            if (At(terminator) || At(TokenKind.EndOfInput))
            {
                return statements;
            }

            statements.Add(ParseStatement());

            if (At(TokenKind.Period) || At(terminator) || At(TokenKind.EndOfInput))
            {
                continue;
            }

            if (!Current.StartsLine)
            {
                throw Unexpected("'.' or a new line between statements");
            }
        }
    }

    private Expression ParseStatement()
    {
        if (AtFieldAccess() && TokenAt(_index + 3).Kind == TokenKind.Assign)
        {
            return ParseFieldAssignment();
        }

        if (At(TokenKind.Identifier) && PeekNext.Kind == TokenKind.Assign)
        {
            var name = Consume();
            var assign = Consume();
            if (ReservedNames.Contains(name.Text))
            {
                throw BeamtalkException.Syntax(name.Position, $"cannot assign to '{name.Text}'");
            }

            // Chained assignment (a := b := 1) recurses, so it counts towards nesting.
            EnterNesting(assign.Position);
            var value = ParseStatement();
            ExitNesting();
            return new Assignment(name.Text, value, name.Position);
        }

        return ParseCascade();
    }

    private Expression ParseCascade()
    {
        var start = Current.Position;
        var first = ParseKeywordSend();
        if (!At(TokenKind.Semicolon))
        {
            return first;
        }

        if (first is not MessageSend send || ReferenceEquals(first, _lastParenthesised))
        {
            throw BeamtalkException.Syntax(Current.Position, "a cascade ';' must follow a message send");
        }

        var messages = new List<Expression> { send with { Receiver = new CascadeReceiver(send.Position) } };
        while (At(TokenKind.Semicolon))
        {
            Consume();
            var receiver = new CascadeReceiver(Current.Position);
            Expression head = receiver;
            if (At(TokenKind.Identifier))
            {
                // A unary message straight after ';' belongs to the cascade even at the start of a line.
                var selector = Consume();
                head = new MessageSend(receiver, selector.Text, [], selector.Position);
            }

            var part = ParseKeywordTail(ParseBinaryTail(ParseUnaryTail(head), BinaryPrecedence.Lowest));
            if (ReferenceEquals(part, receiver))
            {
                throw Unexpected("a message after ';'");
            }

            messages.Add(part);
        }

        return new Cascade(send.Receiver, messages, start);
    }

    private Expression ParseKeywordSend() => ParseKeywordTail(ParseBinarySend(BinaryPrecedence.Lowest));

    private Expression ParseKeywordTail(Expression receiver)
    {
        if (!At(TokenKind.Keyword) || AtClassMemberStart())
        {
            return receiver;
        }

        var position = Current.Position;
        var selector = string.Empty;
        var arguments = new List<Expression>();
        while (At(TokenKind.Keyword) && !AtClassMemberStart())
        {
            selector += Consume().Text;
            arguments.Add(ParseBinarySend(BinaryPrecedence.Lowest));
        }

        return new MessageSend(receiver, selector, arguments, position);
    }

    private Expression ParseBinarySend(int minimumPrecedence) =>
        ParseBinaryTail(ParseUnarySend(), minimumPrecedence);

    private Expression ParseBinaryTail(Expression left, int minimumPrecedence)
    {
        while (At(TokenKind.BinaryOperator) && BinaryPrecedence.Of(Current.Text) >= minimumPrecedence)
        {
            var operatorToken = Consume();
            var precedence = BinaryPrecedence.Of(operatorToken.Text);
            // Left-associative: the right operand only takes operators that bind tighter.
            var right = ParseBinarySend(precedence + 1);
            left = new MessageSend(left, operatorToken.Text, [right], operatorToken.Position);
        }

        return left;
    }

    private Expression ParseUnarySend() => ParseUnaryTail(ParsePrimary());

    private Expression ParseUnaryTail(Expression receiver)
    {
        while (At(TokenKind.Identifier) && !(Current.StartsLine && _lineBreaksEndStatements))
        {
            var selector = Consume();
            receiver = new MessageSend(receiver, selector.Text, [], selector.Position);
        }

        return receiver;
    }

    private Expression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                Consume();
                return token.Text switch
                {
                    "true" => new BooleanLiteral(true, token.Position),
                    "false" => new BooleanLiteral(false, token.Position),
                    "nil" => new NilLiteral(token.Position),
                    "self" when AtFieldAccessAfterSelf() => ParseFieldReference(token),
                    _ => new VariableReference(token.Text, token.Position),
                };
            case TokenKind.Integer:
            case TokenKind.Float:
            case TokenKind.String:
            case TokenKind.Symbol:
                return ParseLiteralToken();
            case TokenKind.BinaryOperator when IsNegativeNumber():
                return ParseNegativeNumber();
            case TokenKind.LeftParenthesis:
                return ParseParenthesised();
            case TokenKind.LeftBracket:
                return ParseBlock();
            case TokenKind.LiteralArrayStart:
                return ParseLiteralArray();
            default:
                throw Unexpected("an expression");
        }
    }

    private Expression ParseLiteralToken()
    {
        var token = Consume();
        return token.Kind switch
        {
            TokenKind.Integer => new IntegerLiteral(token.IntegerValue, token.Position),
            TokenKind.Float => new FloatLiteral(token.FloatValue, token.Position),
            TokenKind.String => new StringLiteral(token.Text, token.Position),
            _ => new SymbolLiteral(token.Text, token.Position),
        };
    }

    // "-5" is a negative literal only when the minus touches the digits; "- 5" is not an expression.
    private bool IsNegativeNumber() =>
        Current.Text == "-"
        && PeekNext.Kind is TokenKind.Integer or TokenKind.Float
        && PeekNext.Position.Offset == Current.Position.Offset + 1;

    private Expression ParseNegativeNumber()
    {
        var minus = Consume();
        var number = Consume();
        return number.Kind == TokenKind.Integer
            ? new IntegerLiteral(-number.IntegerValue, minus.Position)
            : new FloatLiteral(-number.FloatValue, minus.Position);
    }

    private Expression ParseParenthesised()
    {
        var open = Consume();
        EnterNesting(open.Position);
        var outer = _lineBreaksEndStatements;
        _lineBreaksEndStatements = false;
        var inner = ParseStatement();
        _lineBreaksEndStatements = outer;
        Expect(TokenKind.RightParenthesis, $"')' to close '(' at {open.Position}");
        ExitNesting();
        _lastParenthesised = inner;
        return inner;
    }

    private BlockExpression ParseBlock()
    {
        var open = Consume();
        EnterNesting(open.Position);
        var parameters = new List<string>();
        while (At(TokenKind.Colon))
        {
            Consume();
            var name = Expect(TokenKind.Identifier, "a block parameter name after ':'");
            if (ReservedNames.Contains(name.Text))
            {
                throw BeamtalkException.Syntax(name.Position, $"'{name.Text}' cannot be a block parameter");
            }

            if (parameters.Contains(name.Text))
            {
                throw BeamtalkException.Syntax(name.Position, $"duplicate block parameter '{name.Text}'");
            }

            parameters.Add(name.Text);
        }

        if (parameters.Count > 0 && !At(TokenKind.RightBracket))
        {
            Expect(TokenKind.Bar, "'|' after the block parameters");
        }

        var outer = _lineBreaksEndStatements;
        _lineBreaksEndStatements = true;
        var statements = ParseStatements(TokenKind.RightBracket);
        _lineBreaksEndStatements = outer;
        Expect(TokenKind.RightBracket, $"']' to close '[' at {open.Position}");
        ExitNesting();
        return new BlockExpression(parameters, statements, open.Position);
    }

    private ArrayLiteral ParseLiteralArray()
    {
        var open = Consume();
        EnterNesting(open.Position);
        var elements = new List<Expression>();
        while (!At(TokenKind.RightParenthesis))
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Integer:
                case TokenKind.Float:
                case TokenKind.String:
                case TokenKind.Symbol:
                    elements.Add(ParseLiteralToken());
                    break;
                case TokenKind.BinaryOperator when IsNegativeNumber():
                    elements.Add(ParseNegativeNumber());
                    break;
                case TokenKind.Identifier:
                case TokenKind.Keyword:
                case TokenKind.BinaryOperator:
                    // Inside a literal array bare words are symbols, as in Smalltalk: #(foo at:put: +).
                    Consume();
                    elements.Add(token.Text switch
                    {
                        "true" => new BooleanLiteral(true, token.Position),
                        "false" => new BooleanLiteral(false, token.Position),
                        "nil" => new NilLiteral(token.Position),
                        _ => new SymbolLiteral(token.Text, token.Position),
                    });
                    break;
                case TokenKind.LeftParenthesis:
                case TokenKind.LiteralArrayStart:
                    elements.Add(ParseLiteralArray());
                    break;
                case TokenKind.Comma:
                    // Upstream Beamtalk separates elements with commas; both spellings are accepted.
                    Consume();
                    break;
                case TokenKind.EndOfInput:
                    throw Unexpected($"')' to close '{open.Text}' at {open.Position}");
                default:
                    throw Unexpected("a literal inside a literal array");
            }
        }

        Consume();
        ExitNesting();
        return new ArrayLiteral(elements, open.Position);
    }
}
