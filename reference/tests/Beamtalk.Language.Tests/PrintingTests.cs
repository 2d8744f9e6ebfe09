namespace Beamtalk.Language.Tests;

public sealed class PrintingTests
{
    private readonly Repl _repl = new();

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("\"hi\"", "\"hi\"")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"")]
    [InlineData("\"a\\\\b\\nc\"", "\"a\\\\b\\nc\"")]
    [InlineData("#foo", "#foo")]
    [InlineData("#at:put:", "#at:put:")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("nil", "nil")]
    [InlineData("0.5", "0.5")]
    [InlineData("3.0", "3.0")]
    [InlineData("1.5e20", "1.5e20")]
    [InlineData("2.5e-7", "2.5e-7")]
    [InlineData("#(1 2 3)", "#(1 2 3)")]
    [InlineData("#()", "#()")]
    [InlineData("#(1 \"two\" #three four true nil (5 6) #(7) -8 9.5)", "#(1 \"two\" #three #four true nil #(5 6) #(7) -8 9.5)")]
    [InlineData("#(1, 2, 3)", "#(1 2 3)")]
    [InlineData("[:x | x]", "a Block")]
    [InlineData("Transcript", "Transcript")]
    [InlineData("File", "File")]
    public void Result_prints_the_way_the_REPL_shows_it(string source, string expected)
    {
        Assert.Equal(expected, _repl.Value(source));
    }

    [Fact]
    public void Integers_have_arbitrary_precision()
    {
        Assert.Equal("100000000000000000000", _repl.Value("10000000000 * 10000000000"));
        Assert.Equal("-9223372036854775809", _repl.Value("-9223372036854775808 - 1"));
    }

    [Fact]
    public void Integer_division_is_exact_when_possible_and_a_float_otherwise()
    {
        Assert.Equal("3", _repl.Value("6 / 2"));
        Assert.Equal("0.5", _repl.Value("1 / 2"));
        Assert.Equal("2.5", _repl.Value("5.0 / 2"));
    }

    [Fact]
    public void Mixed_arithmetic_promotes_to_float()
    {
        Assert.Equal("3.5", _repl.Value("1 + 2.5"));
        Assert.Equal("true", _repl.Value("1 = 1.0"));
        Assert.Equal("true", _repl.Value("1 < 1.5"));
    }

    [Fact]
    public void PrintString_answers_a_string_that_prints_quoted()
    {
        Assert.Equal("\"42\"", _repl.Value("42 printString"));
        Assert.Equal("\"\\\"hi\\\"\"", _repl.Value("\"hi\" printString"));
        Assert.Equal("\"#(1 #a)\"", _repl.Value("#(1 #a) printString"));
    }

    [Fact]
    public void Strings_answer_size_equality_and_concatenation()
    {
        Assert.Equal("5", _repl.Value("\"hello\" size"));
        Assert.Equal("true", _repl.Value("\"ab\" = (\"a\" ++ \"b\")"));
        Assert.Equal("true", _repl.Value("\"ab\" ~= \"ba\""));
        Assert.Equal("false", _repl.Value("\"1\" = 1"));
    }

    [Fact]
    public void Arrays_compare_by_contents()
    {
        Assert.Equal("true", _repl.Value("#(1 #(2 \"x\")) = #(1 #(2 \"x\"))"));
        Assert.Equal("false", _repl.Value("#(1 2) = #(1 2 3)"));
        Assert.Equal("2", _repl.Value("#(1 2) size"));
    }

    [Fact]
    public void Negated_and_comparisons_answer_numbers_and_booleans()
    {
        Assert.Equal("-5", _repl.Value("5 negated"));
        Assert.Equal("true", _repl.Value("3 >= 3"));
        Assert.Equal("false", _repl.Value("3 <= 2"));
        Assert.Equal("true", _repl.Value("3 ~= 4"));
    }
}
