namespace Beamtalk.Language.Tests;

/// <summary>
/// The embedded CPython and its C-level sandbox, seen from a session. Every escape attempt would create a marker
/// file; its absence (not only the error text) is what shows the call was refused.
/// </summary>
public sealed class PythonTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-python-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Marker => Path.Combine(_directory.FullName, "escaped");

    [Fact]
    public void An_expression_answers_its_value()
    {
        Assert.Equal("45", new Repl().Value("Python eval: \"sum(range(10))\""));
    }

    [Fact]
    public void Exec_bindings_persist_and_printed_output_joins_the_eval_output()
    {
        var repl = new Repl();

        repl.Value("Python exec: \"x = 20\nprint('hello')\"");
        var result = repl.Run("Python eval: \"x + 1\"");

        Assert.Equal("21", result.Value);
        Assert.Equal("hello\n", repl.Run("Python exec: \"print('hello')\"").Output);
    }

    [Fact]
    public void A_python_exception_is_an_error_with_its_traceback()
    {
        var error = new Repl().Error("Python eval: \"1/0\"");

        Assert.Equal(ErrorKinds.PythonError, error.Kind);
        Assert.Contains("ZeroDivisionError", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import os; os.system('touch {0}')", "os.system blocked")]
    [InlineData("import subprocess; subprocess.run(['touch', '{0}'])", "subprocess.Popen blocked")]
    [InlineData("import os; os.posix_spawn('/usr/bin/touch', ['touch', '{0}'], dict())", "os.posix_spawn blocked")]
    [InlineData("import ctypes; ctypes.CDLL(None).system(b'touch {0}')", "ctypes lookup of system blocked")]
    [InlineData("import _imp, importlib.machinery as m; p = _imp.create_builtin(m.ModuleSpec('_posixsubprocess', m.BuiltinImporter)); p.fork_exec()", "_posixsubprocess.fork_exec blocked")]
    [InlineData("import _xxsubinterpreters", "import _xxsubinterpreters blocked")]
    public void A_process_creating_call_is_refused_and_runs_nothing(string code, string expected)
    {
        var error = new Repl().Error($"Python exec: \"{string.Format(System.Globalization.CultureInfo.InvariantCulture, code, Marker)}\"");

        Assert.Equal(ErrorKinds.PythonError, error.Kind);
        Assert.True(error.Message.Contains($"RuntimeError: {expected}: fork/exec is not allowed", StringComparison.Ordinal), error.Message);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public void Is_sandboxed_stays_true_after_a_reload()
    {
        var repl = new Repl();

        repl.Value("Python exec: \"import importlib, beamtalk, sys\ntry:\n    importlib.reload(beamtalk)\nexcept Exception:\n    pass\nsys.modules.pop('beamtalk')\"");

        Assert.Equal("true", repl.Value("Python eval: \"__import__('beamtalk').is_sandboxed()\""));
    }

    [Fact]
    public void Run_command_goes_through_system_run_command_and_obeys_no_subprocess()
    {
        Assert.Equal("\"hi\\n\"", new Repl().Value("Python eval: \"__import__('beamtalk').run_command('echo hi')\""));

        var error = new Repl(new SessionOptions { SubprocessesAllowed = false })
            .Error($"Python eval: \"__import__('beamtalk').run_command('touch {Marker}')\"");
        Assert.Contains("--no-subprocess", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker));
    }
}
