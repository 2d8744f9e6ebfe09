using Beamtalk.Conformance.Checks;
using Beamtalk.Conformance.KnownBad;
using Beamtalk.Conformance.Targets;

namespace Beamtalk.Conformance.SelfTests;

/// <summary>
/// Each requirement's check, run against a workspace with exactly one defect, must fail with that
/// requirement's ID; the same workspace without the defect must pass, so the defect is the cause.
/// </summary>
public sealed class KnownBadFixtureTests
{
    private static readonly (string Id, Defect Defect, Func<Target, CancellationToken, Task<Evidence>> Check)[] Cases =
    [
        ("NET-LOOPBACK", Defect.BindsAllInterfaces, NetworkChecks.ListenersAreLoopbackAsync),
        ("NET-EPHEMERAL", Defect.PredictablePort, NetworkChecks.PortsAreEphemeralAsync),
        ("NET-ALL-LISTENERS", Defect.OpensUdpOnAllInterfaces, NetworkChecks.AllListenersAreLocalAsync),
        ("NET-OPT-IN", Defect.BindsWithoutOptIn, NetworkChecks.NetworkBindNeedsOptInAsync),
        ("NET-HOST", Defect.IgnoresHostHeader, UpgradeChecks.ForeignHostsAreRefusedAsync),
        ("NET-UDS", Defect.DaemonSocketOpenToAll, UnixSocketChecks.DaemonSocketIsPrivateAsync),
        ("ISO-COMPILER", Defect.CompilesInProcess, CompilerChecks.CompilerBombsEndInErrorsAsync),
        ("ISO-EVAL-LIMITS", Defect.NoEvalLimit, EvalLimitChecks.RunawayEvalsAreStoppedAsync),
        ("AUTH-ORIGIN", Defect.IgnoresOrigin, UpgradeChecks.ForeignOriginsAreRefusedAsync),
        ("AUTH-PREAUTH-TIMEOUT", Defect.NoPreAuthTimeout, SessionChecks.IdleUnauthenticatedSocketsAreClosedAsync),
        ("AUTH-PREAUTH-TIMEOUT", Defect.PreAuthDeadlinePerFrame, SessionChecks.ChattyUnauthenticatedSocketsAreClosedAsync),
        ("AUTH-PRIVILEGED-OPS", Defect.ShutdownWithoutCookieCheck, SessionChecks.ShutdownRechecksTheCookieAsync),
        ("AUTH-FLOOD", Defect.SerialisesEveryMessage, FloodChecks.OwnerIsNotStarvedByAFloodAsync),
        ("AUTH-ROBUST", Defect.DropsConnectionOnMalformedJson, RobustnessChecks.PreAuthInputIsClosedCleanlyAsync),
        ("AUTH-NO-ECHO", Defect.EchoesPreAuthInput, RobustnessChecks.PreAuthInputIsNeverEchoedAsync),
        ("AUTH-NO-EVAL-BEFORE-AUTH", Defect.EvaluatesBeforeAuth, AuthChecks.NothingRunsBeforeAuthAsync),
        ("AUTH-REJECT", Defect.AcceptsCookiePrefix, AuthChecks.WrongCookiesAreRejectedAsync),
        ("SECRET-FILE-MODE", Defect.CookieUnderUmask, SecretFileChecks.CookieIsPrivateAsync),
        ("SECRET-FILE-MODE", Defect.ChmodsCookieAfterWriting, SecretFileChecks.CookieIsPrivateAsync),
        ("SECRET-ENTROPY", Defect.ShortCookie, CookieQualityChecks.CookiesCarry256RandomBitsAsync),
        ("SECRET-TIGHTEN", Defect.IgnoresBroadCookie, CookieQualityChecks.BroadCookieIsTightenedOrRefusedAsync),
        ("SECRET-ATOMIC", Defect.NoStartLock, CookieQualityChecks.ConcurrentStartsAgreeOnOneCookieAsync),
        ("SECRET-ATOMIC", Defect.WritesCookieInPlace, CookieQualityChecks.CookieAppearsWholeAsync),
        ("SECRET-OTHER-USER", Defect.CookieUnderUmask, OtherUserChecks.AnotherUserCannotUseTheCookieAsync),
        ("SECRET-ROTATE", Defect.KeepsOldCookieAfterRotation, RotationChecks.RotationRetiresTheOldCookieAsync),
        ("SECRET-NO-ARGV", Defect.CookieInHelperArgv, ProcessSecretChecks.CookieNeverOnACommandLineAsync),
        ("SECRET-NO-ENV", Defect.CookieInHelperEnv, ProcessSecretChecks.CookieNeverInAnEnvironmentAsync),
        ("SECRET-NO-LEAK", Defect.LogsCookieHex, SecretLeakChecks.CookieNeverLeaksAsync),
        ("SECRET-NO-LEAK", Defect.GreetsWithCookie, SecretLeakChecks.CookieNeverLeaksAsync),
        ("CAP-FILE", Defect.SandboxesFilePaths, FileApiChecks.FileTakesAnyPathWithStructuredErrorsAsync),
        ("CAP-SUBPROCESS", Defect.FakesRunCommand, SubprocessChecks.SubprocessesAreUnrestrictedAsync),
        ("CAP-NO-SUBPROCESS-FLAG", Defect.IgnoresNoSubprocess, SubprocessChecks.NoSubprocessDisablesTheSubprocessApiAsync),
        ("CAP-FFI", Defect.FfiAllowlist, FfiChecks.FfiReachesAnyModuleAsync),
        ("ISO-HALT", Defect.IgnoresHalt, FfiChecks.FfiCanHaltTheWorkspaceAsync),
        ("ISO-ACTOR", Defect.ActorCrashTakesDownSession, ActorChecks.ActorCrashesAreIsolatedAsync),
        ("ISO-ACTOR", Defect.NoActorRestart, ActorChecks.ActorCrashesAreIsolatedAsync),
        ("ISO-HOTRELOAD-SURVIVES-ROTATION", Defect.RotationStopsHotLoadedCode, ActorChecks.HotLoadedCodeSurvivesRotationAsync),
        ("CAP-TLS-VERIFY", Defect.SkipsTlsVerification, HttpChecks.TlsPeersAndHostnamesAreVerifiedAsync),
        ("CAP-TLS-VERIFY", Defect.SkipsHostnameCheck, HttpChecks.TlsPeersAndHostnamesAreVerifiedAsync),
        ("CAP-SSRF", Defect.BlocksLoopbackHttp, HttpChecks.LocalAddressesAreReachableAsync),
        ("BR-CROSS-SITE", Defect.IgnoresOrigin, BrowserChecks.CrossSiteSocketsFailAsync),
        ("BR-REBINDING", Defect.IgnoresHostHeader, BrowserChecks.RebindingPagesAreRefusedAsync),
        ("CT-ROOT-READS-COOKIE", Defect.DeletesCookieAfterReading, ContainerChecks.RootReadsTheCookieAsync),
        ("CT-BRIDGE-NOT-EXPOSED", Defect.BindsAllInterfaces, ContainerChecks.PublishedPortDoesNotExposeTheReplAsync),
        ("CT-HOST-NETWORK", Defect.AcceptsCookiePrefix, ContainerChecks.HostNetworkReachesThePortAsync),
        ("CT-NONROOT", Defect.CookieUnderUmask, ContainerChecks.OtherUserCannotReadTheCookieAsync),
    ];

