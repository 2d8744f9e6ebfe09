namespace Beamtalk.Language.Tests;

public sealed class TranscriptTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Show_appends_to_the_evaluations_output_and_answers_Transcript()
    {
        var result = _repl.Run("Transcript show: \"hello\"");

        Assert.True(result.Succeeded);
        Assert.Equal("hello", result.Output);
        Assert.Equal("Transcript", result.Value);
    }

    [Fact]
    public void Output_belongs_to_one_evaluation()
    {
        _repl.Run("Transcript show: \"first\"");

        Assert.Equal("second", _repl.Run("Transcript show: \"second\"").Output);
        Assert.Equal("", _repl.Run("1 + 1").Output);
    }

    [Fact]
    public void Show_of_a_non_string_shows_its_printString_and_symbols_show_their_name()
    {
        Assert.Equal("42 #(1 2) sym", _repl.Run("Transcript show: 42; show: \" \"; show: #(1 2); show: \" \"; show: #sym").Output);
    }
}
