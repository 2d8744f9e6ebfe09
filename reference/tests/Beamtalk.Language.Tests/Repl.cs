namespace Beamtalk.Language.Tests;

/// <summary>A session under test, with assertions that name what a REPL user would see.</summary>
internal sealed class Repl
{
    private readonly Session _session;

    public Repl(SessionOptions? options = null, IWorkspaceControl? workspace = null)
    {
        _session = new Session(options ?? new SessionOptions(), workspace);
    }

    public EvalResult Run(string code) => _session.Evaluate(code, TestContext.Current.CancellationToken);

    /// <summary>Class definitions, as the <c>load-source</c> op sends them.</summary>
    public EvalResult Load(string source) => _session.LoadSource(source, TestContext.Current.CancellationToken);

    /// <summary>The program as the compiler process would hand it over, decoded and run.</summary>
    public EvalResult Run(Compilation.CompiledProgram program) => _session.Evaluate(program, TestContext.Current.CancellationToken);

    /// <summary>The printed value; fails the test if evaluation failed.</summary>
    public string Value(string code)
    {
        var result = Run(code);
        Assert.True(result.Succeeded, $"expected success for {code}, got {result.Error?.Message}");
        Assert.Null(result.Error);
        return result.Value!;
    }

    /// <summary>The error; fails the test if evaluation succeeded.</summary>
    public EvalError Error(string code)
    {
        var result = Run(code);
        Assert.False(result.Succeeded, $"expected failure for {code}, got {result.Value}");
        Assert.Null(result.Value);
        return result.Error!;
    }
}
