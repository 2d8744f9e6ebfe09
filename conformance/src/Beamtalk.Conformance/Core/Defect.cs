namespace Beamtalk.Conformance.Core;

/// <summary>
/// Deliberate defects, one per way a real workspace goes wrong. A fixture runs with a set of them
/// (none: its own positive control, which must pass every check); the self-tests show each check
/// fails on its defect, and an upstream-like combination fails exactly the matching requirements.
/// </summary>
public enum Defect
{
    /// <summary>NET-LOOPBACK: listens on 0.0.0.0.</summary>
    BindsAllInterfaces,

    /// <summary>NET-EPHEMERAL: picks its own port below the ephemeral range.</summary>
    PredictablePort,

    /// <summary>NET-OPT-IN: binds a non-loopback --bind address without --confirm-network, and warns nobody.</summary>
    BindsWithoutOptIn,

    /// <summary>NET-ALL-LISTENERS: opens a UDP socket on all interfaces next to the REPL (a debug port).</summary>
    OpensUdpOnAllInterfaces,

    /// <summary>NET-HOST: accepts any Host header.</summary>
    IgnoresHostHeader,

    /// <summary>AUTH-ORIGIN: accepts any Origin header.</summary>
    IgnoresOrigin,

    /// <summary>NET-HOST: accepts any Host that starts with a loopback name and the port ("127.0.0.1:PORT.attacker.example").</summary>
    HostPrefixMatch,

    /// <summary>AUTH-ORIGIN: accepts any Origin that starts with its own loopback origin ("http://127.0.0.1:PORT0", "http://localhost:PORT@attacker.example").</summary>
    OriginPrefixMatch,

    /// <summary>AUTH-NO-EVAL-BEFORE-AUTH: evaluates an eval request that arrives before authentication.</summary>
    EvaluatesBeforeAuth,

    /// <summary>AUTH-REJECT: accepts any non-empty prefix of the cookie (a truncating comparison).</summary>
    AcceptsCookiePrefix,

    /// <summary>AUTH-NO-ECHO: quotes the rejected first message back in its auth_error.</summary>
    EchoesPreAuthInput,

    /// <summary>AUTH-ROBUST: drops the connection without a close frame when the first message is not valid JSON.</summary>
    DropsConnectionOnMalformedJson,

    /// <summary>AUTH-PREAUTH-TIMEOUT: waits for the first message forever.</summary>
    NoPreAuthTimeout,

    /// <summary>AUTH-PREAUTH-TIMEOUT: measures the bound from the last frame received, so a client that keeps sending fragments is never closed.</summary>
    PreAuthDeadlinePerFrame,

    /// <summary>AUTH-FLOOD: handles every message, authenticated or not, one at a time behind a slow lock.</summary>
    SerialisesEveryMessage,

    /// <summary>AUTH-PRIVILEGED-OPS: obeys shutdown from any authenticated session, whatever cookie it carries.</summary>
    ShutdownWithoutCookieCheck,

    /// <summary>SECRET-ENTROPY: a 24-byte (192-bit) cookie, like upstream.</summary>
    ShortCookie,

    /// <summary>SECRET-FILE-MODE: creates the folder and cookie with the process umask, like upstream.</summary>
    CookieUnderUmask,

    /// <summary>SECRET-FILE-MODE: writes the cookie with default permissions, then narrows it with chmod.</summary>
    ChmodsCookieAfterWriting,

    /// <summary>SECRET-PARENT-MODES: creates the folders above its workspace folder with the process umask (0777 under umask 000); the workspace folder and cookie stay private.</summary>
    ParentFoldersUnderUmask,

    /// <summary>SECRET-TIGHTEN: uses an existing cookie file whatever its mode.</summary>
    IgnoresBroadCookie,

    /// <summary>SECRET-ROTATE: keeps accepting the cookie it started with after the file was rotated.</summary>
    KeepsOldCookieAfterRotation,

    /// <summary>SECRET-ATOMIC: no lock, so concurrent starts race to create the cookie and each runs a server.</summary>
    NoStartLock,

    /// <summary>SECRET-ATOMIC: creates the cookie (0600) at its final name and writes it afterwards, in two pieces.</summary>
    WritesCookieInPlace,

    /// <summary>SECRET-ATOMIC: rotation rewrites the cookie file in place (truncate, then write), so a reader can catch it empty.</summary>
    RotatesCookieInPlace,

    /// <summary>SECRET-STATE-ATOMIC: writes the port file in place, so a client polling for it can read a partial port.</summary>
    WritesPortFileInPlace,

    /// <summary>SECRET-NO-LEAK: logs the decoded cookie in hex "for debugging".</summary>
    LogsCookieHex,

    /// <summary>SECRET-NO-LEAK: logs a 14-character piece of the cookie (84 bits) as a "session tag", as truncating log formatters do.</summary>
    LogsCookiePiece,

    /// <summary>SECRET-NO-LEAK: writes a "crash dump" holding the cookie to the system temp folder, outside the workspace's home.</summary>
    DumpsCookieOutsideHome,

