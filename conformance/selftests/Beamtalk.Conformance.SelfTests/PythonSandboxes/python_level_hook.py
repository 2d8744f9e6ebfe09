"""A Python-level audit-hook sandbox with the block list the erlang_python guide documents.

Known-bad fixture for the PY-* checks: it refuses every documented call, yet Python code can rewrite its
block list, patch its hook or sys.audit, reach libc through ctypes, fork through _posixsubprocess or
multiprocessing, and a reload makes is_sandboxed() report False while the hook still runs.
"""
import sys

BLOCKED = {
    "os.fork", "os.forkpty", "os.system", "os.exec", "os.spawn", "os.posix_spawn",
    "subprocess.Popen",
}

_installed = False


def _sandbox_hook(event, args):
    if event in BLOCKED:
        raise RuntimeError(f"{event} is blocked in Erlang VM context.")


def install():
    global _installed
    if not _installed:
        sys.addaudithook(_sandbox_hook)
        _installed = True


def is_sandboxed():
    return _installed


def run_command(command):
    # What the guide's module offers as the way out: it goes through os.system, which its own hook refuses.
    import os
    return os.system(command)
