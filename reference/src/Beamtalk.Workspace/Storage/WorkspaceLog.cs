using System.Text.Json;

namespace Beamtalk.Workspace.Storage;

/// <summary>
/// workspace.log: one JSON object per line, owner-only. Callers pass typed, non-secret fields;
/// there is deliberately no way to log a raw client message.
/// </summary>
public sealed class WorkspaceLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public WorkspaceLog(string path, TimeProvider clock)
    {
        _writer = new StreamWriter(OwnerOnlyFile.OpenAppend(path)) { AutoFlush = true };
        _clock = clock;
    }

    public void Write(LogEvent logEvent, params (string Name, object? Value)[] fields)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ts"] = _clock.GetUtcNow().ToString("O"),
            ["level"] = logEvent.Level,
            ["event"] = logEvent.Name,
            ["event_id"] = logEvent.Id,
        };
        foreach (var (name, value) in fields)
        {
            entry[name] = value;
        }

        var line = JsonSerializer.Serialize(entry);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>A log event with a stable ID. 1000s transport, 1100s auth, 1200s REPL.</summary>
public sealed record LogEvent(int Id, string Name, string Level)
{
    // Transport. Next free: 1006.
    public static readonly LogEvent ServerStarted = new(1000, "server_started", "info");
    public static readonly LogEvent ServerStopping = new(1001, "server_stopping", "info");
    public static readonly LogEvent ConnectionOpened = new(1002, "connection_opened", "info");
    public static readonly LogEvent ConnectionClosed = new(1003, "connection_closed", "info");
    public static readonly LogEvent NetworkBindWarning = new(1004, "network_bind_warning", "warning");
    public static readonly LogEvent UpgradeRefused = new(1005, "upgrade_refused", "warning");

    // Authentication. Next free: 1104.
    public static readonly LogEvent AuthSucceeded = new(1100, "auth_succeeded", "info");
    public static readonly LogEvent AuthFailed = new(1101, "auth_failed", "warning");
    public static readonly LogEvent PrivilegedOpRefused = new(1102, "privileged_op_refused", "warning");
    public static readonly LogEvent CookieRotated = new(1103, "cookie_rotated", "info");

    // REPL. Next free: 1205.
    public static readonly LogEvent SessionStarted = new(1200, "session_started", "info");
    public static readonly LogEvent SessionEnded = new(1201, "session_ended", "info");
    public static readonly LogEvent ConnectionFault = new(1202, "connection_fault", "error");
    public static readonly LogEvent CompilerStarted = new(1203, "compiler_started", "info");
    public static readonly LogEvent CompilerStopped = new(1204, "compiler_stopped", "warning");

    // HTTP client. Next free: 1301.
    public static readonly LogEvent HttpTestTrust = new(1300, "http_test_trust", "warning");
}
