namespace Beamtalk.Conformance.Checks.Python;

/// <summary>
/// One attempt to create a process from sandboxed Python. <c>{marker}</c> is a path the escaped child would create
/// (it only writes that file and <c>_exit(0)</c>s, or runs <c>touch</c>), so an escape is harmless and visible.
/// </summary>
/// <param name="Operation">A word the refusal must name (PY-BLOCKED), such as <c>fork</c>.</param>
public sealed record PythonProbe(string Name, string Operation, string Code)
{
    public string For(string marker) => Code.Replace("{marker}", marker.Replace("'", "\\'", StringComparison.Ordinal), StringComparison.Ordinal);
}

/// <summary>
/// The probe set every driver runs: the documented block list (PY-BLOCKED), the twelve leaks measured against a
/// Python-level hook (PY-UNREMOVABLE, PY-NO-EVENT-PATHS) and the status after a reload (PY-STATUS).
/// </summary>
public static class PythonProbes
{
    // In the child of a fork that escaped: leave the marker and leave at once, running nothing of the host.
    private const string Child = "os.close(os.open('{marker}', os.O_CREAT | os.O_WRONLY, 0o600)); os._exit(0)";

    private const string Touch = "['/usr/bin/touch', '{marker}']";

    public static IReadOnlyList<PythonProbe> Blocked { get; } =
    [
        new("os.fork", "fork", $"import os\npid = os.fork()\nif pid == 0:\n    {Child}\nos.waitpid(pid, 0)"),
        new("os.forkpty", "forkpty", $"import os\npid, fd = os.forkpty()\nif pid == 0:\n    {Child}\nos.waitpid(pid, 0)"),
        new("os.system", "system", "import os\nos.system('/usr/bin/touch {marker}')"),
        new("os.popen", "Popen", "import os\nos.popen('/usr/bin/touch {marker}').read()"),
        new("os.execv", "exec", $"import os\nos.execv('/usr/bin/touch', {Touch})"),
        new("os.spawnv", "spawn", $"import os\nos.spawnv(os.P_WAIT, '/usr/bin/touch', {Touch})"),
        new("os.posix_spawn", "posix_spawn", $"import os\nos.waitpid(os.posix_spawn('/usr/bin/touch', {Touch}, dict(os.environ)), 0)"),
        new("os.posix_spawnp", "posix_spawn", $"import os\nos.waitpid(os.posix_spawnp('touch', {Touch}, dict(os.environ)), 0)"),
        new("subprocess.Popen", "Popen", $"import subprocess\nsubprocess.Popen({Touch}).wait()"),
        new("subprocess.run", "Popen", $"import subprocess\nsubprocess.run({Touch})"),
        new("subprocess.call", "Popen", $"import subprocess\nsubprocess.call({Touch})"),
    ];

    public static IReadOnlyList<PythonProbe> Unremovable { get; } =
    [
        new("rewrite the hook module's block lists", "system", """
            import os, sys
            for m in list(sys.modules.values()):
                for k, v in list(getattr(m, '__dict__', {}).items()):
                    if isinstance(v, (set, frozenset, list, tuple, dict)) and not isinstance(v, str):
                        try:
                            if 'os.system' in v: setattr(m, k, type(v)())
                        except Exception: pass
            os.system('/usr/bin/touch {marker}')
            """),
        new("replace the hook function's code", "system", """
            import os, sys, types
            def allow(event, args): return None
            for m in list(sys.modules.values()):
                for v in list(getattr(m, '__dict__', {}).values()):
                    if isinstance(v, types.FunctionType) and v.__code__.co_argcount == 2 and any(s in v.__name__ for s in ('hook', 'audit')):
                        try: v.__code__ = allow.__code__
                        except Exception: pass
            os.system('/usr/bin/touch {marker}')
            """),
        new("monkeypatch sys.audit before subprocess raises its event", "Popen", $"import sys\nsys.audit = lambda *a: None\nimport subprocess\nsubprocess.run({Touch})"),
        new("run in a subinterpreter", "subinterpreter", """
            import _xxsubinterpreters as interpreters
            interpreters.run_string(interpreters.create(), "import os; os.system('/usr/bin/touch {marker}')")
            """),
        new("clear the hook list through the C API", "_PySys_ClearAuditHooks", """
            import ctypes, os
            api = ctypes.pythonapi
            api.PyThreadState_Get.restype = ctypes.c_void_p
            api._PySys_ClearAuditHooks.argtypes = [ctypes.c_void_p]
            api._PySys_ClearAuditHooks(api.PyThreadState_Get())
            os.system('/usr/bin/touch {marker}')
            """),
    ];

    public static IReadOnlyList<PythonProbe> NoEventPaths { get; } =
    [
        new("ctypes fork", "fork", $"import ctypes, os\npid = ctypes.CDLL(None).fork()\nif pid == 0:\n    {Child}\nos.waitpid(pid, 0)"),
        new("ctypes system", "system", "import ctypes\nctypes.CDLL(None).system(b'/usr/bin/touch {marker}')"),
        new("ctypes execv", "exec", "import ctypes\nargv = (ctypes.c_char_p * 3)(b'/usr/bin/touch', b'{marker}', None)\nctypes.CDLL(None).execv(b'/usr/bin/touch', argv)"),
        new("_posixsubprocess.fork_exec", "fork_exec", """
            import _posixsubprocess, os
            r, w = os.pipe()
            pid = _posixsubprocess.fork_exec([b'/usr/bin/touch', b'{marker}'], [b'/usr/bin/touch'], True, (w,), None, None,
                -1, -1, -1, -1, -1, -1, r, w, False, False, -1, None, None, None, -1, None)
            os.waitpid(pid, 0)
            """),
        new("multiprocessing spawn", "fork_exec", """
            import multiprocessing, os
            p = multiprocessing.get_context('spawn').Process(target=os.open, args=('{marker}', os.O_CREAT | os.O_WRONLY))
            p.start(); p.join(30)
            """),
        new("multiprocessing forkserver", "fork_exec", """
            import multiprocessing, os
            p = multiprocessing.get_context('forkserver').Process(target=os.open, args=('{marker}', os.O_CREAT | os.O_WRONLY))
            p.start(); p.join(30)
            """),
    ];

    /// <summary>Reloads every module that offers <c>is_sandboxed</c>, then reports the status and tries a blocked call.</summary>
    public static PythonProbe Status(string statusExpression) => new("is_sandboxed() after a reload", "system", $$"""
        import importlib, os, sys
        for m in [m for m in list(sys.modules.values()) if hasattr(m, 'is_sandboxed') and getattr(m, '__spec__', None)]:
            try: importlib.reload(m)
            except Exception: pass
        status = bool({{statusExpression}})
        try:
            os.system('/usr/bin/touch {marker}')
            blocked = False
        except RuntimeError:
            blocked = True
        raise ValueError('bt-status=%s bt-blocked=%s' % (status, blocked))
        """);

    /// <summary>Asks the host to run <c>touch {marker}</c> through the sandbox's own alternative.</summary>
    public static PythonProbe Alternative(string alternativeExpression) => new(
        "the host's alternative", "run_command",
        alternativeExpression.Replace("{command}", "'/usr/bin/touch {marker}'", StringComparison.Ordinal));
}