    [Fact, KnownBad("NET-LOOPBACK")]
    public Task Listening_on_all_interfaces_fails_NET_LOOPBACK() => AssertFailsAsync(Defect.BindsAllInterfaces, "NET-LOOPBACK");

    [Fact, KnownBad("NET-EPHEMERAL")]
    public Task A_port_chosen_by_the_workspace_fails_NET_EPHEMERAL() => AssertFailsAsync(Defect.PredictablePort);

    [Fact, KnownBad("NET-ALL-LISTENERS")]
    public Task A_udp_socket_on_all_interfaces_fails_NET_ALL_LISTENERS() => AssertFailsAsync(Defect.OpensUdpOnAllInterfaces);

    [Fact, KnownBad("NET-OPT-IN")]
    public Task Binding_the_network_without_opt_in_fails_NET_OPT_IN() => AssertFailsAsync(Defect.BindsWithoutOptIn);

    [Fact, KnownBad("NET-HOST")]
    public Task Ignoring_the_host_header_fails_NET_HOST() => AssertFailsAsync(Defect.IgnoresHostHeader, "NET-HOST");

    [Fact, KnownBad("NET-UDS")]
    public Task A_compiler_daemon_socket_open_to_every_user_fails_NET_UDS() => AssertFailsAsync(Defect.DaemonSocketOpenToAll);

