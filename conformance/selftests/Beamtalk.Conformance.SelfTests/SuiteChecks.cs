using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.Checks.Python;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// Every requirement check the suite runs, for self-tests that run them all against one fixture.
/// CoverageTests keeps it in step with the suite's tags.
/// </summary>
internal static class SuiteChecks
{
    public static IReadOnlyList<(string Id, Func<Target, CancellationToken, Task<Evidence>> Check)> All { get; } =
    [
        ("NET-LOOPBACK", NetworkChecks.ListenersAreLoopbackAsync),
        ("NET-LOOPBACK", RemoteHostChecks.NotReachableFromAnotherHostAsync),
        ("NET-EPHEMERAL", NetworkChecks.PortsAreEphemeralAsync),
        ("NET-ALL-LISTENERS", NetworkChecks.AllListenersAreLocalAsync),
        ("NET-OPT-IN", NetworkChecks.NetworkBindNeedsOptInAsync),
        ("NET-HOST", UpgradeChecks.ForeignHostsAreRefusedAsync),
        ("NET-UDS", UnixSocketChecks.DaemonSocketIsPrivateAsync),
        ("ISO-COMPILER", CompilerChecks.CompilerBombsEndInErrorsAsync),
        ("ISO-EVAL-LIMITS", EvalLimitChecks.RunawayEvalsAreStoppedAsync),
        ("AUTH-NO-EVAL-BEFORE-AUTH", AuthChecks.NothingRunsBeforeAuthAsync),
        ("AUTH-REJECT", AuthChecks.WrongCookiesAreRejectedAsync),
        ("AUTH-ORIGIN", UpgradeChecks.ForeignOriginsAreRefusedAsync),
        ("AUTH-PREAUTH-TIMEOUT", SessionChecks.IdleUnauthenticatedSocketsAreClosedAsync),
        ("AUTH-PREAUTH-TIMEOUT", SessionChecks.ChattyUnauthenticatedSocketsAreClosedAsync),
        ("AUTH-PRIVILEGED-OPS", SessionChecks.ShutdownRechecksTheCookieAsync),
        ("AUTH-FLOOD", FloodChecks.OwnerIsNotStarvedByAFloodAsync),
        ("AUTH-ROBUST", RobustnessChecks.PreAuthInputIsClosedCleanlyAsync),
        ("AUTH-NO-ECHO", RobustnessChecks.PreAuthInputIsNeverEchoedAsync),
        ("SECRET-ENTROPY", CookieQualityChecks.CookiesCarry256RandomBitsAsync),
        ("SECRET-FILE-MODE", SecretFileChecks.CookieIsPrivateAsync),
        ("SECRET-TIGHTEN", CookieQualityChecks.BroadCookieIsTightenedOrRefusedAsync),
        ("SECRET-ATOMIC", CookieQualityChecks.ConcurrentStartsAgreeOnOneCookieAsync),
        ("SECRET-ATOMIC", CookieQualityChecks.CookieAppearsWholeAsync),
        ("SECRET-OTHER-USER", OtherUserChecks.AnotherUserCannotUseTheCookieAsync),
        ("SECRET-NO-LEAK", SecretLeakChecks.CookieNeverLeaksAsync),
        ("SECRET-NO-ARGV", ProcessSecretChecks.CookieNeverOnACommandLineAsync),
        ("SECRET-NO-ENV", ProcessSecretChecks.CookieNeverInAnEnvironmentAsync),
        ("SECRET-ROTATE", RotationChecks.RotationRetiresTheOldCookieAsync),
        ("SECRET-TIMING", TimingChecks.CookieCompareLeaksNoTimingAsync),
        ("CAP-FILE", FileApiChecks.FileTakesAnyPathWithStructuredErrorsAsync),
        ("CAP-SUBPROCESS", SubprocessChecks.SubprocessesAreUnrestrictedAsync),
        ("CAP-NO-SUBPROCESS-FLAG", SubprocessChecks.NoSubprocessDisablesTheSubprocessApiAsync),
        ("CAP-FFI", FfiChecks.FfiReachesAnyModuleAsync),
        ("ISO-HALT", FfiChecks.FfiCanHaltTheWorkspaceAsync),
        ("ISO-ACTOR", ActorChecks.ActorCrashesAreIsolatedAsync),
        ("ISO-HOTRELOAD-SURVIVES-ROTATION", ActorChecks.HotLoadedCodeSurvivesRotationAsync),
        ("CAP-TLS-VERIFY", HttpChecks.TlsPeersAndHostnamesAreVerifiedAsync),
        ("CAP-SSRF", HttpChecks.LocalAddressesAreReachableAsync),
        ("BR-CROSS-SITE", BrowserChecks.CrossSiteSocketsFailAsync),
        ("BR-REBINDING", BrowserChecks.RebindingPagesAreRefusedAsync),
        ("CT-ROOT-READS-COOKIE", ContainerChecks.RootReadsTheCookieAsync),
        ("CT-BRIDGE-NOT-EXPOSED", ContainerChecks.PublishedPortDoesNotExposeTheReplAsync),
        ("CT-HOST-NETWORK", ContainerChecks.HostNetworkReachesThePortAsync),
        ("CT-NONROOT", ContainerChecks.OtherUserCannotReadTheCookieAsync),
        ("PY-BLOCKED", PythonSandboxChecks.ForkAndExecAreBlockedAsync),
        ("PY-UNREMOVABLE", PythonSandboxChecks.TheBlockCannotBeRemovedAsync),
        ("PY-NO-EVENT-PATHS", PythonSandboxChecks.PathsWithoutEventsAreClosedAsync),
        ("PY-STATUS", PythonSandboxChecks.StatusTellsTheTruthAsync),
        ("PY-ALTERNATIVE", PythonSandboxChecks.TheAlternativeRunsThroughTheHostAsync),
    ];
}
