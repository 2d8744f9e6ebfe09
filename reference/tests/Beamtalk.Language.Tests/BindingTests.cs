namespace Beamtalk.Language.Tests;

public sealed class BindingTests
{
    [Fact]
    public void Bindings_persist_across_evaluations_in_one_session()
    {
        var repl = new Repl();

        Assert.Equal("42", repl.Value("answer := 42"));
        Assert.Equal("43", repl.Value("answer + 1"));
        repl.Value("answer := answer * 2");
        Assert.Equal("84", repl.Value("answer"));
    }

    [Fact]
    public void Sessions_do_not_share_bindings()
    {
        var first = new Repl();
        var second = new Repl();
        first.Value("secret := 1");

        Assert.Equal(ErrorKinds.UndefinedVariable, second.Error("secret").Kind);
    }

    [Fact]
    public void Bindings_made_before_a_failing_statement_are_kept()
    {
        var repl = new Repl();

        Assert.Equal(ErrorKinds.ZeroDivide, repl.Error("kept := 1. 1 / 0. lost := 2").Kind);
        Assert.Equal("1", repl.Value("kept"));
        Assert.Equal(ErrorKinds.UndefinedVariable, repl.Error("lost").Kind);
    }

    [Fact]
    public void Source_with_a_syntax_error_runs_nothing()
    {
        var repl = new Repl();

        var result = repl.Run("early := 1. Transcript show: \"ran\". )");

        Assert.Equal(ErrorKinds.SyntaxError, result.Error!.Kind);
        Assert.Equal("", result.Output);
        Assert.Equal(ErrorKinds.UndefinedVariable, repl.Error("early").Kind);
    }

    [Fact]
    public void Undefined_variable_error_names_the_variable_and_its_position()
    {
        var error = new Repl().Error("1 + missing");

        Assert.Equal("undefined_variable: 1:5: missing is not defined", error.Message);
    }

    [Fact]
    public void Globals_cannot_be_reassigned()
    {
        var repl = new Repl();

        Assert.Equal(ErrorKinds.InvalidAssignment, repl.Error("File := 3").Kind);
        Assert.Equal("File", repl.Value("File"));
    }

    [Fact]
    public void Block_parameter_may_shadow_a_global_inside_the_block()
    {
        Assert.Equal("5", new Repl().Value("[:File | File] value: 5"));
    }

    [Theory]
    [InlineData("true := 1")]
    [InlineData("nil := 1")]
    [InlineData("[:self | self]")]
    public void Reserved_names_cannot_be_bound(string source)
    {
        Assert.Equal(ErrorKinds.SyntaxError, new Repl().Error(source).Kind);
    }

    [Fact]
    public void Empty_source_answers_nil()
    {
        var repl = new Repl();

        Assert.Equal("nil", repl.Value(""));
        Assert.Equal("nil", repl.Value("  // only a comment\n"));
    }
}
