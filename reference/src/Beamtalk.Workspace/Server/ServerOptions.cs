using System.Net;

namespace Beamtalk.Workspace.Server;

/// <summary>
/// Limits and addresses of the REPL server. Each default says where it comes from; setters
/// reject values that would disable the protection they provide.
/// </summary>
public sealed class ServerOptions
{
    private TimeSpan _preAuthTimeout = TimeSpan.FromSeconds(10);
    private int _maxPreAuthMessageBytes = 64 * 1024;
    private int _maxMessageBytes = 64 * 1024 * 1024;

    /// <summary>Loopback by default (ADR 0058, principles 2 and 5); anything else needs an explicit opt-in at the CLI.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>0: the OS picks an ephemeral port, so ports are neither predictable nor shared between workspaces.</summary>
    public int Port { get; set; }

    /// <summary>
    /// How long a connection may stay unauthenticated. 10 s: a human-driven client authenticates
    /// within milliseconds of connecting; an idle socket is only holding a slot.
    /// </summary>
    public TimeSpan PreAuthTimeout
    {
        get => _preAuthTimeout;
        set => _preAuthTimeout = value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(5)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The pre-auth timeout must be between 0 and 5 minutes.");
    }

    /// <summary>
    /// Largest first message accepted before authentication. 64 KiB: a valid auth frame is under
    /// 200 bytes; anything larger is closed with 1009 without being parsed.
    /// </summary>
    public int MaxPreAuthMessageBytes
    {
        get => _maxPreAuthMessageBytes;
        set => _maxPreAuthMessageBytes = value is >= 1024 and <= 1024 * 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be between 1 KiB and 1 MiB.");
    }

    private int _maxPendingAuthentications = 128;

    /// <summary>
    /// How many connections may be waiting to authenticate at once; more get 503 before any WebSocket
    /// exists. 128: an owner opens a handful of connections; a flood of idle sockets is held to this many.
    /// </summary>
    public int MaxPendingAuthentications
    {
        get => _maxPendingAuthentications;
        set => _maxPendingAuthentications = value is >= 8 and <= 65536
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be between 8 and 65536.");
    }

    /// <summary>Each session's out-of-process compiler; required to serve (the CLI names itself).</summary>
    public Compiler.CompilerOptions? Compiler { get; set; }

    /// <summary>
    /// Largest message from an authenticated client. 64 MiB: room for large sources (a 50 MB one reaches the
    /// compiler process, which bounds what parsing it may cost); the owner is trusted.
    /// </summary>
    public int MaxMessageBytes
    {
        get => _maxMessageBytes;
        set => _maxMessageBytes = value is >= 64 * 1024 and <= 256 * 1024 * 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be between 64 KiB and 256 MiB.");
    }

    /// <summary>False with <c>--no-subprocess</c> (ADR 0058 Phase 3): <c>System runCommand:</c> refuses in every session.</summary>
    public bool SubprocessesAllowed { get; set; } = true;

    /// <summary>
    /// Test only (<c>workspace start --trust-ca FILE</c>): a PEM file of extra roots <c>Http get:</c> trusts, so a test
    /// can stand up a TLS server with its own CA. Logged as a warning naming the file at start-up; the language cannot
    /// set it, and hostname verification stays on.
    /// </summary>
    public string? HttpTestTrustFile { get; set; }
}
