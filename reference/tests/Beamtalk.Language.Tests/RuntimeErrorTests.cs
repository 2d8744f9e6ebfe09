namespace Beamtalk.Language.Tests;

public sealed class RuntimeErrorTests
{
    private readonly Repl _repl = new();

    [Fact]
    public void Unknown_message_is_does_not_understand_naming_class_and_selector()
    {
        var error = _repl.Error("3 frobnicate");

        Assert.Equal(ErrorKinds.DoesNotUnderstand, error.Kind);
        Assert.Equal("does_not_understand: Integer does not understand #frobnicate", error.Message);
    }

    [Fact]
    public void Unknown_globals_are_undefined_and_unimplemented_file_messages_are_not_understood()
    {
        Assert.Equal(ErrorKinds.UndefinedVariable, _repl.Error("Frobnicator get: \"https://localhost/\"").Kind);
        Assert.Equal("does_not_understand: File does not understand #frobnicate:", _repl.Error("File frobnicate: \"/x\"").Message);
    }

    [Fact]
    public void Nil_does_not_understand_arithmetic()
    {
        Assert.Equal("does_not_understand: UndefinedObject does not understand #+", _repl.Error("nil + 1").Message);
    }

    [Fact]
    public void Division_by_zero_is_zero_divide()
    {
        Assert.Equal(ErrorKinds.ZeroDivide, _repl.Error("1 / 0").Kind);
        Assert.Equal(ErrorKinds.ZeroDivide, _repl.Error("1.5 / 0.0").Kind);
    }

    [Fact]
    public void Float_overflow_is_an_arithmetic_error()
    {
        Assert.Equal(ErrorKinds.ArithmeticError, _repl.Error("1.0e308 * 10").Kind);
    }

    [Fact]
    public void Argument_of_the_wrong_type_is_a_type_error()
    {
        Assert.Equal("type_error: Integer>>+ expects a Number, got String", _repl.Error("1 + \"2\"").Message);
        Assert.Equal("type_error: String>>++ expects a String, got Integer", _repl.Error("\"a\" ++ 1").Message);
    }

    [Fact]
    public void Array_index_outside_the_array_is_index_out_of_bounds()
    {
        Assert.Equal("index_out_of_bounds: index 4 is outside 1..3", _repl.Error("#(1 2 3) at: 4").Message);
        Assert.Equal(ErrorKinds.IndexOutOfBounds, _repl.Error("#(1 2 3) at: 0").Kind);
    }

    [Fact]
    public void Output_produced_before_an_error_is_still_returned()
    {
        var result = _repl.Run("Transcript show: \"before\". 1 / 0. Transcript show: \"after\"");

        Assert.False(result.Succeeded);
        Assert.Equal("before", result.Output);
    }
}
