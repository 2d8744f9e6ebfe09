using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>The target could not be created, started or stopped; the message carries the commands' output.</summary>
public sealed class TargetStartException(string message) : Exception(message);

/// <summary>
/// One workspace of a target, in a temporary home that is deleted on dispose. Every process it
/// starts carries a unique environment marker; cleanup stops only processes carrying it.
/// </summary>
public sealed partial class WorkspaceInstance : IAsyncDisposable
{
    public const string MarkerVariable = "BEAMTALK_CONFORMANCE_INSTANCE";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly Target _target;
    private readonly string _marker;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly string? _umask;
    private readonly List<CommandRun> _commands = [];
    private readonly List<ForegroundProcess> _racers = [];
    private readonly SyscallTracer? _tracer;
    private readonly IReadOnlyList<string> _startCommand;
    private readonly OsUser? _runAs;
    private readonly ReachablePrograms? _programs;
    private ForegroundProcess? _foreground;
    private ForegroundProcess? _tracedStart;
    private bool _created;
    private bool _startAttempted;

    internal WorkspaceInstance(
        Target target,
        string home,
        string name,
        string workspaceDirectory,
        string workingFolder,
        string marker,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyDictionary<string, string> values,
        string? umask,
        SyscallTracer? tracer,
        IReadOnlyList<string> startCommand,
        OsUser? runAs)
    {
        _runAs = runAs;
        _programs = runAs is null ? null : new ReachablePrograms(runAs, home);
        _tracer = tracer;
        _startCommand = startCommand;
        _target = target;
        Home = home;
        Name = name;
        WorkspaceDirectory = workspaceDirectory;
        WorkingFolder = workingFolder;
        _marker = marker;
        _environment = environment;
        _values = values;
        _umask = umask;
    }

    public string Home { get; }

    public string Name { get; }

    public string WorkspaceDirectory { get; }

    /// <summary>
    /// Where every command of the target runs: a folder inside <see cref="Home"/>, so what a command writes beside
    /// itself (a crash dump such as erl_crash.dump, a stray log) is read by the leak checks and removed with the home,
    /// never left in the kit's own folder; and a folder a throw-away user can enter when the kit's own is 0700.
    /// </summary>
    public string WorkingFolder { get; }

    public string CookiePath => InWorkspace(_target.Description.Layout.Cookie);

    /// <summary>The files a client reads to find the workspace and decide to send it the cookie: the port and pid files, as far as declared.</summary>
    public IReadOnlyList<string> DiscoveryFiles =>
        [.. new[] { _target.Description.Layout.PortFile, _target.Description.Layout.PidFile }.OfType<string>().Select(InWorkspace)];

    public int Port { get; private set; }

    /// <summary>The pid the target reports for its workspace (pid file, or the foreground process).</summary>
    public int Pid { get; private set; }

    public bool IsRunning { get; private set; }

    /// <summary>Every command run so far, with its output: evidence for leak checks.</summary>
    public IReadOnlyList<CommandRun> Commands
    {
        get
        {
            lock (_commands)
            {
                IEnumerable<ForegroundProcess?> live = [_tracedStart, _foreground, .. _racers];
                return [.. _commands, .. live.OfType<ForegroundProcess>().Select(p => p.Snapshot())];
            }
        }
    }

    /// <summary>Every file under the instance's home except the cookie itself: declared or not, a file is somewhere a secret can end up.</summary>
    public IReadOnlyList<string> FilesBesidesCookie() =>
        [.. Directory.EnumerateFiles(Home, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => f != CookiePath)];

    /// <summary>Files the target writes besides the cookie (logs, metadata), as declared in its layout, that exist now.</summary>
    public IReadOnlyList<string> OutputFiles =>
        [.. (_target.Description.Layout.Outputs ?? []).Select(InWorkspace).Where(File.Exists)];

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        if (_created || _target.Description.Commands.Create is not { } create)
        {
            _created = true;
            return;
        }

        var run = await RunAsync(create, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new TargetStartException($"create failed: {Explain(run)}");
        }

        _created = true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CreateAsync(cancellationToken);
        if (_startAttempted && _target.Description.Layout.PortFile is { } portFile)
        {
            // A restart: the previous run's port file would make a workspace that never starts look ready.
            File.Delete(InWorkspace(portFile));
        }

        _startAttempted = true;
        var start = Expand(_startCommand);
        if (_target.Description.StartMode == StartMode.Foreground)
        {
            _foreground = await ForegroundProcess.StartAsync(start, _environment, _umask, _tracer, WorkingFolder, cancellationToken);
        }
        else if (_tracer is not null)
        {
            await StartTracedAsync(start, _tracer, cancellationToken);
        }
        else
        {
            var run = await RunAsync(_startCommand, cancellationToken);
            if (run.ExitCode != 0)
            {
                throw new TargetStartException($"start failed: {Explain(run)}");
            }
        }

        await WaitUntilReadyAsync(cancellationToken);
        IsRunning = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        IsRunning = false;
        if (_foreground is not null)
        {
            var run = await _foreground.StopAsync(TimeSpan.FromSeconds(10));
            lock (_commands)
            {
                _commands.Add(run);
            }

            _foreground.Dispose();
            _foreground = null;
            return;
        }

