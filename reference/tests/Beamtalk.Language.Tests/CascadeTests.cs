namespace Beamtalk.Language.Tests;

public sealed class CascadeTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Cascade_sends_every_message_to_the_first_receiver()
    {
        var result = _repl.Run("Transcript show: \"a\"; show: \"b\"; cr; show: \"c\"");

        Assert.True(result.Succeeded);
        Assert.Equal("ab\nc", result.Output);
        Assert.Equal("Transcript", result.Value);
    }

    [Fact]
    public void Cascade_receiver_is_the_receiver_of_the_last_message_not_the_whole_chain()
    {
        // "3 + 4; * 10" sends + and * to 3: the value is 3 * 10.
        Assert.Equal("30", _repl.Value("3 + 4; * 10"));
        Assert.Equal("5", _repl.Value("5 negated abs; negated"));
    }

    [Fact]
    public void Cascade_value_is_the_value_of_its_last_part()
    {
        Assert.Equal("3", _repl.Value("#(1 2 3) at: 1; at: 2; size"));
    }

    [Fact]
    public void Cascade_part_may_chain_further_sends_on_its_answer()
    {
        Assert.Equal("6", _repl.Value("#(1 2 3) at: 1; size * 2"));
    }

    [Fact]
    public void Cascade_part_may_start_on_the_next_line()
    {
        var result = _repl.Run("Transcript show: \"a\"\n  ; show: \"b\"\n  ;\n  cr");

        Assert.Equal("ab\n", result.Output);
    }

    [Fact]
    public void Nested_cascade_inside_an_argument_keeps_its_own_receiver()
    {
        var result = _repl.Run("Transcript show: (#(10 20) at: 1; at: 2) printString; show: \"!\"");

        Assert.Equal("20!", result.Output);
    }

    [Fact]
    public void Cascade_without_a_message_send_is_a_syntax_error()
    {
        Assert.Equal(ErrorKinds.SyntaxError, _repl.Error("3; negated").Kind);
        Assert.Equal(ErrorKinds.SyntaxError, _repl.Error("3 negated;").Kind);
        Assert.Equal(ErrorKinds.SyntaxError, _repl.Error("(3 negated); abs").Kind);
    }
}
