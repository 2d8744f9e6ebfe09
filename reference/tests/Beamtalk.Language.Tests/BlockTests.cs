namespace Beamtalk.Language.Tests;

public sealed class BlockTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Block_with_parameters_answers_its_last_statement()
    {
        Assert.Equal("4", _repl.Value("[:x | x + 1] value: 3"));
        Assert.Equal("7", _repl.Value("[:a :b | a. b. a + b] value: 3 value: 4"));
    }

    [Fact]
    public void Block_without_parameters_runs_its_statements_on_value()
    {
        Assert.Equal("\"done\"", _repl.Value("[Transcript show: \"x\". \"done\"] value"));
    }

    [Fact]
    public void Empty_block_answers_nil()
    {
        Assert.Equal("nil", _repl.Value("[] value"));
        Assert.Equal("nil", _repl.Value("[:x | ] value: 1"));
    }

    [Fact]
    public void Block_prints_as_a_Block_and_reports_its_arity()
    {
        Assert.Equal("a Block", _repl.Value("[:x | x]"));
        Assert.Equal("2", _repl.Value("[:x :y | x] numArgs"));
    }

    [Fact]
    public void Block_closes_over_session_variables_and_can_update_them()
    {
        _repl.Value("count := 0");
        _repl.Value("increment := [count := count + 1]");
        _repl.Value("increment value. increment value");

        Assert.Equal("2", _repl.Value("count"));
    }

    [Fact]
    public void Names_first_assigned_inside_a_block_stay_inside_it()
    {
        Assert.Equal("5", _repl.Value("[scratch := 5. scratch] value"));
        Assert.Equal(ErrorKinds.UndefinedVariable, _repl.Error("scratch").Kind);
    }

    [Fact]
    public void Each_call_gets_its_own_parameters()
    {
        _repl.Value("adder := [:n | [:x | x + n]]");
        _repl.Value("addTwo := adder value: 2. addTen := adder value: 10");

        Assert.Equal("\"3 11\"", _repl.Value("(addTwo value: 1) printString ++ \" \" ++ (addTen value: 1) printString"));
    }

    [Fact]
    public void Calling_a_block_with_the_wrong_number_of_arguments_is_an_error()
    {
        var error = _repl.Error("[:x | x] value");

        Assert.Equal(ErrorKinds.WrongArgumentCount, error.Kind);
        Assert.Equal("wrong_argument_count: block takes 1 argument(s) but was given 0", error.Message);
    }

    [Fact]
    public void Block_statements_may_be_separated_by_new_lines()
    {
        Assert.Equal("3", _repl.Value("[\n  a := 1\n  b := 2\n  a + b\n] value"));
    }
}
