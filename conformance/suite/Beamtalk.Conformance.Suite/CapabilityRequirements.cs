using Beamtalk.Conformance.Checks;

namespace Beamtalk.Conformance.Suite;

public sealed class CapabilityRequirements : RequirementTest
{
    [Fact, Requirement("CAP-FILE")]
    public Task File_takes_absolute_and_dot_dot_paths_and_answers_with_structured_errors() => VerifyAsync(FileApiChecks.FileTakesAnyPathWithStructuredErrorsAsync);

    [Fact, Requirement("CAP-SUBPROCESS")]
    public Task System_run_command_runs_any_program() => VerifyAsync(SubprocessChecks.SubprocessesAreUnrestrictedAsync);

    [Fact, Requirement("CAP-NO-SUBPROCESS-FLAG")]
    public Task No_subprocess_refuses_run_command_while_the_ffi_still_reaches_the_os() => VerifyAsync(SubprocessChecks.NoSubprocessDisablesTheSubprocessApiAsync);

    [Fact, Requirement("CAP-FFI")]
    public Task The_ffi_reads_files_and_runs_commands() => VerifyAsync(FfiChecks.FfiReachesAnyModuleAsync);

    [Fact, Requirement("ISO-HALT")]
    public Task The_ffi_can_halt_the_workspace() => VerifyAsync(FfiChecks.FfiCanHaltTheWorkspaceAsync);

    [Fact, Requirement("CAP-TLS-VERIFY")]
    public Task Http_get_accepts_a_trusted_chain_and_refuses_self_signed_and_wrong_host_certificates() => VerifyAsync(HttpChecks.TlsPeersAndHostnamesAreVerifiedAsync);

    [Fact, Requirement("CAP-SSRF")]
    public Task Http_get_reaches_a_loopback_server() => VerifyAsync(HttpChecks.LocalAddressesAreReachableAsync);
}
