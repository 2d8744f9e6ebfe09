using Beamtalk.Conformance.Catalogue;
using static Beamtalk.Conformance.Catalogue.Principle;
using static Beamtalk.Conformance.Principles.Rules.FindingLevel;
using static Beamtalk.Conformance.Principles.Rules.Phase1Question;

namespace Beamtalk.Conformance.Principles.Rules;

/// <summary>
/// What one check means in every language: each language pack supplies how to spot it. The first principle
/// listed is the one the finding is filed under; the requirement IDs come from the catalogue.
/// </summary>
public sealed record RuleFamily(
    string Suffix,
    IReadOnlyList<Principle> Principles,
    FindingLevel Level,
    string Title,
    string Rationale,
    string KnownFalsePositives,
    IReadOnlyList<string> RequirementIds,
    Phase1Question Question = Phase1Question.None)
{
    public static readonly RuleFamily ListenWildcard = new("LISTEN-WILDCARD", [P5, P2], Violation,
        "Listener binds a wildcard or non-loopback address by default",
        "ADR 0058 principles 2 and 5: new network services bind loopback by default; anything wider needs an explicit flag and a startup warning. The REPL is code execution for whoever holds the cookie.",
        "A wildcard bind that only an explicit opt-in flag reaches, written as a literal in the listen call itself; a test server in production code paths.",
        ["NET-LOOPBACK", "NET-OPT-IN", "NET-ALL-LISTENERS"], BindsPort);

    public static readonly RuleFamily ListenLoopback = new("LISTEN-LOOPBACK", [P5], Satisfies,
        "Listener binds loopback by default",
        "Evidence for principle 5: the listener's default address (in the call, or in the setting it reads) is loopback.",
        "A loopback default that a later assignment in unchanged code overrides.",
        ["NET-LOOPBACK", "NET-ALL-LISTENERS"], BindsPort);

    public static readonly RuleFamily ListenUnresolved = new("LISTEN-UNRESOLVED", [P5, P2], NeedsAnswer,
        "Listener whose default address the diff does not show",
        "A new or changed listener must say where it binds by default; when the address comes from outside the diff, the author answers.",
        "Listeners whose address is fixed in unchanged code the diff does not show.",
        ["NET-LOOPBACK", "NET-ALL-LISTENERS", "NET-OPT-IN"], BindsPort);

    public static readonly RuleFamily SecretToOutput = new("SECRET-TO-OUTPUT", [P3], Violation,
        "Secret flows into a log, the console or a metadata file",
        "ADR 0058 principle 3: the cookie (and any new secret) is never displayed, logged or written into workspace metadata. Log a fingerprint instead.",
        "A variable whose name contains a secret stem but holds something else (a count, a label); a secret passed through a function the check does not know redacts it.",
        ["SECRET-NO-LEAK"], TouchesSecrets);

    public static readonly RuleFamily SecretToException = new("SECRET-TO-EXCEPTION", [P3], Violation,
        "Secret interpolated into an exception or crash message",
        "Principle 3: exception messages end up in logs, crash reports and REPL errors.",
        "Exceptions that carry the secret's path or fingerprint under a secret-like name the check does not recognise as a path.",
        ["SECRET-NO-LEAK"], TouchesSecrets);

    public static readonly RuleFamily SecretToArgv = new("SECRET-TO-ARGV", [P3], Violation,
        "Secret on a child process's command line",
        "ADR 0058 hardening note 3: argv is world-readable in /proc/PID/cmdline. Pass secrets through a file descriptor, stdin or an owner-only file.",
        "An argument that is the secret's path rather than its value, under a name the check cannot tell apart.",
        ["SECRET-NO-ARGV"], TouchesSecrets);

    public static readonly RuleFamily SecretToEnvironment = new("SECRET-TO-ENV", [P3], NeedsAnswer,
        "Secret in the environment of a child process",
        "Principle 3 and SECRET-NO-ENV (a SHOULD): /proc/PID/environ is readable by the owner and root, and children inherit it onwards. The author says why it is needed.",
        "Environment entries that carry a path to the secret under a secret-like name.",
        ["SECRET-NO-ENV"], TouchesSecrets);

    public static readonly RuleFamily SecretFileBroad = new("SECRET-FILE-BROAD", [P3, P6], Violation,
        "Secret written to a file without an owner-only mode at creation",
        "ADR 0058 2c: the cookie file is 0600 from the moment it exists; a chmod after the write leaves a window, and the umask is not ours to trust.",
        "Writes in a file named after a secret that write something else; a mode set by a helper the diff does not show.",
        ["SECRET-FILE-MODE", "SECRET-OTHER-USER"], TouchesSecrets);

    public static readonly RuleFamily SecretFileOwnerOnly = new("SECRET-FILE-OWNER-ONLY", [P3], Satisfies,
        "File created owner-only at open",
        "Evidence for principle 3 and 2c: the file's mode is owner read/write from its creation (open with a mode, an owner-only umask, or a helper that does).",
        "A helper recognised as owner-only by its definition elsewhere in the change that has another, broader code path.",
        ["SECRET-FILE-MODE"], TouchesSecrets);

    public static readonly RuleFamily CompareVariableTime = new("COMPARE-VARIABLE-TIME", [P1, P3], Violation,
        "Secret compared with an operator that stops at the first difference",
        "The cookie check is the boundary (principle 1); an early-exit compare leaks how much of a guess is right (SECRET-TIMING).",
        "Comparisons of a secret-named value that is not the secret (a token kind); compares against a constant such as an empty string are already excluded.",
        ["SECRET-TIMING", "AUTH-PRIVILEGED-OPS"], TouchesSecrets);

    public static readonly RuleFamily CompareLengthFirst = new("COMPARE-LENGTH-FIRST", [P1, P3], Violation,
        "Length check in front of a fixed-time compare",
        "ADR 0058 hardening note 1: returning early on a length mismatch leaks the secret's length and undoes the fixed-time compare. Hash both sides or let the compare absorb it.",
        "Length checks of two fixed-size digests (nothing to leak) next to a fixed-time compare.",
        ["SECRET-TIMING"], TouchesSecrets);

    public static readonly RuleFamily CompareFixedTime = new("COMPARE-FIXED-TIME", [P1], Satisfies,
        "Secret compared in fixed time",
        "Evidence for principle 1: the comparison does not stop at the first difference.",
        "A fixed-time compare of values that are not secrets.",
        ["SECRET-TIMING"], TouchesSecrets);

    public static readonly RuleFamily SpawnOrConnect = new("SPAWN-OR-NETWORK", [P1], NeedsAnswer,
        "New process spawn or outbound network request",
        "ADR 0058 Phase 1: accepted by the trust model (2b, 2d), but the PR description says so and notes that an authenticated user can reach it.",
        "Spawns and clients in build scripts or developer tooling that never run inside a workspace.",
        ["CAP-SUBPROCESS", "CAP-SSRF"], SpawnsOrConnects);

    public static readonly RuleFamily TlsVerificationOff = new("TLS-VERIFY-OFF", [P1], Violation,
        "TLS certificate or hostname verification turned off",
        "ADR 0058 2b: TLS peer verification is mandatory for the HTTP client; without it a network attacker stands in for any server.",
        "Test code against a self-signed local server (downgraded to a note in test paths).",
        ["CAP-TLS-VERIFY"], SpawnsOrConnects);

    public static readonly RuleFamily ForeignCodeOrFiles = new("FFI-OR-FILE", [P1], Note,
        "Native interop, dynamic calls or file access",
        "ADR 0058 2e and ADR 0063: accepted without allowlists; listed so the reviewer sees the surface grow.",
        "Every file read in ordinary code is listed; that is the point of a note.",
        ["CAP-FFI", "CAP-FILE"]);

    public static readonly RuleFamily WorkerUnsupervised = new("WORKER-UNSUPERVISED", [P4], NeedsAnswer,
        "Long-running worker started without supervision",
        "ADR 0058 principle 4: supervisors are mandatory for long-running actors; a crash in one must not take down the workspace, and a worker nobody watches dies silently.",
        "Short-lived background work whose failure does not matter; workers supervised by code the diff does not show.",
        ["ISO-ACTOR"], SupervisesWorkers);

    public static readonly RuleFamily CatchAllSwallow = new("CATCH-ALL-SWALLOW", [P4], Violation,
        "Catch-all that swallows every error",
        "Principle 4: crash isolation means catching per connection and logging, not hiding every failure; a silent catch-all at a connection boundary hides attacks and leaves state half-done.",
        "Deliberate best-effort cleanup (deleting a temporary file) written as a catch-all; prefer naming the exceptions.",
        ["AUTH-ROBUST", "ISO-ACTOR"]);

    public static readonly RuleFamily SharedWorkspace = new("SHARED-WORKSPACE", [P6], Violation,
        "Workspace or cookie shared between users",
        "ADR 0058 principle 6: one developer per workspace; a shared cookie or a per-user session map inside one workspace collapses the boundary to a shared secret.",
        "A launcher that keeps one workspace per user (the right design) under names like sessions_by_user.",
        ["SECRET-OTHER-USER"]);

    public static readonly RuleFamily Guard = new("GUARD", [P5, P1], Satisfies,
        "Origin, Host, XSRF or pre-authentication guard",
        "ADR 0058 principles 1 and 5: a loopback listener is still reachable from a browser page (cross-site requests, DNS rebinding) unless it checks Origin and Host, and an unauthenticated peer must not hold a connection open. Added, it is evidence; removed, it is how a regression looks in a diff, so the author says where the guard went.",
        "Any line naming origin, host-header, XSRF or handshake-timeout handling counts, including plumbing that only passes the setting on; a guard moved to another file reads as removed here and added there.",
        ["AUTH-ORIGIN", "NET-HOST", "AUTH-PREAUTH-TIMEOUT", "CAP-NO-SUBPROCESS-FLAG"], BindsPort);

    public static IReadOnlyList<RuleFamily> All { get; } =
    [
        ListenWildcard, ListenLoopback, ListenUnresolved,
        SecretToOutput, SecretToException, SecretToArgv, SecretToEnvironment, SecretFileBroad, SecretFileOwnerOnly,
        CompareVariableTime, CompareLengthFirst, CompareFixedTime,
        SpawnOrConnect, TlsVerificationOff, ForeignCodeOrFiles,
        WorkerUnsupervised, CatchAllSwallow, SharedWorkspace, Guard,
    ];
}
