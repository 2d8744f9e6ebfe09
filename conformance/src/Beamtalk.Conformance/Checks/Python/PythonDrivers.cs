using System.Diagnostics;
using Beamtalk.Conformance.Core;
using Beamtalk.Conformance.Observation;
using Beamtalk.Conformance.Scripting;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.Checks.Python;

/// <summary>What an outside observer saw of one probe: its answer, the marker file, and new processes of the host.</summary>
public sealed record ProbeOutcome(PythonProbe Probe, bool Raised, string Answer, bool MarkerExists, IReadOnlyList<int> NewProcesses)
{
    public bool Escaped => MarkerExists || NewProcesses.Count > 0;

    public string Describe() =>
        $"`{Probe.Name}`: {(Raised ? "raised " : Answer == "returned" ? string.Empty : "returned ")}{Tail(Answer)}; marker {(MarkerExists ? "CREATED" : "absent")}; " +
        $"{(NewProcesses.Count == 0 ? "no new process" : $"new processes {string.Join(",", NewProcesses)}")}";

    // The last line of a traceback says what was raised; the rest is noise in a report.
    private static string Tail(string text)
    {
        var line = text.TrimEnd().Split('\n')[^1].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

/// <summary>Runs probes in one sandbox; a fresh marker path per probe, in a folder the check owns.</summary>
public interface IPythonSandboxDriver : IAsyncDisposable
{
    string Describe { get; }

    Task<ProbeOutcome> RunAsync(PythonProbe probe, CancellationToken cancellationToken);
}

/// <summary>Picks the driver a target's <c>pythonSandbox</c> section asks for, or says why none applies.</summary>
public static class PythonSandboxDrivers
{
    /// <param name="options">For the wire driver: how to start the workspace (e.g. without subprocesses).</param>
    public static async Task<IPythonSandboxDriver> OpenAsync(Target target, string requirementId, CancellationToken cancellationToken, InstanceOptions? options = null)
    {
        var sandbox = target.Description.PythonSandbox
            ?? throw CheckEnd.Missing("the target file has no pythonSandbox section: it declares no embedded Python.");
        if (sandbox.Module is not null)
        {
            return PlainPythonDriver.Open(target, sandbox, requirementId);
        }

        CheckContext.RequireProtocol(target);
        return await WireDriver.OpenAsync(target, options, cancellationToken);
    }

    internal static string Unique() => Guid.NewGuid().ToString("N")[..12];
}

/// <summary>Probes sent over the wire as <c>Python exec: "…"</c> to a workspace the check starts; the host is its process.</summary>
internal sealed class WireDriver : IPythonSandboxDriver
{
    private readonly WorkspaceInstance _instance;
    private readonly LanguageSession _session;

    private WireDriver(WorkspaceInstance instance, LanguageSession session)
    {
        _instance = instance;
        _session = session;
    }

    public string Describe => $"over the wire (Python exec:) in workspace pid {_instance.Pid}";

    public static async Task<WireDriver> OpenAsync(Target target, InstanceOptions? options, CancellationToken cancellationToken)
    {
        var instance = target.NewInstance(options);
        try
        {
            await instance.StartAsync(cancellationToken);
            var session = await LanguageSession.OpenAsync(instance, cancellationToken);
            // A session's first evaluation may start the target's own helpers (the reference's compiler daemon):
            // they belong to the baseline, not to the first probe.
            _ = await session.EvalAsync("Python eval: \"None\"", cancellationToken);
            return new WireDriver(instance, session);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public async Task<ProbeOutcome> RunAsync(PythonProbe probe, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(_instance.Home, $"py-{PythonSandboxDrivers.Unique()}");
        var before = ProcessTree.Of(_instance.Pid).ToHashSet();
        var answer = await _session.EvalAsync($"Python exec: {LanguageSession.Quote(probe.For(marker))}", cancellationToken);
        var created = ProcessTree.Of(_instance.Pid).Where(pid => !before.Contains(pid)).ToList();
        return new ProbeOutcome(probe, answer.Failed, answer.Text, File.Exists(marker), created);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _instance.DisposeAsync();
    }
}

/// <summary>
/// "Other sandboxes": the module file is loaded into a plain <c>python3</c> and activated, one fresh interpreter per
/// probe (a probe may tamper with the sandbox). The interpreter reports the probe's outcome on stdout and waits for
/// the kit to look at its process tree before it exits.
/// </summary>
internal sealed class PlainPythonDriver : IPythonSandboxDriver
{
    private const string Runner = """
        import sys, traceback
        sys.path.insert(0, sys.argv[1])
        exec(sys.argv[2], {})
        code = open(sys.argv[3]).read()
        try:
            exec(compile(code, '<probe>', 'exec'), {'__name__': '__probe__'})
            result = 'returned'
        except BaseException:
            result = 'raised ' + traceback.format_exc().replace('\n', '\\n')
        print(result, flush=True)
        sys.stdin.readline()
        """;

    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(60);
    private static readonly string[] Pythons = ["/usr/bin/python3", "/usr/local/bin/python3"];

    private readonly string _python;
    private readonly string _moduleDirectory;
    private readonly string _activate;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beamtalk-py-sandbox-");

    private PlainPythonDriver(string python, string moduleDirectory, string activate)
    {
        _python = python;
        _moduleDirectory = moduleDirectory;
        _activate = activate;
    }

    public string Describe => $"in a plain {_python} with {_moduleDirectory} on sys.path, activated by `{_activate}`";

    /// <summary>
    /// The machine's python3 with nothing activated: every escape probe must escape from it before its refusal by a
    /// sandbox counts, or a probe broken on this Python version would pass for a sandbox that held. Null without python3.
    /// </summary>
    public static PlainPythonDriver? Unprotected() =>
        Pythons.FirstOrDefault(File.Exists) is { } python ? new PlainPythonDriver(python, Path.GetTempPath(), "pass") : null;

    public static PlainPythonDriver Open(Target target, PythonSandbox sandbox, string requirementId)
    {
        var python = Pythons.FirstOrDefault(File.Exists)
            ?? throw Prerequisite.Unavailable("a python3 to load the sandbox module into", "none is installed (make setup installs python3)");

        var module = Path.GetFullPath(sandbox.Module!, target.Description.BaseDirectory ?? Directory.GetCurrentDirectory());
        if (!File.Exists(module))
        {
            throw CheckEnd.Error($"{requirementId}: the pythonSandbox module {module} does not exist.");
        }

        var activate = sandbox.Activate ?? $"import {Path.GetFileNameWithoutExtension(module)}";
        return new PlainPythonDriver(python, Path.GetDirectoryName(module)!, activate);
    }

    public async Task<ProbeOutcome> RunAsync(PythonProbe probe, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(_directory.FullName, $"py-{PythonSandboxDrivers.Unique()}");
        var code = Path.Combine(_directory.FullName, $"probe-{PythonSandboxDrivers.Unique()}.py");
        await File.WriteAllTextAsync(code, probe.For(marker), cancellationToken);
        var start = new ProcessStartInfo(_python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.FullName,
        };
        foreach (var argument in new[] { "-c", Runner, _moduleDirectory, _activate, code })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw CheckEnd.Error($"{_python} could not be started");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ProbeBound);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(bound.Token);
            var line = await process.StandardOutput.ReadLineAsync(bound.Token);
            // The interpreter is still alive and waiting: anything under it now was created by the probe.
            var created = ProcessTree.Of(process.Id).Where(pid => pid != process.Id).ToList();
            process.StandardInput.Close();
            await process.WaitForExitAsync(bound.Token);
            if (line is null)
            {
                // The interpreter ended without reporting: an exec that replaced it, or a crash.
                return new ProbeOutcome(probe, false, $"the interpreter ended without a report (exit {process.ExitCode}): {(await stderr).Trim()}", File.Exists(marker), created);
            }

            var raised = line.StartsWith("raised ", StringComparison.Ordinal);
            return new ProbeOutcome(probe, raised, raised ? line["raised ".Length..].Replace("\\n", "\n", StringComparison.Ordinal) : line, File.Exists(marker), created);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(probe, false, $"no report within {ProbeBound.TotalSeconds} s", File.Exists(marker), []);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
