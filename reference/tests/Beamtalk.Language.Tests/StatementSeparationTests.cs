namespace Beamtalk.Language.Tests;

public sealed class StatementSeparationTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Last_statement_is_the_result()
    {
        Assert.Equal("3", _repl.Value("1. 2. 3"));
        Assert.Equal("3", _repl.Value("1. 2. 3."));
    }

    [Fact]
    public void New_line_separates_statements_like_a_period()
    {
        Assert.Equal("2", _repl.Value("x := 1\ny := x + 1\ny"));
    }

    [Fact]
    public void Name_at_the_start_of_a_line_starts_a_new_statement_rather_than_a_unary_send()
    {
        Assert.Equal("5", _repl.Value("a := 5\na"));
    }

    [Fact]
    public void Keyword_on_the_next_line_continues_the_message()
    {
        var source = """
            x := 3
            x > 2
              ifTrue: ["big"]
              ifFalse: ["small"]
            """;

        Assert.Equal("\"big\"", _repl.Value(source));
    }

    [Fact]
    public void Binary_operator_on_the_next_line_continues_the_expression()
    {
        Assert.Equal("6", _repl.Value("1 +\n2\n+ 3"));
    }

    [Fact]
    public void Line_breaks_inside_parentheses_never_end_a_statement()
    {
        Assert.Equal("-3", _repl.Value("(3\nnegated)"));
    }

    [Fact]
    public void Two_statements_on_one_line_need_a_period()
    {
        var error = _repl.Error("x := 1 y := 2");

        Assert.Equal(ErrorKinds.SyntaxError, error.Kind);
        Assert.StartsWith("syntax_error: 1:10:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_line_endings_work_like_new_lines()
    {
        Assert.Equal("2", _repl.Value("x := 1\r\nx + 1\r\n"));
    }
}
