namespace Beamtalk.Language.Tests;

public sealed class ResourceLimitTests
{
    [Fact]
    public void Infinite_loop_stops_with_step_limit()
    {
        var repl = new Repl(new SessionOptions { MaxSteps = 10_000 });

        var error = repl.Error("[true] whileTrue: []");

        Assert.Equal(ErrorKinds.StepLimit, error.Kind);
        Assert.Equal("step_limit: evaluation exceeded 10000 steps", error.Message);
    }

    [Fact]
    public void Infinite_loop_stops_with_step_limit_under_the_default_budget()
    {
        Assert.Equal(ErrorKinds.StepLimit, new Repl().Error("[true] whileTrue: []").Kind);
    }

    [Fact]
    public void Step_budget_is_per_evaluation_not_per_session()
    {
        var repl = new Repl(new SessionOptions { MaxSteps = 1_000 });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("nil", repl.Value("n := 0. [n < 100] whileTrue: [n := n + 1]"));
        }
    }

    [Theory]
    [InlineData("(")]
    [InlineData("[")]
    [InlineData("#(")]
    [InlineData("x := ")]
    public void Hundred_thousand_nested_openers_are_a_syntax_error_not_a_crash(string opener)
    {
        var source = string.Concat(Enumerable.Repeat(opener, 100_000)) + "1";

        var error = new Repl().Error(source);

        Assert.Equal(ErrorKinds.SyntaxError, error.Kind);
        Assert.Contains("nested deeper than 256 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses_and_evaluates()
    {
        var source = new string('(', 200) + "1" + new string(')', 200);

        Assert.Equal("1", new Repl().Value(source));
    }

    [Fact]
    public void Unbounded_recursion_through_a_block_stops_with_depth_limit()
    {
        var repl = new Repl();
        repl.Value("recurse := nil. recurse := [:n | recurse value: n + 1]");

        var error = repl.Error("recurse value: 0");

        Assert.Equal(ErrorKinds.DepthLimit, error.Kind);
        Assert.Equal("2", repl.Value("1 + 1"));
    }

    [Fact]
    public void Bounded_recursion_within_the_depth_limit_completes()
    {
        var repl = new Repl();
        repl.Value("sum := nil. sum := [:n | n = 0 ifTrue: [0] ifFalse: [n + (sum value: n - 1)]]");

        Assert.Equal("5050", repl.Value("sum value: 100"));
    }

    [Fact]
    public void Very_long_binary_chain_stops_with_depth_limit_rather_than_overflowing_the_stack()
    {
        var source = "1" + string.Concat(Enumerable.Repeat(" + 1", 100_000));

        Assert.Equal(ErrorKinds.DepthLimit, new Repl().Error(source).Kind);
    }

    [Fact]
    public void Doubling_a_string_stops_with_memory_limit()
    {
        var repl = new Repl(new SessionOptions { MaxStringLength = 1_000_000 });

        var error = repl.Error("s := \"x\". [true] whileTrue: [s := s ++ s]");

        Assert.Equal(ErrorKinds.MemoryLimit, error.Kind);
    }

    [Fact]
    public void Repeated_squaring_stops_with_memory_limit()
    {
        var error = new Repl().Error("n := 3. [true] whileTrue: [n := n * n]");

        Assert.Equal(ErrorKinds.MemoryLimit, error.Kind);
    }

    [Fact]
    public void Transcript_flood_stops_with_memory_limit()
    {
        var repl = new Repl(new SessionOptions { MaxOutputLength = 100 });

        var result = repl.Run("[true] whileTrue: [Transcript show: \"0123456789\"]");

        Assert.Equal(ErrorKinds.MemoryLimit, result.Error!.Kind);
        Assert.Equal(100, result.Output.Length);
    }

    [Fact]
    public void Array_nested_thousands_deep_prints_and_compares_without_recursing()
    {
        var repl = new Repl();
        repl.Value("nest := [:depth | a := #(1). depth timesRepeat: [a := #(0) collect: [:x | a]]. a]");

        var printed = repl.Value("nest value: 5000");

        // "#(1)" wrapped 5000 times in "#(" … ")".
        Assert.Equal(4 + (3 * 5000), printed.Length);
        Assert.StartsWith("#(#(#(", printed, StringComparison.Ordinal);
        Assert.Equal("true", repl.Value("(nest value: 5000) = (nest value: 5000)"));
        Assert.Equal("false", repl.Value("(nest value: 5000) = (nest value: 4999)"));
    }

    [Fact]
    public void Printing_past_the_string_limit_stops_with_memory_limit()
    {
        var repl = new Repl(new SessionOptions { MaxStringLength = 1_000 });
        repl.Value("a := #(1). 5000 timesRepeat: [a := #(0) collect: [:x | a]]");

        Assert.Equal(ErrorKinds.MemoryLimit, repl.Error("a").Kind);
        Assert.Equal(ErrorKinds.MemoryLimit, repl.Error("a printString").Kind);
    }

    [Fact]
    public void Already_cancelled_token_stops_before_anything_runs()
    {
        var session = new Session(new SessionOptions());
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = session.Evaluate("Transcript show: \"ran\"", cancellation.Token);

        Assert.Equal(ErrorKinds.Cancelled, result.Error!.Kind);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Cancelling_during_a_loop_stops_it_with_cancelled()
    {
        var session = new Session(new SessionOptions { MaxSteps = long.MaxValue });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));

        var result = session.Evaluate("[true] whileTrue: []", cancellation.Token);

        Assert.Equal(ErrorKinds.Cancelled, result.Error!.Kind);
    }

    [Fact]
    public void Limits_that_would_disable_a_bound_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionOptions { MaxSteps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionOptions { MaxSyntaxNesting = -1 });
    }
}
