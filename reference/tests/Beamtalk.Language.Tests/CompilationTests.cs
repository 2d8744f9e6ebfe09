using Beamtalk.Language.Compilation;

namespace Beamtalk.Language.Tests;

/// <summary>The encoded program the compiler process sends must run exactly as the source would.</summary>
public sealed class CompilationTests
{
    public static TheoryData<string> Sources =>
    [
        "1 + 2",
        "x := 3. y := x * 4. y - 1",
        "#(1 $a \"two\" #three (4 5) true false nil 2.5) printString",
        "[:a :b | a + b] value: 1 value: 2",
        "n := 0. 3 timesRepeat: [n := n + 1]. n",
        "Transcript show: \"hi\"; show: \"there\". 7",
        "(1 > 2) ifTrue: [\"yes\"] ifFalse: [\"no\"]",
        "123456789012345678901234567890 * 98765432109876543210",
        "-4.25e3 abs",
        "#sym",
    ];

    [Theory, MemberData(nameof(Sources))]
    public void A_decoded_program_evaluates_like_its_source(string source)
    {
        var direct = new Session(new SessionOptions()).Evaluate(source, CancellationToken.None);
        var compiled = SourceCompiler.Compile(source, new SessionOptions());

        var decoded = compiled.Program is { } program
            ? new Session(new SessionOptions()).Evaluate(CompiledProgram.Decode(program), CancellationToken.None)
            : new EvalResult(false, null, string.Empty, compiled.Error);

        Assert.Equal(direct, decoded);
    }

    [Fact]
    public void Syntax_errors_come_back_from_the_compiler_with_their_position()
    {
        var compiled = SourceCompiler.Compile("1 +", new SessionOptions());

        Assert.Null(compiled.Program);
        Assert.Equal(ErrorKinds.SyntaxError, compiled.Error?.Kind);
        Assert.Contains("1:4", compiled.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_nested_deeper_than_the_codec_carries_is_a_depth_limit()
    {
        var compiled = SourceCompiler.Compile("1" + string.Concat(Enumerable.Repeat(" + 1", 5_000)), new SessionOptions());

        Assert.Equal(ErrorKinds.DepthLimit, compiled.Error?.Kind);
    }

    [Fact]
    public void Bytes_that_are_not_a_program_are_refused()
    {
        Assert.Throws<FormatException>(() => CompiledProgram.Decode("[[\"bogus\",1,1,0]]"u8.ToArray()));
        Assert.Throws<FormatException>(() => CompiledProgram.Decode("not json"u8.ToArray()));
    }
}
