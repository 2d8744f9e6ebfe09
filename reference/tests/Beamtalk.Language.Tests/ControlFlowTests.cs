namespace Beamtalk.Language.Tests;

public sealed class ControlFlowTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void IfTrue_runs_its_block_only_when_the_receiver_is_true()
    {
        Assert.Equal("1", _repl.Value("true ifTrue: [1]"));
        Assert.Equal("nil", _repl.Value("false ifTrue: [1]"));
        Assert.Equal("2", _repl.Value("false ifFalse: [2]"));
        Assert.Equal("nil", _repl.Value("true ifFalse: [2]"));
    }

    [Fact]
    public void IfTrue_ifFalse_runs_exactly_one_branch()
    {
        var result = _repl.Run("3 > 2 ifTrue: [Transcript show: \"then\"] ifFalse: [Transcript show: \"else\"]");

        Assert.Equal("then", result.Output);
        Assert.Equal("\"b\"", _repl.Value("3 < 2 ifTrue: [\"a\"] ifFalse: [\"b\"]"));
    }

    [Fact]
    public void And_or_short_circuit()
    {
        Assert.Equal("false", _repl.Value("false and: [Transcript show: \"never\". true]"));
        Assert.Equal("true", _repl.Value("true or: [undefinedName]"));
        Assert.Equal("true", _repl.Value("(1 < 2) and: [2 < 3]"));
        Assert.Equal("false", _repl.Value("true not"));
    }

    [Fact]
    public void WhileTrue_repeats_until_its_condition_answers_false()
    {
        Assert.Equal("10", _repl.Value("i := 0. [i < 10] whileTrue: [i := i + 1]. i"));
        Assert.Equal("nil", _repl.Value("[false] whileTrue: []"));
        Assert.Equal("0", _repl.Value("[i <= 0] whileFalse: [i := i - 1]. i"));
    }

    [Fact]
    public void WhileTrue_condition_must_answer_a_boolean()
    {
        Assert.Equal(ErrorKinds.TypeError, _repl.Error("[1] whileTrue: []").Kind);
    }

    [Fact]
    public void TimesRepeat_runs_the_block_that_many_times()
    {
        var result = _repl.Run("3 timesRepeat: [Transcript show: \"ab\"]");

        Assert.Equal("ababab", result.Output);
        Assert.Equal("3", result.Value);
        Assert.Equal("", _repl.Run("0 timesRepeat: [Transcript show: \"x\"]").Output);
    }

    [Fact]
    public void To_do_counts_inclusively()
    {
        Assert.Equal("15", _repl.Value("sum := 0. 1 to: 5 do: [:k | sum := sum + k]. sum"));
    }

    [Fact]
    public void Do_visits_array_elements_in_order()
    {
        var result = _repl.Run("#(1 \"two\" #three) do: [:each | Transcript show: each printString; show: \" \"]");

        Assert.Equal("1 \"two\" #three ", result.Output);
        Assert.Equal("#(1 \"two\" #three)", result.Value);
    }

    [Fact]
    public void Collect_answers_a_new_array_of_block_results()
    {
        Assert.Equal("#(2 4 6)", _repl.Value("#(1 2 3) collect: [:x | x * 2]"));
    }

    [Fact]
    public void Conditional_argument_must_be_a_block()
    {
        var error = _repl.Error("true ifTrue: 3");

        Assert.Equal(ErrorKinds.TypeError, error.Kind);
        Assert.Equal("type_error: True>>ifTrue: expects a Block, got Integer", error.Message);
    }
}
