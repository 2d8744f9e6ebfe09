namespace Beamtalk.Language.Tests;

public sealed class PrecedenceTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Unary_sends_bind_tighter_than_binary_sends()
    {
        Assert.Equal("-1", _repl.Value("3 negated + 2"));
    }

    [Fact]
    public void Binary_sends_bind_tighter_than_keyword_sends()
    {
        Assert.Equal("30", _repl.Value("#(10 20 30) at: 1 + 2"));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_as_in_upstream_beamtalk()
    {
        Assert.Equal("14", _repl.Value("2 + 3 * 4"));
        Assert.Equal("20", _repl.Value("(2 + 3) * 4"));
    }

    [Fact]
    public void Operators_of_one_tier_associate_to_the_left()
    {
        Assert.Equal("5", _repl.Value("10 - 3 - 2"));
        Assert.Equal("2", _repl.Value("12 / 3 / 2"));
    }

    [Fact]
    public void Comparison_binds_looser_than_arithmetic_and_equality_loosest()
    {
        Assert.Equal("true", _repl.Value("1 + 1 < 3"));
        Assert.Equal("true", _repl.Value("1 < 2 = true"));
    }

    [Fact]
    public void Concatenation_chains_with_unary_printString_on_each_operand()
    {
        Assert.Equal("\"a1b\"", _repl.Value("\"a\" ++ 1 printString ++ \"b\""));
    }

    [Fact]
    public void Keyword_message_collects_all_its_keyword_parts_into_one_selector()
    {
        Assert.Equal("\"yes\"", _repl.Value("1 < 2 ifTrue: [\"yes\"] ifFalse: [\"no\"]"));
    }

    [Fact]
    public void Parentheses_make_a_keyword_send_an_argument()
    {
        Assert.Equal("\"small\"", _repl.Value("(#(1 2) at: 1) = 1 ifTrue: [\"small\"] ifFalse: [\"big\"]"));
    }

    [Fact]
    public void Minus_touching_a_digit_in_operand_position_is_a_negative_literal()
    {
        Assert.Equal("7", _repl.Value("3 - -4"));
        Assert.Equal("7", _repl.Value("3--4"));
        Assert.Equal("-1", _repl.Value("3 -4"));
        Assert.Equal("-2.5", _repl.Value("x := -2.5"));
    }

    [Fact]
    public void Assignment_takes_the_whole_expression_and_chains_to_the_right()
    {
        Assert.Equal("7", _repl.Value("a := b := 3 + 4"));
        Assert.Equal("14", _repl.Value("a + b"));
    }
}
