using Beamtalk.Language.Syntax.Ast;

namespace Beamtalk.Language.Syntax;

/// <summary>
/// Class definitions, the source of a <c>load-source</c> op: a header line <c>Object subclass: Counter</c>, then
/// <c>state: name := initial</c> lines and methods <c>selector => body</c>, each starting a line. A method's body may
/// continue on the lines after it until the next member or class header.
/// </summary>
internal sealed partial class Parser
{
    // True while parsing class definitions: a keyword at the start of a line may then open a member, not continue a send.
    private bool _inClassBody;

    public static ProgramNode ParseClasses(string source, int maxNesting)
    {
        var parser = new Parser(Lexer.Tokenize(source), maxNesting) { _inClassBody = true };
        var classes = new List<Expression>();
        while (!parser.At(TokenKind.EndOfInput))
        {
            classes.Add(parser.ParseClassDefinition());
        }

        if (classes.Count == 0)
        {
            throw BeamtalkException.Syntax(parser.Current.Position, "expected a class definition such as 'Object subclass: Counter'");
        }

        return new ProgramNode(classes);
    }

    private Token TokenAt(int index) => _tokens[Math.Min(index, _tokens.Count - 1)];

    // "self.name" written without spaces, so "x := self. y" stays two statements.
    private bool AtFieldAccess()
    {
        var self = TokenAt(_index);
        var dot = TokenAt(_index + 1);
        var name = TokenAt(_index + 2);
        return self is { Kind: TokenKind.Identifier, Text: "self" }
            && dot.Kind == TokenKind.Period && dot.Position.Offset == self.Position.Offset + 4
            && name.Kind == TokenKind.Identifier && name.Position.Offset == dot.Position.Offset + 1;
    }

    // Called with "self" already consumed.
    private bool AtFieldAccessAfterSelf()
    {
        _index--;
        var found = AtFieldAccess();
        _index++;
        return found;
    }

    private FieldReference ParseFieldReference(Token self)
    {
        Consume();
        var name = Consume();
        return new FieldReference(name.Text, self.Position);
    }

    private FieldAssignment ParseFieldAssignment()
    {
        var self = Consume();
        Consume();
        var name = Consume();
        var assign = Consume();
        EnterNesting(assign.Position);
        var value = ParseStatement();
        ExitNesting();
        return new FieldAssignment(name.Text, value, self.Position);
    }

    private bool AtClassHeader() =>
        (Current.StartsLine || _index == 0)
        && Current.Kind == TokenKind.Identifier
        && PeekNext is { Kind: TokenKind.Keyword, Text: "subclass:" };

    /// <summary>At the start of a line that opens a member: <c>state:</c>, <c>name =></c> or <c>key: arg =></c>.</summary>
    private bool AtClassMemberStart()
    {
        if (!_inClassBody || !Current.StartsLine)
        {
            return false;
        }

        if (Current is { Kind: TokenKind.Keyword, Text: "state:" })
        {
            return true;
        }

        var i = _index;
        if (TokenAt(i).Kind == TokenKind.Identifier)
        {
            return IsArrow(TokenAt(i + 1));
        }

        while (TokenAt(i).Kind == TokenKind.Keyword && TokenAt(i + 1).Kind == TokenKind.Identifier)
        {
            i += 2;
        }

        return i > _index && IsArrow(TokenAt(i));
    }

    private static bool IsArrow(Token token) => token is { Kind: TokenKind.BinaryOperator, Text: "=>" };

    private ClassDefinition ParseClassDefinition()
    {
        var superclass = Expect(TokenKind.Identifier, "a class definition such as 'Object subclass: Counter'");
        if (!At(TokenKind.Keyword) || Current.Text != "subclass:")
        {
            throw Unexpected("'subclass:' after the superclass name");
        }

        Consume();
        var name = Expect(TokenKind.Identifier, "the new class's name after 'subclass:'");
        if (!char.IsUpper(name.Text[0]))
        {
            throw BeamtalkException.Syntax(name.Position, $"a class name starts with a capital letter, not '{name.Text}'");
        }

        var fields = new List<FieldDefinition>();
        var methods = new List<MethodDefinition>();
        while (!At(TokenKind.EndOfInput) && !AtClassHeader())
        {
            if (!Current.StartsLine)
            {
                throw Unexpected("a new line before the next 'state:' line or method");
            }

            if (Current is { Kind: TokenKind.Keyword, Text: "state:" })
            {
                fields.Add(ParseFieldDefinition(fields));
            }
            else
            {
                methods.Add(ParseMethod(methods));
            }
        }

        return new ClassDefinition(name.Text, superclass.Text, fields, methods, superclass.Position);
    }

    private FieldDefinition ParseFieldDefinition(List<FieldDefinition> earlier)
    {
        Consume();
        var name = Expect(TokenKind.Identifier, "a field name after 'state:'");
        if (ReservedNames.Contains(name.Text) || earlier.Exists(f => f.Name == name.Text))
        {
            throw BeamtalkException.Syntax(name.Position, $"'{name.Text}' cannot be a field name here");
        }

        Expression? initial = null;
        if (At(TokenKind.Assign))
        {
            Consume();
            initial = ParseCascade();
        }

        if (!At(TokenKind.EndOfInput) && !Current.StartsLine)
        {
            throw Unexpected("a new line after the 'state:' line");
        }

        return new FieldDefinition(name.Text, initial);
    }

    private MethodDefinition ParseMethod(List<MethodDefinition> earlier)
    {
        var start = Current.Position;
        var selector = string.Empty;
        var parameters = new List<string>();
        if (At(TokenKind.Identifier))
        {
            selector = Consume().Text;
        }
        else if (At(TokenKind.Keyword))
        {
            while (At(TokenKind.Keyword))
            {
                selector += Consume().Text;
                var parameter = Expect(TokenKind.Identifier, "a parameter name after the keyword");
                if (ReservedNames.Contains(parameter.Text) || parameters.Contains(parameter.Text))
                {
                    throw BeamtalkException.Syntax(parameter.Position, $"'{parameter.Text}' cannot be a parameter here");
                }

                parameters.Add(parameter.Text);
            }
        }
        else
        {
            throw Unexpected("a method ('name => body') or a 'state:' line");
        }

        if (!IsArrow(Current))
        {
            throw Unexpected("'=>' after the method's selector");
        }

        Consume();
        if (earlier.Exists(m => m.Selector == selector))
        {
            throw BeamtalkException.Syntax(start, $"method #{selector} is defined twice");
        }

        var statements = new List<Expression>();
        while (!AtEndOfMethod())
        {
            statements.Add(ParseStatement());
            var separated = false;
            while (At(TokenKind.Period))
            {
                Consume();
                separated = true;
            }

            if (!separated && !AtEndOfMethod() && !Current.StartsLine)
            {
                throw Unexpected("'.' or a new line between statements");
            }
        }

        return new MethodDefinition(selector, parameters, statements, start);
    }

    private bool AtEndOfMethod() =>
        At(TokenKind.EndOfInput) || (Current.StartsLine && (AtClassMemberStart() || AtClassHeader()));
}