    [Fact, KnownBad("ISO-COMPILER")]
    public Task Compiling_in_the_workspace_process_fails_ISO_COMPILER() => AssertFailsAsync(Defect.CompilesInProcess);

    [Fact, KnownBad("ISO-EVAL-LIMITS")]
    public Task Evaluating_without_a_budget_fails_ISO_EVAL_LIMITS() => AssertFailsAsync(Defect.NoEvalLimit);

    [Fact, KnownBad("AUTH-ORIGIN")]
    public Task Ignoring_the_origin_fails_AUTH_ORIGIN() => AssertFailsAsync(Defect.IgnoresOrigin, "AUTH-ORIGIN");

    [Fact, KnownBad("AUTH-PREAUTH-TIMEOUT")]
    public Task Waiting_forever_for_authentication_fails_AUTH_PREAUTH_TIMEOUT() => AssertFailsAsync(Defect.NoPreAuthTimeout);

    [Fact, KnownBad("AUTH-PREAUTH-TIMEOUT")]
    public Task Restarting_the_bound_on_every_frame_fails_AUTH_PREAUTH_TIMEOUT() => AssertFailsAsync(Defect.PreAuthDeadlinePerFrame);

    [Fact, KnownBad("AUTH-ROBUST")]
    public Task Dropping_the_connection_on_malformed_json_fails_AUTH_ROBUST() => AssertFailsAsync(Defect.DropsConnectionOnMalformedJson);

    [Fact, KnownBad("AUTH-NO-ECHO")]
    public Task Quoting_the_first_message_in_auth_error_fails_AUTH_NO_ECHO() => AssertFailsAsync(Defect.EchoesPreAuthInput);

    [Fact, KnownBad("AUTH-FLOOD")]
    public Task Serialising_every_message_behind_a_slow_lock_fails_AUTH_FLOOD() => AssertFailsAsync(Defect.SerialisesEveryMessage);

    [Fact, KnownBad("AUTH-PRIVILEGED-OPS")]
    public Task Shutdown_without_a_cookie_check_fails_AUTH_PRIVILEGED_OPS() => AssertFailsAsync(Defect.ShutdownWithoutCookieCheck);

    [Fact, KnownBad("AUTH-NO-EVAL-BEFORE-AUTH")]
    public Task Evaluating_before_auth_fails_AUTH_NO_EVAL_BEFORE_AUTH() => AssertFailsAsync(Defect.EvaluatesBeforeAuth);

    [Fact, KnownBad("AUTH-REJECT")]
    public Task Accepting_a_cookie_prefix_fails_AUTH_REJECT() => AssertFailsAsync(Defect.AcceptsCookiePrefix, "AUTH-REJECT");

    [Fact, KnownBad("SECRET-FILE-MODE")]
    public Task A_cookie_created_under_the_umask_fails_SECRET_FILE_MODE() => AssertFailsAsync(Defect.CookieUnderUmask, "SECRET-FILE-MODE");

    [Fact, KnownBad("SECRET-FILE-MODE")]
    public Task A_cookie_narrowed_by_chmod_after_writing_fails_SECRET_FILE_MODE() => AssertFailsAsync(Defect.ChmodsCookieAfterWriting);

