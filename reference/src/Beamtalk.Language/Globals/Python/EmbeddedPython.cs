using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Beamtalk.Language.Globals.Python;

/// <summary>
/// CPython embedded in this process, started once on a thread of its own that owns the interpreter, with the
/// audit hook of <see cref="AuditPolicy"/> registered in C before <c>Py_InitializeEx(0)</c> (so no Python code can
/// remove it, and it applies in every interpreter) and no signal handlers installed. Requests queue to that thread;
/// a cancelled request is stopped by raising <c>TimeoutError</c> in it.
/// </summary>
internal static unsafe class EmbeddedPython
{
    public sealed record Outcome(string Kind, string Text, string Output);

    private sealed record Request(Action Work);

    private static readonly Lazy<Runtime> Instance = new(Runtime.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private static volatile bool s_started;

    /// <summary>Runs <paramref name="source"/> (mode <c>eval</c> or <c>exec</c>) in <paramref name="globals"/>'s dictionary.</summary>
    public static Outcome Run(PythonNamespace globals, string source, string mode, Func<string, string> commandRunner, CancellationToken cancellation)
    {
        var runtime = Instance.Value;
        var dictionary = globals.Dictionary; // resolved here: creating it is itself a request
        return runtime.Submit(() => runtime.Execute(dictionary, source, mode, commandRunner), cancellation);
    }

    [UnmanagedCallersOnly]
    private static int AuditHook(byte* eventName, IntPtr args, IntPtr userData)
    {
        var name = Marshal.PtrToStringUTF8((IntPtr)eventName) ?? string.Empty;
        string? detail = null;
        if (AuditPolicy.DetailArgument(name) is { } index && CPython.PyTuple_Size(args) > index)
        {
            detail = CPython.Utf8(CPython.PyUnicode_AsUTF8(CPython.PyTuple_GetItem(args, index)));
            if (detail is null)
            {
                CPython.PyErr_Clear();
            }
        }

        if (AuditPolicy.RefusedOperation(name, detail, s_started) is not { } operation)
        {
            return 0;
        }

        HostModule.Raise(AuditPolicy.Message(operation));
        return -1;
    }

    /// <summary>The interpreter thread and its private helper namespace.</summary>
    // Lives as long as the process, like the interpreter it drives, so its queue is never disposed.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "process-lifetime singleton")]
    private sealed class Runtime
    {
        // Runs user code with stdout/stderr captured and answers (kind, text, output); kept out of user namespaces.
        private const string Helper = """
            import sys, io, traceback
            def run(src, mode, g):
                out = io.StringIO()
                saved = sys.stdout, sys.stderr
                sys.stdout = sys.stderr = out
                try:
                    try:
                        if mode == 'eval':
                            v = eval(compile(src, '<beamtalk>', 'eval'), g)
                        else:
                            exec(compile(src, '<beamtalk>', 'exec'), g)
                            v = None
                    except BaseException:
                        return ('error', traceback.format_exc(), out.getvalue())
                finally:
                    sys.stdout, sys.stderr = saved
                if v is None: return ('nil', '', out.getvalue())
                if isinstance(v, bool): return ('bool', str(v), out.getvalue())
                if isinstance(v, int): return ('int', str(v), out.getvalue())
                if isinstance(v, float): return ('float', repr(v), out.getvalue())
                if isinstance(v, str): return ('str', v, out.getvalue())
                return ('repr', repr(v), out.getvalue())
            """;

        private readonly BlockingCollection<Request> _requests = new();
        private IntPtr _helper;
        private IntPtr _threadState;
        private nuint _threadIdent;

        public static Runtime Start()
        {
            var runtime = new Runtime();
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => runtime.Loop(ready)) { IsBackground = true, Name = "embedded-python" };
            thread.Start();
            ready.Task.GetAwaiter().GetResult();
            return runtime;
        }

        public T Submit<T>(Func<T> work, CancellationToken cancellation)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Add(
                new Request(() =>
                {
                    try
                    {
                        done.SetResult(work());
                    }
                    catch (Exception exception)
                    {
                        done.SetException(exception);
                    }
                }),
                CancellationToken.None);
            try
            {
                done.Task.Wait(cancellation);
            }
            catch (OperationCanceledException)
            {
                Interrupt();
                if (!done.Task.Wait(TimeSpan.FromSeconds(10), CancellationToken.None))
                {
                    throw new BeamtalkException(ErrorKinds.Cancelled, "Python code did not stop when the evaluation was cancelled");
                }

                throw new BeamtalkException(ErrorKinds.Cancelled, "evaluation cancelled while Python code was running");
            }

            return done.Task.GetAwaiter().GetResult();
        }

