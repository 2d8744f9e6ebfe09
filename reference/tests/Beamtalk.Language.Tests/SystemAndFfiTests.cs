namespace Beamtalk.Language.Tests;

/// <summary>System and the Erlang look-alike: the capabilities ADR 0058 2d and 2e accept, and --no-subprocess.</summary>
public sealed class SystemAndFfiTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-system-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Run_command_answers_the_output_of_a_shell_command_line()
    {
        var repl = new Repl();

        Assert.Equal("Result ok: \"a b\\n\"", repl.Value("System runCommand: \"echo a b\""));
    }

    [Fact]
    public void A_failing_command_is_an_error_with_its_exit_status()
    {
        var error = new Repl().Error("System runCommand: \"exit 3\"");

        Assert.Equal(ErrorKinds.CommandFailed, error.Kind);
        Assert.Contains("exit status 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_subprocesses_run_command_refuses_and_runs_nothing_while_the_ffi_still_runs()
    {
        var repl = new Repl(new SessionOptions { SubprocessesAllowed = false });
        var refused = Path.Combine(_directory.FullName, "refused");
        var bypass = Path.Combine(_directory.FullName, "bypass");

        var error = repl.Error($"System runCommand: \"touch {refused}\"");
        repl.Value($"Erlang os cmd: \"touch {bypass}\"");

        Assert.Equal(ErrorKinds.SubprocessDisabled, error.Kind);
        Assert.False(File.Exists(refused));
        Assert.True(File.Exists(bypass));
    }

    [Fact]
    public void The_ffi_reads_files_and_the_environment_with_erlang_shaped_answers()
    {
        var path = Path.Combine(_directory.FullName, "f.txt");
        File.WriteAllText(path, "hi");
        var repl = new Repl();

        Assert.Equal("#(#ok \"hi\")", repl.Value($"Erlang file read_file: \"{path}\""));
        Assert.Equal("#(#error #enoent)", repl.Value($"Erlang file read_file: \"{path}.missing\""));
        Assert.Equal("false", repl.Value("Erlang os getenv: \"BEAMTALK_SURELY_UNSET_VARIABLE\""));
        Assert.Equal("nil", repl.Value("System getEnv: \"BEAMTALK_SURELY_UNSET_VARIABLE\""));
        Assert.Equal(ErrorKinds.Undefined, repl.Error("Erlang lists reverse: #(1 2)").Kind);
    }
}
