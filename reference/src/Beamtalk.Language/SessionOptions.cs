namespace Beamtalk.Language;

/// <summary>
/// Per-session limits. Every limit stops a single evaluation with an error kind; none of them ends the session.
/// Setters reject values that would disable a limit, so a misconfiguration fails at start-up rather than at run time.
/// </summary>
public sealed class SessionOptions
{
    /// <summary>
    /// Message sends and loop iterations one evaluation may perform before it stops with <c>step_limit</c>.
    /// Default 10,000,000: a few seconds of work on a slow machine, far beyond what an interactive statement needs.
    /// </summary>
    public long MaxSteps
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 10_000_000;

    /// <summary>
    /// How deeply expression evaluation may nest (block calls inside block calls, nested arguments) before it stops
    /// with <c>depth_limit</c>. Default 500: measured at about 1.5 KB of stack per level in a Debug build, so it fits a
    /// 1 MB thread stack (thread-pool threads get 1.5 MB on Linux), and it is deeper than the parser's nesting limit.
    /// A stack probe stops evaluation with the same kind if a caller's thread has less stack than that.
    /// </summary>
    public int MaxEvaluationDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 500;

    /// <summary>
    /// How deeply parentheses, blocks and literal arrays may nest in source before parsing fails with <c>syntax_error</c>.
    /// Default 256: a recursive-descent parser stays far from the stack's end, and no readable source nests deeper.
    /// </summary>
    public int MaxSyntaxNesting
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 256;

    /// <summary>
    /// Longest string (in UTF-16 code units) an evaluation may build, read from a file or print, before it stops with
    /// <c>memory_limit</c>. Default 16 Mi: bounds a doubling loop (<c>s := s ++ s</c>) long before memory runs out.
    /// </summary>
    public int MaxStringLength
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 16 * 1024 * 1024;

    /// <summary>
    /// Characters one evaluation may send to <c>Transcript</c> before it stops with <c>memory_limit</c>.
    /// Default 1 Mi: the output travels back in one protocol frame.
    /// </summary>
    public int MaxOutputLength
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1024 * 1024;

    /// <summary>
    /// Largest integer, in bits, arithmetic may produce before it stops with <c>memory_limit</c>.
    /// Default 65,536 bits (about 19,700 decimal digits): repeated squaring is stopped while the number still prints fast.
    /// </summary>
    public int MaxIntegerBits
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 65_536;

    /// <summary>
    /// Whether <c>System runCommand:</c> may start programs. Default true (ADR 0058 2d: subprocesses are an accepted
    /// capability); false is <c>--no-subprocess</c> (Phase 3). The FFI's <c>Erlang os cmd:</c> is not affected: ADR 0058
    /// states that the flag closes the documented API, not every way to the OS.
    /// </summary>
    public bool SubprocessesAllowed { get; init; } = true;

    /// <summary>
    /// Whether the supervisor restarts an actor that crashed (OTP's <c>permanent</c>) or leaves it down
    /// (<c>temporary</c>); either way the crash touches nothing else.
    /// </summary>
    public bool RestartCrashedActors { get; init; } = true;

    /// <summary>
    /// Extra roots <c>Http get:</c> trusts besides the system's, for tests only (<c>workspace start --trust-ca FILE</c>).
    /// Only the host sets it: no message in the language reads or changes it, and peer and hostname verification stay on
    /// whatever it holds (ADR 0058 2b).
    /// </summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> HttpTestRoots { get; init; } = [];
}
