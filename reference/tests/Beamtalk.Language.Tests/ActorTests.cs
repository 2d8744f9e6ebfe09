namespace Beamtalk.Language.Tests;

public sealed class ActorTests
{
    private readonly Repl _repl = new();

    public ActorTests() => _repl.Load(ClassDefinitionTests.Counter);

    [Fact]
    public void A_counter_actor_handles_sends_and_asks_in_order()
    {
        Assert.Equal("an Actor(Counter)", _repl.Value("a := Counter spawn"));
        _repl.Value("a send: #increment; send: #increment");
        Assert.Equal("3", _repl.Value("a ask: #increment"));
        Assert.Equal("an Actor(Counter)", _repl.Value("Actor spawn: Counter"));
    }

    [Fact]
    public void A_crash_restarts_only_the_crashed_actor_with_fresh_state()
    {
        _repl.Value("a := Counter spawn. b := Counter spawn. a ask: #increment. b ask: #increment. b ask: #increment");
        var crash = _repl.Error("a ask: #boom");
        Assert.Equal(ErrorKinds.ActorCrashed, crash.Kind);
        Assert.Equal(ErrorKinds.ActorCrashed, _repl.Error("a ask: 42").Kind);
        Assert.Equal("0", _repl.Value("a ask: #count"));
        Assert.Equal("2", _repl.Value("a restarts"));
        Assert.Equal("2", _repl.Value("b ask: #count"));
        Assert.Equal("0", _repl.Value("b restarts"));
    }

    [Fact]
    public void A_block_actor_answers_again_after_its_handler_fails()
    {
        _repl.Value("d := Actor spawn: [:m | m * 2]");
        Assert.Equal(ErrorKinds.ActorCrashed, _repl.Error("d ask: nil").Kind);
        Assert.Equal("42", _repl.Value("d ask: 21"));
        Assert.Equal("1", _repl.Value("d restarts"));
    }

    [Fact]
    public void A_runaway_handler_ends_in_a_crash_within_the_eval_limits()
    {
        var repl = new Repl(new SessionOptions { MaxSteps = 10_000 });
        repl.Value("spin := Actor spawn: [:m | [true] whileTrue: []]");
        var crash = repl.Error("spin ask: 1");
        Assert.Equal(ErrorKinds.ActorCrashed, crash.Kind);
        Assert.Contains(ErrorKinds.StepLimit, crash.Message, StringComparison.Ordinal);
        Assert.Equal("3", repl.Value("1 + 2"));
    }

    [Fact]
    public void Without_restarts_a_crashed_actor_stays_down_and_nothing_else_does()
    {
        var repl = new Repl(new SessionOptions { RestartCrashedActors = false });
        repl.Load(ClassDefinitionTests.Counter);
        repl.Value("a := Counter spawn. b := Counter spawn. b ask: #increment");
        Assert.Equal(ErrorKinds.ActorCrashed, repl.Error("a ask: #boom").Kind);
        Assert.Equal(ErrorKinds.ActorDead, repl.Error("a ask: #count").Kind);
        Assert.Equal("1", repl.Value("b ask: #count"));
    }

    [Fact]
    public void Reloading_its_class_changes_a_live_actor_from_its_next_message()
    {
        _repl.Value("a := Counter spawn. a ask: #increment");
        _repl.Load("""
            Object subclass: Counter
              state: count := 0
              increment => self.count := self.count + 100
              count => self.count
            """);
        Assert.Equal("101", _repl.Value("a ask: #increment"));
    }

    [Fact]
    public void Spawn_refuses_what_cannot_handle_a_message()
    {
        Assert.Equal(ErrorKinds.TypeError, _repl.Error("Actor spawn: 3").Kind);
        Assert.Equal(ErrorKinds.TypeError, _repl.Error("Actor spawn: [:a :b | a]").Kind);
    }
}
