using System.Diagnostics;
using Beamtalk.Conformance.Observation;

namespace Beamtalk.Conformance.Targets;

/// <summary>What strace saw of the instance: every file creation with its mode, every program start, and a start run under it.</summary>
public sealed partial class WorkspaceInstance
{
    /// <summary>
    /// Every file and folder creation the traced commands made, and every rename; empty when the
    /// instance is not traced.
    /// </summary>
    public (IReadOnlyList<Creation> Creations, IReadOnlyList<(string From, string To, double Time)> Renames) Creations() =>
        _tracer is null ? ([], []) : CreationTrace.Read(_tracer.Directory, StartUmask);

    /// <summary>
    /// The umask the instance's commands start under: the one the check asked for, else the kit's own (inherited).
    /// Every later change (runuser's PAM, the target's own umask() calls) is in the trace.
    /// </summary>
    public UnixFileMode? StartUmask => _umask is { } asked
        ? (UnixFileMode)Convert.ToInt32(asked, 8)
        : UmaskTrace.OfProcess(Environment.ProcessId);

    /// <summary>The workspace process's umask now, from /proc/PID/status: a cross-check for what the trace says; null when not running.</summary>
    public UnixFileMode? WorkspaceUmask() => Pid > 0 ? UmaskTrace.OfProcess(Pid) : null;

    /// <summary>Every open that could change a file's content at its own name, in the traced commands; empty when not traced.</summary>
    public IReadOnlyList<WriteOpen> WriteOpens() =>
        _tracer is null ? [] : WriteTrace.Read(_tracer.Directory);

    /// <summary>
    /// Regular files the traced commands created outside the instance's home that still exist: logs and crash dumps
    /// in /tmp or elsewhere, where a scan of the home never looks. The kit's own folders (trace, working folder) excluded.
    /// </summary>
    public IReadOnlyList<string> FilesCreatedElsewhere()
    {
        if (_tracer is null)
        {
            return [];
        }

        var home = Path.GetFullPath(Home) + Path.DirectorySeparatorChar;
        var trace = Path.GetFullPath(_tracer.Directory) + Path.DirectorySeparatorChar;
        return [.. Creations().Creations
            .Select(c => c.Path)
            .Where(p => p.StartsWith('/') && !p.StartsWith(home, StringComparison.Ordinal) && !p.StartsWith(trace, StringComparison.Ordinal)
                && !p.StartsWith("/dev/", StringComparison.Ordinal) && !p.StartsWith("/proc/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(FileStatus.IsRegularFile)];
    }

    /// <summary>Every program started in the traced commands' process trees, for the whole life of a detached workspace; empty when not traced.</summary>
    public IReadOnlyList<ExecRecord> Execs() =>
        _tracer is null ? [] : [.. _tracer.Execs().Select(e => ExecRecord.Parse(e.Pid, e.Line)).OfType<ExecRecord>()];

    /// <summary>
    /// A detached start under strace: strace keeps following the daemon the command leaves behind,
    /// so the command's end is read from the exit line strace records for it, not from strace's own exit.
    /// </summary>
    private async Task StartTracedAsync(string[] start, SyscallTracer tracer, CancellationToken cancellationToken)
    {
        _tracedStart = await ForegroundProcess.StartAsync(start, _environment, _umask, tracer, WorkingFolder, cancellationToken);
        var deadline = Stopwatch.StartNew();
        int? exitCode = null;
        while (exitCode is null)
        {
            if (deadline.Elapsed > CommandTimeout)
            {
                throw new TargetStartException($"start did not finish within {CommandTimeout.TotalSeconds:0} s under strace (command pid {_tracedStart.Pid}, tracer exited {_tracedStart.HasExited}, command exited {_tracedStart.CommandHasExited}, traces: {string.Join(",", System.IO.Directory.EnumerateFiles(tracer.Directory).Select(Path.GetFileName))}).");
            }

            await Task.Delay(PollInterval, cancellationToken);
            // strace writes the exit line when it reaps the command; a tracer that died first leaves none.
            exitCode = _tracedStart.CommandHasExited ? tracer.ExitCodeOf(_tracedStart.Pid) ?? (_tracedStart.HasExited ? -1 : null) : null;
        }

        if (exitCode != 0)
        {
            throw new TargetStartException($"start failed: {Explain(_tracedStart.Snapshot() with { ExitCode = exitCode.Value })}");
        }
    }
}