        public Outcome Execute(IntPtr dictionary, string source, string mode, Func<string, string> commandRunner)
        {
            var sourceObject = CPython.PyUnicode_FromString(source);
            var modeObject = CPython.PyUnicode_FromString(mode);
            CPython.PyDict_SetItemString(_helper, "__src", sourceObject);
            CPython.PyDict_SetItemString(_helper, "__mode", modeObject);
            CPython.PyDict_SetItemString(_helper, "__g", dictionary);
            CPython.Py_DecRef(sourceObject);
            CPython.Py_DecRef(modeObject);
            HostModule.UseCommandRunner(commandRunner);
            try
            {
                var result = CPython.PyRun_String("__r = run(__src, __mode, __g)", CPython.FileInput, _helper, _helper);
                if (result == IntPtr.Zero)
                {
                    CPython.PyErr_Clear();
                    return new Outcome("error", "the embedded Python's evaluation helper failed", string.Empty);
                }

                CPython.Py_DecRef(result);
                var tuple = CPython.PyDict_GetItemString(_helper, "__r");
                string Item(int index) => CPython.Utf8(CPython.PyUnicode_AsUTF8(CPython.PyTuple_GetItem(tuple, index))) ?? string.Empty;
                return new Outcome(Item(0), Item(1), Item(2));
            }
            finally
            {
                HostModule.UseCommandRunner(null);
            }
        }

        /// <summary>A fresh namespace for one session, created on the interpreter thread.</summary>
        public IntPtr NewNamespace()
        {
            var dictionary = CPython.PyDict_New();
            CPython.PyDict_SetItemString(dictionary, "__builtins__", CPython.PyEval_GetBuiltins());
            var name = CPython.PyUnicode_FromString("__main__");
            CPython.PyDict_SetItemString(dictionary, "__name__", name);
            CPython.Py_DecRef(name);
            return dictionary;
        }

        public IntPtr CreateNamespace() => Submit(NewNamespace, CancellationToken.None);

        private void Loop(TaskCompletionSource ready)
        {
            try
            {
                CPython.LoadGlobally();
                HostModule.Register();
                if (CPython.PySys_AddAuditHook(&AuditHook, IntPtr.Zero) != 0)
                {
                    throw new InvalidOperationException("PySys_AddAuditHook failed");
                }

                HostModule.MarkHookRegistered();
                CPython.Py_InitializeEx(0);
                _threadIdent = CPython.PyThread_get_thread_ident();
                _helper = NewNamespace();
                var defined = CPython.PyRun_String(Helper, CPython.FileInput, _helper, _helper);
                if (defined == IntPtr.Zero)
                {
                    CPython.PyErr_Print();
                    throw new InvalidOperationException("the embedded Python's evaluation helper did not load");
                }

                CPython.Py_DecRef(defined);
                s_started = true;
                _threadState = CPython.PyEval_SaveThread();
                ready.SetResult();
            }
            catch (Exception exception)
            {
                ready.SetException(exception);
                return;
            }

            foreach (var request in _requests.GetConsumingEnumerable())
            {
                CPython.PyEval_RestoreThread(_threadState);
                try
                {
                    request.Work();
                }
                finally
                {
                    _threadState = CPython.PyEval_SaveThread();
                }
            }
        }

        // Called without the GIL from the waiting thread; the interpreter thread drops it between bytecodes.
        private void Interrupt()
        {
            var state = CPython.PyGILState_Ensure();
            try
            {
                _ = CPython.PyThreadState_SetAsyncExc(_threadIdent, CPython.ExceptionType("PyExc_TimeoutError"));
            }
            finally
            {
                CPython.PyGILState_Release(state);
            }
        }
    }

    /// <summary>A session's Python globals dictionary, created on first use.</summary>
    public static IntPtr NewNamespaceDictionary() => Instance.Value.CreateNamespace();
}

/// <summary>One session's Python namespace: bindings made by <c>Python exec:</c> persist across evals.</summary>
internal sealed class PythonNamespace
{
    private readonly Lazy<IntPtr> _dictionary = new(EmbeddedPython.NewNamespaceDictionary);

    public IntPtr Dictionary => _dictionary.Value;
}
