using Beamtalk.Language.Compilation;

namespace Beamtalk.Language.Tests;

public sealed class ClassDefinitionTests
{
    internal const string Counter = """
        Object subclass: Counter
          state: count := 0
          increment => self.count := self.count + 1
          count => self.count
        """;

    private readonly Repl _repl = new();

    [Fact]
    public void A_loaded_class_makes_instances_with_their_own_state()
    {
        Assert.Equal("Counter", _repl.Load(Counter).Value);
        Assert.Equal("2", _repl.Value("c := Counter new. c increment; increment; count"));
        Assert.Equal("0", _repl.Value("Counter new count"));
        Assert.Equal("a Counter", _repl.Value("c"));
    }

    [Fact]
    public void Keyword_methods_multi_statement_bodies_and_subclasses()
    {
        var loaded = _repl.Load("""
            Object subclass: Account
              state: balance := 100
              deposit: amount => self.balance := self.balance + amount. self
              balance => self.balance
            Account subclass: Savings
              state: rate := 2
              accrue => self.balance := self.balance * self.rate
                + 1
            """);
        Assert.True(loaded.Succeeded, loaded.Error?.Message);
        Assert.Equal("211", _repl.Value("s := Savings new. (s deposit: 5) accrue. s balance"));
    }

    [Fact]
    public void Redefining_a_class_changes_live_instances_from_their_next_message()
    {
        _repl.Load(Counter);
        Assert.Equal("2", _repl.Value("c := Counter new. c increment; increment; count"));
        _repl.Load("""
            Object subclass: Counter
              state: count := 0
              state: step := 10
              increment => self.count := self.count + self.step
              count => self.count
            """);
        Assert.Equal("12", _repl.Value("c increment; count"));
    }

    [Fact]
    public void Class_definitions_survive_the_compiler_process_encoding()
    {
        var compiled = SourceCompiler.Compile(Counter, new SessionOptions(), SourceKind.ClassDefinitions);
        Assert.True(compiled.Succeeded, compiled.Error?.Message);
        Assert.Equal("Counter", _repl.Run(CompiledProgram.Decode(compiled.Program)).Value);
        Assert.Equal("1", _repl.Value("Counter new increment"));
    }

    [Theory]
    [InlineData("Object subclass: Bad\n  foo => self.x +", "2:18")]
    [InlineData("Object subclass: Bad\n  foo self", "2:7")]
    [InlineData("Object subclass: bad", "1:18")]
    [InlineData("Object subclass: Bad\n  state: 3", "2:10")]
    [InlineData("1 + 2", "1:1")]
    public void Syntax_errors_in_class_definitions_point_at_line_and_column(string source, string position)
    {
        var result = _repl.Load(source);
        Assert.Equal(ErrorKinds.SyntaxError, result.Error?.Kind);
        Assert.Contains(position, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Globals_cannot_be_redefined_and_fields_need_a_method()
    {
        Assert.Equal(ErrorKinds.InvalidAssignment, _repl.Load("Object subclass: File\n  x => 1").Error?.Kind);
        Assert.Equal(ErrorKinds.UndefinedVariable, _repl.Error("self.count").Kind);
        _repl.Load(Counter);
        Assert.Equal(ErrorKinds.DoesNotUnderstand, _repl.Error("Counter new frobnicate").Kind);
    }

    [Fact]
    public void Eval_does_not_accept_class_definitions()
    {
        Assert.Equal(ErrorKinds.UndefinedVariable, _repl.Error("Object subclass: Counter").Kind);
    }
}
