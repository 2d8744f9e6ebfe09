namespace Beamtalk.Language.Globals.Python;

/// <summary>
/// Which audit events the embedded Python refuses, and the message it refuses them with. The host is a
/// multi-threaded runtime, so the whole fork/exec family is refused (erlang_python security guide), together with
/// the paths that raise no process event: ctypes symbol lookup of process-creating libc functions and subinterpreter
/// creation. <c>_posixsubprocess</c> is replaced at start-up instead (see <see cref="HostModule"/>), because a
/// built-in module can be re-created through <c>_imp.create_builtin</c> without any audit event.
/// </summary>
internal static class AuditPolicy
{
    // Events CPython raises right before creating or replacing a process (3.11 audit events table).
    private static readonly Dictionary<string, string> ProcessEvents = new(StringComparer.Ordinal)
    {
        ["os.fork"] = "os.fork",
        ["os.forkpty"] = "os.forkpty",
        ["os.system"] = "os.system",
        ["os.exec"] = "os.exec*",
        ["os.spawn"] = "os.spawn*",
        ["os.posix_spawn"] = "os.posix_spawn",
        ["os.startfile"] = "os.startfile",
        ["subprocess.Popen"] = "subprocess.Popen",
    };

    // libc entry points that create or replace a process; looking one up through ctypes is refused.
    private static readonly HashSet<string> ProcessSymbols = new(StringComparer.Ordinal)
    {
        "fork", "vfork", "_Fork", "__fork", "__libc_fork", "forkpty", "daemon", "clone", "clone3", "__clone",
        "system", "popen", "syscall", "posix_spawn", "posix_spawnp",
        "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "fexecve", "execveat",
        // Not process creation, but the one C API call that would drop this hook (it ignores a refusal of its own event).
        "_PySys_ClearAuditHooks",
    };

    // Modules whose import would give Python code a way around the hook.
    private static readonly HashSet<string> RefusedImports = new(StringComparer.Ordinal)
    {
        "_xxsubinterpreters", "_xxinterpchannels",
    };

    public const string Alternative = "ask the host instead: beamtalk.run_command(\"...\") runs through System runCommand:";

    public const string Why =
        "fork/exec is not allowed in the embedded Python because its host, the Beamtalk workspace, is multi-threaded: " +
        "a forked child keeps only the calling thread and may hold locks forever, and exec replaces the host";

    /// <summary>The operation an event names, or <c>null</c> if the event may proceed.</summary>
    /// <param name="detail">The event's first string argument that matters: a module name or a symbol name.</param>
    public static string? RefusedOperation(string eventName, string? detail, bool started)
    {
        if (ProcessEvents.TryGetValue(eventName, out var operation))
        {
            return operation;
        }

        return eventName switch
        {
            "ctypes.dlsym" when detail is not null && ProcessSymbols.Contains(detail) => $"ctypes lookup of {detail}",
            "import" when detail is not null && RefusedImports.Contains(detail) => $"import {detail}",
            // The main interpreter is created under this event too; only later ones are subinterpreters.
            "cpython.PyInterpreterState_New" when started => "subinterpreter creation",
            _ => null,
        };
    }

    /// <summary>The RuntimeError text: <c>"&lt;operation&gt; blocked: &lt;why&gt;; &lt;alternative&gt;"</c>.</summary>
    public static string Message(string operation) => $"{operation} blocked: {Why}; {Alternative}";

    /// <summary>Which argument of an event carries the name the policy looks at, if any.</summary>
    public static int? DetailArgument(string eventName) => eventName switch
    {
        "import" => 0,
        "ctypes.dlsym" => 1,
        _ => null,
    };
}
