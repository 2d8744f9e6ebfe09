using System.Runtime.InteropServices;

namespace Beamtalk.Language.Globals.Python;

/// <summary>
/// The slice of the CPython 3.11 C API the embedded runtime uses, bound to Debian's <c>libpython3.11.so.1.0</c>.
/// Object pointers are <see cref="IntPtr"/>: the runtime owns their reference counts explicitly.
/// </summary>
internal static unsafe partial class CPython
{
    public const string Library = "libpython3.11.so.1.0";

    // Start tokens of PyRun_String (Include/compile.h).
    public const int FileInput = 257;

    // PyModule_Create2's API version for 3.x (PYTHON_API_VERSION).
    public const int ApiVersion = 1013;

    // METH_VARARGS: a PyCFunction taking (self, args).
    public const int MethVarargs = 0x0001;

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlOpen(string file, int mode);

    /// <summary>
    /// Loads libpython with RTLD_GLOBAL: extension modules such as <c>_ctypes</c> resolve the C API from the global
    /// namespace, which .NET's own (RTLD_LOCAL) load does not provide.
    /// </summary>
    public static void LoadGlobally()
    {
        const int now = 2, global = 0x100;
        if (DlOpen(Library, now | global) == IntPtr.Zero)
        {
            throw new DllNotFoundException($"{Library} could not be loaded");
        }
    }

    [LibraryImport(Library)]
    public static partial int PySys_AddAuditHook(delegate* unmanaged<byte*, IntPtr, IntPtr, int> hook, IntPtr userData);

    [LibraryImport(Library)]
    public static partial void Py_InitializeEx(int initsigs);

    [LibraryImport(Library)]
    public static partial int PyImport_AppendInittab(byte* name, delegate* unmanaged<IntPtr> initfunc);

    [LibraryImport(Library)]
    public static partial IntPtr PyModule_Create2(IntPtr definition, int apiVersion);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr PyRun_String(string source, int start, IntPtr globals, IntPtr locals);

    [LibraryImport(Library)]
    public static partial IntPtr PyDict_New();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PyDict_SetItemString(IntPtr dictionary, string key, IntPtr value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr PyDict_GetItemString(IntPtr dictionary, string key);

    [LibraryImport(Library)]
    public static partial IntPtr PyEval_GetBuiltins();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr PyUnicode_FromString(string text);

    [LibraryImport(Library)]
    public static partial IntPtr PyUnicode_AsUTF8(IntPtr unicode);

    [LibraryImport(Library)]
    public static partial nint PyTuple_Size(IntPtr tuple);

    [LibraryImport(Library)]
    public static partial IntPtr PyTuple_GetItem(IntPtr tuple, nint index);

    [LibraryImport(Library)]
    public static partial IntPtr PyBool_FromLong(long value);

    [LibraryImport(Library)]
    public static partial void Py_DecRef(IntPtr value);

    [LibraryImport(Library)]
    public static partial void PyErr_SetString(IntPtr type, byte* message);

    [LibraryImport(Library)]
    public static partial void PyErr_Clear();

    [LibraryImport(Library)]
    public static partial void PyErr_Print();

    [LibraryImport(Library)]
    public static partial IntPtr PyEval_SaveThread();

    [LibraryImport(Library)]
    public static partial void PyEval_RestoreThread(IntPtr threadState);

    [LibraryImport(Library)]
    public static partial int PyGILState_Ensure();

    [LibraryImport(Library)]
    public static partial void PyGILState_Release(int state);

    [LibraryImport(Library)]
    public static partial nuint PyThread_get_thread_ident();

    [LibraryImport(Library)]
    public static partial int PyThreadState_SetAsyncExc(nuint threadId, IntPtr exception);

    /// <summary>An exception type such as <c>PyExc_RuntimeError</c>: a data symbol holding the type's pointer.</summary>
    public static IntPtr ExceptionType(string symbol) =>
        Marshal.ReadIntPtr(NativeLibrary.GetExport(NativeLibrary.Load(Library), symbol));

    public static string? Utf8(IntPtr text) => text == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(text);
}
