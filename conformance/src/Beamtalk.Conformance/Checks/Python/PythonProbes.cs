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
        // The list sys.addaudithook appends to hangs off the interpreter state and is invisible to gc; find it by
        // scanning that state for a pointer to a list of callables, reading through /proc/self/mem so a stray
        // pointer costs an EIO, not a crash, and clear it. Works on every CPython from 3.8 on, no private symbol needed.
        new("clear the interpreter's hook list through ctypes", "audit_hooks", """
            import ctypes, os, struct
            api = ctypes.pythonapi
            api.PyInterpreterState_Get.restype = ctypes.c_void_p
            interp = api.PyInterpreterState_Get()
            mem = os.open('/proc/self/mem', os.O_RDONLY)
            def read(address, size):
                if not 4096 < address < (1 << 47): return b''
                try: return os.pread(mem, size, address)
                except OSError: return b''
            def is_object(address):
                header = read(address, 16)
                if len(header) != 16: return False
                refs, kind = struct.unpack('<qQ', header)
                kind_header = read(kind, 16)
                return 0 < refs < 1 << 32 and len(kind_header) == 16 and struct.unpack('<qQ', kind_header)[1] == id(type)
            def as_list(address):
                header = read(address, 40)
                if len(header) != 40: return None
                refs, kind, size, items, allocated = struct.unpack('<qQqQq', header)
                if kind != id(list) or not 0 < refs < 1 << 32 or not 0 < size <= allocated < 1024: return None
                pointers = read(items, 8 * size)
                if len(pointers) != 8 * size or not all(is_object(p) for (p,) in struct.iter_unpack('<Q', pointers)): return None
                return ctypes.cast(address, ctypes.py_object).value
            def takes_event_and_args(h):
                code = getattr(h, '__code__', None) or getattr(getattr(h, '__func__', None), '__code__', None)
                return code is not None and code.co_argcount - (1 if hasattr(h, '__func__') else 0) == 2
            for page in range(0, 1 << 20, 4096):
                chunk = read(interp + page, 4096)
                if not chunk: break
                for (word,) in struct.iter_unpack('<Q', chunk):
                    hooks = as_list(word)
                    if hooks and all(callable(h) for h in hooks) and any(takes_event_and_args(h) for h in hooks):
                        hooks.clear()
            os.close(mem)
            os.system('/usr/bin/touch {marker}')
            """),
    ];

    public static IReadOnlyList<PythonProbe> NoEventPaths { get; } =
    [
        new("ctypes fork", "fork", $"import ctypes, os\npid = ctypes.CDLL(None).fork()\nif pid == 0:\n    {Child}\nos.waitpid(pid, 0)"),
        new("ctypes system", "system", "import ctypes\nctypes.CDLL(None).system(b'/usr/bin/touch {marker}')"),
        new("ctypes execv", "exec", "import ctypes\nargv = (ctypes.c_char_p * 3)(b'/usr/bin/touch', b'{marker}', None)\nctypes.CDLL(None).execv(b'/usr/bin/touch', argv)"),
        // fork_exec's parameters change with every CPython minor version; the running interpreter's own subprocess
        // module says which it takes, so the call is built from that call site rather than from one version's list.
        new("_posixsubprocess.fork_exec", "fork_exec", """
            import _posixsubprocess, ast, inspect, os, subprocess, textwrap
            r, w = os.pipe()
            known = dict(args=[b'/usr/bin/touch', b'{marker}'], executable_list=[b'/usr/bin/touch'], close_fds=True, fds_to_keep=(w,),
                pass_fds=(w,), cwd=None, env_list=None, env=None, p2cread=-1, p2cwrite=-1, c2pread=-1, c2pwrite=-1, errread=-1, errwrite=-1,
                errpipe_read=r, errpipe_write=w, restore_signals=False, start_new_session=False, call_setsid=False, process_group=-1,
                pgid_to_set=-1, gid=None, gids=None, extra_groups=None, uid=None, umask=-1, child_umask=-1, preexec_fn=None,
                _USE_VFORK=False, allow_vfork=False)
            site = ast.parse(textwrap.dedent(inspect.getsource(subprocess.Popen._execute_child)))
            call = next(n for n in ast.walk(site) if isinstance(n, ast.Call) and getattr(n.func, 'id', getattr(n.func, 'attr', '')) in ('_fork_exec', 'fork_exec'))
            helpers = {'sorted': sorted, 'map': map, 'int': int, 'tuple': tuple}
            pid = _posixsubprocess.fork_exec(*[eval(compile(ast.Expression(a), 'fork_exec', 'eval'), helpers, known) for a in call.args])
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