    [Fact, KnownBad("SECRET-ENTROPY")]
    public Task A_192_bit_cookie_fails_SECRET_ENTROPY() => AssertFailsAsync(Defect.ShortCookie);

    [Fact, KnownBad("SECRET-TIGHTEN")]
    public Task Using_a_cookie_others_can_read_fails_SECRET_TIGHTEN() => AssertFailsAsync(Defect.IgnoresBroadCookie);

    [Fact, KnownBad("SECRET-ATOMIC")]
    public Task Starting_without_a_lock_fails_SECRET_ATOMIC() => AssertFailsAsync(Defect.NoStartLock);

    [Fact, KnownBad("SECRET-ATOMIC")]
    public Task Writing_the_cookie_at_its_final_name_fails_SECRET_ATOMIC() => AssertFailsAsync(Defect.WritesCookieInPlace);

    [Fact, KnownBad("SECRET-OTHER-USER")]
    public Task A_cookie_readable_by_others_fails_SECRET_OTHER_USER() => AssertFailsAsync(Defect.CookieUnderUmask, "SECRET-OTHER-USER");

    [Fact, KnownBad("SECRET-ROTATE")]
    public Task Accepting_the_old_cookie_after_rotation_fails_SECRET_ROTATE() => AssertFailsAsync(Defect.KeepsOldCookieAfterRotation);

    [Fact, KnownBad("SECRET-NO-ARGV")]
    public Task A_helper_started_with_the_cookie_as_an_argument_fails_SECRET_NO_ARGV() => AssertFailsAsync(Defect.CookieInHelperArgv);

    [Fact, KnownBad("SECRET-NO-ENV")]
    public Task A_helper_started_with_the_cookie_in_its_environment_fails_SECRET_NO_ENV() => AssertFailsAsync(Defect.CookieInHelperEnv);

    [Fact, KnownBad("SECRET-NO-LEAK")]
    public Task Logging_the_cookie_in_hex_fails_SECRET_NO_LEAK() => AssertFailsAsync(Defect.LogsCookieHex);

    [Fact, KnownBad("SECRET-NO-LEAK")]
    public Task Greeting_callers_with_the_cookie_fails_SECRET_NO_LEAK() => AssertFailsAsync(Defect.GreetsWithCookie);

    [Fact, KnownBad("CAP-FILE")]
    public Task Refusing_absolute_and_dot_dot_paths_with_invalid_path_fails_CAP_FILE() => AssertFailsAsync(Defect.SandboxesFilePaths);

    [Fact, KnownBad("CAP-SUBPROCESS")]
    public Task Pretending_to_run_a_command_fails_CAP_SUBPROCESS() => AssertFailsAsync(Defect.FakesRunCommand);

    [Fact, KnownBad("CAP-NO-SUBPROCESS-FLAG")]
    public Task Ignoring_no_subprocess_fails_CAP_NO_SUBPROCESS_FLAG() => AssertFailsAsync(Defect.IgnoresNoSubprocess);

    [Fact, KnownBad("CAP-FFI")]
    public Task An_undocumented_ffi_allowlist_fails_CAP_FFI() => AssertFailsAsync(Defect.FfiAllowlist);

    [Fact, KnownBad("ISO-HALT")]
    public Task Ignoring_halt_fails_ISO_HALT() => AssertFailsAsync(Defect.IgnoresHalt);

    [Fact, KnownBad("ISO-ACTOR")]
    public Task An_actor_crash_that_resets_its_session_fails_ISO_ACTOR() => AssertFailsAsync(Defect.ActorCrashTakesDownSession);

    [Fact, KnownBad("ISO-ACTOR")]
    public Task Leaving_a_crashed_actor_down_fails_ISO_ACTOR() => AssertFailsAsync(Defect.NoActorRestart);

    [Fact, KnownBad("ISO-HOTRELOAD-SURVIVES-ROTATION")]
    public Task Rotation_that_evicts_hot_loaded_code_fails_ISO_HOTRELOAD_SURVIVES_ROTATION() => AssertFailsAsync(Defect.RotationStopsHotLoadedCode);

