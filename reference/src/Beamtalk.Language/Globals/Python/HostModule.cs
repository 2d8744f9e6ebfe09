using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Beamtalk.Language.Globals.Python;

/// <summary>
/// The C-level modules the embedded Python starts with, registered in the inittab before the interpreter starts:
/// <c>beamtalk</c> (<c>is_sandboxed()</c>, <c>run_command(cmd)</c>) and a <c>_posixsubprocess</c> whose
/// <c>fork_exec</c> refuses. Both are built-ins created from C#, so Python code can rebind names but never change
/// the flag they read or bring the real <c>fork_exec</c> back (re-creating the built-in yields this one again).
/// </summary>
internal static unsafe class HostModule
{
    // Set once the audit hook is registered; read by is_sandboxed(). Python code has no way to reach it.
    private static volatile bool s_hookRegistered;

    // The current evaluation's way to run a host command; set by the runtime around each request.
    private static Func<string, string>? s_commandRunner;

    public static bool HookRegistered => s_hookRegistered;

    public static void MarkHookRegistered() => s_hookRegistered = true;

    public static void UseCommandRunner(Func<string, string>? runner) => s_commandRunner = runner;

    /// <summary>Registers both modules; must run before <c>Py_InitializeEx</c>.</summary>
    public static void Register()
    {
        Replace("_posixsubprocess", &InitPosixSubprocess);
        if (CPython.PyImport_AppendInittab(Utf8("beamtalk"), &InitBeamtalk) != 0)
        {
            throw new InvalidOperationException("PyImport_AppendInittab(beamtalk) failed");
        }
    }

    // Points the inittab entry of a built-in at our own init function (struct _inittab { char* name; initfunc; }).
    private static void Replace(string name, delegate* unmanaged<IntPtr> init)
    {
        var table = Marshal.ReadIntPtr(NativeLibrary.GetExport(NativeLibrary.Load(CPython.Library), "PyImport_Inittab"));
        for (var entry = table; Marshal.ReadIntPtr(entry) != IntPtr.Zero; entry += 2 * IntPtr.Size)
        {
            if (Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry)) == name)
            {
                Marshal.WriteIntPtr(entry + IntPtr.Size, (IntPtr)init);
                return;
            }
        }
    }

    private static readonly Lazy<IntPtr> BeamtalkDefinition = new(() => ModuleDefinition(
        "beamtalk",
        ("is_sandboxed", (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, IntPtr>)&IsSandboxed),
        ("run_command", (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, IntPtr>)&RunCommand)));

    private static readonly Lazy<IntPtr> PosixSubprocessDefinition = new(() => ModuleDefinition(
        "_posixsubprocess",
        ("fork_exec", (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, IntPtr>)&ForkExec)));

    [UnmanagedCallersOnly]
    private static IntPtr InitBeamtalk() => CPython.PyModule_Create2(BeamtalkDefinition.Value, CPython.ApiVersion);

    [UnmanagedCallersOnly]
    private static IntPtr InitPosixSubprocess() =>
        CPython.PyModule_Create2(PosixSubprocessDefinition.Value, CPython.ApiVersion);

    [UnmanagedCallersOnly]
    private static IntPtr IsSandboxed(IntPtr self, IntPtr args) => CPython.PyBool_FromLong(s_hookRegistered ? 1 : 0);

    [UnmanagedCallersOnly]
    private static IntPtr ForkExec(IntPtr self, IntPtr args)
    {
        Raise(AuditPolicy.Message("_posixsubprocess.fork_exec"));
        return IntPtr.Zero;
    }

    [UnmanagedCallersOnly]
    private static IntPtr RunCommand(IntPtr self, IntPtr args)
    {
        var command = CPython.PyTuple_Size(args) == 1 ? CPython.Utf8(CPython.PyUnicode_AsUTF8(CPython.PyTuple_GetItem(args, 0))) : null;
        if (command is null)
        {
            CPython.PyErr_Clear();
            Raise("run_command(cmd) takes one str");
            return IntPtr.Zero;
        }

        var runner = s_commandRunner;
        if (runner is null)
        {
            Raise("run_command is only available during an evaluation");
            return IntPtr.Zero;
        }

        try
        {
            return CPython.PyUnicode_FromString(runner(command));
        }
        catch (BeamtalkException exception)
        {
            Raise(exception.Message);
            return IntPtr.Zero;
        }
    }

    public static void Raise(string message)
    {
        var text = Marshal.StringToCoTaskMemUTF8(message);
        try
        {
            CPython.PyErr_SetString(CPython.ExceptionType("PyExc_RuntimeError"), (byte*)text);
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }
    }

    // PyModuleDef (104 bytes) with m_size -1 and a METH_VARARGS method table; lives as long as the process.
    private static IntPtr ModuleDefinition(string name, params (string Name, IntPtr Function)[] methods)
    {
        const int methodSize = 32;
        var table = (byte*)NativeMemory.AllocZeroed((nuint)((methods.Length + 1) * methodSize));
        for (var i = 0; i < methods.Length; i++)
        {
            var method = table + (i * methodSize);
            *(IntPtr*)method = (IntPtr)Utf8(methods[i].Name);
            *(IntPtr*)(method + 8) = methods[i].Function;
            *(int*)(method + 16) = CPython.MethVarargs;
        }

        var definition = (byte*)NativeMemory.AllocZeroed(104);
        *(nint*)definition = 1; // ob_refcnt of PyModuleDef_HEAD_INIT
        *(IntPtr*)(definition + 40) = (IntPtr)Utf8(name);
        *(nint*)(definition + 56) = -1;
        *(IntPtr*)(definition + 64) = (IntPtr)table;
        return (IntPtr)definition;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* Utf8(string text) => (byte*)Marshal.StringToCoTaskMemUTF8(text);
}
