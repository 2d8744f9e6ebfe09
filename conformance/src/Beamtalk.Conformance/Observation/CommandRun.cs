using System.Diagnostics;
using System.Text;

namespace Beamtalk.Conformance.Observation;

/// <summary>A finished command: what ran, how it ended, and everything it printed.</summary>
public sealed record CommandRun(IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"'{string.Join(' ', Arguments)}' exited {ExitCode}";
}

/// <summary>Runs target commands with a given environment and umask, capturing their output.</summary>
internal static class CommandRunner
{
    private const string DotnetDiagnosticsVariable = "DOTNET_EnableDiagnostics";

    /// <summary>
    /// Turns off the .NET runtime's debugger and diagnostics endpoints in a process the kit starts, unless whoever ran
    /// the kit chose otherwise: each .NET process opens a socket and two pipes in /tmp (dotnet-diagnostic-*,
    /// clr-debug-pipe-*) that only a clean exit removes, and the kit kills the processes it starts by design.
    /// </summary>
    public static void WithoutDiagnosticEndpoints(IDictionary<string, string?> environment) =>
        environment.TryAdd(DotnetDiagnosticsVariable, "0");

    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? umask, IReadOnlyList<string>? prefix = null, string? workingDirectory = null)
    {
        // umask is per process, so it is set in a one-line shell just before exec'ing the target's
        // program; a prefix (strace) goes in front of that shell and so sees everything after it.
        prefix ??= [];
        var start = new ProcessStartInfo(prefix.Count > 0 ? prefix[0] : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        if (prefix.Count > 0)
        {
            foreach (var word in prefix.Skip(1))
            {
                start.ArgumentList.Add(word);
            }

            start.ArgumentList.Add("/bin/sh");
        }

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

    /// <summary>
    /// Runs a command to completion. Both the wait for exit and the wait for its output are bounded:
    /// a background process the command leaves holding its stdout cannot stall the kit.
    /// </summary>
    public static async Task<CommandRun> RunAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string? umask,
        SyscallTracer? tracer,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        ForegroundProcess process;
        try
        {
            process = await ForegroundProcess.StartAsync(arguments, environment, umask, tracer, workingDirectory, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandRun(arguments, 127, string.Empty, $"cannot start: {e.Message}");
        }

        using (process)
        {
            if (await process.WaitForExitAsync(timeout, cancellationToken))
            {
                return process.Snapshot();
            }

            process.Kill();
            var run = process.Snapshot();
            return run with { ExitCode = -1, StandardError = $"{run.StandardError}(kit: timed out after {timeout.TotalSeconds:0} s and was killed)\n" };
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
    private readonly SyscallTracer? _tracer;
    private int? _commandPid;
    private bool _outputHeldOpen;

    private ForegroundProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? umask, SyscallTracer? tracer, string? workingDirectory)
    {
        _arguments = arguments;
        _tracer = tracer;
        _process = new Process { StartInfo = CommandRunner.StartInfo(arguments, environment, umask, tracer?.Prefix, workingDirectory) };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The command's own pid: under a tracer, the tracer's child rather than the tracer.</summary>
    public int Pid => _commandPid ?? _process.Id;

    /// <summary>Starts the command; under a tracer, waits (bounded) until the tracer has started it, so <see cref="Pid"/> is the command's.</summary>
    public static async Task<ForegroundProcess> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, string? umask, SyscallTracer? tracer, string? workingDirectory, CancellationToken cancellationToken)
    {
        var process = new ForegroundProcess(arguments, environment, umask, tracer, workingDirectory);
        var deadline = Stopwatch.StartNew();
        while (tracer is not null && process._commandPid is null && !process._process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            process._commandPid = process.TracedChild();
            if (process._commandPid is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            }
        }

        return process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the command itself (not a tracer around it) has ended.</summary>
    public bool CommandHasExited => _process.HasExited || (_commandPid is { } pid && !Observation.ProcessTree.IsAlive(pid));

    public async Task<CommandRun> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            // Signal the command, not a tracer around it: the tracer exits once the command has.
            _ = Observation.Posix.Kill(Pid, Observation.Posix.SigTerm);
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
            var note = _outputHeldOpen ? "(kit: stopped reading: a background process kept this command's output open after it exited)\n" : string.Empty;
            return new CommandRun(_arguments, _process.HasExited ? _process.ExitCode : -1, _output.ToString(), _error + note);
        }
    }

    /// <summary>Waits (bounded) for the process to exit, then (bounded) for the rest of its output.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }

        // The parameterless wait also waits for end-of-file on the redirected streams.
        var drained = Task.Run(_process.WaitForExit, cancellationToken);
        _outputHeldOpen = await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)) != drained;
        return true;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose() => _process.Dispose();

    private int? TracedChild()
    {
        try
        {
            var children = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).Where(_tracer!.Traces).Cast<int?>().FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

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
