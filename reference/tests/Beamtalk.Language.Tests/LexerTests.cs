using Beamtalk.Language.Syntax;

namespace Beamtalk.Language.Tests;

public sealed class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Lex(string source) =>
        [.. Lexer.Tokenize(source).Select(token => (token.Kind, token.Text))];

    [Fact]
    public void Identifier_followed_by_colon_is_a_keyword_but_followed_by_colon_equals_is_an_assignment()
    {
        Assert.Equal(
            [
                (TokenKind.Identifier, "x"), (TokenKind.Assign, ":="), (TokenKind.Identifier, "a"),
                (TokenKind.Keyword, "at:"), (TokenKind.Integer, "1"), (TokenKind.EndOfInput, ""),
            ],
            Lex("x:=a at:1"));
    }

    [Fact]
    public void Period_after_an_integer_ends_the_statement_instead_of_starting_a_fraction()
    {
        Assert.Equal(
            [(TokenKind.Integer, "1"), (TokenKind.Period, "."), (TokenKind.Float, "2.5"), (TokenKind.EndOfInput, "")],
            Lex("1. 2.5"));
    }

    [Fact]
    public void Floats_take_an_exponent_and_integers_keep_arbitrary_precision()
    {
        var tokens = Lexer.Tokenize("1.5e3 2e-2 123456789012345678901234567890");

        Assert.Equal(1500.0, tokens[0].FloatValue);
        Assert.Equal(0.02, tokens[1].FloatValue);
        Assert.Equal(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), tokens[2].IntegerValue);
    }

    [Fact]
    public void Comment_runs_to_the_end_of_the_line_and_the_next_token_starts_a_line()
    {
        var tokens = Lexer.Tokenize("1 // ignored \"text\" #(\n2");

        Assert.Equal([TokenKind.Integer, TokenKind.Integer, TokenKind.EndOfInput], tokens.Select(t => t.Kind));
        Assert.False(tokens[0].StartsLine);
        Assert.True(tokens[1].StartsLine);
    }

    [Fact]
    public void String_escapes_decode_quote_backslash_newline_and_tab()
    {
        var token = Lexer.Tokenize("\"a \\\"q\\\" b\\\\c\\nd\\te\"")[0];

        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal("a \"q\" b\\c\nd\te", token.Text);
    }

    [Fact]
    public void Doubled_quote_inside_a_string_is_a_quote_as_upstream_writes_it()
    {
        Assert.Equal("say \"hi\"", Lexer.Tokenize("\"say \"\"hi\"\"\"")[0].Text);
    }

    [Fact]
    public void Symbols_cover_names_keyword_selectors_and_operators()
    {
        Assert.Equal(
            [(TokenKind.Symbol, "foo"), (TokenKind.Symbol, "at:put:"), (TokenKind.Symbol, "++"), (TokenKind.Symbol, "-"), (TokenKind.EndOfInput, "")],
            Lex("#foo #at:put: #++ #-"));
    }

    [Fact]
    public void Minus_is_always_its_own_token_so_double_minus_means_minus_a_negative()
    {
        Assert.Equal(
            [(TokenKind.Integer, "3"), (TokenKind.BinaryOperator, "-"), (TokenKind.BinaryOperator, "-"), (TokenKind.Integer, "4"), (TokenKind.EndOfInput, "")],
            Lex("3--4"));
    }

    [Fact]
    public void Operator_characters_join_into_one_binary_selector()
    {
        Assert.Equal(
            [(TokenKind.BinaryOperator, "++"), (TokenKind.BinaryOperator, "<="), (TokenKind.BinaryOperator, "~="), (TokenKind.EndOfInput, "")],
            Lex("++ <= ~="));
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        var tokens = Lexer.Tokenize("x\n  foo: 3");

        Assert.Equal(new SourcePosition(2, 3, 4), tokens[1].Position);
        Assert.Equal("2:8", tokens[2].Position.ToString());
    }

    [Theory]
    [InlineData("x := \"open", "1:6", "unterminated string")]
    [InlineData("\"bad \\q escape\"", "1:6", "unknown escape")]
    [InlineData("1 $ 2", "1:3", "unexpected character '$'")]
    [InlineData("# foo", "1:1", "after '#'")]
    [InlineData("1e999", "1:1", "out of range")]
    public void Lexical_errors_are_syntax_errors_at_the_offending_position(string source, string position, string detail)
    {
        var failure = Assert.Throws<BeamtalkException>(() => Lexer.Tokenize(source));

        Assert.Equal(ErrorKinds.SyntaxError, failure.Kind);
        Assert.StartsWith($"syntax_error: {position}: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(detail, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_literal_longer_than_the_digit_cap_is_rejected_before_parsing_it()
    {
        var failure = Assert.Throws<BeamtalkException>(() => Lexer.Tokenize(new string('9', 5000)));

        Assert.Contains("digits", failure.Message, StringComparison.Ordinal);
    }
}