    /// <summary>SECRET-NO-LEAK: puts the cookie in the greeting every caller gets before authenticating.</summary>
    GreetsWithCookie,

    /// <summary>SECRET-NO-ARGV: starts a helper process with the cookie on its command line.</summary>
    CookieInHelperArgv,

    /// <summary>SECRET-NO-ENV: starts a helper process with the cookie in its environment.</summary>
    CookieInHelperEnv,

    /// <summary>SECRET-TIMING: the compare takes up to 5 µs longer the more leading characters match (5 µs × matched / length).</summary>
    DelayGrowsWithSharedPrefix,

    /// <summary>
    /// SECRET-TIMING: checks the byte length first, like upstream, and only a value of the right length
    /// reaches the fixed-time compare, which here costs 5 µs (upstream's crosses into native code and back).
    /// </summary>
    LengthCheckFirst,

    /// <summary>CAP-FILE: File refuses absolute and ".." paths with invalid_path, like upstream before ADR 0063.</summary>
    SandboxesFilePaths,

    /// <summary>CAP-SUBPROCESS: System runCommand: answers success without running anything (an undocumented, silent sandbox).</summary>
    FakesRunCommand,

    /// <summary>CAP-NO-SUBPROCESS-FLAG: accepts --no-subprocess and ignores it.</summary>
    IgnoresNoSubprocess,

    /// <summary>CAP-FFI: an undocumented allowlist refuses the os and file modules with undef.</summary>
    FfiAllowlist,

    /// <summary>ISO-HALT: Erlang erlang halt: answers nil and the workspace keeps running.</summary>
    IgnoresHalt,

    /// <summary>NET-UDS: the compiler daemon's socket is 0666 in 0777 folders, so any local user can connect.</summary>
    DaemonSocketOpenToAll,

    /// <summary>ISO-COMPILER: compiles in the workspace process, so a deep bomb overflows the workspace's own stack.</summary>
    CompilesInProcess,

    /// <summary>ISO-COMPILER, NET-UDS: compiles in the workspace process, guarded by a depth cap, so every bomb ends in an error and nothing crashes, and no daemon socket exists.</summary>
    CompilesInProcessWithGuards,

    /// <summary>ISO-STOP: the compiler daemon ignores its parent's exit and keeps running, socket open, after the workspace stops.</summary>
    DaemonOutlivesStop,

    /// <summary>ISO-EVAL-LIMITS: evaluates an endless loop for ever, without a step or time budget.</summary>
    NoEvalLimit,

    /// <summary>ISO-ACTOR: an actor's crash takes its session with it: every binding and actor of the session is gone.</summary>
    ActorCrashTakesDownSession,

    /// <summary>ISO-ACTOR: no supervision: a crashed actor stays down.</summary>
    NoActorRestart,

    /// <summary>ISO-HOTRELOAD-SURVIVES-ROTATION: a connection made with a rotated cookie stops every actor hot-loaded before.</summary>
    RotationStopsHotLoadedCode,

    /// <summary>CAP-TLS-VERIFY: Http get: accepts any certificate (no chain or hostname check).</summary>
    SkipsTlsVerification,

    /// <summary>CAP-TLS-VERIFY: Http get: checks the chain but not the hostname, so a trusted certificate for another host passes.</summary>
    SkipsHostnameCheck,

    /// <summary>CAP-SSRF: Http get: refuses loopback addresses (an undocumented SSRF filter), so the documented caveat no longer holds.</summary>
    BlocksLoopbackHttp,

    /// <summary>CT-ROOT-READS-COOKIE: reads the cookie file once at start and deletes it, so the documented file (and its caveat) is not what runs.</summary>
    DeletesCookieAfterReading,

    /// <summary>
    /// PY-UNREMOVABLE, PY-NO-EVENT-PATHS, PY-STATUS: Python eval sandboxed by the documented Python-level audit hook
    /// (a plain python3 with a block list), which refuses every documented call yet leaks the ways such a hook does.
    /// </summary>
    PythonLevelHook,

    /// <summary>PY-BLOCKED: the same Python-level hook with os.system left off its block list.</summary>
    PythonHookWithoutOsSystem,

    /// <summary>PY-ALTERNATIVE: the Python-level hook offering its own run_command as the way out, which it refuses itself.</summary>
    PythonHookOffersItsOwnAlternative,

    // Judging any implementation honestly (issue 21).

    /// <summary>SECRET-ENTROPY: a cookie of 20 letters A–Z (at most 94 bits), which decoded as base64url would look like 15 bytes, "120 bits".</summary>
    UppercaseLetterCookie,

    /// <summary>
    /// SECRET-OTHER-USER: keeps a helper running whose command line holds the cookie, so any local user reads it in
    /// /proc/PID/cmdline (unlike <see cref="CookieInHelperArgv"/>, whose helper replaces its command line at once).
    /// </summary>
    CookieOnLiveHelperCommandLine,
}
