using static Beamtalk.Conformance.Catalogue.Principle;
using static Beamtalk.Conformance.Catalogue.RequirementLevel;
using static Beamtalk.Conformance.Catalogue.Stride;

namespace Beamtalk.Conformance.Catalogue;

/// <summary>
/// The single source of requirements: tests, reports and the threat model all read it.
/// IDs are stable once published; add new entries, never renumber.
/// </summary>
public static class RequirementCatalogue
{
    private const string Adr0058 = "ADR 0058";
    private const string SecurityPage = "Beamtalk Security Model (older page)";

    public static IReadOnlyList<Requirement> All { get; } =
    [
        // NET: network exposure
        new("NET-LOOPBACK", Must, "REPL listener binds loopback only",
            "By default the workspace's REPL listener binds a loopback address only.",
            $"{Adr0058} Part 1 (local connections); {SecurityPage} (REPL TCP server)", [P5], InformationDisclosure | ElevationOfPrivilege,
            "Socket table of the workspace's whole process tree (/proc/PID/fd against /proc/net/*): every TCP listener is on 127.0.0.0/8 or ::1; and a connect from another host (a network namespace joined by a veth pair) is refused, while the target's own opt-in bind on that link is reached."),
        new("NET-EPHEMERAL", Must, "OS-assigned ephemeral port",
            "By default the REPL port is assigned by the OS from the ephemeral range, so two workspaces listen on different ports.",
            $"{Adr0058} Part 1; ADR 0020 as summarised in ADR 0058", [P2], InformationDisclosure,
            "Two workspaces started side by side: both ports lie in /proc/sys/net/ipv4/ip_local_port_range and differ."),
        new("NET-OPT-IN", Must, "Non-loopback bind needs an explicit flag",
            "A non-loopback bind is refused without an explicit opt-in flag; with it, a warning naming the address is printed at startup.",
            $"{Adr0058} Part 3, principle 2; {SecurityPage} (future remote mode)", [P2, P5], InformationDisclosure | ElevationOfPrivilege,
            "Start on 0.0.0.0 without the opt-in: refused, naming the address, nothing listening; with it: a warning naming the address."),
        new("NET-ALL-LISTENERS", Must, "Every listener is loopback or a Unix socket",
            "Every listening socket of the workspace's process tree (compiler daemon, debug endpoints, distribution-like ports) is loopback or a Unix socket.",
            $"{Adr0058} Part 3, principle 5", [P5], InformationDisclosure | ElevationOfPrivilege,
            "All TCP, UDP and Unix sockets held by the process tree, classified from /proc/net/*."),
        new("NET-UDS", Must, "Compiler daemon socket is private",
            "The compiler daemon's Unix socket lives in a 0700 per-session directory under ~/.beamtalk/sessions/, with socket mode 0600; another OS user cannot connect.",
            $"{SecurityPage} (compiler daemon)", [P5], Spoofing | ElevationOfPrivilege,
            "Modes of the session directory and socket, and a connect attempt as a second OS user.") { AlsoGuards = Asset.WorkspaceFiles },
        new("NET-HOST", Should, "Host header is checked",
            "The WebSocket upgrade is refused unless Host is a loopback literal or localhost with the right port.",
            "Beyond the seeds: DNS rebinding reaches a loopback listener through a foreign hostname", [P1, P5], Spoofing,
            "Raw upgrade requests with foreign, loopback and localhost Host headers."),

        // AUTH: the authentication boundary
        new("AUTH-NO-EVAL-BEFORE-AUTH", Must, "Nothing is evaluated before authentication",
            "Nothing is evaluated and no session exists before a successful authentication.",
            $"{Adr0058} Part 1 (outside the boundary)", [P1], ElevationOfPrivilege,
            "A canary whose side effect is a file, sent in every pre-auth position; the file never appears, while an authenticated control canary does create its file."),
        new("AUTH-REJECT", Must, "Every wrong cookie is rejected",
            "Every presented cookie other than the real one is rejected with auth_error and close code 1008.",
            $"{Adr0058} Part 1; ADR 0020 as summarised in ADR 0058", [P1], Spoofing | ElevationOfPrivilege,
            "Property-based: prefixes, suffixes, one-character edits, case changes, padding, Unicode look-alikes, empty, 1 MiB, non-string JSON types, random strings."),
        new("AUTH-NO-ECHO", Must, "Unauthenticated input is never echoed",
            "Unauthenticated input never appears in any response, log line or file.",
            $"{Adr0058} Part 1 (outside the boundary)", [P1, P3], InformationDisclosure,
            "Marked pre-auth inputs searched for in responses, logs and workspace files."),
        new("AUTH-ROBUST", Must, "Malformed pre-auth input is closed cleanly",
            "Malformed pre-auth input (invalid JSON, 1e999, lone surrogates, binary, fragmented, oversized frames, slow writers) gets a clean close; no crash; other sessions are unaffected.",
            $"{Adr0058} Part 3, principle 4", [P4], DenialOfService,
            "Frame-level fuzzing while an authenticated session keeps getting answers."),
        new("AUTH-PREAUTH-TIMEOUT", Should, "Idle unauthenticated sockets are closed",
            "An idle unauthenticated socket is closed within a bounded time.",
            "Beyond the seeds: resource exhaustion by idle connections", [P4], DenialOfService,
            "A connection that never authenticates is closed by the server."),
        new("AUTH-FLOOD", Should, "Bad-auth floods do not starve the owner",
            "A flood of bad-auth connections does not starve an authenticated user.",
            "Beyond the seeds: resource exhaustion by failed authentication", [P4], DenialOfService,
            "Latency of an authenticated session during a bounded flood of wrong cookies."),
        new("AUTH-ORIGIN", Must, "Foreign Origins are refused",
            "An upgrade carrying a non-loopback Origin is refused before authentication; clients that send no Origin work.",
            $"{Adr0058} Part 1 (browser access)", [P1], Spoofing,
            "Raw upgrades with foreign, null and loopback Origin headers, and without one."),
        new("AUTH-PRIVILEGED-OPS", Must, "Privileged operations re-check the cookie",
            "Privileged operations (shutdown) re-check the cookie, in constant time.",
            $"{Adr0058} Part 1", [P1], ElevationOfPrivilege | DenialOfService,
            "Shutdown with a wrong cookie on an authenticated session is refused."),

        // SECRET: the cookie
        new("SECRET-ENTROPY", Must, "256-bit cookie from the OS CSPRNG",
            "The cookie carries at least 256 bits from the OS CSPRNG; a batch of cookies is distinct and passes monobit and byte chi-square tests.",
            $"{Adr0058} Prior Art (256-bit random) and hardening note 2", [P3], Spoofing,
            "Bits estimated from the alphabet and the varying positions a batch of fresh cookies actually uses (never from decoding the text), distinctness, and character and byte randomness tests over the batch."),
        new("SECRET-FILE-MODE", Must, "Cookie 0600 in a 0700 directory",
            "The cookie file is 0600 and its workspace directory 0700, owned by the workspace user, never broader even for an instant, whatever the umask.",
            $"{Adr0058} 2c", [P3], InformationDisclosure,
            "Modes and owners after create and start under umask 000."),
        new("SECRET-TIGHTEN", Must, "Broader cookie files are tightened or refused",
            "A pre-existing cookie file with broader permissions is tightened or the start is refused.",
            $"{Adr0058} 2c", [P3], InformationDisclosure,
            "Start after loosening the cookie to 0644."),
        new("SECRET-ATOMIC", Must, "One consistent cookie under concurrent starts",
            "Concurrent starts produce one consistent cookie; no torn or empty cookie is ever observed.",
            "Beyond the seeds: a torn cookie locks the owner out or weakens the secret", [P3], Tampering | DenialOfService,
            "Concurrent create/start while a reader samples the cookie file."),
        new("SECRET-OTHER-USER", Must, "Another OS user cannot use the cookie",
            "Another OS user can neither read the cookie nor authenticate.",
            $"{Adr0058} 2c", [P3, P6], InformationDisclosure | ElevationOfPrivilege,
            "The workspace runs as a throw-away OS user; a second throw-away user is denied the cookie file and finds the cookie in no /proc/PID/cmdline or environ of the workspace's processes (how /proc is mounted, hidepid, is reported); root's access is recorded as the 2c caveat."),
        new("SECRET-NO-LEAK", Must, "The cookie never leaks into output",
            "The cookie and its encodings (raw, hex, base64, base64url, URL-encoded, JSON-escaped) never appear in logs, stdout/stderr of workspace and CLI, REPL responses, metadata.json, node.info, port or crash output.",
            $"{Adr0058} Part 3, principle 3", [P3], InformationDisclosure,
            "Generated sequences of operations and error paths; every observable output searched for every encoding.") { AlsoGuards = Asset.WorkspaceFiles },
        new("SECRET-NO-ARGV", Must, "The cookie is never on a command line",
            "The cookie is not in /proc/PID/cmdline of any process in the workspace's tree, for its whole life.",
            $"{Adr0058} hardening note 3", [P3], InformationDisclosure,
            "cmdline of every process in the tree, sampled over the workspace's life."),
        new("SECRET-NO-ENV", Should, "The cookie is never in an environment",
            "The cookie is not in /proc/PID/environ of the workspace or of children it spawns.",
            $"{Adr0058} Part 3, principle 3", [P3], InformationDisclosure,
            "environ of every process in the tree."),
        new("SECRET-ROTATE", Must, "Rotation invalidates the old cookie",
            "After rotation the old cookie is rejected and the new one accepted; what happens to open sessions is stated and tested.",
            $"{Adr0058} Negative consequences (rotation)", [P1, P3], Spoofing,
            "Authenticate with the old and the new cookie after rotation."),
        new("SECRET-TIMING", Must, "Cookie comparison leaks no timing",
            "No timing difference between wrong cookies sharing 0 or N leading characters with the real one, nor between right-length and wrong-length cookies.",
            $"{Adr0058} hardening note 1", [P1, P3], InformationDisclosure | Spoofing,
            "White-box for the reference comparator; black-box over the socket, reporting the resolution achieved."),

        // ISO: isolation and limits
        new("ISO-COMPILER", Must, "The compiler runs out of process",
            "The compiler runs in a separate OS process; a compiler bomb yields an error reply, and the workspace and other sessions keep working.",
            $"{Adr0058} 2a", [P4], DenialOfService,
            "Deep nesting and huge sources sent while another session evaluates."),
        new("ISO-ACTOR", Must, "Actor crashes are isolated",
            "An actor crash or a malformed message to one actor does not affect the workspace or other actors; restarts are supervised.",
            $"{Adr0058} Part 3, principle 4", [P4], DenialOfService,
            "Crash one actor while others keep answering."),
        new("ISO-EVAL-LIMITS", Should, "Runaway evals are stopped",
            "A runaway eval (memory or steps) is stopped with a resource error; the workspace survives.",
            $"{Adr0058} Phase 2", [P4], DenialOfService,
            "Unbounded allocation and loops end in a resource error."),
        new("ISO-HALT", Caveat, "The FFI can halt the workspace",
            "An authenticated user can halt the workspace through the FFI (documented accepted risk).",
            $"{Adr0058} Negative consequences (no blast-radius reduction for FFI)", [P1], DenialOfService,
            "Erlang erlang halt: 0 ends the workspace process."),
        new("ISO-HOTRELOAD-SURVIVES-ROTATION", Caveat, "Hot-loaded code survives rotation",
            "Code hot-loaded by a session keeps running after cookie rotation until the workspace restarts.",
            $"{Adr0058} Negative consequences (hot reload persistence)", [P1], ElevationOfPrivilege,
            "A hot-loaded actor keeps its behaviour after rotation; a restart evicts it."),

        // CAP: capability surfaces the seeds accept
        new("CAP-SUBPROCESS", Caveat, "Subprocesses are unrestricted",
            "Subprocess spawning is unrestricted for an authenticated user.",
            $"{Adr0058} 2d", [P1], ElevationOfPrivilege,
            "System runCommand: runs an arbitrary executable."),
        new("CAP-NO-SUBPROCESS-FLAG", Should, "--no-subprocess disables the subprocess API",
            "With --no-subprocess the subprocess API is disabled, while the FFI can still reach the OS (stated).",
            $"{Adr0058} Phase 3", [P1], ElevationOfPrivilege,
            "System runCommand: fails under the flag; the FFI path still works."),
        new("CAP-FFI", Caveat, "The FFI reaches any module",
            "The FFI reaches any module; there is no allowlist.",
            $"{Adr0058} 2e", [P1], ElevationOfPrivilege,
            "Erlang os cmd: and file read_file: succeed."),
        new("CAP-TLS-VERIFY", Must, "HTTPS verifies peers",
            "The HTTP client rejects a self-signed certificate and a hostname mismatch, and accepts a chain it trusts.",
            $"{Adr0058} 2b", [P1], Spoofing | Tampering,
            "A local TLS server with a test CA."),
        new("CAP-SSRF", Caveat, "Local addresses are reachable",
            "HTTP requests to local and link-local addresses are not blocked.",
            $"{Adr0058} 2b (SSRF accepted)", [P1], InformationDisclosure,
            "Http get: to a loopback server succeeds."),
        new("CAP-FILE", Must, "File accepts any path with structured errors",
            "Absolute and .. paths work; errors are structured (not_found, permission_denied, is_directory, ...); exists: tells the truth; File tempDirectory composes with every operation; no invalid_path anywhere.",
            "ADR 0063", [P1], Tampering,
            "The ADR 0063 REPL session, with permission cases as a non-root user."),

        // PY: embedded Python sandbox
        new("PY-BLOCKED", Must, "Fork and exec are blocked in embedded Python",
            "fork, forkpty, system, popen, exec*, spawn*, posix_spawn*, subprocess Popen/run/call raise RuntimeError naming the operation and pointing to the host's process facility.",
            "erlang_python security guide", [P4], DenialOfService | ElevationOfPrivilege,
            "Each call from Python eval."),
        new("PY-UNREMOVABLE", Must, "The block cannot be removed from Python",
            "The block cannot be removed or disabled from Python code (patching the hook, monkeypatching sys.audit, subinterpreters, clearing hook lists).",
            "erlang_python security guide", [P4], ElevationOfPrivilege,
            "Each known bypass attempted from Python eval."),
        new("PY-NO-EVENT-PATHS", Should, "Paths without audit events are closed",
            "Paths that raise no audit event are closed too: _posixsubprocess.fork_exec, ctypes calls to libc fork/exec/system, multiprocessing spawn and forkserver.",
            "Beyond the seeds: measured leaks of a Python-level audit hook", [P4], ElevationOfPrivilege,
            "Each path attempted from Python eval."),
        new("PY-STATUS", Must, "is_sandboxed() tells the truth",
            "is_sandboxed() reports the real state of the sandbox.",
            "erlang_python security guide", [P4], Tampering,
            "Compare the reported flag with a blocked call's outcome."),
        new("PY-ALTERNATIVE", Must, "The recommended alternative works",
            "Asking the host to run a command, as the block's message recommends, works.",
            "erlang_python security guide", [P4], DenialOfService,
            "Run a command through the host facility from Python."),

        // CT: containers
        new("CT-ROOT-READS-COOKIE", Caveat, "Root in a container reads the cookie",
            "In a container running as root, another root process reads the 0600 cookie.",
            $"{Adr0058} 2c (acknowledged limitation)", [P3], InformationDisclosure,
            "A second root process in the container reads the cookie.") { AlsoGuards = Asset.Cookie, Demonstrates = DocumentedCaveat.RootInContainer },
        new("CT-BRIDGE-NOT-EXPOSED", Must, "Publishing the port does not expose the REPL",
            "With default container networking, publishing the port does not expose the REPL, which is bound to the container's loopback.",
            $"{Adr0058} 2c", [P5], InformationDisclosure | ElevationOfPrivilege,
            "Connect to the published port from the host.") { AlsoGuards = Asset.ReplEndpoint, Demonstrates = DocumentedCaveat.HostNetwork },
        new("CT-HOST-NETWORK", Caveat, "Host networking exposes the port to host processes",
            "With host networking, host processes reach the REPL port; the cookie is then the only gate and authentication still holds.",
            $"{Adr0058} 2c", [P1, P5], ElevationOfPrivilege,
            "Connect from the host, and authenticate with a wrong cookie.") { AlsoGuards = Asset.ReplEndpoint, Demonstrates = DocumentedCaveat.HostNetwork },
        new("CT-NONROOT", Must, "Non-root container users cannot read each other's cookie",
            "As a non-root container user, another uid cannot read the cookie.",
            $"{Adr0058} 2c", [P3], InformationDisclosure,
            "uid 1001 in the same container reads the cookie of uid 1000.") { AlsoGuards = Asset.Cookie, Demonstrates = DocumentedCaveat.RootInContainer },

        // BR: real browser
        new("BR-CROSS-SITE", Must, "Cross-site WebSocket hijacking fails",
            "A page from another origin, in a real browser, cannot complete a WebSocket handshake with the workspace.",
            $"{Adr0058} Part 1 (browser access)", [P1], Spoofing,
            "Headless Chromium on a page served from another origin."),
        new("BR-REBINDING", Must, "DNS rebinding fails",
            "A page served under a hostname that resolves to 127.0.0.1 cannot complete a WebSocket handshake either.",
            "Beyond the seeds: DNS rebinding against loopback services", [P1, P5], Spoofing,
            "Headless Chromium with a host-resolver rule mapping a foreign name to 127.0.0.1."),

        // DOC: the threat model
        new("DOC-GENERATED", Must, "The threat model is generated from evidence",
            "docs/security/threat-model.md is generated from the catalogue and a results file; regenerating it changes nothing.",
            $"{Adr0058} Phase 0", [P1], Repudiation,
            "The generator's output compared with the committed document."),
    ];

    private static readonly Dictionary<string, Requirement> ById =
        All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Requirement? requirement) =>
        ById.TryGetValue(id, out requirement);

    public static Requirement Get(string id) =>
        TryGet(id, out var requirement)
            ? requirement
            : throw new KeyNotFoundException($"No requirement '{id}' in the catalogue.");
}
