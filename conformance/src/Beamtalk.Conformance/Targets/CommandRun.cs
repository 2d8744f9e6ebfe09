using System.Diagnostics;
using System.Text;

namespace Beamtalk.Conformance.Targets;

/// <summary>A finished command: what ran, how it ended, and everything it printed.</summary>
public sealed record CommandRun(IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"'{string.Join(' ', Arguments)}' exited {ExitCode}";
}

/// <summary>
/// Runs target commands with a given environment and umask, capturing their output. Output is
/// read to end-of-file, so a command that leaves a daemon holding its pipes would hang: the kit
/// reports that as a start failure once the timeout passes.
/// </summary>
internal static class CommandRunner
{
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? umask)
    {
        // umask is per process, so it is set in a one-line shell just before exec'ing the target's program.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(umask is null ? "exec \"$@\"" : $"umask {umask} && exec \"$@\"");
        start.ArgumentList.Add("sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<CommandRun> RunAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string? umask,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(arguments, environment, umask) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandRun(arguments, 127, string.Empty, $"cannot start: {e.Message}");
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return new CommandRun(arguments, process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new CommandRun(arguments, -1, string.Empty, $"timed out after {timeout.TotalSeconds:0} s");
        }
    }
}

/// <summary>A long-running foreground command whose output is collected while it runs.</summary>
internal sealed class ForegroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly IReadOnlyList<string> _arguments;

    public ForegroundProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? umask)
    {
        _arguments = arguments;
        _process = new Process { StartInfo = CommandRunner.StartInfo(arguments, environment, umask) };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public async Task<CommandRun> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Observation.Posix.Kill(_process.Id, Observation.Posix.SigTerm);
            using var deadline = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        else
        {
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        return Snapshot();
    }

    public CommandRun Snapshot()
    {
        lock (_output)
        {
            return new CommandRun(_arguments, _process.HasExited ? _process.ExitCode : -1, _output.ToString(), _error.ToString());
        }
    }

    public void Dispose() => _process.Dispose();

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
