namespace Beamtalk.Language.Tests;

public sealed class SyntaxErrorTests
{
    private readonly Repl _repl = new();

    [Theory]
    [InlineData("(1 + 2", "1:7: expected ')' to close '(' at 1:1, found end of input")]
    [InlineData("x := [:a | a\n  + 1", "2:6: expected ']' to close '[' at 1:6, found end of input")]
    [InlineData("#(1 2", "1:6: expected ')' to close '#(' at 1:1, found end of input")]
    [InlineData("1 +", "1:4: expected an expression, found end of input")]
    [InlineData("3 + )", "1:5: expected an expression, found ')'")]
    [InlineData("[:x x]", "1:5: expected '|' after the block parameters, found 'x'")]
    [InlineData("[:x :x | x]", "1:6: duplicate block parameter 'x'")]
    [InlineData("x := 1\n  y := \"unterminated", "2:8: unterminated string literal")]
    [InlineData("#(1 [2])", "1:5: expected a literal inside a literal array, found '['")]
    [InlineData("a foo: 1 bar: := 2", "1:15: expected an expression, found ':='")]
    public void Syntax_error_message_gives_line_column_and_what_was_expected(string source, string detail)
    {
        var error = _repl.Error(source);

        Assert.Equal(ErrorKinds.SyntaxError, error.Kind);
        Assert.Equal($"syntax_error: {detail}", error.Message);
    }

    [Fact]
    public void Session_keeps_working_after_a_syntax_error()
    {
        _repl.Error("(((");

        Assert.Equal("2", _repl.Value("1 + 1"));
    }
}