    [Fact, KnownBad("CAP-TLS-VERIFY")]
    public Task Accepting_any_certificate_fails_CAP_TLS_VERIFY() => AssertFailsBecauseAsync(Defect.SkipsTlsVerification, "a self-signed certificate for localhost was accepted");

    [Fact, KnownBad("CAP-TLS-VERIFY")]
    public Task Accepting_a_trusted_certificate_for_another_host_fails_CAP_TLS_VERIFY() => AssertFailsBecauseAsync(Defect.SkipsHostnameCheck, "for wrong-host.invalid was accepted");

    [Fact, KnownBad("CAP-SSRF")]
    public Task Blocking_loopback_requests_fails_the_documented_CAP_SSRF_caveat() => AssertFailsBecauseAsync(Defect.BlocksLoopbackHttp, "the loopback server did not see the request");

    [Fact, KnownBad("BR-CROSS-SITE")]
    public Task Ignoring_the_origin_fails_BR_CROSS_SITE_in_a_real_browser() => AssertFailsAsync(Defect.IgnoresOrigin, "BR-CROSS-SITE");

    // A rebound page's Origin names a foreign host too, so only a server checking neither Host nor Origin lets it in.
    [Fact, KnownBad("BR-REBINDING")]
    public Task Ignoring_host_and_origin_fails_BR_REBINDING_in_a_real_browser() =>
        KnownBadAssert.FailsWithAsync("BR-REBINDING", KnownBadTarget.With(Defect.IgnoresOrigin, Defect.IgnoresHostHeader), BrowserChecks.RebindingPagesAreRefusedAsync);

    [Fact, KnownBad("CT-ROOT-READS-COOKIE")]
    public Task Keeping_no_cookie_file_fails_the_documented_CT_ROOT_READS_COOKIE_caveat() => AssertFailsBecauseAsync(Defect.DeletesCookieAfterReading, "could not read the cookie");

    [Fact, KnownBad("CT-BRIDGE-NOT-EXPOSED")]
    public Task Listening_on_all_container_interfaces_fails_CT_BRIDGE_NOT_EXPOSED() => AssertFailsAsync(Defect.BindsAllInterfaces, "CT-BRIDGE-NOT-EXPOSED");

    [Fact, KnownBad("CT-HOST-NETWORK")]
    public Task Accepting_a_cookie_prefix_under_host_networking_fails_CT_HOST_NETWORK() => AssertFailsAsync(Defect.AcceptsCookiePrefix, "CT-HOST-NETWORK");

    [Fact, KnownBad("CT-NONROOT")]
    public Task A_cookie_created_under_the_container_umask_fails_CT_NONROOT() => AssertFailsAsync(Defect.CookieUnderUmask, "CT-NONROOT");

    /// <summary>Every distinct check of the table, named by its requirement and method.</summary>
    public static TheoryData<string, string> Checks => [.. Cases.Select(c => (c.Id, c.Check.Method.Name)).Distinct()];

    [Theory, MemberData(nameof(Checks))]
    public async Task The_fixture_without_its_defect_passes(string id, string checkName)
    {
        var (_, _, check) = Cases.First(c => c.Id == id && c.Check.Method.Name == checkName);
        var evidence = await check(KnownBadTarget.Sound, TestContext.Current.CancellationToken);
        Assert.Equal(id, evidence.RequirementId);
    }

    // For checks with several rules: the defect must break the rule it is about, not an earlier one by accident.
    private static async Task AssertFailsBecauseAsync(Defect defect, string reason)
    {
        var (id, _, check) = Cases.Single(c => c.Defect == defect);
        var violation = await KnownBadAssert.FailsWithAsync(id, KnownBadTarget.With(defect), check);
        Assert.Contains(reason, violation.Message, StringComparison.Ordinal);
    }

    private static async Task AssertFailsAsync(Defect defect, string? requirement = null)
    {
        var (id, _, check) = Cases.Single(c => c.Defect == defect && (requirement is null || c.Id == requirement));
        await KnownBadAssert.FailsWithAsync(id, KnownBadTarget.With(defect), check);
    }

}
