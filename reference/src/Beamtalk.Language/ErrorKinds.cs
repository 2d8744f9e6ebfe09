namespace Beamtalk.Language;

/// <summary>
/// The stable error kinds an evaluation can fail with. Callers branch on these, never on message text.
/// </summary>
public static class ErrorKinds
{
    // Source that could not be parsed; nothing was evaluated.
    public const string SyntaxError = "syntax_error";

    // Message dispatch and arguments.
    public const string DoesNotUnderstand = "does_not_understand";
    public const string TypeError = "type_error";
    public const string WrongArgumentCount = "wrong_argument_count";
    public const string IndexOutOfBounds = "index_out_of_bounds";
    public const string UndefinedVariable = "undefined_variable";
    public const string InvalidAssignment = "invalid_assignment";

    // Arithmetic.
    public const string ZeroDivide = "zero_divide";
    public const string ArithmeticError = "arithmetic_error";

    // File system, mapped from the operating system's answer (ADR 0063: the OS is the authority).
    public const string NotFound = "not_found";
    public const string PermissionDenied = "permission_denied";
    public const string IsDirectory = "is_directory";
    public const string NotDirectory = "not_directory";
    public const string AlreadyExists = "already_exists";
    public const string IoError = "io_error";

    // Subprocesses: a program that ran and failed, or a workspace started with --no-subprocess.
    public const string CommandFailed = "command_failed";
    public const string SubprocessDisabled = "subprocess_disabled";

    // The FFI look-alike: a module or function the runtime does not have (Erlang's undef).
    public const string Undefined = "undef";

    // Http get: a certificate that failed verification (chain or hostname), a request that could not be made,
    // a URL that is not http(s), or an answer outside 2xx.
    public const string TlsError = "tls_error";
    public const string HttpError = "http_error";
    public const string InvalidUrl = "invalid_url";
    public const string HttpStatus = "http_status";

    // The embedded Python: an exception raised by Python code (traceback in the detail, sandbox refusals included),
    // or a workspace without libpython3.11.
    public const string PythonError = "python_error";
    public const string PythonUnavailable = "python_unavailable";

    // Resource bounds: the evaluation stops, the session survives.
    public const string StepLimit = "step_limit";
    public const string DepthLimit = "depth_limit";
    public const string MemoryLimit = "memory_limit";
    public const string Cancelled = "cancelled";

    // Actors: a crash (restarted by the supervisor), a message its behaviour cannot take, one that stayed down.
    public const string ActorCrashed = "actor_crashed";
    public const string MalformedMessage = "malformed_message";
    public const string ActorDead = "actor_dead";

    // The Workspace global used without a workspace (a bare language session).
    public const string NoWorkspace = "no_workspace";

    // A defect in the evaluator itself, reported rather than thrown so the workspace stays up.
    public const string InternalError = "internal_error";
}