        var stop = await RunAsync(_target.Description.Commands.Stop!, cancellationToken);
        if (stop.ExitCode != 0)
        {
            throw new TargetStartException($"stop failed: {Explain(stop)}");
        }
    }

    /// <summary>Runs the target's rotate command; null when it declares none.</summary>
    public async Task<CommandRun?> RotateAsync(CancellationToken cancellationToken) =>
        _target.Description.Commands.Rotate is { } rotate ? await RunAsync(rotate, cancellationToken) : null;

    /// <summary>Runs the target's exercise commands (status, list, eval...) so their output can be inspected.</summary>
    public async Task<IReadOnlyList<CommandRun>> ExerciseAsync(CancellationToken cancellationToken)
    {
        var runs = new List<CommandRun>();
        foreach (var command in _target.Description.Commands.Exercise ?? [])
        {
            runs.Add(await RunAsync(command, cancellationToken));
        }

        return runs;
    }

    /// <summary>The cookie as a client of the target reads it: the file's content, trimmed.</summary>
    public string ReadCookie()
    {
        var cookie = File.ReadAllText(CookiePath).Trim();
        _target.Cookies.Remember(cookie);
        return cookie;
    }

    /// <summary>The target's process tree: descendants of the reported pid, and anything else carrying this instance's marker.</summary>
    public IReadOnlyList<int> Processes() =>
        [.. (Pid > 0 ? ProcessTree.Of(Pid) : []).Union(ProcessTree.Carrying(_marker)).Order()];

    public string Canary(string path, string token) =>
        (_target.Description.Canary ?? throw new InvalidOperationException($"Target '{_target.Name}' has no canary."))
            .Replace("{path}", path, StringComparison.Ordinal)
            .Replace("{token}", token, StringComparison.Ordinal);

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<Listener> lastSeen = [];
        while (deadline.Elapsed < _target.Description.ReadyTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_foreground is { HasExited: true })
            {
                throw new TargetStartException($"the workspace exited before it was ready: {Explain(_foreground.Snapshot())}");
            }

            if (ReadPid() is { } pid && ProcessTree.IsAlive(pid) && ReadPort(pid, ref lastSeen) is { } port)
            {
                Port = port;
                Pid = pid;
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        var waitedFor = _target.Description.Layout.PortFile is { } portFile
            ? $"publish a port file ({InWorkspace(portFile)})"
            : lastSeen.Count == 0
            ? "listen on a TCP port (layout.portFile is absent, so the port is found among the listening sockets of its processes)"
            : $"listen on exactly one TCP port (its processes listen on {string.Join(", ", lastSeen)}; name the REPL's in layout.portFile)";
        throw new TargetStartException(
            $"the workspace did not {waitedFor} and a live pid within {_target.Description.ReadyTimeout.TotalSeconds:0} s.");
    }

    private int? ReadPort(int pid, ref IReadOnlyList<Listener> seen)
    {
        if (_target.Description.Layout.PortFile is not { } portFile)
        {
            seen = DiscoverPort(pid, out var discovered);
            return discovered;
        }

        try
        {
            var first = File.ReadLines(InWorkspace(portFile)).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Without a port file: the one TCP port the workspace's processes listen on (the pid's tree and everything
    /// carrying this instance's marker, so a helper it started counts and a stranger on the host never does). Several
    /// ports are not guessed between: the target file must say which.
    /// </summary>
    private List<Listener> DiscoverPort(int pid, out int? port)
    {
        var family = ProcessTree.Of(pid).Union(ProcessTree.Carrying(_marker));
        var tcp = SocketTable.ListenersOf(family).Where(l => l.Kind == SocketKind.Tcp && l.Endpoint is not null).ToList();
        var ports = tcp.Select(l => l.Endpoint!.Port).Distinct().ToList();
        port = ports.Count == 1 ? ports[0] : null;
        return tcp;
    }

    /// <summary>The pid file may hold a bare number or a JSON object with a "pid" field (node.info).</summary>
    private int? ReadPid()
    {
        if (_target.Description.Layout.PidFile is not { } pidFile)
        {
            return _foreground?.Pid;
        }

        try
        {
            var text = File.ReadAllText(InWorkspace(pidFile)).Trim();
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
            {
                return bare;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("pid", out var pid) && pid.TryGetInt32(out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs one of the target's commands; a traced instance traces every command, from create to stop.</summary>
    private async Task<CommandRun> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var run = await CommandRunner.RunAsync(Expand(command), _environment, _umask, _tracer, CommandTimeout, cancellationToken, WorkingFolder);
        lock (_commands)
        {
            _commands.Add(run);
        }

        return run;
    }

    private string[] Expand(IReadOnlyList<string> command) =>
        [.. RunAsPrefix, .. command.Select(word => Placeholders.Expand(word, _values)).Select(word => _programs?.Map(word) ?? word)];

    /// <summary>
    /// runuser resets HOME to the user's own (absent) home, and may start the command elsewhere than the working folder
    /// it was given; env gives the command the instance's home back and enters the instance's working folder again.
    /// </summary>
    private IEnumerable<string> RunAsPrefix => _runAs is null ? [] : [.. _runAs.Prefix, "env", $"--chdir={WorkingFolder}", $"HOME={Home}"];

    /// <summary>A layout path: placeholders expanded (the target file was checked for unknown ones when loaded), then relative to the workspace folder.</summary>
    private string InWorkspace(string relative)
    {
        var path = Placeholders.Expand(relative, _values);
        return Path.IsPathRooted(path) ? path : Path.Combine(WorkspaceDirectory, path);
    }

    /// <summary>A command's output for a failure message, with any spelling of the cookie replaced by its fingerprint.</summary>
    private string Explain(CommandRun run) =>
        Redact($"{run.Describe()}\n--- stdout ---\n{Truncate(run.StandardOutput)}\n--- stderr ---\n{Truncate(run.StandardError)}");

    /// <summary>Removes the cookie, in every spelling, from text the kit is about to print.</summary>
    public string Redact(string text)
    {
        try
        {
            if (File.Exists(CookiePath))
            {
                ReadCookie();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: whatever was read before is still in the registry.
        }

        return _target.Cookies.Redact(text);
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "\n(truncated)";
}
